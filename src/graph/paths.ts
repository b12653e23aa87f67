/**
 * `/users/{id}`: an object id, a userPrincipalName or an address. Always encoded, as one path segment:
 * an address may hold `+`, `#`, `/`, `?` or non-ASCII letters, which would otherwise end or split the
 * path (the SDK passes the path through as it is).
 */
export const userPath = (user: string): string => `/users/${encodeURIComponent(user)}`;
