/** The Graph SDK throws GraphError with the HTTP status in `statusCode` and Graph's error code in `code`. */
export const graphStatus = (error: unknown): number | undefined => (error as { statusCode?: number } | null)?.statusCode;

export const isGraphNotFound = (error: unknown): boolean => graphStatus(error) === 404;

/** An id Exchange cannot even parse names no message either (400 ErrorInvalidIdMalformed). */
export const isGraphMalformedId = (error: unknown): boolean => {
  const e = error as { statusCode?: number; code?: string } | null;
  return e?.statusCode === 400 && e.code === 'ErrorInvalidIdMalformed';
};
