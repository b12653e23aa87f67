import type { TableEntity, TransactionAction } from '@azure/data-tables';
import pLimit from 'p-limit';
import type { Config } from '../src/config/config.js';
import { applyCommand, caseYear, checkNewCase, formatCaseId, openCase, RIGHTS, Temporal, type CaseId } from '../src/domain/index.js';
import { backfillMarks, caseRows, counterEntity } from '../src/store/case-table.js';
import { CASES_TABLE } from '../src/store/open-case-table.js';
import { createTableClient } from '../src/store/table-client.js';

/**
 * The bench's seeder: writes the rows the case table itself writes (caseRows, the store's own builder, so
 * a seeded store is what `cases.open` would have left, but without its per-case reads and the index sync),
 * in entity-group transactions of 100 rows, several at once. Seeding 5,000 cases through `cases.open`
 * took 776 s on this machine; this takes seconds. The open-case index is NOT seeded: the app builds it
 * from a full scan on the first list, as it does for a store written before the index existed, and the
 * next-reminder rows are at CHANGED, as after a case write (the first reminders pass looks at each once).
 *
 * Open cases are received over the last 30 days; closed ones (dismissed) a year earlier, so both are of
 * the years their ids say. Returns the ids of the open ones.
 */
export async function seedCases(
  config: Pick<Config, 'tables' | 'tablePrefix' | 'company' | 'retentionYears'>,
  { open, closed, now = Temporal.Now.instant() }: { open: number; closed: number; now?: Temporal.Instant },
): Promise<{ openIds: CaseId[]; rows: number }> {
  const client = await createTableClient(config.tables, `${config.tablePrefix}${CASES_TABLE}`);
  const sequences = new Map<number, number>();
  let rows: TableEntity<Record<string, unknown>>[] = [];
  let written = 0;
  const openIds: CaseId[] = [];
  const actor = { kind: 'system' as const, id: 'bench' };
  const register = config.company.register;
  // Entity-group transactions of at most 100 rows (all in the one case partition), a few in flight;
  // written every few thousand rows so the seeder never holds the whole store in memory.
  const limit = pLimit(8);
  const flush = async () => {
    const batches: TableEntity<Record<string, unknown>>[][] = [];
    for (let i = 0; i < rows.length; i += 100) batches.push(rows.slice(i, i + 100));
    written += rows.length;
    rows = [];
    await Promise.all(
      batches.map((batch) => limit(() => client.submitTransaction(batch.map((row): TransactionAction => ['create', row])))),
    );
  };
  for (let i = 0; i < open + closed; i++) {
    const isClosed = i >= open;
    const at = now.subtract({ hours: (isClosed ? 366 * 24 : 1) + ((i * 37) % (30 * 24)) });
    const receivedAt = at.toString();
    const input = checkNewCase(
      {
        receivedAt,
        channel: 'email',
        requester: { name: `Person ${i}`, email: `p${i}@example.com` },
        rights: [RIGHTS[i % RIGHTS.length]!],
        language: 'da',
      },
      receivedAt,
    );
    const year = caseYear(receivedAt);
    const sequence = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, sequence);
    const id = formatCaseId(year, sequence);
    const opened = openCase(id, input, { now: receivedAt, actor, register });
    const events = [opened.event];
    let c = opened.case;
    if (isClosed) {
      const dismissed = applyCommand(
        c,
        { type: 'dismiss', reason: 'not a request (bench)' },
        { now: at.add({ hours: 2 }).toString(), actor, retentionYears: config.retentionYears, register },
      );
      c = dismissed.case;
      events.push(dismissed.event);
    } else openIds.push(id);
    rows.push(...caseRows(c, events));
    if (rows.length >= 5000) await flush();
  }
  for (const [year, last] of sequences) rows.push(counterEntity(year, last));
  rows.push(...backfillMarks(now.toString()));
  await flush();
  return { openIds, rows: written };
}
