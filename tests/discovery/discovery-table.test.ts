import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DISCOVERY_TABLE, DiscoveryTable } from '../../src/discovery/discovery-table.js';
import type { Hit, SourceDone } from '../../src/domain/hits.js';
import { uniquePrefix } from '../helpers/store.js';

/** A search's checkpoints in a real Azurite table: finished sources, hits, resets. */

let client: TableClient;
let table: DiscoveryTable;
beforeAll(async () => {
  client = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${uniquePrefix()}${DISCOVERY_TABLE}`, {
    allowInsecureConnection: true,
  });
  table = new DiscoveryTable(client);
  await table.init();
});

const rows = async (caseId: string, from: string, to: string) => {
  const found: Record<string, unknown>[] = [];
  for await (const row of client.listEntities({
    queryOptions: { filter: `PartitionKey eq '${caseId}' and RowKey ge '${from}' and RowKey lt '${to}'` },
  }))
    found.push(row);
  return found;
};

// Long user principal names (up to 113 characters in Entra ID) make the most of a row.
const owner = (i: number) => `${'medarbejder-med-et-meget-langt-navn-'.repeat(2)}${i}@afdeling.itguy.dk`;
const hit = (source: string, id: string): Hit => ({
  kind: 'message',
  source,
  id,
  title: `Emne ${id}`,
  date: '2026-11-30T10:00:00Z',
  snippet: 'kunde: hej',
});

describe('DiscoveryTable checkpoints', () => {
  it('keeps every finished source of a large tenant, many to a row, each row within a string property', async () => {
    const caseId = 'DSAR-2026-0101';
    const finished = Array.from({ length: 1000 }, (_, i) => ({
      source: { kind: i % 2 ? 'drive' : 'mailbox', owner: owner(i >> 1), hits: i % 7 === 0 ? 1 : 0, capped: i === 4 } as SourceDone,
      hits: i % 7 === 0 ? [hit(owner(i >> 1), `m${i}`)] : [],
    }));
    for (let i = 0; i < finished.length; i += 50) await table.checkpoint(caseId, finished.slice(i, i + 50));
    const done = await table.sourcesDone(caseId);
    expect(done.size).toBe(1000);
    expect(done.get(`mailbox|${owner(2)}`)).toEqual({ kind: 'mailbox', owner: owner(2), hits: 0, capped: true });
    expect(done.get(`mailbox|${owner(0)}`)?.hits).toBe(1);
    const sourceRows = await rows(caseId, 'src|', 'src}');
    expect(sourceRows.length).toBeLessThan(100);
    for (const row of sourceRows) expect(String(row.data).length).toBeLessThanOrEqual(30_000);
    expect(await table.hits(caseId)).toHaveLength(finished.filter((f) => f.hits.length).length);
  });

  it('splits one checkpoint into several rows when its sources do not fit in one', async () => {
    const caseId = 'DSAR-2026-0102';
    await table.checkpoint(
      caseId,
      Array.from({ length: 400 }, (_, i) => ({ source: { kind: 'mailbox' as const, owner: owner(i), hits: 0, capped: false }, hits: [] })),
    );
    expect((await rows(caseId, 'src|', 'src}')).length).toBeGreaterThan(1);
    expect((await table.sourcesDone(caseId)).size).toBe(400);
  });

  it('reads rows written one source per row (before sources were grouped), and a source listed twice counts once', async () => {
    const caseId = 'DSAR-2026-0103';
    const old: SourceDone = { kind: 'mailbox', owner: 'rhv@itguy.dk', hits: 2, capped: false };
    await client.upsertEntity({ partitionKey: caseId, rowKey: 'src|mailbox|rhv@itguy.dk', data: JSON.stringify(old) });
    await table.checkpoint(caseId, [
      { source: old, hits: [] },
      { source: { kind: 'drive', owner: 'rhv@itguy.dk', hits: 0, capped: false }, hits: [] },
    ]);
    const done = await table.sourcesDone(caseId);
    expect([...done.keys()].sort()).toEqual(['drive|rhv@itguy.dk', 'mailbox|rhv@itguy.dk']);
  });

  it('stores an item found twice once, keeping its review; a reset forgets the run and its sources, not hits and reviews', async () => {
    const caseId = 'DSAR-2026-0104';
    const h = hit('rhv@itguy.dk', 'AAMkAD-1');
    await table.saveRun(caseId, {
      state: 'done',
      startedAt: '2026-12-01T08:00:00Z',
      query: '"x"',
      identifiers: 1,
      mailboxesTotal: 1,
      drivesTotal: 1,
      throttledRetries: 0,
      durationMs: 10,
    });
    await table.checkpoint(caseId, [{ source: { kind: 'mailbox', owner: 'rhv@itguy.dk', hits: 1, capped: false }, hits: [h] }]);
    await table.review(caseId, h, {
      include: false,
      reason: 'Intern korrespondance',
      reviewedBy: 'DPO',
      reviewedAt: '2026-12-01T09:00:00Z',
    });
    await table.checkpoint(caseId, [
      { source: { kind: 'mailbox', owner: 'rhv@itguy.dk', hits: 1, capped: false }, hits: [{ ...h, title: 'Emne (rettet)' }] },
    ]);
    expect(await table.hits(caseId)).toEqual([
      {
        ...h,
        title: 'Emne (rettet)',
        foundIn: [{ source: 'rhv@itguy.dk', id: 'AAMkAD-1' }],
        include: false,
        reason: 'Intern korrespondance',
        reviewedBy: 'DPO',
        reviewedAt: '2026-12-01T09:00:00Z',
      },
    ]);
    await table.reset(caseId);
    expect(await table.run(caseId)).toBeUndefined();
    expect((await table.sourcesDone(caseId)).size).toBe(0);
    expect(await table.hits(caseId)).toHaveLength(1);
  });
  it('keeps an item text longer than a table property whole, and marks one too long for a row as cut', async () => {
    const caseId = 'DSAR-2026-0109';
    // ~92,000 characters over four columns, every line break escaped, an emoji among them.
    const long = `${'x'.repeat(29_990)}🙂${'Mødereferat om Freja Lindholm.\n'.repeat(2000)}`;
    const chat = (id: string, text: string): Hit => ({ ...hit('chat-owner@itguy.dk', id), kind: 'chatMessage', text });
    await table.checkpoint(caseId, [
      {
        source: { kind: 'chats', owner: 'chat-owner@itguy.dk', hits: 2, capped: false },
        hits: [chat('c1', long), chat('c2', '\u0001'.repeat(150_000))],
      },
    ]);
    const found = new Map((await table.hits(caseId)).map((h) => [h.id, h]));
    expect(found.get('c1')?.text).toBe(long);
    expect(found.get('c1')?.textCut).toBeUndefined();
    // 150,000 control characters escape to 900,000: only the start fits (halved until it does), and the item says so.
    expect(found.get('c2')?.textCut).toBe(true);
    expect(found.get('c2')?.text).toBe('\u0001'.repeat(37_500));
    // Azurite does not enforce Azure's limits, so the rows are measured: every column within a string
    // property (32K UTF-16 units), the entity within 1 MiB.
    for (const row of await rows(caseId, 'hit|', 'hit}')) {
      const columns = Object.entries(row).filter(([k]) => /^d\d+$/.test(k));
      expect(columns.length).toBe(Number(row.chunks));
      for (const [, v] of columns) expect(String(v).length).toBeLessThanOrEqual(32_767);
      expect(columns.reduce((n, [k, v]) => n + 2 * (k.length + String(v).length), 0)).toBeLessThan(1_048_576 - 16_384);
    }
    // Found again shorter, the row's extra columns from before are not read as part of it.
    await table.checkpoint(caseId, [
      { source: { kind: 'chats', owner: 'chat-owner@itguy.dk', hits: 1, capped: false }, hits: [chat('c1', 'kort')] },
    ]);
    expect((await table.hits(caseId)).find((h) => h.id === 'c1')?.text).toBe('kort');
  });
});
