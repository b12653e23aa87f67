import { GraphErrors, type GraphHttpError } from '../errors.js';
import type { DevApp } from '../model.js';

/**
 * The dev tenant's request and response, independent of node:http so `$batch` can dispatch its
 * sub-requests through exactly the same path as top-level requests.
 */

export interface DevRequest {
  method: string;
  /** Path below /v1.0, decoded, starting with '/'. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** e.g. https://localhost:3979 */
  origin: string;
  requestId: string;
  clientRequestId: string;
  app?: DevApp | undefined;
  /** For a delegated token: the signed-in user and the token's delegated permissions (`scp`). */
  delegated?: { userId: string; scopes: string[] } | undefined;
  /** Set for sub-requests of a $batch. */
  inBatch?: boolean;
}

export interface DevResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON value, or raw bytes/text with their Content-Type header set. */
  body?: unknown;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): DevResponse => ({ status, body, headers });

export const noContent = (headers: Record<string, string> = {}): DevResponse => ({ status: 204, headers });

/** A Graph error as its response, for the paths that answer rather than throw. */
export function graphErrorResponse(ids: Pick<DevRequest, 'requestId' | 'clientRequestId'>, error: GraphHttpError, date: Date): DevResponse {
  return { status: error.status, headers: error.headers, body: errorBody(ids, error.code, error.message, date) };
}

export function errorBody(req: Pick<DevRequest, 'requestId' | 'clientRequestId'>, code: string, message: string, date: Date) {
  return {
    error: {
      code,
      message,
      innerError: {
        date: date.toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': req.requestId,
        'client-request-id': req.clientRequestId,
      },
    },
  };
}

/** The request body as a JSON object, or the 400 Graph sends for an unreadable payload. */
export function jsonBody(req: DevRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(req.body.toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw GraphErrors.unreadableJson();
}

export const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
