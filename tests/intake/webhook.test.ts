import { Writable } from 'node:stream';
import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adoptLegacySubscription, LEGACY_SUBSCRIPTION_NAME, SubscriptionManager } from '../../src/intake/subscription-manager.js';
import { deleteSubscription } from '../../src/graph/subscriptions.js';
import { MAX_ITEMS, registerWebhookRoutes, type LifecycleEvent } from '../../src/intake/webhook-routes.js';
import { freePort } from '../../src/local/azurite.js';
import { createLogger } from '../../src/logging/logger.js';
import { createApp } from '../../src/server/app.js';
import type { Server } from '../../src/platform/http.js';
import { IntakeTable } from '../../src/intake/intake-table.js';
import { eml, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { uniquePrefix } from '../helpers/store.js';

/** The Graph webhook and subscription, through the dev tenant and a real Azurite. */

const CLIENT_STATE = 'test-client-state-0123456789';
let t: TestTenant;
let server: Server;
let intake: IntakeTable;
let manager: SubscriptionManager;
let support: SubscriptionManager;
let url: string;
const lifecycle: { event: LifecycleEvent; subscriptionId: string; mailbox: string }[] = [];
/** What the webhook logged, one JSON line each. */
const logLines: string[] = [];
const sink = new Writable({
  write: (chunk, _enc, done) => {
    logLines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

beforeAll(async () => {
  t = await startTestTenant();
  intake = new IntakeTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${uniquePrefix()}intake`, { allowInsecureConnection: true }),
  );
  await intake.init();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const logger = createLogger('silent');
  manager = new SubscriptionManager(t.graph, intake, { mailbox: 'dpa@itguy.dk', publicUrl: url, clientState: CLIENT_STATE }, logger);
  support = new SubscriptionManager(t.graph, intake, { mailbox: 'support@itguy.dk', publicUrl: url, clientState: CLIENT_STATE }, logger);
  server = createApp({ logger, version: 'test', readiness: [] });
  registerWebhookRoutes(server, {
    intake,
    subscriptions: async () => {
      const ids = await Promise.all([manager, support].map(async (m) => [await m.currentId(), m.mailbox] as const));
      return new Map(ids.filter((e): e is readonly [string, string] => e[0] !== undefined));
    },
    clientState: CLIENT_STATE,
    logger: createLogger('info', sink),
    onLifecycle: (event, subscriptionId, mailbox) => lifecycle.push({ event, subscriptionId, mailbox }),
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await t?.close();
});

const deliver = async (subject: string, to = 'dpa@itguy.dk') => {
  const res = await t.dev(`/mailboxes/${to}/deliver`, {
    method: 'POST',
    headers: { 'Content-Type': 'message/rfc822' },
    body: eml({ from: 'anna@example.com', to, subject, body: 'Jeg vil have indsigt.' }),
  });
  return (await res.json()) as { id: string; immutableId: string };
};

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const queuedIds = async () => (await intake.pending(1000)).map((q) => q.messageId);
const queuedIn = async (messageId: string) => (await intake.pending(1000)).find((q) => q.messageId === messageId)?.mailbox;

describe.sequential('intake webhook', () => {
  it('creates the subscription through the validation handshake, with immutable ids and a lifecycle URL', async () => {
    expect(await manager.ensure()).toBe('created');
    const id = await manager.currentId();
    const sub = (await t.graph.api(`/subscriptions/${id}`).get()) as Record<string, string>;
    expect(sub).toMatchObject({
      resource: "users/dpa@itguy.dk/mailFolders('Inbox')/messages",
      notificationUrl: `${url}/api/notifications`,
      lifecycleNotificationUrl: `${url}/api/notifications/lifecycle`,
      clientState: CLIENT_STATE,
    });
    expect(await manager.ensure()).toBe('ok');
  });

  it('persists a delivered message from its notification within a second, under its immutable id', async () => {
    const started = Date.now();
    const { immutableId } = await deliver('Indsigt, tak');
    await waitFor(async () => ((await queuedIds()).includes(immutableId) ? true : undefined));
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("queues each mailbox's messages under that mailbox, told apart by the subscription id", async () => {
    expect(await support.ensure()).toBe('created');
    const supportId = (await support.currentId())!;
    expect(supportId).not.toBe(await manager.currentId());
    const sub = (await t.graph.api(`/subscriptions/${supportId}`).get()) as Record<string, string>;
    expect(sub.resource).toBe("users/support@itguy.dk/mailFolders('Inbox')/messages");
    const toSupport = await deliver('Afmeld nyhedsbrev', 'support@itguy.dk');
    const toDpa = await deliver('Indsigt', 'dpa@itguy.dk');
    expect(await waitFor(() => queuedIn(toSupport.immutableId))).toBe('support@itguy.dk');
    expect(await waitFor(() => queuedIn(toDpa.immutableId))).toBe('dpa@itguy.dk');
    // One POST may carry both mailboxes' notifications: each item is routed by its own subscription id.
    const res = await fetch(`${url}/api/notifications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        value: [
          { subscriptionId: supportId, clientState: CLIENT_STATE, resourceData: { id: 'AAkALgmixed-support' } },
          { subscriptionId: await manager.currentId(), clientState: CLIENT_STATE, resourceData: { id: 'AAkALgmixed-dpa' } },
          { subscriptionId: supportId, clientState: 'guess', resourceData: { id: 'AAkALgmixed-forged' } },
        ],
      }),
    });
    expect(res.status).toBe(202);
    expect(await queuedIn('AAkALgmixed-support')).toBe('support@itguy.dk');
    expect(await queuedIn('AAkALgmixed-dpa')).toBe('dpa@itguy.dk');
    expect(await queuedIn('AAkALgmixed-forged')).toBeUndefined();
  });

  it('keeps one queue row when Graph notifies twice', async () => {
    await t.dev('/faults', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ notifications: { duplicate: 1 } }),
    });
    try {
      const { immutableId } = await deliver('Dobbelt');
      await t.dev('/notifications/idle', { method: 'POST' });
      expect((await queuedIds()).filter((id) => id === immutableId)).toHaveLength(1);
    } finally {
      await t.dev('/faults', { method: 'DELETE' });
    }
  });

  it('ignores a forged notification (wrong clientState, unknown subscription) and says 202 all the same', async () => {
    const ours = await manager.currentId();
    const post = (item: Record<string, unknown>) =>
      fetch(`${url}/api/notifications`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ value: [{ changeType: 'created', resourceData: { id: 'AAkALgforged' }, ...item }] }),
      });
    expect((await post({ subscriptionId: ours, clientState: 'guess' })).status).toBe(202);
    expect((await post({ subscriptionId: crypto.randomUUID(), clientState: CLIENT_STATE })).status).toBe(202);
    expect(await queuedIds()).not.toContain('AAkALgforged');
  });

  it('answers malformed bodies with 400 and a reason', async () => {
    const post = (body: string) =>
      fetch(`${url}/api/notifications`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const notJson = await post('{');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ code: 'invalid_json', message: 'The body is not valid JSON (UTF-8).' });
    expect((await post('{"items":[]}')).status).toBe(400);
    // null, an array or a number where Graph sends an object: 400 with a reason, not a TypeError.
    for (const path of ['/api/notifications', '/api/notifications/lifecycle'])
      for (const body of ['null', '[]', '42', '"x"', '{"value":null}']) {
        const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
        expect(res.status, `${path} ${body}`).toBe(400);
        expect(((await res.json()) as { message: string }).message).not.toMatch(/TypeError|Cannot read/);
      }
  });

  it('refuses anything but JSON with 415 before reading it, and leaves no file behind', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x'.repeat(64 * 1024)]), 'a.bin');
    const multipart = await fetch(`${url}/api/notifications`, { method: 'POST', body: form });
    expect(multipart.status).toBe(415);
    expect(((await multipart.json()) as { message: string }).message).toMatch(/application\/json/);
    const text = await fetch(`${url}/api/notifications`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
  });

  it("answers Graph's handshake as text with nosniff, and refuses an empty or repeated token", async () => {
    for (const path of ['/api/notifications', '/api/notifications/lifecycle']) {
      const res = await fetch(`${url}${path}?validationToken=${encodeURIComponent('<b>token</b>')}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe('<b>token</b>');
    }
    expect((await fetch(`${url}/api/notifications?validationToken=`, { method: 'POST' })).status).toBe(400);
    expect((await fetch(`${url}/api/notifications?validationToken=a&validationToken=b`, { method: 'POST' })).status).toBe(400);
  });

  it('logs one summary line for a POST of forged items, and refuses more items than Graph sends', async () => {
    const ours = await manager.currentId();
    const item = (i: number) => ({
      subscriptionId: i % 2 ? ours : crypto.randomUUID(),
      clientState: i % 2 ? 'guess' : CLIENT_STATE,
      resourceData: { id: `AAkALgforged${i}` },
    });
    const post = (n: number) =>
      fetch(`${url}/api/notifications`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ value: Array.from({ length: n }, (_, i) => item(i)) }),
      });
    const before = logLines.length;
    expect((await post(MAX_ITEMS)).status).toBe(202);
    const lines = logLines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'intake: notifications ignored',
      items: MAX_ITEMS,
      wrongClientState: 500,
      unknownSubscription: 500,
    });
    const tooMany = await post(MAX_ITEMS + 1);
    expect(tooMany.status).toBe(413);
    expect(((await tooMany.json()) as { message: string }).message).toMatch(String(MAX_ITEMS));
    // 860 KiB of forged items (the attack in issue 19) is still one line.
    const big = JSON.stringify({ value: Array.from({ length: 900 }, (_, i) => ({ ...item(i), pad: 'x'.repeat(900) })) });
    expect(big.length).toBeGreaterThan(800 * 1024);
    const at = logLines.length;
    const res = await fetch(`${url}/api/notifications`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: big });
    expect(res.status).toBe(202);
    expect(logLines.length - at).toBe(1);
  });

  it("queues no id Graph never issues (a '/'), even with the right clientState", async () => {
    const ours = await manager.currentId();
    const res = await fetch(`${url}/api/notifications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ value: [{ subscriptionId: ours, clientState: CLIENT_STATE, resourceData: { id: 'AAkAL/../x' } }] }),
    });
    expect(res.status).toBe(202);
    expect(await queuedIds()).not.toContain('AAkAL/../x');
  });

  it('refuses a body over 1 MiB with 413, also when it comes chunked', async () => {
    const huge = `{"value":[],"pad":"${'x'.repeat(1100 * 1024)}"}`;
    const declared = await fetch(`${url}/api/notifications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: huge,
    });
    expect(declared.status).toBe(413);
    const chunked = await fetch(`${url}/api/notifications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new Blob([huge]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('answers 503 (so Graph retries) when the notification cannot be persisted', async () => {
    const broken = createApp({ logger: createLogger('silent'), version: 'test', readiness: [] });
    const ours = await manager.currentId();
    registerWebhookRoutes(broken, {
      intake: { enqueue: async () => Promise.reject(new Error('store down')) },
      subscriptions: async () => new Map([[ours!, 'dpa@itguy.dk']]),
      clientState: CLIENT_STATE,
      logger: createLogger('silent'),
      onLifecycle: () => undefined,
    });
    const port = await freePort();
    await new Promise<void>((resolve) => broken.listen(port, '127.0.0.1', () => resolve()));
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/notifications`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ value: [{ subscriptionId: ours, clientState: CLIENT_STATE, resourceData: { id: 'AAkALgx' } }] }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await new Promise<void>((resolve) => broken.close(() => resolve()));
    }
  });

  it('reads the subscriptions only for a POST with at least one item carrying our clientState', async () => {
    // The store is down: a forged POST must still be answered (202) without touching it; an authentic one gets 503.
    let reads = 0;
    const guarded = createApp({ logger: createLogger('silent'), version: 'test', readiness: [] });
    registerWebhookRoutes(guarded, {
      intake,
      subscriptions: async () => {
        reads++;
        throw new Error('store down');
      },
      clientState: CLIENT_STATE,
      logger: createLogger('silent'),
      onLifecycle: () => undefined,
    });
    const port = await freePort();
    await new Promise<void>((resolve) => guarded.listen(port, '127.0.0.1', () => resolve()));
    const post = (path: string, value: unknown[]) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ value }),
      });
    try {
      const forged = [{ subscriptionId: 'x', clientState: 'guess', resourceData: { id: 'AAkALgx' } }, 42, null];
      for (const path of ['/api/notifications', '/api/notifications/lifecycle']) {
        expect((await post(path, [])).status, path).toBe(202);
        expect((await post(path, forged)).status, path).toBe(202);
      }
      expect(reads).toBe(0);
      const authentic = await post('/api/notifications', [
        { subscriptionId: 'x', clientState: CLIENT_STATE, resourceData: { id: 'AAkALgx' } },
      ]);
      expect(authentic.status).toBe(503);
      expect(reads).toBe(1);
    } finally {
      await new Promise<void>((resolve) => guarded.close(() => resolve()));
    }
  });

  it('hands lifecycle events on, and recreates the subscription after subscriptionRemoved', async () => {
    const first = (await manager.currentId())!;
    for (const event of ['reauthorizationRequired', 'missed', 'subscriptionRemoved'] as const) {
      await t.dev(`/subscriptions/${first}/lifecycle`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ event }),
      });
      await t.dev('/notifications/idle', { method: 'POST' });
    }
    expect(lifecycle.map((l) => l.event)).toEqual(['reauthorizationRequired', 'missed', 'subscriptionRemoved']);
    expect(new Set(lifecycle.map((l) => l.mailbox))).toEqual(new Set(['dpa@itguy.dk']));
    // support@'s events name support@.
    await t.dev(`/subscriptions/${await support.currentId()}/lifecycle`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ event: 'missed' }),
    });
    await t.dev('/notifications/idle', { method: 'POST' });
    expect(lifecycle.at(-1)).toMatchObject({ event: 'missed', mailbox: 'support@itguy.dk', subscriptionId: await support.currentId() });
    // The app's reaction to subscriptionRemoved: ensure() finds it gone and creates a new one.
    expect(await manager.ensure()).toBe('created');
    expect(await manager.currentId()).not.toBe(first);
    const { immutableId } = await deliver('Efter genoprettelse');
    await waitFor(async () => ((await queuedIds()).includes(immutableId) ? true : undefined));
  });

  it('renews well before expiry, never beyond what Outlook allows', async () => {
    const id = (await manager.currentId())!;
    const before = (await t.graph.api(`/subscriptions/${id}`).get()) as { expirationDateTime: string };
    // Two and a half days later less than a day is left: ensure() renews for another three days.
    const later = new Date(Date.now() + 2.5 * 24 * 3600_000);
    expect(await manager.ensure(later)).toBe('renewed');
    const after = (await t.graph.api(`/subscriptions/${id}`).get()) as { expirationDateTime: string };
    expect(Date.parse(after.expirationDateTime)).toBeGreaterThan(Date.parse(before.expirationDateTime));
    expect(Date.parse(after.expirationDateTime) - Date.now()).toBeLessThanOrEqual(10_080 * 60_000);
    // support@'s subscription has its own expiry and is renewed on its own.
    expect(await support.ensure(later)).toBe('renewed');
    expect(await support.ensure()).toBe('ok');
  });
});

describe('subscription settings change', () => {
  it('replaces the subscription when the webhook secret changes (rotation, or a new npm start)', async () => {
    const before = (await manager.currentId())!;
    const rotated = new SubscriptionManager(
      t.graph,
      intake,
      { ...manager.settings, clientState: 'rotated-secret-0123456789' },
      createLogger('silent'),
    );
    expect(await rotated.ensure()).toBe('created');
    const after = (await rotated.currentId())!;
    expect(after).not.toBe(before);
    const ids = (await graphSubscriptions()).filter((s) => s.resource.includes('dpa@'));
    expect(ids.map((s) => s.id)).toEqual([after]);
    expect(ids[0]!.clientState).toBe('rotated-secret-0123456789');
  });
});

const graphSubscriptions = async () =>
  ((await t.graph.api('/subscriptions').get()) as { value: { id: string; clientState: string; resource: string }[] }).value;

describe('upgrading from one watched mailbox', () => {
  // The row the single-mailbox version kept: sub|dpo-inbox, always the DPO mailbox's.
  const legacyTable = async (settings: { clientState: string }) => {
    const table = new IntakeTable(
      TableClient.fromConnectionString(inject('azuriteConnectionString'), `${uniquePrefix()}intake`, { allowInsecureConnection: true }),
    );
    await table.init();
    const old = new SubscriptionManager(t.graph, table, { mailbox: 'dpa@itguy.dk', publicUrl: url, ...settings }, createLogger('silent'));
    await old.create();
    const state = { ...(await table.subscription(old.name)), deltaLink: 'https://graph.example/delta?$deltatoken=old' };
    await table.saveSubscription(LEGACY_SUBSCRIPTION_NAME, state);
    await table.deleteSubscription(old.name);
    return { table, state };
  };
  const managers = (table: IntakeTable) =>
    ['dpa@itguy.dk', 'support@itguy.dk'].map(
      (mailbox) => new SubscriptionManager(t.graph, table, { mailbox, publicUrl: url, clientState: CLIENT_STATE }, createLogger('silent')),
    );

  it('dpa@ adopts its subscription and delta link, so no second subscription is made', async () => {
    const { table, state } = await legacyTable({ clientState: CLIENT_STATE });
    const [dpa, sup] = managers(table);
    // Two instances starting at once: the second finds the row adopted and leaves it alone.
    await adoptLegacySubscription(t.graph, table, [dpa!, sup!], createLogger('silent'));
    await adoptLegacySubscription(t.graph, table, [dpa!, sup!], createLogger('silent'));
    expect(await table.subscription(dpa!.name)).toEqual(state);
    expect(await table.subscription(LEGACY_SUBSCRIPTION_NAME)).toEqual({});
    expect(await table.subscription(sup!.name)).toEqual({});
    expect(await dpa!.ensure()).toBe('ok');
    expect((await graphSubscriptions()).filter((s) => s.id === state.subscriptionId)).toHaveLength(1);
    await deleteSubscription(t.graph, state.subscriptionId!);
  });

  it('made with other settings (a new secret): dpa@ still adopts it and its delta link, and ensure() replaces it', async () => {
    const { table, state } = await legacyTable({ clientState: 'an-older-secret-0123456789' });
    const [dpa, sup] = managers(table);
    await adoptLegacySubscription(t.graph, table, [dpa!, sup!], createLogger('silent'));
    expect(await table.subscription(LEGACY_SUBSCRIPTION_NAME)).toEqual({});
    expect(await table.subscription(dpa!.name)).toEqual(state);
    expect(await dpa!.ensure()).toBe('created');
    expect((await table.subscription(dpa!.name)).deltaLink).toBe(state.deltaLink);
    const ids = (await graphSubscriptions()).map((s) => s.id);
    expect(ids).not.toContain(state.subscriptionId);
    expect(ids).toContain(await dpa!.currentId());
    await deleteSubscription(t.graph, (await dpa!.currentId())!);
  });

  it('a subscription on no watched mailbox is deleted, not left to leak', async () => {
    const { table, state } = await legacyTable({ clientState: CLIENT_STATE });
    const [sup] = managers(table).slice(1);
    await adoptLegacySubscription(t.graph, table, [sup!], createLogger('silent'));
    expect(await table.subscription(LEGACY_SUBSCRIPTION_NAME)).toEqual({});
    expect(await table.subscription(sup!.name)).toEqual({});
    expect((await graphSubscriptions()).map((s) => s.id)).not.toContain(state.subscriptionId);
  });
});
