import { describe, expect, it } from 'vitest';
import type { CaseService } from '../../src/app/case-service.js';
import { caseStatistic, type Case } from '../../src/domain/index.js';
import type { CaseTable } from '../../src/store/case-table.js';
import { personRowKeys } from '../../src/store/case-table.js';
import { createTableClient } from '../../src/store/table-client.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, testTarget, uniquePrefix } from '../helpers/store.js';

// Answered and closed with the checklist open: what is tested here is not the checklist.
const OVERRIDE = 'checklist kept outside the product';

/** One person, one case: the person rows of the case table, against a real Azurite. */

const MARKER = 'meta|person-index';

/** A clock the test moves. */
function clocked(table: CaseTable) {
  let now = '2026-11-23T12:00:00Z';
  const cases = caseService(table, () => now);
  return (moment?: string): CaseService => {
    if (moment) now = moment;
    return cases;
  };
}

async function raw(prefix: string) {
  return createTableClient(testTarget(), `${prefix}cases`);
}

async function personRows(prefix: string): Promise<{ rowKey: string; caseId: string }[]> {
  const rows: { rowKey: string; caseId: string }[] = [];
  const filter = "PartitionKey eq 'dsar' and RowKey ge 'person|' and RowKey lt 'person}'";
  for await (const row of (await raw(prefix)).listEntities<{ caseId: string }>({ queryOptions: { filter } }))
    rows.push({ rowKey: row.rowKey!, caseId: row.caseId });
  return rows;
}

/** What a table written before the person index looks like: no person rows, no marker. */
async function forgetPersonIndex(prefix: string): Promise<void> {
  const client = await raw(prefix);
  for (const { rowKey } of await personRows(prefix)) await client.deleteEntity('dsar', rowKey);
  await client.deleteEntity('dsar', MARKER).catch(() => undefined);
}

const ids = (cases: readonly Case[]) => cases.map((c) => c.id);

describe('the person index', () => {
  it("finds a person's cases by requester or data-subject address, any case of letters, newest first", async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    const at = clocked(table);
    const first = (await at().open(newCaseInput({ receivedAt: '2026-03-05T10:00+01:00' }), DPO)).case;
    const forHer = (
      await at().open(
        newCaseInput({
          receivedAt: '2026-05-01T10:00+02:00',
          requester: { name: 'Advokat Berg', email: 'berg@law.example' },
          dataSubject: { name: 'Anna Hansen', email: 'Anna@Example.com', authority: 'power_of_attorney' },
        }),
        DPO,
      )
    ).case;
    const other = (await at().open(newCaseInput({ requester: { email: 'bo@example.com' } }), DPO)).case;

    expect(ids(await table.findByPerson('ANNA@example.com '))).toEqual([forHer.id, first.id]);
    expect(ids(await table.findByPerson('berg@law.example'))).toEqual([forHer.id]);
    expect(ids(await table.findByPerson('bo@example.com'))).toEqual([other.id]);
    expect(await table.findByPerson('nobody@example.com')).toEqual([]);
    expect(await table.findByPerson('')).toEqual([]);
    expect(await table.findByPerson('anna@example.com')).toEqual([forHer, first]);

    // One row per address, named after the hash (never the address) and pointing at the case.
    const rows = await personRows(prefix);
    expect(rows).toHaveLength(4);
    expect(JSON.stringify(rows)).not.toContain('example');
    expect(rows.filter((r) => r.caseId === forHer.id).map((r) => r.rowKey)).toEqual(personRowKeys(forHer).sort());
  });

  it('a change to the case keeps its rows; purge deletes them with the rest', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    const at = clocked(table);
    const { case: c } = await at('2022-03-01T10:05:00Z').open(newCaseInput({ receivedAt: '2022-03-01T10:00+01:00' }), DPO);
    await at('2022-03-02T09:00:00Z').act(c.id, { type: 'start', identity: { notNeeded: true } }, DPO);
    await at().act(c.id, { type: 'respond', override: OVERRIDE }, DPO);
    const closed = await at().act(c.id, { type: 'close', outcome: 'answered', override: OVERRIDE }, DPO);
    expect(ids(await table.findByPerson('anna@example.com'))).toEqual([c.id]);
    expect(await personRows(prefix)).toHaveLength(1);

    expect(await table.purge(c.id, caseStatistic(closed, '2025-06-01T10:00:00Z'))).toBe(true);
    expect(await personRows(prefix)).toEqual([]);
    expect(await table.findByPerson('anna@example.com')).toEqual([]);
  });

  it("re-points the rows when a case's addresses change", async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    const { case: c } = await clocked(table)().open(newCaseInput(), DPO);
    // No command changes an address today; the repository must keep the index right if one ever does.
    const readdress = (email: string | undefined) =>
      table.update(c.id, (current) => {
        const next = { ...current, requester: { ...current.requester, ...(email ? { email } : {}) }, version: current.version + 1 };
        if (!email) delete next.requester.email;
        const event = {
          caseId: c.id,
          sequence: next.version,
          at: current.updatedAt,
          actor: DPO,
          type: 'note_added' as const,
          summary: 'address',
          changes: {},
        };
        return { case: next, event };
      });
    await readdress('anna.hansen@example.com');
    expect(await table.findByPerson('anna@example.com')).toEqual([]);
    expect(ids(await table.findByPerson('anna.hansen@example.com'))).toEqual([c.id]);
    expect(await personRows(prefix)).toHaveLength(1);
    await forgetPersonIndex(prefix); // a row already missing is no obstacle
    await readdress(undefined);
    expect(await personRows(prefix)).toEqual([]);
  });

  it('backfills cases stored before it existed, once, on first use; several instances at once are safe', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    const at = clocked(table);
    const opened: Case[] = [];
    for (let i = 0; i < 6; i++) {
      const requester = { email: i % 2 ? 'anna@example.com' : `p${i}@example.com` };
      opened.push((await at().open(newCaseInput({ receivedAt: `2026-0${i + 1}-02T10:00+01:00`, requester }), DPO)).case);
    }
    const before = (await personRows(prefix)).sort((a, b) => a.rowKey.localeCompare(b.rowKey));
    await forgetPersonIndex(prefix);

    // Two fresh instances (two app processes) meet the old table at the same moment.
    const [a, b] = [await freshCaseTable(prefix), await freshCaseTable(prefix)];
    const [found, written] = await Promise.all([a.findByPerson('anna@example.com'), b.backfillPersonIndex()]);
    expect(ids(found)).toEqual([opened[5]!.id, opened[3]!.id, opened[1]!.id]);
    expect(written).toBeGreaterThanOrEqual(0);
    expect((await personRows(prefix)).sort((x, y) => x.rowKey.localeCompare(y.rowKey))).toEqual(before);
    expect(await (await raw(prefix)).getEntity('dsar', MARKER)).toMatchObject({ cases: 6 });
    // The cases themselves are as they were.
    for (const c of opened) expect(await a.get(c.id)).toEqual(c);

    // Done is done: the marker makes it a single read from then on.
    expect(await (await freshCaseTable(prefix)).backfillPersonIndex()).toBe(0);
  });

  it('writes no rows for a case that is being purged', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    const at = clocked(table);
    const { case: c } = await at().open(newCaseInput({ requester: { email: 'gone@example.com' } }), DPO);
    await forgetPersonIndex(prefix);
    await (await raw(prefix)).updateEntity({ partitionKey: 'dsar', rowKey: `case|${c.id}`, purgingSince: '2026-11-23T12:00:00Z' }, 'Merge');
    expect(await (await freshCaseTable(prefix)).backfillPersonIndex()).toBe(0);
    expect(await personRows(prefix)).toEqual([]);
  });
});

describe('CaseService: one person, one case', () => {
  it("casesOf sorts the person's cases into open and earlier; dismissed ones are neither", async () => {
    const table = await freshCaseTable();
    const at = clocked(table);
    const open = async (receivedAt: string) => (await at('2026-11-23T12:00:00Z').open(newCaseInput({ receivedAt }), DPO)).case.id;
    const closed = await open('2026-01-05T10:00+01:00');
    await at().act(closed, { type: 'start' }, DPO);
    await at().act(closed, { type: 'respond', override: OVERRIDE }, DPO);
    await at().act(closed, { type: 'close', outcome: 'answered', override: OVERRIDE }, DPO);
    const rejected = await open('2026-02-05T10:00+01:00');
    await at().act(rejected, { type: 'reject', basis: '12(5)', reason: 'the third identical request' }, DPO);
    const responded = await open('2026-03-05T10:00+01:00');
    await at().act(responded, { type: 'start' }, DPO);
    await at().act(responded, { type: 'respond', override: OVERRIDE }, DPO);
    const dismissed = await open('2026-04-06T10:00+02:00');
    await at().act(dismissed, { type: 'dismiss', reason: 'a newsletter reply' }, DPO);
    const waiting = await open('2026-11-10T10:00+01:00');
    await at().act(waiting, { type: 'pause', kind: 'identity', reason: 'customer number' }, DPO);
    const fresh = await open('2026-11-20T10:00+01:00');

    const mine = await at().casesOf('Anna@Example.com');
    expect(ids(mine.open)).toEqual([fresh, waiting]);
    expect(ids(mine.earlier)).toEqual([responded, rejected, closed]);
    expect(ids(await at().openCasesFor({ requester: { email: 'anna@example.com' } }))).toEqual([fresh, waiting]);
    expect(await at().openCasesFor({ requester: { phone: '+45 20 30 40 50' } })).toEqual([]);
  });

  it("open() records the person's earlier requests, newest first, unless the input names them; it never refuses", async () => {
    const table = await freshCaseTable();
    const at = clocked(table);
    const { case: old } = await at().open(newCaseInput({ receivedAt: '2026-01-05T10:00+01:00' }), DPO);
    await at().act(old.id, { type: 'reject', basis: '12(6)', reason: 'identity never confirmed' }, DPO);
    const { case: older } = await at().open(newCaseInput({ receivedAt: '2025-12-05T10:00+01:00' }), DPO);
    await at().act(older.id, { type: 'dismiss', reason: 'not a request' }, DPO);

    const { case: first } = await at().open(newCaseInput({ receivedAt: '2026-11-02T10:00+01:00' }), DPO);
    expect(first.earlierCases).toEqual([old.id]);
    // A second open case for the same person is opened all the same (the adapters warn), with the same history.
    const { case: second, created } = await at().open(newCaseInput({ receivedAt: '2026-11-20T10:00+01:00' }), DPO);
    expect(created).toBe(true);
    expect(second.earlierCases).toEqual([old.id]);

    const { case: named } = await at().open(newCaseInput({ earlierCases: [] }), DPO);
    expect(named.earlierCases).toBeUndefined();
    const { case: stranger } = await at().open(newCaseInput({ requester: { email: 'new@example.com' } }), DPO);
    expect(stranger.earlierCases).toBeUndefined();
    // For someone else's request, the history is the data subject's.
    const { case: viaLawyer } = await at().open(
      newCaseInput({
        requester: { email: 'berg@law.example' },
        dataSubject: { email: 'anna@example.com', authority: 'power_of_attorney' },
      }),
      DPO,
    );
    expect(viaLawyer.earlierCases).toEqual([old.id]);
  });
});
