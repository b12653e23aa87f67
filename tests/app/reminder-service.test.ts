import { TableClient } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ReminderService, reminderLedgerKey, type ReminderDelivery } from '../../src/app/reminder-service.js';
import type { Case, Reminder } from '../../src/domain/index.js';
import { scheduledJobs } from '../../src/jobs/jobs.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logging/logger.js';
import { LeaseTable } from '../../src/jobs/lease-table.js';
import { NOTIFICATIONS_TABLE, NotificationTable } from '../../src/bot/notification-table.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/** Reminders against a real Azurite: exactly once across instances, restarts and downtime. */

const client = (prefix: string, name: string) =>
  TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${name}`, { allowInsecureConnection: true });

async function ledger(prefix: string, staleMs?: number) {
  const table = new NotificationTable(client(prefix, NOTIFICATIONS_TABLE), staleMs);
  await table.init();
  return table;
}

/** An in-memory delivery (the port the bot implements), shared by "instances" like a DPO's one chat. */
function recorder(options: { delayMs?: number; reach?: number } = {}) {
  const sent: { caseId: string; key: string }[] = [];
  const delivery: ReminderDelivery = {
    deliver: async (r: Reminder, c: Case) => {
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
      if ((options.reach ?? 1) > 0) sent.push({ caseId: c.id, key: r.key });
      return { delivered: options.reach ?? 1 };
    },
  };
  return { sent, delivery };
}

/** Cases received on these days (2026); each opened the same day. */
async function store(prefix: string, days: string[]) {
  const table = await freshCaseTable(prefix);
  for (const day of days) {
    const receivedAt = `${day}T10:00:00+01:00`;
    await caseService(table, () => `${day}T10:00:00Z`).open(newCaseInput({ receivedAt }), DPO);
  }
  return table;
}

/** A digest delivery: each call is one card; `reach` 0 is nobody with the bot yet; `fail` throws. */
function digests(options: { delayMs?: number; reach?: number; fail?: boolean } = {}) {
  const cards: { caseId: string; key: string }[][] = [];
  const delivery: ReminderDelivery = {
    deliver: async () => {
      throw new Error('a digest delivery gets no single reminders');
    },
    deliverDigest: async (items) => {
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
      if (options.fail) throw new Error('Teams answered 503');
      if ((options.reach ?? 1) > 0) cards.push(items.map((i) => ({ caseId: i.case.id, key: i.reminder.key })));
      return { delivered: options.reach ?? 1 };
    },
  };
  return { cards, delivery };
}

describe('the morning digest', () => {
  it('sends a pass as one card, each case once across two instances; nothing again that day', async () => {
    const prefix = uniquePrefix();
    const table = await store(prefix, ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    const { cards, delivery } = digests({ delayMs: 20 });
    const a = new ReminderService({ repository: table, ledger: await ledger(prefix) });
    const b = new ReminderService({ repository: await freshCaseTable(prefix), ledger: await ledger(prefix) });
    const now = new Date('2026-04-01T07:30:00Z');
    const [ra, rb] = await Promise.all([a.run({ now, delivery }), b.run({ now, delivery })]);
    const lines = cards.flat();
    // Every case is on exactly one card; the two instances split them (or one got all) but never both.
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((l) => l.caseId)).size).toBe(5);
    expect(cards.length).toBeLessThanOrEqual(2);
    expect([...ra, ...rb].filter((o) => o.status === 'sent')).toHaveLength(5);
    expect(await a.run({ now, delivery })).toEqual([]);
    expect(await b.run({ now: new Date('2026-04-01T15:00:00Z'), delivery })).toEqual([]);
    expect(cards.flat()).toHaveLength(5);
  });

  it('one instance, one pass: one card with every due case', async () => {
    const prefix = uniquePrefix();
    const table = await store(prefix, ['2026-03-02', '2026-03-03', '2026-03-04']);
    const { cards, delivery } = digests();
    await new ReminderService({ repository: table, ledger: await ledger(prefix) }).run({ now: new Date('2026-04-01T07:30:00Z'), delivery });
    expect(cards).toHaveLength(1);
    expect(cards[0]).toHaveLength(3);
  });

  it('a digest nobody could receive, or that failed, is kept for the next pass', async () => {
    const prefix = uniquePrefix();
    const table = await store(prefix, ['2026-03-02', '2026-03-03']);
    const service = new ReminderService({ repository: table, ledger: await ledger(prefix) });
    const now = new Date('2026-04-01T07:30:00Z');
    expect((await service.run({ now, delivery: digests({ reach: 0 }).delivery })).map((o) => o.status)).toEqual(['nobody', 'nobody']);
    expect(await service.run({ now, delivery: digests({ fail: true }).delivery })).toEqual([]);
    const { cards, delivery } = digests();
    expect((await service.run({ now, delivery })).map((o) => o.status)).toEqual(['sent', 'sent']);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toHaveLength(2);
  });
});

describe('the reminder service', () => {
  it('two instances running at the same moment send each reminder once', async () => {
    const prefix = uniquePrefix();
    const table = await store(prefix, ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    const { sent, delivery } = recorder({ delayMs: 20 });
    const a = new ReminderService({ repository: table, ledger: await ledger(prefix) });
    const b = new ReminderService({ repository: await freshCaseTable(prefix), ledger: await ledger(prefix) });
    const now = new Date('2026-04-01T07:30:00Z');
    const [ra, rb] = await Promise.all([a.run({ now, delivery }), b.run({ now, delivery })]);
    expect(sent).toHaveLength(5);
    expect(new Set(sent.map((s) => s.caseId)).size).toBe(5);
    expect(ra.length + rb.length).toBe(5);
    // Again, and again after a restart (a new service on the same store): nothing more that day.
    expect(await a.run({ now, delivery })).toEqual([]);
    expect(
      await new ReminderService({ repository: table, ledger: await ledger(prefix) }).run({
        now: new Date('2026-04-01T15:00:00Z'),
        delivery,
      }),
    ).toEqual([]);
    expect(sent).toHaveLength(5);
  });

  it('after downtime sends one reminder per case, the most urgent, and never the missed ones later', async () => {
    const prefix = uniquePrefix();
    const table = await store(prefix, ['2026-03-05']);
    const { sent, delivery } = recorder();
    const service = new ReminderService({ repository: table, ledger: await ledger(prefix) });
    // Down from 6 March to 9 April: unconfirmed, extension, 7/3/1 days and the day itself were all missed.
    const [outcome] = await service.run({ now: new Date('2026-04-09T07:00:00Z'), delivery });
    expect(outcome).toMatchObject({ kind: 'overdue', status: 'sent', day: '2026-04-09' });
    expect(outcome!.covered).toEqual(
      expect.arrayContaining(['due-0:2026-04-07', 'due-1:2026-04-07', 'extension:2026-04-07', 'unconfirmed:2026-03-05']),
    );
    expect(await service.run({ now: new Date('2026-04-09T12:00:00Z'), delivery })).toEqual([]);
    // The next morning: today's overdue reminder only.
    expect((await service.run({ now: new Date('2026-04-10T06:05:00Z'), delivery })).map((o) => o.key)).toEqual([
      'overdue:2026-04-07:2026-04-10',
    ]);
    expect(sent).toHaveLength(2);
  });

  it('keeps a reminder nobody could receive, and sends it once someone can', async () => {
    const prefix = uniquePrefix();
    const table = await store(prefix, ['2026-03-05']);
    const service = new ReminderService({ repository: table, ledger: await ledger(prefix) });
    const now = new Date('2026-03-10T08:00:00Z');
    const nobody = recorder({ reach: 0 });
    expect(await service.run({ now, delivery: nobody.delivery })).toMatchObject([{ kind: 'unconfirmed', status: 'nobody' }]);
    const someone = recorder();
    expect(await service.run({ now, delivery: someone.delivery })).toMatchObject([{ kind: 'unconfirmed', status: 'sent' }]);
  });

  it('a claim left by a crashed instance is taken over after it goes stale', async () => {
    const prefix = uniquePrefix();
    const table = await store(prefix, ['2026-03-05']);
    const crashed = await ledger(prefix, 60_000);
    const now = new Date('2026-03-10T08:00:00Z');
    expect(await crashed.claim(reminderLedgerKey({ caseId: 'DSAR-2026-0001', key: 'unconfirmed:2026-03-05' }), now)).toBe(true);
    const { sent, delivery } = recorder();
    const service = new ReminderService({ repository: table, ledger: await ledger(prefix, 60_000) });
    expect(await service.run({ now: new Date(now.getTime() + 30_000), delivery })).toEqual([]);
    expect(await service.run({ now: new Date(now.getTime() + 61_000), delivery })).toMatchObject([{ kind: 'unconfirmed', status: 'sent' }]);
    expect(sent).toHaveLength(1);
  });

  it('as a scheduled job on two schedulers ticking together: each reminder once', async () => {
    const prefix = uniquePrefix();
    const table = await store(prefix, ['2026-03-02', '2026-03-03', '2026-03-04']);
    const { sent, delivery } = recorder({ delayMs: 10 });
    const now = () => new Date('2026-04-01T07:30:00Z');
    const schedulers = await Promise.all(
      ['a', 'b'].map(async (instance) => {
        const leases = new LeaseTable(client(prefix, 'leases'));
        await leases.init();
        const service = new ReminderService({ repository: table, ledger: await ledger(prefix) });
        const jobs = scheduledJobs({ repository: table, logger: createLogger('silent'), reminders: { service, delivery } }).filter(
          (j) => j.name === 'reminders',
        );
        return new Scheduler(jobs, { leases, logger: createLogger('silent'), instance, now });
      }),
    );
    await Promise.all(schedulers.map((s) => s.tick()));
    await Promise.all(schedulers.map((s) => s.tick()));
    expect(sent.map((s) => s.caseId).sort()).toEqual(['DSAR-2026-0001', 'DSAR-2026-0002', 'DSAR-2026-0003']);
  });
});
