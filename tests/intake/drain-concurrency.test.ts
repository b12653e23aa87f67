import { TableClient } from '@azure/data-tables';
import pLimit from 'p-limit';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { CaseService } from '../../src/app/case-service.js';
import { classifyMime } from '../../src/classifier/index.js';
import { IntakeEvents } from '../../src/intake/intake-events.js';
import { IntakeProcessor } from '../../src/intake/intake-processor.js';
import { IntakeTable, messageKey } from '../../src/intake/intake-table.js';
import { createLogger } from '../../src/logging/logger.js';
import { eml, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/**
 * The processor's concurrency and fairness against the dev tenant with Graph latency injected (so requests
 * overlap as they do against Graph), the queue and cases in a real Azurite: each mailbox has more than one
 * request in flight and never more than Outlook's 4 (the dev tenant answers a fifth with 429), and a
 * mailbox with one mail is not held behind another's 200.
 */

const A = 'dpa@itguy.dk';
const B = 'support@itguy.dk';
const REQUEST_BODY = 'Hej\n\nJeg vil gerne have en kopi af alle de personoplysninger, I har om mig, jf. artikel 15.\n\nVenlig hilsen';

let t: TestTenant;
let service: CaseService;
let intake: IntakeTable;
let intakeClient: TableClient;
let processor: IntakeProcessor;

beforeAll(async () => {
  t = await startTestTenant();
  const prefix = uniquePrefix();
  service = caseService(await freshCaseTable(prefix));
  intakeClient = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}intake`, { allowInsecureConnection: true });
  intake = new IntakeTable(intakeClient);
  await intake.init();
  processor = new IntakeProcessor(
    { graph: t.graph, intake, cases: service, classify: classifyMime, events: new IntakeEvents(), logger: createLogger('silent') },
    { signature: 'ITGuy ApS' },
  );
}, 60_000);
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.dev('/faults', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latencyMs: 25 }) });
  await t.dev('/counters', { method: 'DELETE' });
});

let sender = 0;
/** Requests from distinct people, delivered to `mailbox` and queued as their notifications would. */
async function deliver(mailbox: string, n: number): Promise<string[]> {
  const limit = pLimit(16);
  const ids = await Promise.all(
    Array.from({ length: n }, () =>
      limit(async () => {
        const i = sender++;
        const raw = eml({ from: `Person ${i} <person-${i}@example.com>`, to: mailbox, subject: 'Indsigt', body: REQUEST_BODY });
        const res = await t.dev(`/mailboxes/${mailbox}/deliver`, {
          method: 'POST',
          headers: { 'Content-Type': 'message/rfc822' },
          body: raw,
        });
        expect(res.status).toBe(201);
        return ((await res.json()) as { immutableId: string }).immutableId;
      }),
    ),
  );
  await intake.enqueue(
    ids.map((messageId) => ({ mailbox, messageId, via: 'notification' as const })),
    new Date(),
  );
  return ids;
}

const outcome = async (id: string) =>
  (await intakeClient.getEntity<{ outcome: string }>('intake', `done|${messageKey(id)}`).catch(() => undefined))?.outcome;

/** The most requests the dev tenant saw in flight at once per mailbox, and how many it refused with 429. */
async function graphLoad(): Promise<{ inFlight: Record<string, number>; throttled: number }> {
  const counters = (await (await t.dev('/counters')).json()) as { throttled429: number; maxConcurrency: Record<string, number> };
  const idOf = (mailbox: string) => t.tenant.services.tenant.user(mailbox)!.id;
  const max = (mailbox: string) =>
    Math.max(
      0,
      ...Object.entries(counters.maxConcurrency).flatMap(([key, n]) =>
        key === `outlook|${t.tenant.clientId}|${idOf(mailbox)}` ? [n] : [],
      ),
    );
  return { inFlight: { [A]: max(A), [B]: max(B) }, throttled: counters.throttled429 };
}

describe.sequential('intake at Graph speed', () => {
  it('works both mailboxes with more than one request in flight each and never more than 4: every mail one case', async () => {
    const ids = [...(await deliver(A, 40)), ...(await deliver(B, 40))];
    await processor.drain();
    const outcomes = await Promise.all(ids.map(outcome));
    expect(outcomes.filter((o) => /^case DSAR-/.test(o ?? ''))).toHaveLength(80);
    expect(new Set(outcomes).size).toBe(80);
    const load = await graphLoad();
    expect(load.inFlight[A]).toBeGreaterThan(1);
    expect(load.inFlight[B]).toBeGreaterThan(1);
    expect(load.inFlight[A]).toBeLessThanOrEqual(4);
    expect(load.inFlight[B]).toBeLessThanOrEqual(4);
    // The dev tenant answers a fifth concurrent request to a mailbox with 429: none was sent.
    expect(load.throttled).toBe(0);
  }, 120_000);

  it('a mailbox with one mail is not held behind the 200 another mailbox has queued', async () => {
    const burst = await deliver(A, 200);
    const draining = processor.drain();
    const [single] = await deliver(B, 1);
    // A notification for it wakes the processor that is busy with the burst.
    processor.drain().catch(() => undefined);
    let waitingThen: number | undefined;
    for (let tries = 0; tries < 3000 && waitingThen === undefined; tries++) {
      if (await outcome(single!)) waitingThen = (await intake.waiting(A)).waiting;
      else await new Promise((r) => setTimeout(r, 10));
    }
    expect(await outcome(single!)).toMatch(/^case DSAR-/);
    // Most of the burst was still queued when the single mail was done.
    expect(waitingThen).toBeGreaterThan(100);
    await draining;
    await processor.drain();
    expect((await Promise.all(burst.map(outcome))).filter((o) => /^case DSAR-/.test(o ?? ''))).toHaveLength(200);
  }, 180_000);
});
