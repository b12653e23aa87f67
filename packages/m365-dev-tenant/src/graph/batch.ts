import pLimit from 'p-limit';
import { GraphErrors } from '../errors.js';
import { errorBody, GRAPH_JSON, json, jsonBody, type DevRequest, type DevResponse } from '../http/kit.js';
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
  if (!Array.isArray(requests) || requests.length === 0) throw GraphErrors.batchEmpty();
  if (requests.length > MAX_BATCH) throw GraphErrors.batchTooLarge(MAX_BATCH);
  const ids = new Set<string>();
  for (const r of requests as SubRequest[]) {
    if (!r || typeof r.id !== 'string' || typeof r.method !== 'string' || typeof r.url !== 'string') {
      throw GraphErrors.batchRequestShape();
    }
    if (ids.has(r.id)) throw GraphErrors.batchDuplicateId(r.id);
    if (/^https?:/i.test(r.url)) throw GraphErrors.batchAbsoluteUrl();
    if (/^\/?(v1\.0\/)?\$batch\b/i.test(r.url)) throw GraphErrors.batchNested();
    ids.add(r.id);
  }
  for (const r of requests as SubRequest[]) {
    if (r.dependsOn !== undefined && (!Array.isArray(r.dependsOn) || !r.dependsOn.every((d) => typeof d === 'string'))) {
      throw GraphErrors.batchDependsOnShape(r.id);
    }
    for (const dep of r.dependsOn ?? []) if (!ids.has(dep)) throw GraphErrors.batchUnknownDependency(r.id, dep);
    if (r.body !== undefined && !Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')) {
      throw GraphErrors.batchBodyWithoutType(r.id);
    }
  }
  refuseCycles(requests as SubRequest[]);
  return requests as SubRequest[];
}

/** A dependsOn cycle (or a request depending on itself) could never run: the batch is malformed. */
function refuseCycles(requests: SubRequest[]): void {
  const byId = new Map(requests.map((r) => [r.id, r]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (r: SubRequest): void => {
    if (state.get(r.id) === 'done') return;
    if (state.get(r.id) === 'visiting') throw GraphErrors.batchCycle(r.id);
    state.set(r.id, 'visiting');
    for (const dep of r.dependsOn ?? []) visit(byId.get(dep)!);
    state.set(r.id, 'done');
  };
  requests.forEach(visit);
}

/** Like a top-level request: a segment that is not valid percent-encoding is matched as written. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function subRequest(parent: DevRequest, r: SubRequest): DevRequest {
  // The SDK's BatchRequestContent strips only scheme and host, so its steps arrive as /v1.0/...; Graph accepts both.
  const url = (r.url.startsWith('/') ? r.url : `/${r.url}`).replace(/^\/v1\.0(?=\/)/i, '');
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
  const body =
    r.body === undefined
      ? Buffer.alloc(0)
      : typeof r.body === 'string' && !/json/i.test(headers['content-type'] ?? '')
        ? Buffer.from(r.body, 'base64')
        : Buffer.from(JSON.stringify(r.body));
  return {
    method: r.method.toUpperCase(),
    path: rawPath.split('/').map(decodeSegment).join('/'),
    query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
    headers,
    body,
    origin: parent.origin,
    requestId: crypto.randomUUID(),
    clientRequestId: parent.clientRequestId,
    app: parent.app,
    delegated: parent.delegated,
    inBatch: true,
  };
}

/**
 * A sub-response's headers as the documented example shows them: Cache-Control, and for OData JSON the full
 * OData content type with OData-Version (error bodies are plain application/json there).
 */
function subResponseHeaders(res: DevResponse): Record<string, string> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache', ...(res.headers ?? {}) };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  if (res.body !== undefined && !hasType) {
    const isJson = !Buffer.isBuffer(res.body) && typeof res.body !== 'string';
    headers['Content-Type'] = isJson && res.status < 400 ? GRAPH_JSON : isJson ? 'application/json' : 'application/octet-stream';
    if (isJson && res.status < 400) headers['OData-Version'] = '4.0';
  }
  return headers;
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
    if (p !== undefined) return p;
    p = (async () => {
      const deps = await Promise.all((r.dependsOn ?? []).map((d) => run(requests.find((x) => x.id === d)!)));
      if (deps.some((status) => status >= 400)) {
        responses.push({
          id: r.id,
          status: 424,
          headers: { 'Cache-Control': 'no-cache', 'Content-Type': 'application/json' },
          body: failedDependency(req, services.tenant.now()),
        });
        return 424;
      }
      const res = await limit(() => dispatch(subRequest(req, r), routes, services));
      responses.push({
        id: r.id,
        status: res.status,
        headers: subResponseHeaders(res),
        ...(res.body !== undefined ? { body: asBatchBody(res) } : {}),
      });
      return res.status;
    })();
    done.set(r.id, p);
    return p;
  };

  await Promise.all(requests.map(run));
  return json(200, { responses });
}

function failedDependency(req: DevRequest, now: Date) {
  const error = GraphErrors.failedDependency();
  return errorBody(req, error.code, error.message, now);
}
