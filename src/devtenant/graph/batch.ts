import pLimit from 'p-limit';
import { badRequest, errorBody, json, jsonBody, type DevRequest, type DevResponse } from '../http/kit.js';
import type { Route, Services } from './context.js';
import { dispatch } from './dispatch.js';

/**
 * POST /$batch: up to 20 requests, run through the same dispatch as top-level requests (so each one is
 * authorised and throttled on its own), at most 4 at a time, honouring dependsOn (424 when a dependency
 * failed). Responses come back in completion order, as Graph does not promise any order.
 */

export const MAX_BATCH = 20;
const PARALLEL = 4;

interface SubRequest {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

function parse(req: DevRequest): SubRequest[] {
  const body = jsonBody(req);
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw badRequest('Invalid batch payload format: requests must be a non-empty array.', 'BadRequest');
  if (requests.length > MAX_BATCH) throw badRequest(`Number of batch request steps exceeds the maximum of ${MAX_BATCH}.`, 'BadRequest');
  const ids = new Set<string>();
  for (const r of requests as SubRequest[]) {
    if (!r || typeof r.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string') {
      throw badRequest('Invalid batch payload format: every request needs id, method and url.', 'BadRequest');
    }
    if (ids.has(r.id)) throw badRequest(`Batch request id '${r.id}' is used more than once.`, 'BadRequest');
    if (/^https?:/i.test(r.url)) throw badRequest('Batch request urls must be relative to the version, e.g. /users/{id}/messages.', 'BadRequest');
    ids.add(r.id);
  }
  for (const r of requests as SubRequest[]) {
    for (const dep of r.dependsOn ?? []) if (!ids.has(dep)) throw badRequest(`Request '${r.id}' depends on unknown request '${dep}'.`, 'BadRequest');
    if (r.body !== undefined && !Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')) {
      throw badRequest(`Request '${r.id}' has a body but no Content-Type header.`, 'BadRequest');
    }
  }
  return requests as SubRequest[];
}

function subRequest(parent: DevRequest, r: SubRequest): DevRequest {
  const url = r.url.startsWith('/') ? r.url : `/${r.url}`;
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
  const body = r.body === undefined ? Buffer.alloc(0) : typeof r.body === 'string' && !/json/i.test(headers['content-type'] ?? '') ? Buffer.from(r.body, 'base64') : Buffer.from(JSON.stringify(r.body));
  return {
    method: r.method.toUpperCase(),
    path: rawPath.split('/').map((s) => decodeURIComponent(s)).join('/'),
    query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
    headers,
    body,
    origin: parent.origin,
    requestId: crypto.randomUUID(),
    clientRequestId: parent.clientRequestId,
    app: parent.app,
    inBatch: true,
  };
}

function asBatchBody(res: DevResponse): unknown {
  if (Buffer.isBuffer(res.body)) return res.body.toString('base64');
  return res.body;
}

export async function batch(req: DevRequest, routes: Route[], services: Services): Promise<DevResponse> {
  const requests = parse(req);
  const limit = pLimit(PARALLEL);
  const done = new Map<string, Promise<number>>();
  const responses: Record<string, unknown>[] = [];

  const run = (r: SubRequest): Promise<number> => {
    let p = done.get(r.id);
    if (p) return p;
    p = (async () => {
      const deps = await Promise.all((r.dependsOn ?? []).map((d) => run(requests.find((x) => x.id === d)!)));
      if (deps.some((status) => status >= 400)) {
        responses.push({ id: r.id, status: 424, headers: { 'Content-Type': 'application/json' }, body: errorBody(req, 'FailedDependency', 'A request this request depends on failed.', services.tenant.now()) });
        return 424;
      }
      const res = await limit(() => dispatch(subRequest(req, r), routes, services));
      const headers: Record<string, string> = { ...(res.headers ?? {}) };
      if (res.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
      responses.push({ id: r.id, status: res.status, headers, ...(res.body !== undefined ? { body: asBatchBody(res) } : {}) });
      return res.status;
    })();
    done.set(r.id, p);
    return p;
  };

  await Promise.all(requests.map(run));
  return json(200, { responses });
}
