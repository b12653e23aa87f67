import { isIP } from 'node:net';
import { z } from 'zod';
import type { ServiceUrlPolicy } from './service-urls.js';

/**
 * The one gate in front of the Bot Framework adapter, in two steps: `refuseSender` before the body is
 * read (without a bot registration: only the Playground's server-side POST on this machine), and
 * `refuseActivity` on the parsed body (its shape, the service URL it names, its delivery mode).
 * Pure checks on the request as it arrived: nothing is read from or written to the store before them.
 */

export interface SenderRequest {
  socket?: { remoteAddress?: string | undefined; localPort?: number | undefined } | undefined;
  headers?: Record<string, string | string[] | undefined>;
}

export type Refusal = { status: 400 | 403; code: 'invalid_activity' | 'forbidden'; reason: string };

const forbidden = (reason: string): Refusal => ({ status: 403, code: 'forbidden', reason });
const invalid = (reason: string): Refusal => ({ status: 400, code: 'invalid_activity', reason });

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (how a dual-stack socket reports 127.0.0.1). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/** The Host values a client on this machine uses for the app's own port; any other name is DNS rebinding or a tunnel. */
export function isLocalHost(host: string | undefined, port: number | undefined): boolean {
  if (!host || !port) return false;
  const h = host.toLowerCase();
  return h === `localhost:${port}` || h === `127.0.0.1:${port}` || h === `[::1]:${port}`;
}

const header = (req: SenderRequest, name: string) => {
  const v = req.headers?.[name];
  return Array.isArray(v) ? v.join(',') : v;
};

/**
 * Without a registration (`unsigned`) nothing but the network vouches for an activity, so it must come
 * from loopback, name this machine in Host (a rebound DNS name or a tunnel's does not), and carry no
 * browser headers: a web page's POST always sends Origin (and Sec-Fetch-Site to localhost); the Playground
 * posts from its Node server through axios, which sends neither. (Sec-Fetch-Mode is no sign: Node's fetch sends it.)
 */
export function refuseSender(req: SenderRequest, unsigned: boolean): Refusal | undefined {
  if (!unsigned) return undefined;
  if (!isLoopback(req.socket?.remoteAddress))
    return forbidden('this bot runs without a Bot Framework registration and accepts activities only from this machine');
  if (!isLocalHost(header(req, 'host'), req.socket?.localPort))
    return forbidden('this bot runs without a Bot Framework registration and accepts activities only for localhost');
  if (header(req, 'origin') !== undefined || header(req, 'sec-fetch-site') !== undefined)
    return forbidden('this bot runs without a Bot Framework registration and accepts no activities from a web page');
  return undefined;
}

const account = z.looseObject({ id: z.string().max(1024) });
/**
 * What every Bot Framework activity carries (Teams and the Playground always send these). The optional
 * fields may be null: channels serialise an absent value either way, and a genuine activity must not get 400.
 */
const activityShape = z.looseObject({
  type: z.string({ error: 'type is required' }).min(1, 'type is required').max(64),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().min(1).max(2048),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: account,
  recipient: account,
  id: z.string().max(1024).nullish(),
  text: z.string().nullish(),
  locale: z.string().max(64).nullish(),
  timestamp: z.string().max(64).nullish(),
  localTimestamp: z.string().max(64).nullish(),
  expiration: z.string().max(64).nullish(),
  deliveryMode: z.string().max(64).nullish(),
});

/**
 * Delivery modes answered on the channel, not in the HTTP response. `expectReplies` (and the others)
 * would return the bot's replies, case cards included, in the response body, past the service-URL list.
 * `default` is how the Playground names the normal mode.
 */
const CHANNEL_DELIVERY = new Set(['normal', 'default']);

/** Why the parsed activity is refused, or undefined when it may go on to authentication and the bot. */
export function refuseActivity(body: unknown, options: { serviceUrls: ServiceUrlPolicy; unsigned: boolean }): Refusal | undefined {
  const shape = activityShape.safeParse(body);
  if (!shape.success) {
    const reason = shape.error.issues.map((i) => `${i.path.join('.') || 'activity'}: ${i.message}`).join('; ');
    return invalid(`Not a Bot Framework activity: ${reason}`);
  }
  const a = shape.data;
  if (!options.serviceUrls.allows(a.serviceUrl)) return forbidden('the activity names a serviceUrl this bot does not talk to');
  if (options.unsigned && a.deliveryMode != null && !CHANNEL_DELIVERY.has(a.deliveryMode))
    return invalid(`deliveryMode "${a.deliveryMode.slice(0, 64)}" is not accepted here; only normal delivery is`);
  return undefined;
}
