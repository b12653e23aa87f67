/**
 * Pieces of the dev tenant's inside that its tests hold up against the running server: a second token
 * issuer (a well-formed token the tenant did not sign) and the brute-force KQL matcher the search index
 * must agree with. Not for the product.
 */
export { TokenIssuer } from './auth/tokens.js';
export { matchesKql, parseKql } from './query/kql.js';
export { searchable } from './query/search-index.js';
