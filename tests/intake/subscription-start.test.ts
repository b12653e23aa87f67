import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { classifyMime } from '../../src/classifier/index.js';
import { setUpIntake } from '../../src/intake/intake.js';
import { IntakeTable } from '../../src/intake/intake-table.js';
import { SubscriptionManager } from '../../src/intake/subscription-manager.js';
import { freePort } from '../../src/local/azurite.js';
import { createLogger } from '../../src/logging/logger.js';
import type { Server } from '../../src/platform/http.js';
import { createApp } from '../../src/server/app.js';
import { startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/** A changed public URL or secret reaches the Graph subscription when intake starts, not at the hourly job. */

const logger = createLogger('silent');
let t: TestTenant;
let intake: IntakeTable;
let server: Server;
let url: string;
const prefix = uniquePrefix();

beforeAll(async () => {
  t = await startTestTenant();
  intake = new IntakeTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}intake`, { allowInsecureConnection: true }),
  );
  await intake.init();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // Answers Graph's validation handshake (the webhook route echoes validationToken).
  server = createApp({ logger, version: 'test', readiness: [] });
  server.post('/api/notifications', async (req, res) => {
    res.sendRaw(200, new URL(req.url ?? '/', 'http://x').searchParams.get('validationToken') ?? '', { 'Content-Type': 'text/plain' });
  });
  server.post('/api/notifications/lifecycle', async (req, res) => {
    res.sendRaw(200, new URL(req.url ?? '/', 'http://x').searchParams.get('validationToken') ?? '', { 'Content-Type': 'text/plain' });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await t?.close();
});

const onDpa = async () =>
  ((await t.graph.api('/subscriptions').get()) as { value: { id: string; resource: string; clientState: string }[] }).value.filter((s) =>
    s.resource.includes('dpa@'),
  );

describe.sequential('the subscription at start-up', () => {
  it('intake.start() replaces a subscription made with another secret, with no job run', async () => {
    const old = new SubscriptionManager(
      t.graph,
      intake,
      { mailbox: 'dpa@itguy.dk', publicUrl: url, clientState: 'old-secret-0123456789' },
      logger,
    );
    expect(await old.ensure()).toBe('created');
    const feature = await setUpIntake({
      config: { mailboxes: ['dpa@itguy.dk'], publicUrl: url, clientState: 'new-secret-0123456789', backfillDays: 1 },
      graph: t.graph,
      table: intake,
      cases: caseService(await freshCaseTable(prefix)),
      classify: classifyMime,
      signature: 'ITGuy ApS',
      logger,
    });
    feature.start();
    try {
      const until = Date.now() + 5000;
      while ((await onDpa()).some((s) => s.clientState !== 'new-secret-0123456789') && Date.now() < until)
        await new Promise((r) => setTimeout(r, 50));
      const subs = await onDpa();
      expect(subs.map((s) => s.clientState)).toEqual(['new-secret-0123456789']);
      expect(await feature.subscriptions[0]!.currentId()).toBe(subs[0]!.id);
    } finally {
      await feature.stop();
    }
  });

  it('two instances starting at once with new settings make one subscription between them', async () => {
    const settings = { mailbox: 'dpa@itguy.dk', publicUrl: url, clientState: 'rotated-again-0123456789' };
    const a = new SubscriptionManager(t.graph, intake, { ...settings, instance: 'a' }, logger);
    const b = new SubscriptionManager(t.graph, intake, { ...settings, instance: 'b' }, logger);
    const results = await Promise.all([a.ensure(), b.ensure()]);
    expect(results.filter((r) => r === 'created')).toHaveLength(1);
    const subs = await onDpa();
    expect(subs.map((s) => s.clientState)).toEqual(['rotated-again-0123456789']);
    // The one that was busy finds it in place on its next check.
    expect(await (results[0] === 'created' ? b : a).ensure()).toBe('ok');
  });
});
