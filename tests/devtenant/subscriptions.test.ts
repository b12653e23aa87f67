import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChangeNotification, Subscription } from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eml, smallSeed, startTestTenant, TEST_TENANT_ID, type TestTenant } from '../helpers/dev-tenant.js';
import { expectGraphError, readDoc } from './graph-docs.js';

/**
 * Change-notification subscriptions against the documented contract: the validation handshake, the
 * subscription resource, notification and lifecycle payloads, delivery retries and the fault switches.
 * Webhooks are real HTTP servers on loopback; every wait is for an event the webhook reports.
 */

const DPA_ID = '11111111-1111-4111-8111-111111111111';

interface Received {
  path: string;
  query: URLSearchParams;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A change notification as the webhook receives it: resourceData names the message. */
type Notification = ChangeNotification & {
  resourceData: { id: string; '@odata.type': string; '@odata.id': string; '@odata.etag': string };
};

/** A webhook receiver: answers the validation handshake and records notification POSTs. */
class Webhook {
  url = '';
  validations: Received[] = [];
  posts: Received[] = [];
  /** How to answer a validation request. */
  validation: 'echo' | 'status500' | 'wrongToken' | 'encodedToken' | 'noContentType' = 'echo';
  /** Answers to the next notification POSTs, in order ('slow': 202 after a second); 202 once used up. */
  statuses: (number | 'slow')[] = [];
  private readonly checks = new Set<() => void>();
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const raw = (req.url ?? '').split('?')[1] ?? '';
        const received: Received = {
          path: url.pathname,
          query: url.searchParams,
          rawQuery: raw,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        const token = url.searchParams.get('validationToken');
        if (req.method === 'POST' && token !== null) {
          this.validations.push(received);
          if (this.validation === 'status500') res.writeHead(500).end('nope');
          else if (this.validation === 'noContentType') res.writeHead(200).end(token);
          else {
            const encoded = /(?:^|&)validationToken=([^&]*)/.exec(raw)?.[1] ?? '';
            const answer = this.validation === 'wrongToken' ? `${token}x` : this.validation === 'encodedToken' ? encoded : token;
            res.writeHead(200, { 'Content-Type': 'text/plain' }).end(answer);
          }
        } else {
          this.posts.push(received);
          const status = this.statuses.shift() ?? 202;
          if (status === 'slow') setTimeout(() => res.writeHead(202).end(), 1_000);
          else res.writeHead(status).end();
        }
        for (const check of [...this.checks]) check();
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Every notification in every POST, in arrival order. */
  items<T = Notification>(): T[] {
    return this.posts.flatMap((p) => (JSON.parse(p.body) as { value: T[] }).value);
  }

  /** Resolves once `done()` holds, checked on every request; rejects after `ms`. */
  waitFor(done: () => boolean, ms = 2_000, what = 'the webhook'): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.checks.delete(check);
        reject(
          new Error(
            `Timed out after ${ms} ms waiting for ${what}; received ${this.posts.length} POSTs: ${this.posts.map((p) => p.body).join('\n')}`,
          ),
        );
      }, ms);
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.checks.delete(check);
        resolve();
      };
      this.checks.add(check);
    });
  }

  reset(): void {
    this.validations = [];
    this.posts = [];
    this.statuses = [];
    this.validation = 'echo';
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let t: TestTenant;
let hook: Webhook;
let lifecycleHook: Webhook;

beforeAll(async () => {
  // Graph waits 3 s for a webhook's answer; this tenant waits 300 ms so a slow webhook is quick to test.
  t = await startTestTenant({
    seed: smallSeed(),
    notifier: { retryBaseMs: 50, retryMaxDelayMs: 400, batchWindowMs: 20, responseTimeoutMs: 300 },
  });
  hook = await new Webhook().start();
  lifecycleHook = await new Webhook().start();
});
afterAll(async () => {
  await t?.close();
  await hook?.close();
  await lifecycleHook?.close();
});

const jsonInit = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const devPost = (path: string, body: unknown) => t.dev(path, jsonInit('POST', body));
const idle = async () => expect((await t.dev('/notifications/idle', { method: 'POST' })).status).toBe(200);
const counters = async () =>
  (await (await t.dev('/counters')).json()) as {
    notifications: Record<string, number>;
    lifecycle: { posted: number };
    validations: { ok: number; failed: number };
  };
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function subscribe(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return t.raw(
    '/subscriptions',
    jsonInit(
      'POST',
      {
        changeType: 'created',
        notificationUrl: hook.url,
        resource: `users/${DPA_ID}/messages`,
        expirationDateTime: inMinutes(60),
        clientState: 'secretClientValue',
        latestSupportedTlsVersion: 'v1_2',
        ...overrides,
      },
      headers,
    ),
  );
}

async function subscribed(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Subscription> {
  const res = await subscribe(overrides, headers);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Subscription;
}

async function deliver(subject: string, options: { mailbox?: string; folder?: string } = {}): Promise<{ id: string; immutableId: string }> {
  const res = await t.dev(`/mailboxes/${options.mailbox ?? 'dpa@itguy.dk'}/deliver${options.folder ? `?folder=${options.folder}` : ''}`, {
    method: 'POST',
    headers: { 'Content-Type': 'message/rfc822' },
    body: eml({ from: 'soren.aberg@example.net', to: 'dpa@itguy.dk', subject, body: `Hej. ${subject}` }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; immutableId: string };
}

async function listSubscriptions(): Promise<Subscription[]> {
  const res = await t.raw('/subscriptions');
  expect(res.status).toBe(200);
  return ((await res.json()) as { value: Subscription[] }).value;
}

beforeEach(async () => {
  await idle();
  await t.dev('/faults', { method: 'DELETE' });
  await devPost('/clock', { offsetMs: 0 });
  for (const s of await listSubscriptions()) expect((await t.raw(`/subscriptions/${s.id}`, { method: 'DELETE' })).status).toBe(204);
  await t.dev('/counters', { method: 'DELETE' });
  hook.reset();
  lifecycleHook.reset();
});

describe('POST /subscriptions: the validation handshake', () => {
  it('POSTs ?validationToken= as text/plain; a 200 text/plain echo of the decoded token creates the subscription (201, documented properties)', async () => {
    const doc = readDoc('subscription-create.json');
    const documented = (doc.examples as { response: { body: Record<string, unknown> } }[])[0]!.response.body;
    const requested = '2030-01-01T00:00:00.0000000Z';
    // The clock moves to just before the requested expiry so it is within the allowed lifetime.
    await devPost('/clock', { offsetMs: Date.parse(requested) - Date.now() - 3_600_000 });
    const res = await subscribe({ expirationDateTime: '2030-01-01T00:00:00.0000000Z' });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown>;

    expect(hook.validations).toHaveLength(1);
    const validation = hook.validations[0]!;
    expect(validation.headers['content-type']).toBe('text/plain; charset=utf-8');
    // The token is URL-encoded in the query; the webhook must answer with the decoded form.
    expect(validation.query.get('validationToken')).toBeTruthy();

    expect(Object.keys(body).sort()).toEqual(Object.keys(documented).sort());
    expect(body['@odata.context']).toBe(`${t.tenant.graphBaseUrl}/$metadata#subscriptions/$entity`);
    expect(body).toMatchObject({
      resource: `users/${DPA_ID}/messages`,
      applicationId: t.tenant.clientId,
      changeType: 'created',
      clientState: 'secretClientValue',
      notificationUrl: hook.url,
      lifecycleNotificationUrl: null,
      expirationDateTime: requested,
      latestSupportedTlsVersion: 'v1_2',
      encryptionCertificate: null,
      encryptionCertificateId: null,
    });
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(body.creatorId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await counters()).validations).toEqual({ ok: 1, failed: 0 });
  });

  it('keeps the expirationDateTime exactly as sent (seven fractional digits), as in the documented example', async () => {
    const at = new Date(Date.now() + 30 * 60_000);
    const sent = `${at.toISOString().slice(0, 19)}.9356913Z`;
    const body = await subscribed({ expirationDateTime: sent });
    expect(body.expirationDateTime).toBe(sent);
    const got = (await (await t.raw(`/subscriptions/${body.id}`)).json()) as Record<string, unknown>;
    expect(got.expirationDateTime).toBe(sent);
  });

  it('uses a token that needs URL-decoding, and refuses a webhook that echoes it still encoded (400, no subscription)', async () => {
    hook.validation = 'encodedToken';
    const res = await subscribe();
    expect(hook.validations).toHaveLength(1);
    const decoded = hook.validations[0]!.query.get('validationToken')!;
    expect(encodeURIComponent(decoded)).not.toBe(decoded);
    await expectGraphError(
      res,
      400,
      'InvalidRequest',
      'Subscription validation request failed. Response must exactly match validationToken query parameter.',
    );
    expect(await listSubscriptions()).toEqual([]);
  });

  it('a webhook answering 500 → 400 InvalidRequest and no subscription exists afterwards', async () => {
    hook.validation = 'status500';
    const res = await subscribe();
    await expectGraphError(
      res,
      400,
      'InvalidRequest',
      /^Subscription validation request failed\. Notification endpoint must respond with 200 OK to validation request\./,
    );
    expect(hook.validations).toHaveLength(1);
    expect(await listSubscriptions()).toEqual([]);
    expect((await counters()).validations).toEqual({ ok: 0, failed: 1 });
  });

  it('a webhook answering the wrong token → 400 InvalidRequest and no subscription exists afterwards', async () => {
    hook.validation = 'wrongToken';
    const res = await subscribe();
    await expectGraphError(
      res,
      400,
      'InvalidRequest',
      'Subscription validation request failed. Response must exactly match validationToken query parameter.',
    );
    expect(await listSubscriptions()).toEqual([]);
  });

  it('a webhook answering without Content-Type text/plain → 400', async () => {
    hook.validation = 'noContentType';
    await expectGraphError(await subscribe(), 400, 'InvalidRequest', /^Subscription validation request failed\./);
    expect(await listSubscriptions()).toEqual([]);
  });

  it('an unreachable notificationUrl → 400 and no subscription', async () => {
    const closed = await new Webhook().start();
    const url = closed.url;
    await closed.close();
    await expectGraphError(await subscribe({ notificationUrl: url }), 400, 'InvalidRequest', /^Subscription validation request failed\./);
    expect(await listSubscriptions()).toEqual([]);
  });

  it('keeps a query string on notificationUrl, for the handshake and for notifications', async () => {
    const url = `${hook.url}/notify?app=dsar`;
    await subscribed({ notificationUrl: url });
    expect(hook.validations[0]!.path).toBe('/notify');
    expect(hook.validations[0]!.query.get('app')).toBe('dsar');
    await deliver('Query string');
    await hook.waitFor(() => hook.posts.length === 1, 1_000);
    expect(hook.posts[0]!.path).toBe('/notify');
    expect(hook.posts[0]!.rawQuery).toBe('app=dsar');
  });

  it('validates lifecycleNotificationUrl too: both URLs see a handshake; a failing one → 400 and no subscription', async () => {
    const ok = await subscribed({ lifecycleNotificationUrl: lifecycleHook.url });
    expect(ok.lifecycleNotificationUrl).toBe(lifecycleHook.url);
    expect(hook.validations).toHaveLength(1);
    expect(lifecycleHook.validations).toHaveLength(1);
    expect(lifecycleHook.validations[0]!.headers['content-type']).toBe('text/plain; charset=utf-8');
    await t.raw(`/subscriptions/${ok.id}`, { method: 'DELETE' });

    lifecycleHook.validation = 'status500';
    await expectGraphError(
      await subscribe({ lifecycleNotificationUrl: lifecycleHook.url }),
      400,
      'InvalidRequest',
      /^Subscription validation request failed\./,
    );
    expect(lifecycleHook.validations).toHaveLength(2);
    expect(await listSubscriptions()).toEqual([]);
  });
});

describe('POST /subscriptions: request checks', () => {
  it('refuses an expirationDateTime more than 10,080 minutes ahead with 400 ExtensionError, and accepts one just inside', async () => {
    await expectGraphError(
      await subscribe({ expirationDateTime: inMinutes(10_081) }),
      400,
      'ExtensionError',
      'Subscription expiration can only be 10080 minutes in the future.',
    );
    expect(hook.validations).toHaveLength(0);
    const inside = await subscribed({ expirationDateTime: inMinutes(10_079) });
    expect(Date.parse(inside.expirationDateTime as string)).toBeGreaterThan(Date.now() + 10_078 * 60_000);
  });

  it('refuses an expirationDateTime in the past (400) and a missing or malformed one (400)', async () => {
    await expectGraphError(await subscribe({ expirationDateTime: inMinutes(-5) }), 400);
    expect((await subscribe({ expirationDateTime: 'tomorrow' })).status).toBe(400);
    expect((await subscribe({ expirationDateTime: undefined })).status).toBe(400);
    expect(hook.validations).toHaveLength(0);
    expect(await listSubscriptions()).toEqual([]);
  });

  it('refuses resources it cannot watch (400), a bad changeType (400), a missing or non-HTTPS notificationUrl (400) and a long clientState (400)', async () => {
    for (const resource of [
      'users/dpa@itguy.dk/events',
      'me/contacts',
      'groups/x/conversations',
      'users/dpa@itguy.dk/messages/extra',
      '',
    ]) {
      await expectGraphError(await subscribe({ resource }), 400, 'InvalidRequest');
    }
    await expectGraphError(await subscribe({ changeType: 'created,moved' }), 400, 'InvalidRequest');
    await expectGraphError(await subscribe({ notificationUrl: undefined }), 400, 'InvalidRequest');
    await expectGraphError(await subscribe({ notificationUrl: 'http://webhook.example.net/api' }), 400, 'InvalidRequest');
    await expectGraphError(await subscribe({ clientState: 'x'.repeat(129) }), 400, 'InvalidRequest');
    expect(hook.validations).toHaveLength(0);
    expect(await listSubscriptions()).toEqual([]);
  });

  it("accepts every documented resource form: users/{id}/messages, users('{upn}')/mailFolders('Inbox')/messages, /users/{upn}/mailFolders/{id}/messages", async () => {
    const inbox = (await (await t.raw('/users/dpa@itguy.dk/mailFolders/inbox')).json()) as { id: string };
    for (const resource of [
      `users/${DPA_ID}/messages`,
      "users('dpa@itguy.dk')/mailFolders('Inbox')/messages",
      `/users/dpa@itguy.dk/mailFolders/${inbox.id}/messages`,
    ]) {
      expect((await subscribed({ resource })).resource).toBe(resource);
    }
    expect(await listSubscriptions()).toHaveLength(3);
  });
});

describe('GET, PATCH, DELETE /subscriptions', () => {
  it('lists and reads subscriptions, renews with PATCH (200, new expiry), deletes (204) and then answers 404', async () => {
    const a = await subscribed();
    const b = await subscribed({ changeType: 'created,updated', clientState: 'other' });

    const list = await t.raw('/subscriptions');
    const listed = (await list.json()) as { '@odata.context': string; value: Record<string, unknown>[] };
    expect(listed['@odata.context']).toBe(`${t.tenant.graphBaseUrl}/$metadata#subscriptions`);
    expect(listed.value.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());

    const one = await t.raw(`/subscriptions/${b.id}`);
    expect(one.status).toBe(200);
    const got = (await one.json()) as Record<string, unknown>;
    expect(got).toMatchObject({
      id: b.id,
      changeType: 'created,updated',
      clientState: 'other',
      '@odata.context': `${t.tenant.graphBaseUrl}/$metadata#subscriptions/$entity`,
    });
    const documentedGet = readDoc('subscription-get.json').response.body as Record<string, unknown>;
    for (const key of Object.keys(documentedGet).filter((k) => k !== 'notificationContentType')) expect(got).toHaveProperty(key);

    const renewed = inMinutes(2 * 24 * 60);
    const patch = await t.raw(`/subscriptions/${a.id}`, jsonInit('PATCH', { expirationDateTime: renewed }));
    expect(patch.status).toBe(200);
    const patched = (await patch.json()) as Record<string, unknown>;
    expect(Date.parse(patched.expirationDateTime as string)).toBe(Date.parse(renewed));
    expect(patched.expirationDateTime).not.toBe(a.expirationDateTime);
    expect(Date.parse(((await (await t.raw(`/subscriptions/${a.id}`)).json()) as { expirationDateTime: string }).expirationDateTime)).toBe(
      Date.parse(renewed),
    );

    const del = await t.raw(`/subscriptions/${a.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    await expectGraphError(await t.raw(`/subscriptions/${a.id}`), 404, 'ResourceNotFound');
    await expectGraphError(await t.raw(`/subscriptions/${a.id}`, { method: 'DELETE' }), 404, 'ResourceNotFound');
    expect((await listSubscriptions()).map((s) => s.id)).toEqual([b.id]);
  });

  it('PATCH applies the same expiry limit, cannot add a lifecycleNotificationUrl, and validates a new notificationUrl', async () => {
    const s = await subscribed();
    await expectGraphError(
      await t.raw(`/subscriptions/${s.id}`, jsonInit('PATCH', { expirationDateTime: inMinutes(10_081) })),
      400,
      'ExtensionError',
    );
    await expectGraphError(
      await t.raw(`/subscriptions/${s.id}`, jsonInit('PATCH', { lifecycleNotificationUrl: lifecycleHook.url })),
      400,
      'InvalidRequest',
    );

    lifecycleHook.validation = 'status500';
    await expectGraphError(
      await t.raw(`/subscriptions/${s.id}`, jsonInit('PATCH', { notificationUrl: lifecycleHook.url })),
      400,
      'InvalidRequest',
      /^Subscription validation request failed\./,
    );
    expect(lifecycleHook.validations).toHaveLength(1);
    lifecycleHook.validation = 'echo';
    const moved = await t.raw(`/subscriptions/${s.id}`, jsonInit('PATCH', { notificationUrl: lifecycleHook.url }));
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { notificationUrl: string }).notificationUrl).toBe(lifecycleHook.url);
    expect(lifecycleHook.validations).toHaveLength(2);
    expect(((await (await t.raw(`/subscriptions/${s.id}`)).json()) as { expirationDateTime: string }).expirationDateTime).toBe(
      s.expirationDateTime,
    );
  });

  it('answers 404 for an unknown subscription id', async () => {
    await expectGraphError(await t.raw('/subscriptions/7f105c7d-2dc5-4530-97cd-4e7ae6534c07'), 404, 'ResourceNotFound');
    await expectGraphError(
      await t.raw('/subscriptions/7f105c7d-2dc5-4530-97cd-4e7ae6534c07', jsonInit('PATCH', { expirationDateTime: inMinutes(60) })),
      404,
      'ResourceNotFound',
    );
  });
});

describe('change notifications', () => {
  it('POSTs {value:[…]} with the documented shape within 1 s of mail arriving', async () => {
    const doc = readDoc('notification-change.json');
    const documented = (doc.request.body as { value: Record<string, unknown>[] }).value[0]!;
    const outlookVariant = (doc.examples as { body: { value: Record<string, unknown>[] } }[])[0]!.body.value[0]!;
    const s = await subscribed();
    const delivered = await deliver('Anmodning om indsigt');
    await hook.waitFor(() => hook.items().length >= 1, 1_000, 'the change notification');

    const post = hook.posts[0]!;
    expect(post.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(post.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['value']);
    const [n] = hook.items();
    expect(hook.items()).toHaveLength(1);
    // Outlook's basic notification: the Outlook overview's property set, nothing the webhooks doc lacks.
    for (const key of Object.keys(outlookVariant)) expect(n).toHaveProperty(key);
    for (const key of Object.keys(n!)) expect(Object.keys(documented)).toContain(key);
    expect(Object.keys(n!.resourceData).sort()).toEqual(Object.keys(documented.resourceData as object).sort());

    const expectedResource = `Users/${DPA_ID}@${TEST_TENANT_ID}/Messages/${delivered.id}`;
    expect(n).toMatchObject({
      subscriptionId: s.id,
      subscriptionExpirationDateTime: s.expirationDateTime,
      changeType: 'created',
      clientState: 'secretClientValue',
      tenantId: TEST_TENANT_ID,
      resource: expectedResource,
      resourceData: { '@odata.type': '#Microsoft.Graph.Message', '@odata.id': expectedResource, id: delivered.id },
    });
    // The etag is the message's, and the id reads the message.
    const message = await t.raw(`/users/dpa@itguy.dk/messages/${n!.resourceData.id}`);
    expect(message.status).toBe(200);
    expect(n!.resourceData['@odata.etag']).toBe(((await message.json()) as Record<string, unknown>)['@odata.etag']);
    expect(n!.resourceData['@odata.etag']).toMatch(/^W\/".+"$/);
  });

  it('notifies only for the subscribed mailbox and change types', async () => {
    await subscribed();
    await deliver('To Mette', { mailbox: 'mette@itguy.dk' });
    const other = await deliver('To DPA');
    // An update (isRead) is not a 'created' change.
    expect((await t.raw(`/users/dpa@itguy.dk/messages/${other.id}`, jsonInit('PATCH', { isRead: true }))).status).toBe(200);
    await idle();
    expect(hook.items().map((n) => [n.changeType, n.resourceData.id])).toEqual([['created', other.id]]);
  });

  it('sends updated notifications to a created,updated subscription', async () => {
    await subscribed({ changeType: 'created,updated' });
    const m = await deliver('Will be read');
    await hook.waitFor(() => hook.items().length === 1, 1_000);
    expect((await t.raw(`/users/dpa@itguy.dk/messages/${m.id}`, jsonInit('PATCH', { isRead: true }))).status).toBe(200);
    await hook.waitFor(() => hook.items().length === 2, 1_000);
    expect(hook.items().map((n) => n.changeType)).toEqual(['created', 'updated']);
  });

  it("a folder subscription (mailFolders('Inbox')) does not fire for Sent Items", async () => {
    await subscribed({ resource: `users/${DPA_ID}/mailFolders('Inbox')/messages` });
    const sent = await deliver('Sent copy', { folder: 'sentitems' });
    const inbox = await deliver('Inbox copy');
    await hook.waitFor(() => hook.items().length >= 1, 1_000);
    await idle();
    const ids = hook.items().map((n) => n.resourceData.id as string);
    expect(ids).toEqual([inbox.id]);
    expect(ids).not.toContain(sent.id);
  });

  it('Prefer: IdType="ImmutableId" at creation gives immutable ids in notifications', async () => {
    await subscribed({}, { Prefer: 'IdType="ImmutableId"' });
    const m = await deliver('Immutable');
    await hook.waitFor(() => hook.items().length === 1, 1_000);
    const [n] = hook.items();
    expect(m.immutableId).not.toBe(m.id);
    expect(n!.resourceData.id).toBe(m.immutableId);
    expect(n!.resource).toBe(`Users/${DPA_ID}@${TEST_TENANT_ID}/Messages/${m.immutableId}`);
  });

  it('retries with back-off: a webhook answering 500 twice then 202 gets it on the 3rd attempt', async () => {
    await subscribed();
    hook.statuses = [500, 500];
    const m = await deliver('Retry me');
    await hook.waitFor(() => hook.posts.length === 3, 5_000, 'the third attempt');
    await idle();
    expect(hook.posts).toHaveLength(3);
    expect(hook.items().map((n) => n.resourceData.id)).toEqual([m.id, m.id, m.id]);
    const [first, second, third] = hook.posts.map((p) => p.at) as [number, number, number];
    // retryBaseMs is 50: the waits are ~50 ms then ~100 ms (exponential).
    expect(second - first).toBeGreaterThanOrEqual(40);
    expect(third - second).toBeGreaterThanOrEqual(90);
    const { notifications } = await counters();
    expect(notifications).toMatchObject({ posted: 3, failed: 2, retried: 2, delivered: 1 });
  });

  it('retries a webhook that does not answer in time, as one that failed', async () => {
    await subscribed();
    hook.statuses = ['slow'];
    const m = await deliver('Slow webhook');
    await hook.waitFor(() => hook.posts.length === 2, 3_000, 'the retry after a timeout');
    await idle();
    expect(hook.items().map((n) => n.resourceData.id)).toEqual([m.id, m.id]);
    expect((await counters()).notifications).toMatchObject({ posted: 2, failed: 1, retried: 1, delivered: 1 });
  });

  it('fault notifications.duplicate=1: each notification arrives twice', async () => {
    await subscribed();
    await t.dev('/faults', jsonInit('PUT', { notifications: { duplicate: 1 } }));
    const a = await deliver('Dup A');
    const b = await deliver('Dup B');
    const count = (id: string) => hook.items().filter((n) => n.resourceData.id === id).length;
    await hook.waitFor(() => count(a.id) === 2 && count(b.id) === 2, 2_000);
    await idle();
    expect(hook.items()).toHaveLength(4);
    expect((await counters()).notifications.duplicated).toBe(2);
  });

  it('fault notifications.drop=1: nothing arrives', async () => {
    await subscribed();
    await t.dev('/faults', jsonInit('PUT', { notifications: { drop: 1 } }));
    await deliver('Dropped 1');
    await deliver('Dropped 2');
    await idle();
    expect(hook.posts).toEqual([]);
    expect((await counters()).notifications.dropped).toBe(2);
    // Switching the fault off restores delivery.
    await t.dev('/faults', { method: 'DELETE' });
    const m = await deliver('Delivered');
    await hook.waitFor(() => hook.items().length === 1, 1_000);
    expect(hook.items()[0]!.resourceData.id).toBe(m.id);
  });

  it('fault notifications.reorder=1 with a seed: a burst of 10 arrives complete but not in order', async () => {
    await subscribed();
    await t.dev('/faults', jsonInit('PUT', { notifications: { reorder: 1, reorderWindowMs: 400 }, seed: 7 }));
    const sent: string[] = [];
    for (let i = 0; i < 10; i++) sent.push((await deliver(`Burst ${i}`)).id);
    await hook.waitFor(() => hook.items().length >= 10, 3_000, 'all 10 notifications');
    await idle();
    const arrived = hook.items().map((n) => n.resourceData.id as string);
    expect(arrived).toHaveLength(10);
    expect([...arrived].sort()).toEqual([...sent].sort());
    const position = arrived.map((id) => sent.indexOf(id));
    let inversions = 0;
    for (let i = 0; i < position.length; i++) for (let j = i + 1; j < position.length; j++) if (position[i]! > position[j]!) inversions++;
    expect(inversions).toBeGreaterThanOrEqual(1);
    expect((await counters()).notifications.delayed).toBe(10);
  });
});

describe('lifecycle notifications', () => {
  it('POSTs reauthorizationRequired, missed and subscriptionRemoved to lifecycleNotificationUrl with the documented shape; after subscriptionRemoved nothing more is delivered', async () => {
    const doc = readDoc('notification-lifecycle.json');
    const documentedKeys = Object.keys((doc.request.body as { value: Record<string, unknown>[] }).value[0]!).sort();
    const s = await subscribed({ lifecycleNotificationUrl: lifecycleHook.url, clientState: 'lifecycle-state' });

    for (const [i, event] of (['reauthorizationRequired', 'missed', 'subscriptionRemoved'] as const).entries()) {
      const res = await devPost(`/subscriptions/${s.id}/lifecycle`, { event });
      expect(res.status).toBe(202);
      await lifecycleHook.waitFor(() => lifecycleHook.items().length === i + 1, 1_000, event);
      const n = lifecycleHook.items()[i]!;
      expect(Object.keys(n).sort()).toEqual(documentedKeys);
      expect(n).toEqual({
        subscriptionId: s.id,
        subscriptionExpirationDateTime: s.expirationDateTime,
        tenantId: TEST_TENANT_ID,
        clientState: 'lifecycle-state',
        lifecycleEvent: event,
      });
      expect(lifecycleHook.posts[i]!.headers['content-type']).toMatch(/^application\/json/);
    }
    // Lifecycle events go to the lifecycle URL only.
    expect(hook.posts).toEqual([]);

    await expectGraphError(await t.raw(`/subscriptions/${s.id}`), 404, 'ResourceNotFound');
    await deliver('After removal');
    await idle();
    expect(hook.posts).toEqual([]);
    expect((await counters()).lifecycle.posted).toBe(3);
  });

  it('a subscription without lifecycleNotificationUrl gets no lifecycle events', async () => {
    const s = await subscribed();
    expect((await devPost(`/subscriptions/${s.id}/lifecycle`, { event: 'missed' })).status).toBe(409);
    await idle();
    expect(hook.posts).toEqual([]);
    expect(lifecycleHook.posts).toEqual([]);
  });
});

describe('expiry', () => {
  it('an expired subscription stops delivering and disappears from GET', async () => {
    const s = await subscribed({ expirationDateTime: inMinutes(5) });
    const before = await deliver('Before expiry');
    await hook.waitFor(() => hook.items().length === 1, 1_000);
    expect(hook.items()[0]!.resourceData.id).toBe(before.id);

    await devPost('/clock', { advanceMs: 6 * 60_000 });
    await deliver('After expiry');
    await idle();
    expect(hook.items()).toHaveLength(1);
    expect(await listSubscriptions()).toEqual([]);
    await expectGraphError(await t.raw(`/subscriptions/${s.id}`), 404, 'ResourceNotFound');
  });

  it('expires at the expirationDateTime itself, not a second early', async () => {
    // Sub-second expiry times must compare as instants, not as strings of different precision.
    const at = new Date(Date.now() + 10 * 60_000);
    at.setUTCMilliseconds(900);
    const s = await subscribed({ expirationDateTime: at.toISOString() });
    // 0.5 s before expiry (within the same second) the subscription is still there.
    await devPost('/clock', { offsetMs: at.getTime() - 500 - Date.now() });
    expect((await listSubscriptions()).map((x) => x.id)).toEqual([s.id]);
    await devPost('/clock', { offsetMs: at.getTime() + 1_000 - Date.now() });
    expect(await listSubscriptions()).toEqual([]);
  });
});
