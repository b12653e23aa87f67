import { RestError } from '@azure/data-tables';
import { StoreUnavailableError } from './store-unavailable.js';

export { StoreUnavailableError };

export function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

/** Optimistic concurrency lost: an ETag no longer matched (412) or a key was taken meanwhile (409). */
export function isConflict(error: unknown): boolean {
  return isStatus(error, 409, 412);
}

export function isNotFound(error: unknown): boolean {
  return isStatus(error, 404);
}

/** Turns transport failures into StoreUnavailableError; anything else is rethrown as it is. */
export function storeFailure(error: unknown, location: string): unknown {
  // No HTTP status means the request never got an answer: refused, DNS, TLS, timeout.
  if (error instanceof RestError && !error.statusCode) return new StoreUnavailableError(location, error.code ?? error.message);
  if (error instanceof Error && error.name === 'CredentialUnavailableError') {
    return new StoreUnavailableError(location, `no Azure credential available (${error.message.split('\n')[0]})`);
  }
  if (error instanceof RestError && (error.statusCode === 401 || error.statusCode === 403)) {
    return new StoreUnavailableError(
      location,
      `access denied (${error.statusCode}); check the identity's Storage Table Data Contributor role`,
    );
  }
  return error;
}

/** The store answered with one of these HTTP statuses. */
export function isStatus(error: unknown, ...codes: number[]): boolean {
  const status = statusOf(error);
  return status !== undefined && codes.includes(status);
}
