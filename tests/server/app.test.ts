import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/local/azurite.js';
import { createLogger } from '../../src/logging/logger.js';
import { createApp } from '../../src/server/app.js';
import { runApp, type RunningApp } from '../../src/server/run.js';
import { StoreUnavailableError } from '../../src/store/store-unavailable.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

describe('the HTTP app', () => {
  let app: RunningApp;

  beforeAll(async () => {
    const config = loadConfig({ ...storeEnv(uniquePrefix()), PORT: String(await freePort()) });
    app = await runApp(config, createLogger('silent'));
  });
  afterAll(() => app?.close());

  it('answers /healthz', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', version: '0.1.0' });
  });

  it('answers /readyz when the store is reachable', async () => {
    const response = await fetch(`${app.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { store: 'ok' } });
  });

  it('answers 404 with a reason for unknown routes', async () => {
    const response = await fetch(`${app.url}/api/cases`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toMatch(/does not exist/);
  });
});

describe('the HTTP app on a busy port', () => {
  it('says which port and which setting to change', async () => {
    const blocker = (await import('node:net')).createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, resolve));
    try {
      const config = loadConfig({ ...storeEnv(uniquePrefix()), PORT: String(port) });
      await expect(runApp(config, createLogger('silent'))).rejects.toThrow(
        `port ${port} is in use: is the app already running? Stop it, or set PORT to a free port.`,
      );
    } finally {
      blocker.close();
    }
  });
});

describe('the HTTP app without its store', () => {
  it('refuses to start, saying where the store should have been', async () => {
    const port = await freePort();
    const config = loadConfig({ DSAR_LOCAL_TABLES_PORT: String(port), PORT: String(await freePort()) });
    await expect(runApp(config, createLogger('silent'))).rejects.toThrow(
      `cannot reach the case store (local Azurite at http://127.0.0.1:${port}/devstoreaccount1)`,
    );
  });
});

describe('the last resort for what a route lets escape', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write: (chunk, _enc, done) => {
      lines.push(String(chunk));
      done();
    },
  });
  let url: string;
  let server: ReturnType<typeof createApp>;
  const SECRET = 'anna.hansen@example.com';

  beforeAll(async () => {
    server = createApp({ logger: createLogger('info', sink), version: 'test', readiness: [] });
    // Real routes that fail the ways a bug would: a throw, a rejection, a throw from a callback, an outage.
    server.get('/sync', (_req, _res, _next) => {
      throw new TypeError(`Cannot read properties of null (reading '${SECRET}')`);
    });
    server.get('/async', async () => {
      throw new Error(`failed for ${SECRET}`);
    });
    server.get('/later', (_req, _res, _next) => {
      setTimeout(() => {
        throw new Error(`timer for ${SECRET}`);
      }, 1);
    });
    server.get('/store-down', async () => {
      throw new StoreUnavailableError('local Azurite at http://127.0.0.1:1', 'ECONNREFUSED');
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers 500 with a generic body, never the error text, and logs it without the text', async () => {
    for (const path of ['/sync', '/async', '/later']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text), path).toEqual({ code: 'internal_error', message: expect.stringMatching(/try again/) });
      expect(text).not.toContain(SECRET);
    }
    expect(lines.join('')).not.toContain(SECRET);
    expect(lines.filter((l) => l.includes('http: request failed'))).toHaveLength(3);
    // Still serving.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // Without node:domain: loading it makes Node track every promise of the process (request-errors.ts).
    expect((process as unknown as { moduleLoadList: string[] }).moduleLoadList).not.toContain('NativeModule domain');
  });

  it('answers 503 with Retry-After when the store is down', async () => {
    const response = await fetch(`${url}/store-down`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await response.text()).not.toMatch(/Azurite|ECONNREFUSED/);
  });
});
