import { randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NOTIFICATIONS_TABLE } from '../../src/bot/notification-table.js';
import { freePort } from '../../src/local/azurite.js';
import type { CaseTable } from '../../src/store/case-table.js';
import { startAppInstance, type AppInstance } from '../helpers/app-instance.js';
import { dpoWithBot } from '../helpers/dpo-chat.js';
import { startConnector } from '../helpers/connector.js';
import { eml, graphEnv, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { freshCaseTable, uniquePrefix } from '../helpers/store.js';

/**
 * Exactly one new-request card per case when an instance dies mid-burst: two app instances (the
 * production entry point, local mode, so the bot runs unsigned against the connector on loopback, which
 * stands in for the Playground) on one store, intake watching dpa@ in the dev tenant. The connector answers
 * slowly, so instance A is killed with SIGKILL while its cards are claimed but not delivered; instance B's
 * redelivery sweep (leased job) sends them once their claims' lease has run out.
 */

const DPO = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const BURST = 8;

let t: TestTenant;
let connector: Awaited<ReturnType<typeof startConnector>>;
let table: CaseTable;
let a: AppInstance | undefined;
let b: AppInstance | undefined;
const prefix = uniquePrefix();

const request = (i: number) =>
  eml({
    from: `Person ${i} <person.${i}@example.org>`,
    to: 'dpa@itguy.dk',
    subject: 'Indsigt i mine oplysninger',
    id: `crash-burst-${i}-${randomBytes(4).toString('hex')}`,
    body: `Hej\n\nJeg vil gerne have en kopi af alle de personoplysninger, I har om mig, jf. artikel 15.\n\nVenlig hilsen\nPerson ${i}`,
  });

async function waitFor(probe: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  [t, connector] = await Promise.all([startTestTenant(), startConnector()]);
  table = await freshCaseTable(prefix);
  // The DPO has the bot installed; their personal chat is at the connector.
  await dpoWithBot(prefix, connector.url, DPO);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.stop('SIGKILL'), b?.stop()]);
  await Promise.all([t?.close(), connector?.close()]);
});

describe('new-request cards when an instance is killed mid-burst', () => {
  it('every case gets exactly one card, eventually', async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    const env = {
      // Local mode on the test Azurite: no bot registration, so the connector on loopback is the Playground.
      DSAR_LOCAL_TABLES_PORT: new URL(inject('azuriteUrl')).port,
      DSAR_TABLE_PREFIX: prefix,
      ...graphEnv(t),
      // Behind one public URL, as App Service's load balancer: the dev tenant notifies A.
      DSAR_PUBLIC_URL: `http://127.0.0.1:${portA}`,
      DSAR_WEBHOOK_CLIENT_STATE: randomBytes(24).toString('base64url'),
      DSAR_DPO_USER_IDS: DPO,
      DSAR_PLAYGROUND_PORT: new URL(connector.url).port,
      DSAR_BOT_CLAIM_STALE_SECONDS: '3',
      DSAR_BOT_REDELIVERY_SECONDS: '1',
    };
    [a, b] = await Promise.all([startAppInstance(env, portA), startAppInstance(env, portB)]);
    for (const i of [a, b]) await waitFor(async () => (await fetch(`${i.url}/readyz`)).status === 200, 20_000, 'readiness');

    connector.hold(60_000);
    for (let i = 0; i < BURST; i++) {
      const res = await t.dev('/mailboxes/dpa@itguy.dk/deliver', {
        method: 'POST',
        headers: { 'Content-Type': 'message/rfc822' },
        body: request(i),
      });
      expect(res.status).toBe(201);
    }
    // Every case opened and its card claimed by A, none delivered yet: then A dies.
    const notifications = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${NOTIFICATIONS_TABLE}`, {
      allowInsecureConnection: true,
    });
    const claims = async () => {
      let n = 0;
      for await (const row of notifications.listEntities<{ state: string }>()) if (row.rowKey?.startsWith('new_request')) n++;
      return n;
    };
    await waitFor(async () => (await table.listAll()).length >= BURST && (await claims()) >= BURST, 30_000, 'cases and claims');
    expect(connector.received).toHaveLength(0);
    await a.stop('SIGKILL');
    connector.hold(0);

    const all = await table.listAll();
    expect(all).toHaveLength(BURST);
    const cardsFor = (caseId: string) =>
      connector.received.filter(
        (r) => JSON.stringify(r.activity).includes(caseId) && JSON.stringify(r.activity).includes('Ny GDPR-anmodning'),
      );
    // B's scheduler looks as often as its shortest job wants (the 1 s sweep); the claims' lease is 3 s. On a
    // loaded machine A may already have begun its own sweep of the (by then stale) claims when it is killed:
    // B then waits out that run's job lease (60 s) too, so the bound is 60 s + 3 s, not 3 s.
    await waitFor(async () => all.every((c) => cardsFor(c.id).length >= 1), 90_000, 'a card for every case');
    await new Promise((r) => setTimeout(r, 1500));
    expect(all.map((c) => cardsFor(c.id).length)).toEqual(all.map(() => 1));
    expect(connector.received).toHaveLength(BURST);
    expect(b.logs().some((l) => l.msg === 'bot: unsent intake notifications sent')).toBe(true);
    expect((await table.listAll()).length).toBe(BURST);
  }, 180_000);
});
