import { TableClient } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { CaseTable } from '../../src/store/case-table.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/** The case card's timeline (CaseTable.recentEvents) against a real Azurite: point reads, never a range. */

/** A case table whose requests are recorded: a query carries $filter, a point read names its row. */
async function recordedTable(prefix: string): Promise<{ table: CaseTable; requests: string[] }> {
  const requests: string[] = [];
  const table = await freshCaseTable(prefix, {
    additionalPolicies: [
      {
        position: 'perCall',
        policy: {
          name: 'record',
          sendRequest: (request, next) => {
            requests.push(`${request.method} ${decodeURIComponent(request.url)}`);
            return next(request);
          },
        },
      },
    ],
  });
  return { table, requests };
}

const trailOf = async (table: CaseTable, id: string) => (await table.events(id)).map(({ changes: _, ...entry }) => entry);

describe('recentEvents', () => {
  it('is one point read of the case row, and none for a version this instance just read or wrote', async () => {
    const prefix = uniquePrefix();
    const writer = await freshCaseTable(prefix);
    const cases = caseService(writer, () => '2026-03-10T10:00:00Z');
    const { case: c } = await cases.open(newCaseInput(), DPO);
    for (const text of ['one', 'two', 'three', 'four', 'five', 'six']) await cases.act(c.id, { type: 'add_note', text }, DPO);
    const trail = await trailOf(writer, c.id);
    expect(trail).toHaveLength(7);

    const { table, requests } = await recordedTable(prefix);
    requests.length = 0;
    expect(await table.recentEvents(c.id, 5)).toEqual(trail.slice(-5));
    expect(requests).toEqual([expect.stringMatching(/^GET .*\(PartitionKey='dsar',RowKey='case\|DSAR-2026-0001'\)/)]);

    // The card after a read of the case (or after an action) needs no read at all.
    const current = (await table.get(c.id))!;
    requests.length = 0;
    expect(await table.recentEvents(c.id, 5, current.version)).toEqual(trail.slice(-5));
    expect(requests).toEqual([]);
    const after = await caseService(table, () => '2026-03-11T10:00:00Z').act(c.id, { type: 'add_note', text: 'seven' }, DPO);
    requests.length = 0;
    expect((await table.recentEvents(c.id, 5, after.version)).map((e) => e.summary)).toEqual(
      (await trailOf(writer, c.id)).slice(-5).map((e) => e.summary),
    );
    expect(requests).toEqual([]);
  });

  it('a row written before it kept its latest events gets them by point reads of their sequence numbers', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    const cases = caseService(table, () => '2026-03-10T10:00:00Z');
    const { case: c } = await cases.open(newCaseInput(), DPO);
    await cases.act(c.id, { type: 'start' }, DPO);
    await cases.act(c.id, { type: 'add_note', text: 'checked the CRM' }, DPO);
    // As an earlier version stored it: the record without the `recent` column.
    const raw = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}cases`, { allowInsecureConnection: true });
    const { etag: _, recent, ...old } = await raw.getEntity<Record<string, unknown>>('dsar', `case|${c.id}`);
    expect(recent).toBeTypeOf('string');
    await raw.updateEntity(old as never, 'Replace');

    const { table: cold, requests } = await recordedTable(prefix);
    requests.length = 0;
    const trail = await trailOf(table, c.id);
    expect(await cold.recentEvents(c.id, 5)).toEqual(trail);
    expect(requests).toHaveLength(1 + 3);
    expect(requests.some((r) => r.includes('$filter'))).toBe(false);
    // The next change writes the column again, with what it knows: the new event; the rest stay point reads.
    await caseService(cold, () => '2026-03-12T10:00:00Z').act(c.id, { type: 'add_note', text: 'and the ERP' }, DPO);
    expect(await freshCaseTable(prefix).then((t) => t.recentEvents(c.id, 5))).toEqual(await trailOf(table, c.id));
  });
});
