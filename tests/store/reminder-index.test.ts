import { TableClient } from '@azure/data-tables';
import { describe, expect, it, inject } from 'vitest';
import { ReminderService, type ReminderDelivery } from '../../src/app/reminder-service.js';
import { NOTIFICATIONS_TABLE, NotificationTable } from '../../src/bot/notification-table.js';
import type { CaseId } from '../../src/domain/index.js';
import { CASES_TABLE } from '../../src/store/open-case-table.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/** The next-reminder index on a real Azurite: a pass reads only what is due, and the index follows every case write. */

const client = (prefix: string, name: string) =>
  TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${name}`, { allowInsecureConnection: true });

async function ledger(prefix: string) {
  const table = new NotificationTable(client(prefix, NOTIFICATIONS_TABLE));
  await table.init();
  return table;
}

function recorder() {
  const sent: { caseId: string; key: string }[] = [];
  const delivery: ReminderDelivery = {
    deliver: async (r, c) => {
      sent.push({ caseId: c.id, key: r.key });
      return { delivered: 1 };
    },
  };
  return { sent, delivery };
}

/** Counts the requests (and the entities in answers) a table client sends. */
function counter() {
  const seen = { requests: 0, entities: 0 };
  const policy = {
    name: 'count',
    async sendRequest(request: { method: string }, next: (r: never) => Promise<{ bodyAsText?: string | null }>) {
      seen.requests++;
      const response = await next(request as never);
      if (request.method === 'GET' && response.bodyAsText?.startsWith('{'))
        seen.entities += (JSON.parse(response.bodyAsText).value ?? []).length;
      return response;
    },
  };
  return { seen, options: { additionalPolicies: [{ policy: policy as never, position: 'perCall' as const }] } };
}

const indexRows = async (prefix: string) => {
  const rows: string[] = [];
  const filter =
    "PartitionKey eq 'dsar' and ((RowKey ge 'remind|' and RowKey lt 'remind}') or (RowKey ge 'rnext|' and RowKey lt 'rnext}'))";
  for await (const row of client(prefix, CASES_TABLE).listEntities({ queryOptions: { filter, select: ['RowKey'] } }))
    rows.push(String(row.rowKey));
  return rows.sort();
};

describe('the next-reminder index', () => {
  it('a pass with nothing due reads one range and no case, however many cases are open', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    const cases = caseService(table, () => '2026-03-05T10:00:00Z');
    for (let i = 0; i < 25; i++) await cases.open(newCaseInput({ requester: { name: 'A', email: `p${i}@example.com` } }), DPO);
    const { sent, delivery } = recorder();
    // The first pass looks at every new case once (each write marks its case) and moves it on.
    await new ReminderService({ repository: table, ledger: await ledger(prefix) }).run({ now: new Date('2026-03-05T12:00:00Z'), delivery });
    expect(sent).toEqual([]);
    const counted = counter();
    const observed = await freshCaseTable(prefix, counted.options);
    counted.seen.requests = 0;
    const service = new ReminderService({ repository: observed, ledger: await ledger(prefix) });
    expect(await service.run({ now: new Date('2026-03-06T12:00:00Z'), delivery })).toEqual([]);
    // The backfill's mark (once per instance) and one query page: no case and no ledger row read.
    expect(counted.seen).toEqual({ requests: 2, entities: 0 });
    // On the day the unconfirmed reminders fall due (3 working days: Tuesday 10 March), all 25 go out.
    expect(await service.run({ now: new Date('2026-03-10T08:00:00Z'), delivery })).toHaveLength(25);
    Object.assign(counted.seen, { requests: 0, entities: 0 });
    expect(await service.run({ now: new Date('2026-03-10T09:00:00Z'), delivery })).toEqual([]);
    expect(counted.seen).toEqual({ requests: 1, entities: 0 });
  });

  it('a case written during a pass keeps its newer row: the pass never moves it on', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    const cases = caseService(table, () => '2026-03-05T10:00:00Z');
    const { case: c } = await cases.open(newCaseInput(), DPO);
    const check = await table.reminderCheck(c.id);
    await cases.act(c.id, { type: 'start' }, DPO);
    expect(await table.advanceReminder(c.id, check!.token, '2026-03-31T06:00:00.000Z')).toBe(false);
    expect(await indexRows(prefix)).toEqual([`remind|0000-01-01T00:00:00.000Z|${c.id}`, `rnext|${c.id}`]);
    // With a fresh check it moves; the case's next write puts it back to "look at me".
    const fresh = await table.reminderCheck(c.id);
    expect(await table.advanceReminder(c.id, fresh!.token, '2026-03-31T06:00:00.000Z')).toBe(true);
    expect(await indexRows(prefix)).toEqual([`remind|2026-03-31T06:00:00.000Z|${c.id}`, `rnext|${c.id}`]);
    expect(await table.dueForReminders(new Date('2026-03-31T05:59:59Z'))).toEqual([]);
    expect(await table.dueForReminders(new Date('2026-03-31T06:00:00Z'))).toEqual([c.id]);
    await cases.act(c.id, { type: 'dismiss', reason: 'nyhedsbrev' }, DPO);
    expect(await indexRows(prefix)).toEqual([]);
  });

  it('a case opened from mail that waited is reminded on the next pass, once', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    // Received 5 March, opened only on 9 April: overdue from the start.
    await caseService(table, () => '2026-04-09T09:00:00Z').open(newCaseInput({ receivedAt: '2026-03-05T10:00+01:00' }), DPO);
    const { sent, delivery } = recorder();
    const service = new ReminderService({ repository: table, ledger: await ledger(prefix) });
    expect(await service.run({ now: new Date('2026-04-09T09:05:00Z'), delivery })).toMatchObject([{ kind: 'overdue', status: 'sent' }]);
    expect(await service.run({ now: new Date('2026-04-09T15:00:00Z'), delivery })).toEqual([]);
    expect((await service.run({ now: new Date('2026-04-10T06:00:00Z'), delivery })).map((o) => o.key)).toEqual([
      'overdue:2026-04-07:2026-04-10',
    ]);
    expect(sent).toHaveLength(2);
  });

  it('cases stored before the index get their rows once (backfill) and are reminded', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    const cases = caseService(table, () => '2026-03-05T10:00:00Z');
    const opened: CaseId[] = [];
    for (let i = 0; i < 3; i++)
      opened.push((await cases.open(newCaseInput({ requester: { name: 'A', email: `p${i}@example.com` } }), DPO)).case.id);
    await cases.act(opened[2]!, { type: 'dismiss', reason: 'nyhedsbrev' }, DPO);
    // As stored before this change: no index rows and no mark.
    const raw = client(prefix, CASES_TABLE);
    for (const rowKey of await indexRows(prefix)) await raw.deleteEntity('dsar', rowKey);
    await raw.deleteEntity('dsar', 'meta|reminder-index').catch(() => undefined);
    const { sent, delivery } = recorder();
    const a = new ReminderService({ repository: await freshCaseTable(prefix), ledger: await ledger(prefix) });
    const b = new ReminderService({ repository: await freshCaseTable(prefix), ledger: await ledger(prefix) });
    const now = new Date('2026-03-10T08:00:00Z');
    await Promise.all([a.run({ now, delivery }), b.run({ now, delivery })]);
    expect(sent.map((s) => s.caseId).sort()).toEqual(opened.slice(0, 2));
    expect(await indexRows(prefix)).toHaveLength(4);
    expect(await (await freshCaseTable(prefix)).backfillReminderIndex()).toBe(0);
  });
});
