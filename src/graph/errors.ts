/** The Graph SDK throws GraphError with the HTTP status in `statusCode` and Graph's error code in `code`. */
export const graphStatus = (error: unknown): number | undefined => (error as { statusCode?: number } | null)?.statusCode;

export const isGraphNotFound = (error: unknown): boolean => graphStatus(error) === 404;

/** An id Exchange cannot even parse names no message either (400 ErrorInvalidIdMalformed). */
export const isGraphMalformedId = (error: unknown): boolean => {
  const e = error as { statusCode?: number; code?: string } | null;
  return e?.statusCode === 400 && e.code === 'ErrorInvalidIdMalformed';
};

/** A request cut by the client's time limit (request-timeout.ts); the SDK wraps it, keeping the name as `code`. */
export const isGraphTimeout = (error: unknown): boolean =>
  (error as { name?: string; code?: string } | null)?.code === 'GraphTimeoutError' || (error as Error | null)?.name === 'GraphTimeoutError';
