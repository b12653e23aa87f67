import { TableClient } from '@azure/data-tables';
import { beforeEach, describe, expect, inject, it } from 'vitest';
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
});
