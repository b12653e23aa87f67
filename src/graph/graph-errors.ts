/** The Graph SDK throws GraphError with the HTTP status in `statusCode`. */
export const isGraphNotFound = (error: unknown): boolean => (error as { statusCode?: number } | null)?.statusCode === 404;

/** An id Exchange cannot even parse names no message either (400 ErrorInvalidIdMalformed). */
export const isGraphMalformedId = (error: unknown): boolean => {
  const e = error as { statusCode?: number; code?: string } | null;
  return e?.statusCode === 400 && e.code === 'ErrorInvalidIdMalformed';
};
