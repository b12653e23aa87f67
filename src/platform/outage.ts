import { GraphError } from '@microsoft/microsoft-graph-client';

/**
 * A dependency (the table store, Microsoft Graph or its sign-in) is down or throttling: the caller did
 * nothing wrong and should retry, so the answer is 503 with Retry-After, never 500.
 */

/** Seconds a client is asked to wait; Graph's own webhook retries back off further on their own. */
export const RETRY_AFTER_SECONDS = 30;

const TRANSIENT_GRAPH = new Set([-1, 0, 429, 500, 502, 503, 504]);

export function isDependencyDown(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // By name: store/store-unavailable.ts and @azure/identity sit above this layer.
  if (['StoreUnavailableError', 'CredentialUnavailableError', 'AuthenticationError', 'SigningKeysUnavailable'].includes(error.name))
    return true;
  return error instanceof GraphError && TRANSIENT_GRAPH.has(error.statusCode);
}
