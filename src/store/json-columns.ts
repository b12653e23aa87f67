/**
 * A table property holds at most 64 KiB (32K UTF-16 characters), an entity 1 MiB. Case records are
 * usually a few KB, but a long task list or many source messages must not make a write fail, so the
 * JSON is split over numbered columns d0, d1, ...
 */
const CHUNK = 30_000;
const MAX_CHUNKS = 15;

export type JsonColumns = Record<`d${number}`, string> & { chunks: number };

export function toJsonColumns(value: unknown, what: string): JsonColumns {
  const json = JSON.stringify(value);
  const parts: string[] = [];
  for (let at = 0; at < json.length || parts.length === 0; ) {
    let end = Math.min(json.length, at + CHUNK);
    // Never split a surrogate pair (an emoji in a chat message): each column must be valid UTF-16 on its own.
    if (end < json.length && /[\uD800-\uDBFF]/.test(json[end - 1]!)) end--;
    parts.push(json.slice(at, end));
    at = end;
  }
  if (parts.length > MAX_CHUNKS) throw new Error(`${what} is too large to store (${json.length} characters)`);
  const columns = { chunks: parts.length } as JsonColumns;
  for (const [i, part] of parts.entries()) columns[`d${i}`] = part;
  return columns;
}

export function fromJsonColumns<T>(entity: Record<string, unknown>): T {
  const chunks = Number(entity.chunks);
  let json = '';
  for (let i = 0; i < chunks; i++) json += String(entity[`d${i}`] ?? '');
  return JSON.parse(json) as T;
}
