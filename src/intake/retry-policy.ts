import { DomainError } from '../domain/index.js';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { scrub } from '../logging/scrub.js';
import { errorText } from '../platform/error-text.js';

/**
 * When a queued message that failed is tried again, when intake stops trying and hands it to the DPO as
 * a dead letter (an uncertain case from what is known of it: only for a failure no retry mends, a defect
 * that failed maxAttempts times, or a message that took the process down), and when a mailbox counts as
 * stalled.
 */

export interface RetryPolicy {
  /** The wait after the 1st, 2nd, ... failed attempt; the last one repeats. */
  delaysMs: readonly number[];
  /**
   * After this many failed attempts a message that keeps failing for a reason that may pass (an outage,
   * a permission not yet granted) marks its mailbox as stalled: the DPOs are told and readiness fails. It
   * is never dead-lettered for that; it keeps being tried at the last delay.
   */
  maxAttempts: number;
  /** Attempts that started and never ended (the process died or hung) before the message is a dead letter. */
  maxCrashes?: number;
}

const MINUTE = 60_000;
export const DEFAULT_RETRY: RetryPolicy = {
  delaysMs: [30_000, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, 60 * MINUTE],
  maxAttempts: 5,
  maxCrashes: 3,
};

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

/**
 * A defect in the code or the data it meets (a TypeError, RangeError, ...): not an outage, so not worth
 * trying for ever, but possibly a fluke, so a dead letter only after maxAttempts.
 */
export function isDefect(error: unknown): boolean {
  // fetch's network failure is a TypeError too ("fetch failed", the socket error as its cause): an outage.
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (error instanceof TypeError && (error.message === 'fetch failed' || typeof cause?.code === 'string')) return false;
  return (
    error instanceof TypeError ||
    error instanceof RangeError ||
    error instanceof ReferenceError ||
    error instanceof SyntaxError ||
    error instanceof URIError
  );
}

export class PermanentFailure extends Error {
  override name = 'PermanentFailure';
}

/**
 * A failure's reason for a case note, a queue row and a log line: the first line of its text through the
 * one scrubber the logs use (addresses, names, quoted values), control characters flattened, kept short.
 */
export function failureReason(error: unknown): string {
  return scrub(errorText(error, { firstLine: true }))
    .replace(/\p{Cc}+/gu, ' ')
    .slice(0, 300);
}
