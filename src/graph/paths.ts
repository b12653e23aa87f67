/**
 * `/users/{id}`: an object id, a userPrincipalName or an address. Always encoded, as one path segment:
 * an address may hold `+`, `#`, `/`, `?` or non-ASCII letters, which would otherwise end or split the
 * path (the SDK passes the path through as it is).
 */
export const userPath = (user: string): string => `/users/${encodeURIComponent(user)}`;

/**
 * `/users/{mailbox}/messages/{id}`: the id encoded as one path segment, so an id holding `/`, `?` or `#`
 * (a forged notification, a corrupted row) is an id Graph refuses (400/404), never another resource.
 */
export const messagePath = (mailbox: string, id: string): string => `${userPath(mailbox)}/messages/${encodeURIComponent(id)}`;
