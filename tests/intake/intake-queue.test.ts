import { TableClient } from '@azure/data-tables';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { Attempt, ClaimLost } from '../../src/intake/attempt.js';
import { IntakeTable, messageKey } from '../../src/intake/intake-table.js';
import { uniquePrefix } from '../helpers/store.js';

/** The intake queue's rows in a real Azurite: due order, back-off, claims, upgrade of old rows. */

let client: TableClient;
let table: IntakeTable;
beforeEach(async () => {
  client = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${uniquePrefix()}intake`, {
    allowInsecureConnection: true,
  });
  table = new IntakeTable(client);
  await table.init();
});

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));
const item = (id: string) => ({ mailbox: 'dpa@itguy.dk', messageId: id, via: 'notification' as const });

describe('the intake queue', () => {
  it('reads what is due oldest first, whatever the keys sort as', async () => {
    // SHA-256 order is not arrival order: enqueue in an order the keys do not follow.
    const ids = ['m-c', 'm-a', 'm-e', 'm-b', 'm-d'];
    for (const [i, id] of ids.entries()) await table.enqueue([item(id)], at(i));
    const pending = await table.pending(10, at(30));
    expect(pending.map((p) => p.messageId)).toEqual(ids);
  });

  it('a message in back-off is not read until due, so 250 failing ones do not starve a new one', async () => {
    await table.enqueue(
      Array.from({ length: 250 }, (_, i) => item(`poison-${i}`)),
      at(0),
    );
    // Each poison message fails once and waits ten minutes.
    for (const p of await table.pending(300, at(1))) {
      const claimed = await table.claim(p, 'a', 30_000, at(1));
      expect(claimed).toBeDefined();
      await table.retryLater(claimed!, at(11), 'Graph 500');
    }
    await table.enqueue([item('real-request')], at(2));
    const due = await table.pending(200, at(3));
    expect(due.map((p) => p.messageId)).toEqual(['real-request']);
    // At their time they are due again, oldest first, after the attempt they made.
    const later = await table.pending(300, at(12));
    expect(later).toHaveLength(251);
    expect(later.find((p) => p.messageId === 'poison-0')).toMatchObject({ attempts: 1, lastError: 'Graph 500' });
  });

  it('a duplicate notification neither resets the back-off nor adds a row', async () => {
    await table.enqueue([item('m1')], at(0));
    const [p] = await table.pending(10, at(0));
    const claimed = await table.claim(p!, 'a', 30_000, at(0));
    await table.retryLater(claimed!, at(20), 'boom');
    await table.enqueue([item('m1'), item('m1')], at(1));
    expect(await table.pending(10, at(5))).toEqual([]);
    expect(await table.pending(10, at(21))).toHaveLength(1);
  });

  it('one instance of two gets the claim; a crashed holder’s message is due again when its claim runs out', async () => {
    await table.enqueue([item('m1')], at(0));
    const [p] = await table.pending(10, at(0));
    const [a, b] = await Promise.all([table.claim(p!, 'a', 60_000, at(0)), table.claim(p!, 'b', 60_000, at(0))]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    // "a" crashed: nothing is due while its claim holds, then it is.
    expect(await table.pending(10, at(0))).toEqual([]);
    const [again] = await table.pending(10, at(2));
    expect(again?.messageId).toBe('m1');
    const taken = await table.claim(again!, 'c', 60_000, at(2));
    expect(taken?.attempts).toBe(2);
    await table.complete(taken!, 'case DSAR-2026-0001', at(2));
    expect(await table.isDone(taken!.key)).toBe(true);
    expect(await table.pending(10, at(30))).toEqual([]);
  });

  it('the first outcome stands: a late duplicate completed after it does not replace it, and leaves no queue row', async () => {
    await table.enqueue([item('m-first')], at(0));
    const [p] = await table.pending(10, at(0));
    const first = await table.claim(p!, 'a', 30_000, at(0));
    // A duplicate notification re-queued it between this run's isDone() and its complete() (raw rows: enqueue skips done ones).
    await table.complete(first!, 'case DSAR-2026-0007', at(1));
    await client.upsertEntity({ partitionKey: 'intake', rowKey: `queue|${first!.key}`, mailbox: first!.mailbox, messageId: 'm-first' });
    await table.complete(first!, 'duplicate', at(2));
    const done = await client.getEntity<{ outcome: string }>('intake', `done|${first!.key}`);
    expect(done.outcome).toBe('case DSAR-2026-0007');
    await expect(client.getEntity('intake', `queue|${first!.key}`)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('a claim and a completion work when a due row they drop is gone already, and leave no row of the message in line', async () => {
    const rowsOf = async (key: string) => {
      const keys: string[] = [];
      for await (const row of client.listEntities({ queryOptions: { filter: "PartitionKey eq 'intake'" } }))
        if (String(row.rowKey).endsWith(key)) keys.push(String(row.rowKey).split('|')[0]!);
      return keys.sort();
    };
    await table.enqueue([item('m-gone')], at(0));
    const [p] = await table.pending(10, at(0));
    // The due row it was read from vanished (another instance dropped it as stale): the claim still moves it.
    await client.deleteEntity('intake', p!.dueRow);
    const claimed = await table.claim(p!, 'a', 30_000, at(0));
    expect(claimed?.dueRow).not.toBe(p!.dueRow);
    expect(await rowsOf(claimed!.key)).toEqual(['due', 'queue']);
    // Its current due row gone too: completed all the same, done once, nothing left in line.
    await client.deleteEntity('intake', claimed!.dueRow);
    await table.complete(claimed!, 'case DSAR-2026-0003', at(1));
    expect(await rowsOf(claimed!.key)).toEqual(['done']);
    // The usual way: claimed (its read-ahead due row goes with the move) and completed in one go each.
    await table.enqueue([item('m-usual')], at(2));
    const [q] = await table.pending(10, at(2));
    const usual = await table.claim(q!, 'a', 30_000, at(2));
    expect(await rowsOf(usual!.key)).toEqual(['due', 'queue']);
    await table.complete(usual!, 'case DSAR-2026-0004', at(3));
    expect(await rowsOf(usual!.key)).toEqual(['done']);
    expect((await client.getEntity<{ outcome: string }>('intake', `done|${usual!.key}`)).outcome).toBe('case DSAR-2026-0004');
  });

  it('stale due rows (a crash between steps) are dropped, never processed twice', async () => {
    await table.enqueue([item('m1')], at(0));
    const [p] = await table.pending(10, at(0));
    const claimed = await table.claim(p!, 'a', 30_000, at(0));
    // A due row the crash left behind, beside the current one.
    await client.upsertEntity({ partitionKey: 'intake', rowKey: `due|${at(0).toISOString()}|${claimed!.key}`, key: claimed!.key });
    await table.complete(claimed!, 'case DSAR-2026-0001', at(1));
    // It may still be listed, but it cannot be claimed, and claiming it deletes it.
    for (const stale of await table.pending(10, at(30))) expect(await table.claim(stale, 'b', 30_000, at(30))).toBeUndefined();
    expect(await table.pending(10, at(30))).toEqual([]);
    const rows = [];
    for await (const row of client.listEntities({ queryOptions: { filter: "PartitionKey eq 'intake' and RowKey ge 'due|'" } }))
      rows.push(row);
    expect(rows.filter((r) => String(r.rowKey).startsWith('due|'))).toEqual([]);
  });

  it('rows queued before the upgrade are put in line at when they were queued', async () => {
    // The old layout: queue|<key> only, no due row.
    for (const [i, id] of ['old-b', 'old-a'].entries())
      await client.upsertEntity({
        partitionKey: 'intake',
        rowKey: `queue|${messageKey(id)}`,
        mailbox: 'dpa@itguy.dk',
        messageId: id,
        via: 'delta',
        queuedAt: at(i).toISOString(),
        attempts: 2,
      });
    await table.enqueue([item('new')], at(5));
    expect(await table.adoptUndatedQueue()).toBe(2);
    expect(await table.adoptUndatedQueue()).toBe(0);
    const pending = await table.pending(10, at(10));
    expect(pending.map((p) => [p.messageId, p.attempts])).toEqual([
      ['old-b', 2],
      ['old-a', 2],
      ['new', 0],
    ]);
  });

  it('a duplicate notification arriving while the message is claimed leaves the claim as it is (insert-only)', async () => {
    await table.enqueue([item('m1')], at(0));
    const [p] = await table.pending(10, at(0));
    const claimed = await table.claim(p!, 'a', 60_000, at(0));
    await Promise.all([table.enqueue([item('m1')], at(0)), table.enqueue([item('m1')], at(0))]);
    const row = await client.getEntity<{ claimedBy: string; attempts: number }>('intake', `queue|${claimed!.key}`);
    expect(row).toMatchObject({ claimedBy: 'a', attempts: 1 });
    // Still held by "a": nobody else can take it.
    expect(await table.pending(10, at(0))).toEqual([]);
  });

  it('a late duplicate of a finished message is not queued again, and its outcome stays', async () => {
    await table.enqueue([item('m1')], at(0));
    const [p] = await table.pending(10, at(0));
    const claimed = await table.claim(p!, 'a', 30_000, at(0));
    await table.complete(claimed!, 'case DSAR-2026-0001', at(0));
    await table.enqueue([item('m1'), item('m2')], at(1));
    expect((await table.pending(10, at(5))).map((q) => q.messageId)).toEqual(['m2']);
    expect((await client.getEntity<{ outcome: string }>('intake', `done|${claimed!.key}`)).outcome).toBe('case DSAR-2026-0001');
  });

  it('attempts that started and never ended (a crash or a hang) are counted; failed ones are not', async () => {
    await table.enqueue([item('m1')], at(0));
    let [p] = await table.pending(10, at(0));
    // One attempt that failed and was given back.
    const first = await table.claim(p!, 'a', 30_000, at(0));
    expect(first?.crashes).toBe(0);
    await table.retryLater(first!, at(1), 'Graph 503');
    // Two that took the process down: the claim simply runs out.
    for (const minute of [1, 2]) {
      [p] = await table.pending(10, at(minute));
      expect((await table.claim(p!, 'b', 30_000, at(minute)))?.crashes).toBe(minute - 1);
    }
    [p] = await table.pending(10, at(3));
    expect(await table.claim(p!, 'c', 30_000, at(3))).toMatchObject({ attempts: 4, crashes: 2 });
  });

  it('a renewed claim holds past its first lease; a claim someone else took cannot be renewed', async () => {
    await table.enqueue([item('m1')], at(0));
    const [p] = await table.pending(10, at(0));
    const a = await table.claim(p!, 'a', 60_000, at(0));
    const renewed = await table.renew(a!, 'a', 60_000, new Date(at(0).getTime() + 50_000));
    expect(renewed).toBeDefined();
    // Past the first lease, the message is not due: the renewal moved it.
    expect(await table.pending(10, at(1))).toEqual([]);
    const [again] = await table.pending(10, at(3));
    const b = await table.claim(again!, 'b', 60_000, at(3));
    expect(b).toBeDefined();
    expect(await table.renew(renewed!, 'a', 60_000, at(3))).toBeUndefined();
  });

  it('a stalled mailbox tells once per period, counts what waits, and is well again after a success', async () => {
    await table.enqueue([item('m1'), item('m2')], at(0));
    expect(await table.noteStall('dpa@itguy.dk', at(0).toISOString(), at(30), 3 * 3600_000)).toBe(true);
    expect(await table.noteStall('dpa@itguy.dk', at(0).toISOString(), at(40), 3 * 3600_000)).toBe(false);
    expect(await table.waiting('dpa@itguy.dk')).toEqual({ waiting: 2, oldestSince: at(0).toISOString() });
    expect(await table.waiting('support@itguy.dk')).toEqual({ waiting: 0 });
    expect(await table.noteStall('dpa@itguy.dk', at(0).toISOString(), new Date(at(30).getTime() + 3 * 3600_000), 3 * 3600_000)).toBe(true);
    await table.clearStall('dpa@itguy.dk');
    expect(await table.stall('dpa@itguy.dk')).toBeUndefined();
  });

  it('an attempt holds its claim by heartbeat, and gives it up when it hangs past its limit', async () => {
    await table.enqueue([item('m1')], new Date());
    const [p] = await table.pending(10, new Date());
    const claimed = await table.claim(p!, 'a', 150, new Date());
    const attempt = new Attempt(claimed!, table, 'a', 150, 600);
    await new Promise((r) => setTimeout(r, 400));
    // Past the first lease: renewed, so nobody else can take it, and the attempt may go on.
    expect(await table.pending(10, new Date())).toEqual([]);
    expect(() => attempt.check()).not.toThrow();
    await new Promise((r) => setTimeout(r, 700));
    // Hung past 600 ms: no longer renewed; its side effects stop, and the message is due again.
    expect(() => attempt.check()).toThrow(ClaimLost);
    await new Promise((r) => setTimeout(r, 200));
    const [again] = await table.pending(10, new Date());
    await attempt.end();
    expect(await table.claim(again!, 'b', 30_000, new Date())).toMatchObject({ attempts: 2, crashes: 1 });
  });
});
