/**
 * What a Graph (Exchange) message id can be: URL-safe base64 (letters, digits, `-`, `_`, `=` padding).
 * A `/` or `+` is never in one, and in a path it would split or change the URL the product asks Graph
 * for, so such an id is refused at the door (400) instead of failing later inside Graph.
 */
export const GRAPH_ID = /^[A-Za-z0-9_=-]+$/;
export const MAX_GRAPH_ID = 512;

export const isGraphId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_GRAPH_ID && GRAPH_ID.test(value);
