import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CaseService } from '../../src/app/case-service.js';
import { CalendarSync, transactionIdOf } from '../../src/calendar/calendar-sync.js';
import { CALENDAR_TABLE, CalendarTable } from '../../src/calendar/calendar-table.js';
import { ITGUY_REGISTER, type Case } from '../../src/domain/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { freshCaseTable, uniquePrefix } from '../helpers/store.js';

/**
 * The Outlook calendar sync against real Azurite and the dev tenant through the real Graph client: two
 * instances on one store make exactly one event per case, move it when the deadline moves, remove it when
 * the case is closed, and finish what a crash between Graph's create and the row write left behind.
 */

const MAILBOX = 'mette@itguy.dk';
type Json = Record<string, unknown>;

let t: TestTenant;
let noCalendar: TestTenant;
beforeAll(async () => {
  [t, noCalendar] = await Promise.all([startTestTenant(), startTestTenant({ app: { roles: ['Mail.ReadWrite', 'User.Read.All'] } })]);
});
afterAll(async () => {
  await Promise.all([t?.close(), noCalendar?.close()]);
});

async function calendarTable(prefix: string): Promise<CalendarTable> {
  const client = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CALENDAR_TABLE}`, {
    allowInsecureConnection: true,
  });
  const table = new CalendarTable(client);
  await table.init();
  return table;
}

async function world(tenant = t) {
  const prefix = uniquePrefix();
  const repository = await freshCaseTable(prefix);
  const cases = new CaseService({ repository, register: ITGUY_REGISTER, retentionYears: 3, openIndex: repository.openIndex! });
  const table = await calendarTable(prefix);
  const instance = (now?: () => Date, over: CalendarTable = table, onFailure?: (f: { failed: number }) => void) =>
    new CalendarSync({
      table: over,
      graph: tenant.graph,
      mailbox: MAILBOX,
      lang: 'da',
      everyMs: 60_000,
      logger: createLogger('silent'),
      cases: {
        facts: async (id) => (await repository.get(id as Case['id'])) ?? undefined,
        open: () => cases.openFacts(),
      },
      ...(now ? { now } : {}),
      ...(onFailure ? { onFailure } : {}),
    });
  return { cases, table, instance };
}

async function events(tenant = t): Promise<Json[]> {
  const out: Json[] = [];
  let page = (await tenant.graph.api(`/users/${MAILBOX}/events`).top(100).get()) as { value: Json[]; '@odata.nextLink'?: string };
  out.push(...page.value);
  while (page['@odata.nextLink']) {
    page = (await tenant.graph.api(page['@odata.nextLink']).get()) as typeof page;
    out.push(...page.value);
  }
  return out;
}
const eventsOf = async (id: string) => (await events()).filter((e) => String(e.subject).includes(`${id} `));
const dayOf = (e: Json) => String((e.start as Json).dateTime).slice(0, 10);

const receivedToday = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
async function open(cases: CaseService, n: number): Promise<Case[]> {
  const out: Case[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      (await cases.open(newCaseInput({ receivedAt: receivedToday(), requester: { name: `Person ${i}`, email: `p${i}@example.org` } }), DPO))
        .case,
    );
  return out;
}

describe('deadlines in Outlook, two instances on one store', () => {
  it('makes exactly one event per case on its deadline, and a second pass changes nothing', async () => {
    const { cases, instance } = await world();
    const opened = await open(cases, 6);
    const [a, b] = [instance(), instance()];
    await Promise.all([a.pass(), b.pass(), a.pass()]);
    for (const c of opened) {
      const found = await eventsOf(c.id);
      expect(found, c.id).toHaveLength(1);
      expect(found[0]!.isAllDay).toBe(true);
      expect(dayOf(found[0]!)).toBe(c.deadlines.due);
      expect(found[0]!.transactionId).toBe(transactionIdOf(c.id, 1));
      // The calendar may be shared: the case and the right, never the person.
      expect(JSON.stringify(found[0])).not.toMatch(/Person \d|p\d@example\.org/);
      expect(found[0]!.subject).toBe(`GDPR-frist: ${c.id} (indsigt)`);
    }
    expect(await Promise.all([a.pass(), b.pass()])).toEqual([
      { checked: 12, changed: 0, failed: 0 },
      { checked: 12, changed: 0, failed: 0 },
    ]);
  });

  it('moves the event when the deadline is extended, and removes it when the case is dismissed or answered and closed', async () => {
    const { cases, instance, table } = await world();
    const [kept, extended, dismissed] = await open(cases, 3);
    const [a, b] = [instance(), instance()];
    await Promise.all([a.pass(), b.pass()]);
    const after = await cases.act(extended!.id, { type: 'extend', reason: 'Mange systemer', notifiedAt: receivedToday() }, DPO);
    await cases.act(dismissed!.id, { type: 'dismiss', reason: 'Ikke en anmodning' }, DPO);
    const results = await Promise.all([a.pass(), b.pass()]);
    expect(results.reduce((n, r) => n + r.changed, 0)).toBe(2);
    const [moved] = await eventsOf(extended!.id);
    expect(await eventsOf(extended!.id)).toHaveLength(1);
    expect(dayOf(moved!)).toBe(after.deadlines.extendedDue);
    expect(moved!.subject).toContain('forlænget');
    expect(moved!.bodyPreview).toContain('artikel 12, stk. 3');
    expect(await eventsOf(dismissed!.id)).toHaveLength(0);
    expect((await table.get(dismissed!.id))?.state).toBe('removed');
    expect(await eventsOf(kept!.id)).toHaveLength(1);
    // Answered, then closed: no deadline binds any more.
    await cases.act(kept!.id, { type: 'start' }, DPO);
    await cases.act(kept!.id, { type: 'respond', override: 'Svaret er sendt; opgaverne er ført uden for systemet i testen' }, DPO);
    await cases.act(kept!.id, { type: 'close', outcome: 'Besvaret', override: 'Testen lukker med åbne opgaver' }, DPO);
    await Promise.all([a.pass(), b.pass()]);
    expect(await eventsOf(kept!.id)).toHaveLength(0);
    expect((await table.get(kept!.id))?.state).toBe('removed');
  });

  it('syncs a case the moment it changes (no pass), through the case service', async () => {
    const { cases, instance } = await world();
    const sync = instance();
    cases.onChange((c) => sync.changed(c));
    const [c] = await open(cases, 1);
    await sync.settled();
    expect(await eventsOf(c!.id)).toHaveLength(1);
    await cases.act(c!.id, { type: 'dismiss', reason: 'Dublet' }, DPO);
    await sync.settled();
    expect(await eventsOf(c!.id)).toHaveLength(0);
  });

  it('finishes a create a crash cut off after Graph made the event: still one event, once the lease has run out', async () => {
    const { cases, instance, table } = await world();
    const [c] = await open(cases, 1);
    // The instance dies right after the POST: every later row write of it fails.
    let posted = false;
    const crashing = Object.create(table) as CalendarTable;
    crashing.replace = async (id, columns, etag) => {
      if (posted) throw new Error('killed');
      if (columns.state === 'creating' && columns.leaseUntil) posted = true;
      return table.replace(id, columns, etag);
    };
    crashing.insert = async (id, columns) => {
      const etag = await table.insert(id, columns);
      posted = true;
      return etag;
    };
    await expect(instance(undefined, crashing).sync(c!.id)).rejects.toThrow('killed');
    expect(await eventsOf(c!.id)).toHaveLength(1);
    expect((await table.get(c!.id))?.state).toBe('creating');
    // Within the dead instance's lease another one leaves the case alone; after it, it finishes the create.
    expect(await instance().sync(c!.id)).toBe('busy');
    const later = instance(() => new Date(Date.now() + 61_000));
    expect(await later.sync(c!.id)).toBe('created');
    expect(await eventsOf(c!.id)).toHaveLength(1);
    const row = await table.get(c!.id);
    expect(row?.state).toBe('synced');
    expect(row?.eventId).toBe((await eventsOf(c!.id))[0]!.id);
  });

  it('makes a new event when the DPO deleted it in Outlook', async () => {
    const { cases, instance } = await world();
    const [c] = await open(cases, 1);
    const sync = instance();
    await sync.pass();
    const [first] = await eventsOf(c!.id);
    await t.graph.api(`/users/${MAILBOX}/events/${first!.id as string}`).delete();
    // Only a change shows it: a moved deadline (here, the case is extended).
    await cases.act(c!.id, { type: 'extend', reason: 'Mange systemer', notifiedAt: receivedToday() }, DPO);
    expect(await sync.sync(c!.id)).toBe('created');
    const now = await eventsOf(c!.id);
    expect(now).toHaveLength(1);
    expect(now[0]!.id).not.toBe(first!.id);
    expect(now[0]!.transactionId).toBe(transactionIdOf(c!.id, 2));
  });

  it('reports a pass that Graph refuses (no Calendars.ReadWrite), with how many cases are not in step', async () => {
    const { cases, instance } = await world(noCalendar);
    await open(cases, 2);
    const failures: number[] = [];
    const sync = instance(undefined, undefined, (f) => failures.push(f.failed));
    expect(await sync.pass()).toMatchObject({ changed: 0, failed: 2 });
    expect(failures).toEqual([2]);
  });
});
