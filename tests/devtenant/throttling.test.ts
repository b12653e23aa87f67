import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';

/** Outlook's per-app-per-mailbox throttling, OneDrive's own budget, and the fault switches. */

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(() => t?.close());

const json = (body: unknown) => ({ method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const setFaults = (faults: unknown) => t.dev('/faults', json(faults));
const setThrottle = (throttle: unknown) => t.dev('/throttle', json(throttle));
const counters = async () =>
  (await (await t.dev('/counters')).json()) as {
    throttled429: number;
    requestsByMailbox: Record<string, number>;
    maxConcurrency: Record<string, number>;
    injected: Record<string, number>;
  };

async function reset() {
  await setFaults({});
  await setThrottle({
    outlook: { concurrency: 4, limit: 10_000, windowMs: 600_000 },
    onedrive: { concurrency: 10, limit: 1_250, windowMs: 60_000 },
  });
  await t.dev('/counters', { method: 'DELETE' });
}

describe.sequential('throttling', () => {
  it('allows 4 concurrent requests per mailbox; the 5th and 6th get 429 ApplicationThrottled with Retry-After', async () => {
    await reset();
    await setFaults({ latencyMs: 400, pathPattern: '^/users/[^/]+/messages$' });
    const token = await t.token();
    const results = await Promise.all(Array.from({ length: 6 }, () => t.raw('/users/dpa@itguy.dk/messages', { token })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const throttled = results.find((r) => r.status === 429)!;
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await throttled.json()).toMatchObject({
      error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' },
    });
    const seen = await counters();
    expect(Object.entries(seen.maxConcurrency).find(([key]) => key.startsWith('outlook|'))?.[1]).toBe(4);
  });

  it('counts concurrency per mailbox: another mailbox is not affected', async () => {
    await reset();
    await setFaults({ latencyMs: 300, pathPattern: '^/users/[^/]+/messages$' });
    const token = await t.token();
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => t.raw('/users/dpa@itguy.dk/messages', { token })),
      ...Array.from({ length: 4 }, () => t.raw('/users/mette@itguy.dk/messages', { token })),
    ]);
    expect(results.every((r) => r.status === 200)).toBe(true);
  });

  it('enforces the request budget per window, then lets requests through once the window has passed', async () => {
    await reset();
    await setThrottle({ outlook: { limit: 5, windowMs: 60_000 } });
    const token = await t.token();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.raw('/users/dpa@itguy.dk/messages', { token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const over = await t.raw('/users/dpa@itguy.dk/messages', { token });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(((await over.json()) as { error: { message: string } }).error.message).toMatch(/limit/);
    // Another mailbox and OneDrive have budgets of their own.
    expect((await t.raw('/users/mette@itguy.dk/messages', { token })).status).toBe(200);
    expect((await t.raw('/users/dpa@itguy.dk/drive', { token })).status).toBe(200);
    await t.dev('/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceMs: 61_000 }) });
    expect((await t.raw('/users/dpa@itguy.dk/messages', { token })).status).toBe(200);
    await t.dev('/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ offsetMs: 0 }) });
  });

  it('keeps budgets per app: a second app registration is not throttled by the first', async () => {
    await reset();
    await setThrottle({ outlook: { limit: 2, windowMs: 60_000 } });
    const other = t.tenant.services.tenant.registerApp({ displayName: 'Other app' });
    const res = await fetch(`${t.tenant.authorityHost}/${t.tenant.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: other.clientId,
        client_secret: other.secret,
        scope: 'https://graph.microsoft.com/.default',
      }),
    });
    const otherToken = ((await res.json()) as { access_token: string }).access_token;
    const token = await t.token();
    for (let i = 0; i < 2; i++) expect((await t.raw('/users/dpa@itguy.dk/messages', { token })).status).toBe(200);
    expect((await t.raw('/users/dpa@itguy.dk/messages', { token })).status).toBe(429);
    expect((await t.raw('/users/dpa@itguy.dk/messages', { token: otherToken })).status).toBe(200);
  });

  it("the product's Graph client waits for Retry-After and retries, so a throttled call still succeeds", async () => {
    await reset();
    await setThrottle({ outlook: { limit: 1, windowMs: 1_500 } });
    await t.graph.api('/users/dpa@itguy.dk/messages').get();
    const started = Date.now();
    const page = (await t.graph.api('/users/dpa@itguy.dk/messages').get()) as { value: unknown[] };
    expect(Array.isArray(page.value)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await counters()).throttled429).toBeGreaterThanOrEqual(1);
  });
});

describe.sequential('fault switches', () => {
  it('injects 503 and 500 at the configured rate, only on matching paths', async () => {
    await reset();
    await setFaults({ rate503: 1, retryAfterSeconds: 3, pathPattern: '/drive$' });
    const token = await t.token();
    const unavailable = await t.raw('/users/dpa@itguy.dk/drive', { token });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('3');
    expect((await t.raw('/users/dpa@itguy.dk/messages', { token })).status).toBe(200);
    await setFaults({ rate500: 1 });
    expect((await t.raw('/users', { token })).status).toBe(500);
    await setFaults({ rate429: 1, retryAfterSeconds: 7 });
    const throttled = await t.raw('/users', { token });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    const seen = await counters();
    expect(seen.injected).toMatchObject({ 503: 1, 500: 1, 429: 1 });
  });

  it('a rate between 0 and 1 with a seed fails about that share of requests, repeatably', async () => {
    const run = async () => {
      await reset();
      await setFaults({ rate500: 0.3, seed: 42 });
      const token = await t.token();
      const statuses: number[] = [];
      for (let i = 0; i < 100; i++) statuses.push((await t.raw('/users?$top=1', { token })).status);
      return statuses;
    };
    const first = await run();
    const failures = first.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(15);
    expect(failures).toBeLessThan(45);
    expect(await run()).toEqual(first);
  });

  it('adds latency', async () => {
    await reset();
    await setFaults({ latencyMs: 250 });
    const started = Date.now();
    expect((await t.raw('/users')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('rejects a malformed switch with 400 and keeps the previous one', async () => {
    await reset();
    await setFaults({ latencyMs: 5 });
    const bad = await setFaults({ rate500: 2 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/rate500/);
    expect(((await (await t.dev('/faults')).json()) as { latencyMs: number }).latencyMs).toBe(5);
    await reset();
  });

  it('counts requests per mailbox', async () => {
    await reset();
    const token = await t.token();
    for (let i = 0; i < 3; i++) await t.raw('/users/dpa@itguy.dk/messages', { token });
    await t.raw('/users/mette@itguy.dk/mailFolders', { token });
    expect((await counters()).requestsByMailbox).toEqual({ 'dpa@itguy.dk': 3, 'mette@itguy.dk': 1 });
  });
});
