/**
 * The table store could not be reached at all (nothing listening, DNS, TLS, credentials). In a file of its
 * own, free of the SDK, so callers can recognise it without loading @azure/data-tables.
 */
export class StoreUnavailableError extends Error {
  constructor(
    readonly location: string,
    readonly reason: string,
  ) {
    super(`cannot reach the case store (${location}): ${reason}`);
    this.name = 'StoreUnavailableError';
  }
}
