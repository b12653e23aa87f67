import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { loadConfig } from '../../src/config/config.js';
import { freePort } from '../../src/local/azurite.js';
import { createLogger } from '../../src/logging/logger.js';
import { runApp, type RunningApp } from '../../src/server/run.js';
import { startConnector } from '../helpers/connector.js';
import { graphEnv, smallSeed, startTestTenant } from '../helpers/dev-tenant.js';
import { uniquePrefix } from '../helpers/store.js';

/**
 * POST /api/messages in local mode (no bot registration, unsigned activities as the Agents Playground sends
 * them), through the real app on the test Azurite: who may send, which service URL it may name, and what
 * unknown invokes and other places get. The Playground's port is the test connector's.
 */

const DPO = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

let connector: Awaited<ReturnType<typeof startConnector>>;
let conversations: ConversationTable;
let prefix: string;
const apps: RunningApp[] = [];

const env = async (extra: Record<string, string> = {}) => ({
  DSAR_LOCAL_TABLES_PORT: new URL(inject('azuriteUrl')).port,
  DSAR_TABLE_PREFIX: prefix,
  PORT: String(await freePort()),
  DSAR_PLAYGROUND_PORT: new URL(connector.url).port,
  DSAR_DPO_USER_IDS: DPO,
  ...extra,
});
const start = async (extra: Record<string, string> = {}) => {
  const config = loadConfig(await env(extra));
  const app = await runApp(config, createLogger('silent'));
  apps.push(app);
  return { app, port: config.port };
};

let seq = 0;
const activity = (extra: Record<string, unknown> = {}) => ({
  type: 'message',
  id: `a-${++seq}`,
  channelId: 'msteams',
  serviceUrl: connector.url,
  locale: 'da-DK',
  text: 'sager',
  conversation: { id: 'personal-chat-rhv', conversationType: 'personal' },
  from: { id: 'user-rhv', name: 'Rasmus Holt Vestergaard', aadObjectId: DPO },
  recipient: { id: '28:bot', name: 'DSAR-assistent' },
  ...extra,
});
const post = (base: string, body: unknown) =>
  fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A POST with headers fetch will not let a caller set (Host): what a rebound DNS name or a tunnel delivers. */
const rawPost = (port: number, body: unknown, headers: Record<string, string>) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });

beforeAll(async () => {
  connector = await startConnector();
  prefix = uniquePrefix();
  conversations = new ConversationTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CONVERSATIONS_TABLE}`, {
      allowInsecureConnection: true,
    }),
  );
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await connector.close();
});

describe('the bot in local mode', () => {
  it('listens on 127.0.0.1 by default, not on the machine’s other addresses', async () => {
    const { app, port } = await start();
    expect(loadConfig(await env()).host).toBe('127.0.0.1');
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    if (external) await expect(fetch(`http://${external}:${port}/healthz`)).rejects.toThrow();
  });

  it('refuses an activity naming another service URL before anything is read or stored', async () => {
    const { app } = await start();
    connector.received.splice(0);
    const response = await post(app.url, activity({ serviceUrl: 'http://127.0.0.1:3979/_dev/' }));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(/serviceUrl/);
    expect(await conversations.get('personal', DPO)).toBeUndefined();
    expect(connector.received).toHaveLength(0);
  });

  it('refuses unsigned activities from another machine, even when told to listen everywhere', async () => {
    const { port } = await start({ DSAR_HOST: '0.0.0.0' });
    const from = external ?? '127.0.0.1';
    const response = await post(`http://${from}:${port}`, activity());
    // Without another interface on this machine the request is loopback and must pass; with one, never.
    expect(response.status).toBe(external ? 403 : 200);
    if (external) {
      expect(((await response.json()) as { message: string }).message).toMatch(/only from this machine/);
      expect(await conversations.get('personal', DPO)).toBeUndefined();
    }
  });

  it('refuses unsigned activities for another Host name (DNS rebinding, a tunnel) or from a web page, before reading them', async () => {
    const { port } = await start();
    connector.received.splice(0);
    for (const headers of [
      { host: `rebind.evil.example:${port}` },
      { host: 'abc123-3978.euw.devtunnels.ms' },
      { host: `localhost:${port + 1}` },
      { host: `localhost:${port}`, origin: 'https://evil.example' },
      { host: `localhost:${port}`, origin: `http://localhost:${port}` },
      { host: `127.0.0.1:${port}`, 'sec-fetch-site': 'cross-site' },
    ]) {
      const response = await rawPost(port, activity({ conversation: { id: 'rebound-chat', conversationType: 'personal' } }), headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(response.text), JSON.stringify(headers)).toMatchObject({ code: 'forbidden' });
      expect(response.text).not.toContain('Åbne sager');
    }
    // Nothing stored from these (an earlier test may have stored the DPO's own chat when this machine has no other address).
    expect((await conversations.get('personal', DPO))?.reference.conversation).not.toMatchObject({ id: 'rebound-chat' });
    expect(connector.received).toHaveLength(0);
    // The names a client on this machine uses pass.
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`])
      expect((await rawPost(port, activity({ type: 'typing' }), { host })).status, host).toBe(200);
  });

  it('refuses expectReplies and every delivery mode but normal with 400: replies never come back in the response', async () => {
    const { app } = await start();
    connector.received.splice(0);
    for (const deliveryMode of ['expectReplies', 'notification', 'ephemeral']) {
      const response = await post(app.url, activity({ deliveryMode, conversation: { id: 'replies-chat', conversationType: 'personal' } }));
      expect(response.status, deliveryMode).toBe(400);
      const text = await response.text();
      expect(JSON.parse(text), deliveryMode).toMatchObject({ code: 'invalid_activity' });
      expect(text).toMatch(/deliveryMode/);
      expect(text).not.toContain('Åbne sager');
    }
    expect((await conversations.get('personal', DPO))?.reference.conversation).not.toMatchObject({ id: 'replies-chat' });
    expect(connector.received).toHaveLength(0);
  });

  it("answers the Playground on loopback, with replies to the Playground's URL", async () => {
    const { app } = await start();
    const sent = activity();
    const replied = connector.next((r) => r.activity.replyToId === sent.id);
    expect((await post(app.url, sent)).status).toBe(200);
    expect(JSON.stringify((await replied).activity)).toContain('Åbne sager');
    expect((await conversations.get('personal', DPO))?.reference.serviceUrl).toBe(connector.url);
  });

  it('answers unknown invokes 200 with an empty body, and an activity without a type 400', async () => {
    const { app } = await start();
    for (const name of ['task/fetch', 'composeExtension/query', 'config/fetch', 'something/new']) {
      const response = await post(app.url, activity({ type: 'invoke', name, value: {} }));
      expect(response.status, name).toBe(200);
      expect(await response.text(), name).toBe('');
    }
    const { type: _, ...untyped } = activity();
    const response = await post(app.url, untyped);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/type is required|has no type/);
    // A card action without an action is the client's mistake: 4xx, never 5xx.
    for (const value of [{}, { action: {} }, { action: { type: 'Action.Execute', verb: 42 } }, null]) {
      const bad = await post(app.url, activity({ type: 'invoke', name: 'adaptiveCard/action', value }));
      expect(bad.status, JSON.stringify(value)).toBeLessThan(500);
    }
    for (const type of ['event', 'messageReaction', 'typing', 'endOfConversation', 'made-up'])
      expect((await post(app.url, activity({ type, name: 'x' }))).status, type).toBe(200);
  });

  it('shows no case data in a group chat: a card action there says where to ask', async () => {
    const { app } = await start();
    const response = await post(
      app.url,
      activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        conversation: { id: 'group-chat-itguy', conversationType: 'groupChat', isGroup: true },
        value: { action: { type: 'Action.Execute', verb: 'list', data: {} } },
      }),
    );
    expect(response.status).toBe(200);
    const text = JSON.stringify(await response.json());
    expect(text).toContain('Sager viser jeg kun i en personlig chat med mig');
    expect(text).not.toContain('Åbne sager');
  });

  it("keeps the DPO's conversation when an uninstall naming them comes from another conversation", async () => {
    const { app } = await start();
    expect(await conversations.get('personal', DPO)).toBeDefined();
    const forged = activity({
      type: 'installationUpdate',
      action: 'remove',
      conversation: { id: 'other-chat', conversationType: 'personal' },
    });
    expect((await post(app.url, forged)).status).toBe(200);
    expect((await conversations.get('personal', DPO))?.reference.conversation).toMatchObject({ id: 'personal-chat-rhv' });
    // Its own conversation's uninstall removes it.
    expect((await post(app.url, activity({ type: 'installationUpdate', action: 'remove' }))).status).toBe(200);
    expect(await conversations.get('personal', DPO)).toBeUndefined();
  });
});

describe('the assignee typeahead through the endpoint', () => {
  it('answers application/search through the same gate as every activity: colleagues for the DPO only', async () => {
    // The demo DPO is a directory user too, so the app's Graph settings point at a tenant that has them.
    const tenant = await startTestTenant({
      seed: smallSeed({
        users: [
          ...smallSeed().users,
          { id: DPO, displayName: 'Rasmus Holt Vestergaard', mail: 'rhv@itguy.dk', userPrincipalName: 'rhv@itguy.dk', mailboxType: 'user' },
        ],
      }),
    });
    try {
      const { app, port } = await start(graphEnv(tenant));
      const query = (extra: Record<string, unknown> = {}) =>
        activity({
          type: 'invoke',
          name: 'application/search',
          value: { queryText: 'mette', queryOptions: { skip: 0, top: 15 }, dataset: 'colleagues' },
          ...extra,
        });
      const response = await post(app.url, query());
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        type: 'application/vnd.microsoft.search.searchResponse',
        value: { results: [{ title: 'Mette Ravn <mette@itguy.dk>', value: '22222222-2222-4222-8222-222222222222' }] },
      });
      // Someone else: refused, and the directory is not named.
      const stranger = await post(
        app.url,
        query({ from: { id: 'user-x', name: 'X', aadObjectId: '6330d733-bfb8-44d8-ad05-fd50cd09fe4b' } }),
      );
      expect(stranger.status).toBe(403);
      expect(await stranger.text()).not.toContain('Mette');
      // The gate comes first: from a web page it is not even read.
      const fromPage = await rawPost(port, query(), { host: `localhost:${port}`, origin: 'https://evil.example' });
      expect(fromPage.status).toBe(403);
      expect(fromPage.text).not.toContain('Mette');
    } finally {
      await tenant.close();
    }
  });
});
