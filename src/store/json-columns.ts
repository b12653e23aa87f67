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
  const chunks = Math.max(1, Math.ceil(json.length / CHUNK));
  if (chunks > MAX_CHUNKS) throw new Error(`${what} is too large to store (${json.length} characters)`);
  const columns = { chunks } as JsonColumns;
  for (let i = 0; i < chunks; i++) columns[`d${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return columns;
}

export function fromJsonColumns<T>(entity: Record<string, unknown>): T {
  const chunks = Number(entity.chunks);
  let json = '';
  for (let i = 0; i < chunks; i++) json += String(entity[`d${i}`] ?? '');
  return JSON.parse(json) as T;
}
