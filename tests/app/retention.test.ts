import { describe, expect, it } from 'vitest';
import type { CaseService } from '../../src/app/case-service.js';
import { RetentionService, collectStatistics, type RetentionLogFields, type RetentionLogger } from '../../src/app/retention.js';
import { caseStatistic } from '../../src/domain/index.js';
import type { CaseTable } from '../../src/store/case-table.js';
import { toJsonColumns } from '../../src/store/json-columns.js';
import { createTableClient } from '../../src/store/table-client.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, testTarget, uniquePrefix } from '../helpers/store.js';

// Answered and closed with the checklist open: what is tested here is not the checklist.
const OVERRIDE = 'checklist kept outside the product';

/** The retention job against a real Azurite. */

function recorder(): RetentionLogger & { lines: { level: string; fields: RetentionLogFields; message: string }[] } {
  const lines: { level: string; fields: RetentionLogFields; message: string }[] = [];
  return {
    lines,
    info: (fields, message) => void lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => void lines.push({ level: 'warn', fields, message }),
  };
}

/**
 * Four cases of 2022-2023:
 *   0001 answered and closed 2022-03-11     -> delete after 2025-03-11
 *   0002 refused 2022-04-05, never closed   -> open: never deleted
 *   0003 still in progress                  -> open: never deleted
 *   0004 dismissed 2023-05-02 (2023-0001)   -> delete after 2026-05-02
 */
async function seed(table: CaseTable) {
  let now = '';
  const at = (moment: string): CaseService => {
    now = moment;
    return caseService(table, () => now);
  };
  const open = async (receivedAt: string, email: string) =>
    (
      await at(receivedAt).open(
        newCaseInput({ receivedAt, requester: { name: 'Anna Hansen', email }, sourceMessages: [{ internetMessageId: `<${email}>` }] }),
        DPO,
      )
    ).case;

  const answered = await open('2022-03-01T10:00:00+01:00', 'anna@example.com');
  await at('2022-03-02T09:00:00Z').act(answered.id, { type: 'start' }, DPO);
  await at('2022-03-03T09:00:00Z').act(answered.id, { type: 'add_note', text: 'private remark about Anna' }, DPO);
  await at('2022-03-10T09:00:00Z').act(answered.id, { type: 'respond', override: OVERRIDE }, DPO);
  await at('2022-03-11T09:00:00Z').act(answered.id, { type: 'close', outcome: 'answered in time', override: OVERRIDE }, DPO);

  const refused = await open('2022-04-01T10:00:00+02:00', 'bo@example.com');
  await at('2022-04-05T09:00:00Z').act(refused.id, { type: 'reject', basis: '12(6)', reason: 'identity never confirmed' }, DPO);

  const inProgress = await open('2022-06-01T10:00:00+02:00', 'carl@example.com');
  await at('2022-06-02T09:00:00Z').act(inProgress.id, { type: 'start' }, DPO);

  const dismissed = await open('2023-05-01T10:00:00+02:00', 'dina@example.com');
  await at('2023-05-02T09:00:00Z').act(dismissed.id, { type: 'dismiss', reason: 'a newsletter' }, DPO);
  return { answered: answered.id, refused: refused.id, inProgress: inProgress.id, dismissed: dismissed.id };
}

describe('RetentionService', () => {
  it('deletes closed cases past their delete-after date and keeps the rest; logs ids and dates only', async () => {
    const table = await freshCaseTable();
    const ids = await seed(table);
    const log = recorder();
    const job = new RetentionService({ repository: table, log });

    const first = await job.run({ now: '2025-03-12T00:30:00+01:00' });
    expect(first).toEqual({
      now: '2025-03-11T23:30:00Z',
      dryRun: false,
      deleted: [{ id: ids.answered, closedAt: '2022-03-11T09:00:00Z', deleteAfter: '2025-03-11' }],
      // Closed cases that stay (the dismissed one); open cases are not retention's to count.
      kept: 1,
      failed: [],
    });
    expect(await table.get(ids.answered)).toBeUndefined();
    expect(await table.events(ids.answered)).toEqual([]);
    expect((await table.listAll()).map((c) => c.id)).toEqual([ids.refused, ids.inProgress, ids.dismissed]);
    expect((await table.listStatistics()).map((s) => [s.caseId, s.outcome])).toEqual([[ids.answered, 'answered']]);

    expect(log.lines).toEqual([
      {
        level: 'info',
        fields: {
          event: 'case_deleted',
          caseId: ids.answered,
          closedAt: '2022-03-11T09:00:00Z',
          deleteAfter: '2025-03-11',
          runAsOf: '2025-03-11T23:30:00Z',
        },
        message: 'case deleted: retention period ended',
      },
      {
        level: 'info',
        fields: { event: 'retention_run', runAsOf: '2025-03-11T23:30:00Z', dryRun: false, deleted: 1, kept: 1, failed: 0 },
        message: 'retention run finished',
      },
    ]);
    expect(JSON.stringify(log.lines)).not.toMatch(/Anna|anna@|private|answered in time/);

    // The day before, in Copenhagen, nothing of the dismissed case is due yet; the day after it is.
    expect((await job.run({ now: '2026-05-02T23:59:00+02:00' })).deleted).toEqual([]);
    const later = await job.run({ now: '2026-05-03T00:00:00+02:00' });
    expect(later.deleted.map((d) => d.id)).toEqual([ids.dismissed]);
    expect(later.kept).toBe(0);

    // Open cases are never deleted, however old.
    const far = await job.run({ now: '2099-01-01T00:00:00Z' });
    expect(far).toMatchObject({ deleted: [], kept: 0 });
    expect((await table.listAll()).map((c) => c.status)).toEqual(['rejected', 'in_progress']);
  });

  it('a dry run lists the same cases and deletes nothing', async () => {
    const table = await freshCaseTable();
    const ids = await seed(table);
    const log = recorder();
    const job = new RetentionService({ repository: table, log });
    const dry = await job.run({ now: '2030-01-01T00:00:00Z', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, kept: 0, failed: [] });
    expect(dry.deleted.map((d) => d.id)).toEqual([ids.answered, ids.dismissed]);
    expect(await table.listAll()).toHaveLength(4);
    expect(await table.listStatistics()).toEqual([]);
    expect(log.lines.map((l) => l.fields.event)).toEqual(['retention_run']);

    const real = await job.run({ now: '2030-01-01T00:00:00Z' });
    expect(real.deleted).toEqual(dry.deleted);
  });

  it('reads the closed cases from their purge rows, not every case; a store written without them is backfilled once', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    const ids = await seed(table);
    const raw = await createTableClient(testTarget(), `${prefix}cases`);
    const purgeRows: string[] = [];
    for await (const row of raw.listEntities({ queryOptions: { filter: "RowKey ge 'purge|' and RowKey lt 'purge}'" } }))
      purgeRows.push(row.rowKey!);
    expect(purgeRows.sort()).toEqual([`purge|2025-03-11|${ids.answered}`, `purge|2026-05-02|${ids.dismissed}`]);

    // As a store written before the purge rows: none, and no backfill mark.
    for (const rowKey of [...purgeRows, 'meta|purge-index']) await raw.deleteEntity('dsar', rowKey).catch(() => undefined);
    const queries: string[] = [];
    const recorded = await freshCaseTable(prefix, {
      additionalPolicies: [
        {
          position: 'perCall',
          policy: {
            name: 'record',
            sendRequest: (request, next) => {
              if (decodeURIComponent(request.url).includes('$filter=')) queries.push(decodeURIComponent(request.url));
              return next(request);
            },
          },
        },
      ],
    });
    const result = await new RetentionService({ repository: recorded }).run({ now: '2025-03-12T00:30:00+01:00' });
    expect(result).toMatchObject({ deleted: [{ id: ids.answered }], kept: 1, failed: [] });
    // The backfill read every case once; the next run reads only the purge range.
    queries.length = 0;
    expect(await new RetentionService({ repository: recorded }).run({ now: '2025-03-13T00:30:00+01:00' })).toMatchObject({
      deleted: [],
      kept: 1,
    });
    expect(queries).toHaveLength(1);
    expect(queries[0]).toContain("RowKey ge 'purge|'");
  });

  it('is idempotent: a second run deletes nothing more', async () => {
    const table = await freshCaseTable();
    await seed(table);
    const job = new RetentionService({ repository: table });
    const first = await job.run({ now: '2030-01-01T00:00:00Z' });
    const second = await job.run({ now: '2030-01-01T00:00:00Z' });
    expect(first.deleted).toHaveLength(2);
    expect(second).toMatchObject({ deleted: [], kept: 0, failed: [] });
    expect(await table.listStatistics()).toHaveLength(2);
  });

  it('after a crash between deleting the events and the final transaction, the next run finishes the job', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    const ids = await seed(table);
    // The final transaction is the one that writes the statistic: it never reaches the store.
    const crash = {
      name: 'crash-before-final-transaction',
      async sendRequest(request: { url: string; body?: unknown }, next: (r: never) => Promise<unknown>) {
        if (request.url.includes('$batch') && /stat(%7C|\|)/.test(String(request.body))) throw new Error('simulated crash');
        return next(request as never);
      },
    };
    const crashing = await freshCaseTable(prefix, { additionalPolicies: [{ policy: crash as never, position: 'perCall' }] });
    const log = recorder();
    const failed = await new RetentionService({ repository: crashing, log }).run({ now: '2025-06-01T12:00:00Z' });
    expect(failed).toMatchObject({ deleted: [], failed: [{ id: ids.answered, reason: 'simulated crash' }] });
    expect(log.lines[0]).toEqual({
      level: 'warn',
      fields: { event: 'case_delete_failed', caseId: ids.answered, reason: 'simulated crash' },
      message: 'case not deleted; the next run tries again',
    });
    // Half-way: the trail is gone, the case and its keys are not, and there is no statistic yet.
    expect(await table.events(ids.answered)).toEqual([]);
    expect(await table.get(ids.answered)).toBeDefined();
    expect(await table.listStatistics()).toEqual([]);

    const rerun = await new RetentionService({ repository: table }).run({ now: '2025-06-01T12:00:00Z' });
    expect(rerun.deleted.map((d) => d.id)).toEqual([ids.answered]);
    expect(await table.get(ids.answered)).toBeUndefined();
    expect((await table.listStatistics()).map((s) => s.caseId)).toEqual([ids.answered]);
    const raw = createTableClient(testTarget(), `${prefix}cases`);
    const keys: string[] = [];
    for await (const row of (await raw).listEntities()) keys.push(row.rowKey!);
    expect(keys.filter((k) => k.includes(ids.answered)).sort()).toEqual([`stat|${ids.answered}`]);
  });

  it('goes on with the other cases when one cannot be deleted', async () => {
    const table = await freshCaseTable();
    const ids = await seed(table);
    const flaky = {
      closedCases: () => table.closedCases(),
      get: (id: string) => table.get(id),
      purge: (id: string, stat: Parameters<CaseTable['purge']>[1]) =>
        id === ids.answered ? Promise.reject(new Error('store hiccup')) : table.purge(id, stat),
    };
    const result = await new RetentionService({ repository: flaky }).run({ now: '2030-01-01T00:00:00Z' });
    expect(result.deleted.map((d) => d.id)).toEqual([ids.dismissed]);
    expect(result.failed).toEqual([{ id: ids.answered, reason: 'store hiccup' }]);
  });

  it('refuses a moment without a UTC offset', async () => {
    const job = new RetentionService({ repository: await freshCaseTable() });
    await expect(job.run({ now: '2030-01-01T00:00' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('collectStatistics', () => {
  it('counts live cases and the statistics of deleted ones, each case id once', async () => {
    const prefix = uniquePrefix();
    const table = await freshCaseTable(prefix);
    const ids = await seed(table);
    await new RetentionService({ repository: table }).run({ now: '2025-06-01T12:00:00Z' });
    // A stray statistic for a live case (a restore from backup, say) must not count it twice.
    const live = (await table.get(ids.inProgress))!;
    const stray = { ...caseStatistic(live, '2025-06-01T12:00:00Z'), outcome: 'answered' as const };
    await (await createTableClient(testTarget(), `${prefix}cases`)).createEntity({
      partitionKey: 'dsar',
      rowKey: `stat|${live.id}`,
      ...toJsonColumns(stray, 'stat'),
    });

    const stats = await collectStatistics(table, '2025-06-01T12:00:00Z');
    expect(stats.map((s) => [s.caseId, s.outcome])).toEqual([
      [ids.answered, 'answered'],
      [ids.refused, 'rejected'],
      [ids.inProgress, 'pending'],
      [ids.dismissed, 'dismissed'],
    ]);
    // The report's read: the year ranges only, with the same answer for the years the cases are of.
    const years = [...new Set(stats.map((s) => Number(s.caseId.slice(5, 9))))];
    expect(await collectStatistics(table, '2025-06-01T12:00:00Z', years)).toEqual(stats);
    expect(await collectStatistics(table, '2025-06-01T12:00:00Z', [1999])).toEqual([]);
  });
});
