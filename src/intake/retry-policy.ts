import { DomainError } from '../domain/index.js';
import { GraphError } from '@microsoft/microsoft-graph-client';

/**
 * When a queued message that failed is tried again, and when intake stops trying and hands it to the DPO
 * as a dead letter (an uncertain case from what is known of it).
 */

export interface RetryPolicy {
  /** The wait after the 1st, 2nd, ... failed attempt; the last one repeats. */
  delaysMs: readonly number[];
  /** After this many failed attempts the message becomes a dead letter. */
  maxAttempts: number;
}

const MINUTE = 60_000;
export const DEFAULT_RETRY: RetryPolicy = { delaysMs: [30_000, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, 60 * MINUTE], maxAttempts: 5 };

export function retryDelayMs(policy: RetryPolicy, attempts: number): number {
  const index = Math.min(Math.max(attempts, 1), policy.delaysMs.length) - 1;
  return policy.delaysMs[index] ?? 30_000;
}

/** Graph's answers that trying again will not change (the id is malformed, names nothing, or is refused as such). */
const PERMANENT_GRAPH = new Set([400, 404, 405, 410, 413, 415, 422]);

/**
 * A failure no retry mends: Graph refusing the message id, the domain refusing what intake made of it, a
 * message that is not there. Throttling, outages, 401/403 (a permission the admin may still grant) and
 * storage errors are worth retrying.
 */
export function isPermanent(error: unknown): boolean {
  if (error instanceof PermanentFailure) return true;
  if (error instanceof DomainError) return error.code === 'invalid_input';
  // Only Graph's own answers: the table store's errors carry a statusCode too, and are worth retrying.
  return error instanceof GraphError && PERMANENT_GRAPH.has(error.statusCode);
}

export class PermanentFailure extends Error {
  override name = 'PermanentFailure';
}

/** Error text without addresses or quoted values (a validation message quotes what it refused): for case notes and logs. */
export function scrubbed(text: string): string {
  return text
    .replace(/"[^"]*"@[^\s<>(),;:]+/g, '<address>')
    .replace(/"[^"]*"|'[^']*'/g, '"…"')
    .replace(/[^\s<>(),;:]+@[^\s<>(),;:]+/g, '<address>')
    .replace(/\p{Cc}+/gu, ' ')
    .slice(0, 300);
}
