import { GraphErrors } from '../errors.js';
import type { DevRequest } from '../http/kit.js';

/** OData conventions shared by every collection: $select, $top/$skip, paging links, Prefer headers. */

export interface Preferences {
  maxPageSize?: number | undefined;
  immutableIds: boolean;
  textBody: boolean;
}

export function preferences(req: DevRequest): Preferences {
  const prefer = req.headers.prefer ?? '';
  const max = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer)?.[1];
  return {
    // A page size of 0 cannot be honoured (paging would never advance); Graph then uses its default.
    maxPageSize: max && Number(max) >= 1 ? Number(max) : undefined,
    immutableIds: /IdType\s*=\s*"?ImmutableId"?/i.test(prefer),
    textBody: /outlook\.body-content-type\s*=\s*"?text"?/i.test(prefer),
  };
}

/** The Preference-Applied header value for what a handler honoured. */
export function preferenceApplied(applied: string[]): Record<string, string> {
  return applied.length ? { 'Preference-Applied': applied.join(', ') } : {};
}

/** The $select list, in the caller's order; an unknown property is a 400 with the workload's own code. */
export function selectList(
  req: DevRequest,
  allowed: readonly string[],
  typeName: string,
  workload: 'exchange' | 'directory' = 'exchange',
): string[] | undefined {
  const raw = req.query.get('$select');
  if (!raw) return undefined;
  const wanted = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of wanted) {
    if (!allowed.some((a) => a.toLowerCase() === name.toLowerCase())) {
      throw GraphErrors.unknownProperty(name, typeName, workload);
    }
  }
  return wanted.map((name) => allowed.find((a) => a.toLowerCase() === name.toLowerCase())!);
}

/**
 * Keeps the selected properties and the OData annotations. Outlook also always returns `id`; the directory
 * returns only what was selected (GET /users/{id}?$select=displayName has no id), so it passes `always: []`.
 */
export function project<T extends Record<string, unknown>>(
  entity: T,
  select: string[] | undefined,
  always: readonly string[] = ['id'],
): Record<string, unknown> {
  if (!select) return entity;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (key.startsWith('@odata.') || always.includes(key) || select.includes(key)) out[key] = value;
  }
  return out;
}

export function intParam(req: DevRequest, name: string, { min, max }: { min: number; max: number }): number | undefined {
  const raw = req.query.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw GraphErrors.notANumber(raw, name);
  const value = Number(raw);
  if (value < min || value > max) throw GraphErrors.outOfRange(raw, name, min, max);
  return value;
}

/** The same request URL with some query parameters replaced (undefined removes one). */
export function linkTo(req: DevRequest, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(req.query);
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) query.delete(key);
    else query.set(key, value);
  }
  const qs = query.toString().replace(/%24/g, '$').replace(/%2C/gi, ',');
  return `${req.origin}/v1.0${encodePath(req.path)}${qs ? `?${qs}` : ''}`;
}

export function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) =>
      encodeURIComponent(s)
        .replace(/%40/g, '@')
        .replace(/%3A/gi, ':')
        .replace(/%24/g, '$')
        .replace(/%27/g, "'")
        .replace(/%28/g, '(')
        .replace(/%29/g, ')'),
    )
    .join('/');
}

export function contextUrl(req: DevRequest, fragment: string, select?: string[]): string {
  return `${req.origin}/v1.0/$metadata#${fragment}${select ? `(${select.join(',')})` : ''}`;
}

/** Opaque continuation tokens: base64url JSON, which is all a client may assume about Graph's too. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(raw: string, what: string): T {
  try {
    return JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as T;
  } catch {
    throw GraphErrors.invalidToken(what);
  }
}
