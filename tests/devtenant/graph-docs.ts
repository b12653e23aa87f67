import { expect } from 'vitest';
import { readFileSync } from 'node:fs';

/** The documented Graph examples in tests/devtenant/graph-docs (collected from Microsoft's docs). */
export interface GraphDoc {
  source: string;
  request: { method: string; url: string; headers?: Record<string, string>; body?: unknown };
  response: { status: number; headers?: Record<string, string>; body?: unknown; body_text?: string };
  notes?: string[];
  [key: string]: unknown;
}

export function readDoc(name: string): GraphDoc {
  return JSON.parse(readFileSync(new URL(`./graph-docs/${name}`, import.meta.url), 'utf8')) as GraphDoc;
}

/** The documented message properties, in the documented order. */
export const MESSAGE_KEYS = Object.keys(readDoc('message-get.json').response.body as object).filter((k) => k !== '@odata.context');

export interface GraphErrorBody {
  error: { code: string; message: string; innerError: Record<string, string> };
}

/** Graph's documented error envelope {error:{code,message,innerError:{date,request-id,client-request-id}}}; returns it. */
export async function expectGraphError(
  res: Response,
  status: number,
  code?: string,
  message?: string | RegExp,
): Promise<GraphErrorBody['error']> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as GraphErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  if (code !== undefined) expect(body.error.code).toBe(code);
  else expect(body.error.code).toMatch(/^[\w.-]+$/);
  if (typeof message === 'string') expect(body.error.message).toBe(message);
  else if (message) expect(body.error.message).toMatch(message);
  expect(Object.keys(body.error.innerError).sort()).toEqual(['client-request-id', 'date', 'request-id']);
  expect(body.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  expect(body.error.innerError['request-id']).toBe(res.headers.get('request-id'));
  return body.error;
}
