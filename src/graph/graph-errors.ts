/** The Graph SDK throws GraphError with the HTTP status in `statusCode`. */
export const isGraphNotFound = (error: unknown): boolean => (error as { statusCode?: number } | null)?.statusCode === 404;
