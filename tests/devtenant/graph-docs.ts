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
