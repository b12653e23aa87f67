import { isIP } from 'node:net';
import type { ServiceUrlPolicy } from './service-urls.js';

/**
 * What an incoming activity must be before the Bot Framework adapter or any handler sees it: an object
 * with a type, a conversation and a sender, naming a service URL the bot talks to; and, when the bot runs
 * without a registration (local mode, the Playground's unsigned requests), sent from this machine.
 * Pure checks on the request as it arrived: nothing is read from or written to the store before them.
 */

export interface GateRequest {
  body?: unknown;
  socket?: { remoteAddress?: string | undefined } | undefined;
}

export type Refusal = { status: 400 | 403; reason: string };

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (how a dual-stack socket reports 127.0.0.1). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/** Whether an activity without a Bot Framework token may come from where this request came from: only loopback. */
export function acceptsUnsigned(req: GateRequest): boolean {
  return isLoopback(req.socket?.remoteAddress);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why the activity is refused, or undefined when it may go on to authentication and the bot. */
export function refuseActivity(req: GateRequest, options: { serviceUrls: ServiceUrlPolicy; unsigned: boolean }): Refusal | undefined {
  // Checked first: an unsigned request from another machine learns nothing, not even what is wrong with its body.
  if (options.unsigned && !acceptsUnsigned(req))
    return { status: 403, reason: 'this bot runs without a Bot Framework registration and accepts activities only from this machine' };
  const a = req.body;
  if (!isObject(a)) return { status: 400, reason: 'the body must be a Bot Framework activity (a JSON object)' };
  if (typeof a.type !== 'string' || !a.type) return { status: 400, reason: 'the activity has no type' };
  if (!isObject(a.conversation) || typeof a.conversation.id !== 'string' || !a.conversation.id)
    return { status: 400, reason: 'the activity has no conversation id' };
  if (!isObject(a.from)) return { status: 400, reason: 'the activity has no sender (from)' };
  if (!options.serviceUrls.allows(a.serviceUrl))
    return { status: 403, reason: 'the activity names a serviceUrl this bot does not talk to' };
  return undefined;
}
