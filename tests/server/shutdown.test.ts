import { Agent, request } from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/local/azurite.js';
import { createLogger } from '../../src/logging/logger.js';
import { runApp } from '../../src/server/run.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/** Stopping the app (Ctrl-C locally, SIGTERM on App Service) while a client keeps polling over keep-alive. */

describe('shutdown', () => {
  it('finishes while a keep-alive client polls /readyz, instead of waiting for it for ever', async () => {
    const port = await freePort();
    // Warnings are kept: a slow stop says what it waits for, and a failure here shows it.
    const warnings: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => done(void warnings.push(String(chunk))) });
    const app = await runApp(loadConfig({ ...storeEnv(uniquePrefix()), PORT: String(port) }), createLogger('warn', sink));
    // One socket, kept alive between requests, as a monitoring probe or a browser tab does.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let polling = true;
    let answered = 0;
    let closed = false;
    let closing: Promise<unknown> | undefined;
    const poll = async () => {
      while (polling) {
        const ok = await new Promise<boolean>((resolve) => {
          const req = request({ host: '127.0.0.1', port, path: '/readyz', agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(true));
          });
          req.on('error', () => resolve(false));
          req.end();
          // Close while this request is in flight: its socket is busy, not idle, when close() looks.
          if (answered === 3 && !closing) closing = app.close().then(() => (closed = true));
        });
        if (!ok) break;
        answered++;
      }
    };
    const poller = poll();
    await expect.poll(() => closing).toBeDefined();
    // The poller goes on for as long as the server answers it; close() must end the connection itself.
    await Promise.race([closing, new Promise((r) => setTimeout(r, 25_000))]);
    polling = false;
    await poller;
    agent.destroy();
    expect(closed, warnings.join('')).toBe(true);
  }, 60_000);
});
