import dns from 'node:dns';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/local/azurite.js';
import { createLogger } from '../../src/logging/logger.js';
import { runApp, type RunningApp } from '../../src/server/run.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/** POST /api/messages as the app serves it in Azure: only with a valid Bot Framework token. */

const BOT = {
  DSAR_BOT_APP_ID: '0f6a8c52-3c1d-4e5f-9a7b-2d4e6f8a0b1c',
  DSAR_BOT_APP_PASSWORD: 'not-a-real-secret-used-only-in-tests',
  DSAR_BOT_TENANT_ID: '3273f1e5-52ce-473f-92a8-31064c858f55',
};
const activity = {
  type: 'message',
  id: '1',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  text: 'sager',
  from: { id: '29:x', aadObjectId: 'f42480b8-dde4-4295-bd1e-b7dd4383ea03' },
  conversation: { id: 'a:x' },
  recipient: { id: '28:bot' },
};

describe('the bot endpoint with a bot registration', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await runApp(
      loadConfig({
        ...storeEnv(uniquePrefix()),
        PORT: String(await freePort()),
        ...BOT,
        DSAR_DPO_USER_IDS: 'f42480b8-dde4-4295-bd1e-b7dd4383ea03',
      }),
      createLogger('silent'),
    );
  });
  afterAll(() => app?.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('rejects an activity without a Bot Framework token', async () => {
    const response = await post(JSON.stringify(activity));
    expect(response.status).toBe(401);
  });

  it('refuses multipart and other non-JSON bodies with 415 before reading them, and leaves no upload file', async () => {
    const before = new Set(readdirSync(tmpdir()));
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify(activity)]), 'a.json');
    form.append('file', new Blob(['x'.repeat(100 * 1024)]), 'big.bin');
    const multipart = await fetch(`${app.url}/api/messages`, { method: 'POST', body: form });
    expect(multipart.status).toBe(415);
    expect(((await multipart.json()) as { message: string }).message).toMatch(/application\/json/);
    const urlencoded = await post('type=message', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(urlencoded.status).toBe(415);
    expect(readdirSync(tmpdir()).filter((f) => !before.has(f) && f.startsWith('upload_'))).toEqual([]);
  });

  it('answers an activity without type, null or an array with 400 and a reason, never 500', async () => {
    const { type: _type, ...untyped } = activity;
    const noType = await post(JSON.stringify(untyped));
    expect(noType.status).toBe(400);
    expect(((await noType.json()) as { message: string }).message).toMatch(/type is required/);
    for (const body of ['null', '[]', '"message"', JSON.stringify({ ...activity, conversation: null })]) {
      const response = await post(body);
      expect(response.status, body).toBe(400);
    }
  });

  it("answers 503 with Retry-After when Microsoft's sign-in metadata cannot be fetched", async () => {
    // A token the connector must check against login.botframework.com's keys: right issuer and audience, unknown key.
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ serviceurl: activity.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: 'not-a-microsoft-key', typ: 'JWT' })
      .setIssuer('https://api.botframework.com')
      .setAudience(BOT.DSAR_BOT_APP_ID)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    // Microsoft's hosts do not resolve for this test, whatever the network: the test never leaves the machine
    // and always sees the outage (every connection looks its host up through dns.lookup when it connects).
    const realLookup = dns.lookup;
    let intercepted = 0;
    const microsoft = /(^|\.)(botframework\.com|microsoftonline\.com|microsoft\.com)$/i;
    dns.lookup = ((hostname: string, options: unknown, callback?: unknown) => {
      const done = (typeof options === 'function' ? options : callback) as (error: NodeJS.ErrnoException) => void;
      if (microsoft.test(hostname) && ++intercepted)
        return void process.nextTick(done, Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
      return (realLookup as (...args: unknown[]) => void)(hostname, options, callback);
    }) as typeof dns.lookup;
    try {
      const response = await post(JSON.stringify(activity), { authorization: `Bearer ${token}` });
      const text = await response.text();
      expect(text).not.toMatch(/ENOTFOUND|request to|stack|at /);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      // The connector did look Microsoft up (through the lookup above, not a cache or another resolver).
      expect(intercepted).toBeGreaterThan(0);
    } finally {
      dns.lookup = realLookup;
    }
  });

  it('rejects malformed and oversized bodies with a reason, before any bot logic', async () => {
    const malformed = await post('{"type": "message",');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toMatch(/JSON/i);
    const oversized = await post(JSON.stringify({ ...activity, text: 'x'.repeat(300 * 1024) }));
    expect(oversized.status).toBe(413);
    // Chunked, without Content-Length: counted while reading.
    const chunked = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([JSON.stringify({ ...activity, text: 'x'.repeat(300 * 1024) })]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });
});

describe('the bot endpoint in Azure without a bot registration', () => {
  it('does not exist, rather than running without authentication', async () => {
    const app = await runApp(loadConfig({ ...storeEnv(uniquePrefix()), PORT: String(await freePort()) }), createLogger('silent'));
    try {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(response.status).toBe(404);
      expect(app.bot).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
