import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/local/azurite.js';
import { createLogger } from '../../src/logging/logger.js';
import { runApp, type RunningApp } from '../../src/server/run.js';
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
