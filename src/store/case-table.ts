import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TableClient, TableEntity, TableEntityResult, TransactionAction } from '@azure/data-tables';
import type { Change, CaseRepository, ReminderIndex, SourceKey, TimelineEntry } from '../app/ports.js';
import {
  CASE_STATUSES,
  compareCaseIds,
  effectiveDue,
  formatCaseId,
  invalidInput,
  isOpen,
  notFound,
  refused,
  STATUS_LABEL,
  type Case,
  type CaseEvent,
  type CaseId,
  type CaseStatistic,
} from '../domain/index.js';
import { fromJsonColumns, toJsonColumns } from './json-columns.js';
import { DELETE_BATCH, deleteRows } from './delete-rows.js';
import { CHANGED, moveActions, pointerKey, pointerOf, REMIND_PREFIX, REMINDER_INDEX_DONE, dueUpTo } from './reminder-index.js';
import { isConflict, isNotFound, statusOf, storeFailure } from './store-errors.js';
import { OpenCaseIndex, OUTBOX_PREFIX } from './open-case-index.js';

/**
 * Cases, their audit events, the per-year counters and the source-message keys, all in ONE partition of
 * one table. That is deliberate: Azure Tables transactions are limited to a partition, and keeping
 * everything together makes each write a single transaction:
 *
 *   opening a case  = bump the year's counter (ETag) + case + source keys + person rows + reminder rows + first event
 *   changing a case = case (ETag) + person rows + reminder rows + purge row (on closure) + event
 *
 * so ids have no gaps or duplicates under concurrent writers, a message can never open two cases, and no
 * change exists without its event. A 20-person company has a few hundred cases a year; one partition
 * serves thousands of operations a second.
 *
 * Row keys:
 *   case|DSAR-2026-0042            the case record, with its latest events in the `recent` column (the card's
 *                                  timeline: one point read, no event range)
 *   evt|DSAR-2026-0042|000007      event 7 of the case (append-only: never updated; deleted only with the case, see purge)
 *   purge|2031-03-10|DSAR-2026-0042  a closed case and the date after which it is deleted: the retention job's
 *                                  one range (written and moved in the case's transaction)
 *   src|internetMessageId|<sha256> the case a message opened (ids hashed: row keys forbid / \ # ?)
 *   ctr|2026                       the last sequence number used in 2026
 *                                  (case| and stat| rows of one year are one range: `case|DSAR-2026-`, the report's read)
 *   stat|DSAR-2023-0007            the anonymous statistic of a deleted case (see purge)
 *   person|<sha256>|DSAR-2026-0042 the case is about the person with that e-mail address (requester or data
 *                                  subject; hashed lower-cased): one person's cases are one range scan
 *   meta|person-index              written once every case older than the person rows has them (see backfill)
 *   remind|<moment>|DSAR-2026-0042 the next-reminder index, rnext|DSAR-2026-0042 where that row is, and
 *   meta|reminder-index            the backfill's mark (see reminder-index.ts)
 *   meta|purge-index               the purge rows' backfill mark
 *
 * Stores written before these rows existed may still hold `open|<id>` rows (a copy of each open case,
 * read by nothing now that the open-case index and a status filter serve every list); purge deletes them
 * with the case.
 */
const PARTITION = 'dsar';

const caseKey = (id: CaseId) => `case|${id}`;
/** Written by earlier versions (see above): only purge still deletes it. */
const openKey = (id: CaseId) => `open|${id}`;
const eventKey = (id: CaseId, sequence: number) => `evt|${id}|${String(sequence).padStart(6, '0')}`;
const counterKey = (year: number) => `ctr|${year}`;
const statKey = (id: CaseId) => `stat|${id}`;
const personPrefix = (email: string) => `person|${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}|`;
const PERSON_INDEX_DONE = 'meta|person-index';
const PURGE_INDEX_DONE = 'meta|purge-index';
const PURGE_PREFIX = 'purge|';
/** The purge row of a closed case (none while open or without a date). */
const purgeKey = (c: Pick<Case, 'id' | 'status' | 'deleteAfter'>) =>
  !isOpen(c.status) && c.deleteAfter ? `${PURGE_PREFIX}${c.deleteAfter}|${c.id}` : undefined;
const purgeEntity = (rowKey: string, c: Case) => ({ partitionKey: PARTITION, rowKey, caseId: c.id, deleteAfter: c.deleteAfter });
/** Statuses a list of open cases filters on (the case row's plain `status` column). */
const OPEN_FILTER = `(${CASE_STATUSES.filter(isOpen)
  .map((status) => `status eq '${status}'`)
  .join(' or ')})`;

/** How many of its latest events a case row carries (the card shows 5). */
export const RECENT_EVENTS = 5;
/** Case versions whose latest events an instance remembers (a few KB each at most). */
const RECENT_CACHE = 500;
/** A summary longer than this is cut in the row's copy (the card shows 160 characters of it). */
const RECENT_SUMMARY = 500;
const cut = (text: string) => (text.length > RECENT_SUMMARY ? `${text.slice(0, RECENT_SUMMARY - 1)}…` : text);
const toRecent = (e: TimelineEntry): TimelineEntry => ({
  caseId: e.caseId,
  sequence: e.sequence,
  at: e.at,
  actor: e.actor,
  type: e.type,
  summary: cut(e.summary),
  ...(e.da ? { da: cut(e.da) } : {}),
});
const recentOf = (row: Record<string, unknown> | undefined): TimelineEntry[] =>
  typeof row?.recent === 'string' ? (JSON.parse(row.recent) as TimelineEntry[]) : [];

/** The person rows a case has: one per distinct e-mail address of its requester and data subject. */
export function personRowKeys(c: Pick<Case, 'id' | 'requester' | 'dataSubject'>): string[] {
  const emails = [c.requester.email, c.dataSubject?.email].filter((e): e is string => Boolean(e?.trim()));
  return [...new Set(emails.map((email) => `${personPrefix(email)}${c.id}`))];
}

const personEntity = (rowKey: string, id: CaseId) => ({ partitionKey: PARTITION, rowKey, caseId: id });

/** Set on a case row while it is being purged: from then on no change (and so no event) can be added to it. */
const PURGING = 'purgingSince';
/** Events are deleted in transactions of at most this many rows. */
export const PURGE_BATCH = DELETE_BATCH;

const quoted = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Message ids are normalised the way mail systems compare them: without angle brackets and spaces. */
export function sourceRowKey(key: SourceKey): string {
  const value = key.kind === 'internetMessageId' ? key.value.trim().replace(/^<|>$/g, '') : key.value.trim();
  return `src|${key.kind}|${createHash('sha256').update(value).digest('hex')}`;
}

/** A prefix range: every row key that starts with `prefix`. */
const rangeFilter = (prefix: string) => {
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return `PartitionKey eq '${PARTITION}' and RowKey ge '${prefix}' and RowKey lt '${end}'`;
};

/** The case row; `recent`: its latest events, newest first (at most RECENT_EVENTS). */
function caseEntity(rowKey: string, c: Case, recent: readonly TimelineEntry[]) {
  return {
    partitionKey: PARTITION,
    rowKey,
    recent: JSON.stringify(recent.slice(0, RECENT_EVENTS).map(toRecent)),
    // Plain columns for operators browsing the table; the record itself is the JSON.
    status: c.status,
    receivedAt: c.receivedAt,
    due: effectiveDue(c),
    version: c.version,
    ...(c.deleteAfter ? { deleteAfter: c.deleteAfter } : {}),
    ...toJsonColumns(c, `case ${c.id}`),
  };
}

/** The statistic row: plain columns for operators browsing the table, the statistic itself as JSON. */
function statEntity(s: CaseStatistic, deletedAt: string) {
  return {
    partitionKey: PARTITION,
    rowKey: statKey(s.caseId),
    caseId: s.caseId,
    receivedDate: s.receivedDate,
    outcome: s.outcome,
    deletedAt,
    ...toJsonColumns(s, `statistic of ${s.caseId}`),
  };
}

function eventEntity(e: CaseEvent) {
  return {
    partitionKey: PARTITION,
    rowKey: eventKey(e.caseId, e.sequence),
    type: e.type,
    at: e.at,
    ...toJsonColumns(e, `event of ${e.caseId}`),
  };
}

/**
 * Every row a stored case has besides its year's counter, its source keys and the index outbox row: the
 * record (with its latest events), its purge row once closed, its person rows, its next-reminder rows
 * while open, and its events. create() writes exactly these (one transaction); the bench's seeder writes them in bulk, so a
 * seeded store is what the app itself would have written.
 */
export function caseRows(c: Case, events: readonly CaseEvent[]): TableEntity<Record<string, unknown>>[] {
  const purge = purgeKey(c);
  return [
    caseEntity(
      caseKey(c.id),
      c,
      [...events].sort((a, b) => b.sequence - a.sequence),
    ),
    ...(purge ? [purgeEntity(purge, c)] : []),
    ...personRowKeys(c).map((rowKey) => personEntity(rowKey, c.id)),
    ...moveActions(PARTITION, c.id, undefined, isOpen(c.status) ? CHANGED : undefined).map(
      (action) => action[1] as TableEntity<Record<string, unknown>>,
    ),
    ...events.map(eventEntity),
  ];
}

/**
 * The marks the person, reminder and purge backfills leave once every case has its rows: a store whose every case
 * was written with caseRows needs neither backfill (the seeder writes them, as a store in use has them).
 */
export const backfillMarks = (at: string) =>
  [PERSON_INDEX_DONE, REMINDER_INDEX_DONE, PURGE_INDEX_DONE].map((rowKey) => ({
    partitionKey: PARTITION,
    rowKey,
    at,
    cases: 0,
    written: 0,
  }));

/** The counter row of a year whose last sequence number used is `last` (the seeder's). */
export const counterEntity = (year: number, last: number) => ({ partitionKey: PARTITION, rowKey: counterKey(year), last });

/** Spreads retries of writers that lost a race so they do not collide again in lockstep. */
const backoff = (attempt: number) => sleep(Math.min(200, 5 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));

export interface CaseTableOptions {
  /** How often a writer that lost a race re-reads and tries again before giving up. */
  maxAttempts?: number;
  /** The open-case index's table (open-case-index.ts); without it, no index is kept. */
  indexClient?: TableClient;
  /**
   * Index syncs after a commit run without the writer waiting (the server: a bot turn need not wait for
   * what the outbox guarantees anyway). Off by default: a CLI command that exits at once would leave each
   * of its changes to the repair job.
   */
  backgroundSync?: boolean;
  /** Where a failed index sync is logged (fields only: case id and status). */
  log?: IndexLog;
}

/** What the store logs to: a pino Logger fits. */
export interface IndexLog {
  warn(fields: { event: 'open_index_sync_failed'; caseId: CaseId; status: number | null; code: string | null }, message: string): void;
}

/** Without a logger (the CLI): one line on stderr, never silence. */
const STDERR_LOG: IndexLog = {
  warn: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'warn', ...fields, msg: message })}\n`),
};

const codeOf = (error: unknown): string | null =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code.slice(0, 80) : null;

export class CaseTable implements CaseRepository, ReminderIndex {
  private readonly maxAttempts: number;
  private readonly backgroundSync: boolean;
  private readonly log: IndexLog;
  /** The open cases by deadline, kept in step after each commit (see open-case-index.ts). */
  readonly openIndex: OpenCaseIndex | undefined;

  constructor(
    private readonly client: TableClient,
    /** Where the store is, for error messages (no secrets). */
    private readonly location: string,
    options: CaseTableOptions = {},
  ) {
    // Enough for dozens of simultaneous writers on one partition; each lost round costs one round trip.
    this.maxAttempts = options.maxAttempts ?? 60;
    this.backgroundSync = options.backgroundSync ?? false;
    this.log = options.log ?? STDERR_LOG;
    this.openIndex = options.indexClient
      ? new OpenCaseIndex(options.indexClient, {
          read: (id) => this.get(id),
          deleteOutbox: (id, etag) =>
            this.call(() => this.client.deleteEntity(PARTITION, `${OUTBOX_PREFIX}${id}`, { etag })).then(
              () => undefined,
              (error: unknown) => {
                // A newer change rewrote it (412) or another sync deleted it (404): that one is in charge.
                if (!(isConflict(error) || isNotFound(error))) throw error;
              },
            ),
          listOutbox: async () =>
            (await this.query(rangeFilter(OUTBOX_PREFIX))).map((row) => ({ id: String(row.caseId) as CaseId, etag: String(row.etag) })),
          listAll: () => this.listAll(),
          settled: () => this.settled(),
        })
      : undefined;
  }

  /** The outbox row for the index, written in the case's transaction, when an index is kept. */
  private outboxRow(c: Case): TransactionAction[] {
    return this.openIndex ? [['upsert', OpenCaseIndex.outboxEntity(PARTITION, c.id, c.version), 'Replace']] : [];
  }

  /**
   * After a commit: the index follows. A failure here leaves the outbox row, which the repair job syncs;
   * the case change itself has succeeded, so it is not reported as failed, but it is logged. In the
   * background (the server), the caller does not wait for it; this instance's next list does (settled).
   */
  private reindex(c: Case, etag: string | undefined): Promise<void> {
    const index = this.openIndex;
    if (!index) return Promise.resolve();
    const sync: Promise<void> = index
      .sync(c.id, c, etag)
      .catch((error: unknown) => this.indexFailed(c.id, error))
      .finally(() => this.syncing.delete(sync));
    this.syncing.add(sync);
    return this.backgroundSync ? Promise.resolve() : sync;
  }

  private readonly syncing = new Set<Promise<void>>();

  /** Resolves once every index sync started so far has ended (lists read after this see those changes). */
  async settled(): Promise<void> {
    while (this.syncing.size) await Promise.all([...this.syncing]);
  }

  /** An index sync failed: logged with the case id and the store's status only (no personal data). */
  private indexFailed(id: CaseId, error: unknown): void {
    this.log.warn(
      { event: 'open_index_sync_failed', caseId: id, status: statusOf(error) ?? null, code: codeOf(error) },
      'open-case index not updated; the outbox repair job re-syncs the case',
    );
  }

  /** Creates the table if it does not exist yet. */
  async init(): Promise<void> {
    await this.call(() => this.client.createTable());
    await this.openIndex?.init();
  }

  async create({
    year,
    sourceKeys,
    build,
    sourcesChecked = false,
  }: Parameters<CaseRepository['create']>[0]): Promise<{ case: Case; created: boolean }> {
    const sourceRows = [...new Set(sourceKeys.map(sourceRowKey))];
    // Read the source rows unless the caller just did; a retry (a conflict: maybe those rows) always reads.
    let first = true;
    return this.transact<{ case: Case; created: boolean }>(
      async () => {
        const existing = !first || !sourcesChecked ? await this.findBySourceRows(sourceRows) : undefined;
        // The counter as this instance last wrote it, on a first attempt only: a retry (it may have been the
        // counter that conflicted) reads it.
        if (!first) this.counters.delete(year);
        const known = first ? this.counters.get(year) : undefined;
        first = false;
        if (existing) return { result: { case: existing, created: false } };

        const counter = known ?? (await this.read(counterKey(year)));
        const sequence = Number(counter?.last ?? 0) + 1;
        const { case: c, event } = build(formatCaseId(year, sequence));
        const ctr = counterEntity(year, sequence);
        const actions: TransactionAction[] = [
          counter ? ['update', ctr, 'Replace', { etag: counter.etag }] : ['create', ctr],
          ...sourceRows.map((rowKey): TransactionAction => ['create', { partitionKey: PARTITION, rowKey, caseId: c.id }]),
          ...caseRows(c, [event]).map((row): TransactionAction => ['create', row]),
          ...this.outboxRow(c),
        ];
        const committed = (etag: string | undefined) => {
          if (etag) this.counters.set(year, { last: sequence, etag });
          else this.counters.delete(year);
        };
        return { actions, result: { case: c, created: true }, committed };
      },
      false,
      true,
    );
  }

  /** The year counters this instance wrote last (value and ETag): the next case here needs no read of them. */
  private readonly counters = new Map<number, { last: number; etag: string }>();
  private createLane: Promise<unknown> = Promise.resolve();

  /**
   * Runs `work` after the case creation before it in this instance. Every new case writes its year's counter
   * (ETag): concurrent creations here would only make all but one conflict, back off and read again.
   */
  private oneCreationAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.createLane.then(work);
    this.createLane = run.catch(() => undefined);
    return run;
  }

  async update(id: CaseId, change: (current: Case) => Change): Promise<Change> {
    return this.transact(async () => {
      const [row, pointer] = await Promise.all([this.read(caseKey(id)), this.read(pointerKey(id))]);
      if (!row) throw notFound(`there is no case ${id}`, `Der findes ingen sag ${id}.`);
      if (row[PURGING])
        throw refused(
          `${id} is being deleted: its retention period has ended`,
          `${id} er ved at blive slettet: opbevaringsperioden er udløbet.`,
        );
      const current = fromJsonColumns<Case>(row);
      const result = change(current);
      const { case: next, event } = result;
      const recent = [event, ...recentOf(row)];
      // The purge row follows the case's delete-after date in the same transaction (a row written by a
      // backfill, or a date a correction moved, is replaced; upsert heals a case the backfill has not reached).
      const [oldPurge, newPurge] = [purgeKey(current), purgeKey(next)];
      const purgeIndex: TransactionAction[] = [
        ...(oldPurge && oldPurge !== newPurge && (await this.read(oldPurge))
          ? [['delete', { partitionKey: PARTITION, rowKey: oldPurge }] as TransactionAction]
          : []),
        ...(newPurge ? [['upsert', purgeEntity(newPurge, next), 'Replace'] as TransactionAction] : []),
      ];
      // The person rows follow the requester's and data subject's addresses (upserted: this also heals a case
      // the backfill has not reached yet); a row for an address the case no longer has goes.
      const people = personRowKeys(next);
      const gone = personRowKeys(current).filter((rowKey) => !people.includes(rowKey));
      // A delete of a missing row would fail the transaction: only rows that exist (a case the backfill has
      // not reached has none).
      const stale = gone.length ? (await Promise.all(gone.map((rowKey) => this.read(rowKey)))).filter((r) => r !== undefined) : [];
      const personIndex: TransactionAction[] = [
        ...people.map((rowKey): TransactionAction => ['upsert', personEntity(rowKey, id), 'Replace']),
        ...stale.map((r): TransactionAction => ['delete', { partitionKey: PARTITION, rowKey: String(r.rowKey) }]),
      ];
      const actions: TransactionAction[] = [
        ['update', caseEntity(caseKey(id), next, recent), 'Replace', { etag: row.etag }],
        ...purgeIndex,
        ...personIndex,
        // Every change has the next reminders pass look at the case once (reminder-index.ts).
        ...moveActions(PARTITION, id, pointerOf(pointer), isOpen(next.status) ? CHANGED : undefined),
        ['create', eventEntity(event)],
        ...this.outboxRow(next),
      ];
      return { actions, result };
    }, true);
  }

  /**
   * Deletes a closed case's personal data and leaves its statistic, in steps that are each safe to repeat:
   *
   *   1. mark the case row as being purged (ETag): update() refuses it from then on, so no event can be
   *      added behind the purge's back (a note on a closed case is still allowed until then);
   *   2. delete its events, in transactions of at most PURGE_BATCH rows;
   *   3. ONE transaction: upsert stat|<id> + delete case|<id>, its purge| row, open|<id> and the outbox row
   *      if any, its src| and person| rows, and its remind|/rnext| rows if any (closing removed them).
   *
   * A crash after 1 or 2 leaves the case (marked, with fewer or no events) and no statistic: it is still
   * listed and due, and purging it again finishes the job. Only step 3 removes the case, and it writes the
   * statistic in the same transaction, so there is never a statistic and a case for the same id, and the
   * statistic is never lost. Counters (ctr|) are never deleted: ids are not reused.
   */
  async purge(id: CaseId, statistic: CaseStatistic): Promise<boolean> {
    if (statistic.caseId !== id)
      throw invalidInput(
        `the statistic is of ${statistic.caseId}, not of ${id}`,
        `Statistikken hører til ${statistic.caseId}, ikke til ${id}.`,
      );
    for (let attempt = 1; ; attempt++) {
      const row = await this.read(caseKey(id));
      if (!row) return false;
      const current = fromJsonColumns<Case>(row);
      if (isOpen(current.status))
        throw refused(
          `${id} is ${current.status}: open cases are never deleted`,
          `${id} er ${STATUS_LABEL[current.status].da.toLowerCase()}: åbne sager slettes aldrig.`,
        );
      try {
        if (!row[PURGING]) {
          const mark = { partitionKey: PARTITION, rowKey: caseKey(id), [PURGING]: new Date().toISOString() };
          await this.call(() => this.client.updateEntity(mark, 'Merge', { etag: row.etag }));
        }
        await this.deleteRows(await this.rowKeys(rangeFilter(`evt|${id}|`)));
        const purgeRow = purgeKey(current);
        const [open, outbox, purgeIndex, pointer, sources, people] = await Promise.all([
          this.read(openKey(id)),
          this.read(`${OUTBOX_PREFIX}${id}`),
          purgeRow ? this.read(purgeRow) : undefined,
          // Closing removed them; read all the same, so no reminder row can outlive its case.
          this.read(pointerKey(id)),
          // Source keys are hashes of message ids, person rows of addresses; each row names its case.
          this.rowKeys(`${rangeFilter('src|')} and caseId eq ${quoted(id)}`),
          this.rowKeys(`${rangeFilter('person|')} and caseId eq ${quoted(id)}`),
        ]);
        const remove = (rowKey: string): TransactionAction => ['delete', { partitionKey: PARTITION, rowKey }];
        const actions: TransactionAction[] = [
          ['upsert', statEntity(statistic, new Date().toISOString()), 'Replace'],
          remove(caseKey(id)),
          ...(open ? [remove(openKey(id))] : []),
          ...(outbox ? [remove(`${OUTBOX_PREFIX}${id}`)] : []),
          ...(purgeIndex && purgeRow ? [remove(purgeRow)] : []),
          ...moveActions(PARTITION, id, pointerOf(pointer), undefined),
          ...sources.map(remove),
          ...people.map(remove),
        ];
        await this.call(() => this.client.submitTransaction(actions));
        // The index's id| row goes too; a failure is logged and the daily check deletes it (the case is gone).
        await this.openIndex?.sync(id, undefined).catch((error: unknown) => this.indexFailed(id, error));
        return true;
      } catch (error) {
        // Another writer or purger got there first (ETag, or a row it already deleted): look again.
        if (!(isConflict(error) || isNotFound(error)) || attempt >= this.maxAttempts) throw error;
        await backoff(attempt);
      }
    }
  }

  /** The cases about the person with this e-mail address (as requester or data subject), newest first. */
  async findByPerson(email: string): Promise<Case[]> {
    if (!email.trim()) return [];
    await this.personIndexReady();
    const rows = await this.query(rangeFilter(personPrefix(email)));
    const ids = [...new Set(rows.map((row) => String(row.caseId)))];
    const found = await Promise.all(ids.map((id) => this.get(id as CaseId)));
    return found
      .filter((c): c is Case => c !== undefined)
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || compareCaseIds(b.id, a.id));
  }

  private personIndex: Promise<number> | undefined;

  /** The backfill, once per instance (again after a failure), before the first read of the person rows. */
  private personIndexReady(): Promise<number> {
    this.personIndex ??= this.backfillPersonIndex().catch((error: unknown) => {
      this.personIndex = undefined;
      throw error;
    });
    return this.personIndex;
  }

  /**
   * Gives cases opened before the person rows existed their rows, once: skipped for good when
   * meta|person-index is there. Reads every case and every person row once, and writes only missing rows.
   * Each case's rows go in one transaction with a touch of the case row on its ETag, so a row can never be
   * written for a case that changed, is being purged or is gone meanwhile (that case is read again). Safe to
   * run on several instances at once: the rows are upserts, and a lost race only means reading a case again.
   * Resolves the number of rows written.
   */
  async backfillPersonIndex(): Promise<number> {
    return this.backfill(PERSON_INDEX_DONE, 'person|', 'personIndexedAt', async (c, have) =>
      personRowKeys(c)
        .filter((rowKey) => !have.has(rowKey))
        .map((rowKey): TransactionAction => ['upsert', personEntity(rowKey, c.id), 'Replace']),
    );
  }

  /**
   * One index's backfill, once (skipped for good when `doneKey` is there): for every case, the rows `rowsFor`
   * says are missing (given the row keys under `existingPrefix` when it began) go in one transaction with a
   * touch of the case row (`stamp`) on its ETag, so no row is written for a case that changed, is being purged
   * or is gone meanwhile: that case is read and asked again. Safe on several instances at once. Resolves the
   * number of rows written.
   */
  private async backfill(
    doneKey: string,
    existingPrefix: string,
    stamp: string,
    rowsFor: (c: Case, have: ReadonlySet<string>) => Promise<TransactionAction[]>,
  ): Promise<number> {
    if (await this.read(doneKey)) return 0;
    const [cases, existing] = await Promise.all([
      this.query(rangeFilter('case|')) as Promise<TableEntityResult<Record<string, unknown>>[]>,
      this.rowKeys(rangeFilter(existingPrefix)),
    ]);
    const have = new Set(existing);
    let written = 0;
    for (const first of cases) {
      let row: TableEntityResult<Record<string, unknown>> | undefined = first;
      for (let attempt = 1; row && !row[PURGING]; attempt++) {
        const rows = await rowsFor(fromJsonColumns<Case>(row), have);
        if (rows.length === 0) break;
        const touch = { partitionKey: PARTITION, rowKey: String(row.rowKey), [stamp]: new Date().toISOString() };
        const etag = row.etag;
        try {
          await this.call(() => this.client.submitTransaction([['update', touch, 'Merge', { etag }], ...rows]));
          written += rows.length;
          break;
        } catch (error) {
          if (!(isConflict(error) || isNotFound(error)) || attempt >= this.maxAttempts) throw error;
          await backoff(attempt);
          row = await this.read(String(row.rowKey));
        }
      }
    }
    const done = { partitionKey: PARTITION, rowKey: doneKey, at: new Date().toISOString(), cases: cases.length, written };
    await this.call(() => this.client.upsertEntity(done, 'Replace'));
    return written;
  }

  private reminderIndex: Promise<number> | undefined;

  /** Open cases whose remind| row is due at `now` (one range query), oldest moment first. */
  async dueForReminders(now: Date): Promise<CaseId[]> {
    this.reminderIndex ??= this.backfillReminderIndex().catch((error: unknown) => {
      this.reminderIndex = undefined;
      throw error;
    });
    await this.reminderIndex;
    const filter = `PartitionKey eq '${PARTITION}' and RowKey ge '${REMIND_PREFIX}' and RowKey le ${quoted(dueUpTo(now))}`;
    const rows = await this.call(async () => {
      const found: string[] = [];
      const list = this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['caseId'] } });
      for await (const row of list) found.push(String(row.caseId));
      return found;
    });
    return [...new Set(rows)] as CaseId[];
  }

  /**
   * The case as the reminders pass decides on it, with a token that moves its row only if nothing wrote
   * the case since (the token is rnext's ETag, read before the case). Undefined when it is gone or closed.
   */
  async reminderCheck(id: CaseId): Promise<{ case: Case; token: string } | undefined> {
    const pointer = pointerOf(await this.read(pointerKey(id)));
    const c = pointer && (await this.get(id));
    return c && pointer ? { case: c, token: JSON.stringify(pointer) } : undefined;
  }

  /** Moves the case's row to `at` (undefined: removes it); false when a case write came first (it rewrote the row). */
  async advanceReminder(id: CaseId, token: string, at: string | undefined): Promise<boolean> {
    const pointer = JSON.parse(token) as { at: string; etag: string };
    const actions = moveActions(PARTITION, id, pointer, at);
    // Removing: guard on rnext's ETag all the same (a transaction's delete takes none), by touching it first.
    if (at === undefined) {
      try {
        await this.call(() =>
          this.client.updateEntity({ partitionKey: PARTITION, rowKey: pointerKey(id), at: pointer.at }, 'Replace', { etag: pointer.etag }),
        );
      } catch (error) {
        if (isConflict(error) || isNotFound(error)) return false;
        throw error;
      }
    }
    try {
      await this.call(() => this.client.submitTransaction(actions));
      return true;
    } catch (error) {
      if (isConflict(error) || isNotFound(error)) return false;
      throw error;
    }
  }

  /**
   * Gives open cases stored before the next-reminder index their rows (at CHANGED: the next pass looks at
   * each once), once: skipped for good when meta|reminder-index is there (see backfill). Resolves the number
   * of rows written (two per case).
   */
  async backfillReminderIndex(): Promise<number> {
    return this.backfill(REMINDER_INDEX_DONE, 'rnext|', 'reminderIndexedAt', async (c, have) => {
      if (!isOpen(c.status) || have.has(pointerKey(c.id))) return [];
      // A case write since the backfill began gave the case its rows (their creates would conflict).
      if (await this.read(pointerKey(c.id))) return [];
      return moveActions(PARTITION, c.id, undefined, CHANGED);
    });
  }

  async listStatistics(years?: readonly number[]): Promise<CaseStatistic[]> {
    const prefixes = years ? [...new Set(years)].map((year) => `stat|DSAR-${year}-`) : ['stat|'];
    const rows = (await Promise.all(prefixes.map((prefix) => this.query(rangeFilter(prefix))))).flat();
    return rows.map((row) => fromJsonColumns<CaseStatistic>(row)).sort((a, b) => compareCaseIds(a.caseId, b.caseId));
  }

  private deleteRows(rowKeys: readonly string[]): Promise<void> {
    return deleteRows(this.client, PARTITION, rowKeys, (operation) => this.call(operation));
  }

  private async rowKeys(filter: string): Promise<string[]> {
    return this.call(async () => {
      const keys: string[] = [];
      const rows = this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['RowKey'] } });
      for await (const row of rows) keys.push(String(row.rowKey));
      return keys;
    });
  }

  /**
   * Optimistic concurrency: `plan` reads and decides what to write; the writes go in one transaction. When
   * another writer got there first (an ETag or a key no longer matches), read and decide again.
   */
  private async transact<T extends { case: Case }>(
    plan: () => Promise<{ actions?: TransactionAction[]; result: T; committed?: (firstEtag: string | undefined) => void }>,
    retryGone = false,
    /** Plan and write after this instance's other creations (oneCreationAtATime); the index sync is outside. */
    creation = false,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const planned = creation ? undefined : await plan();
      if (planned && !planned.actions) return planned.result;
      try {
        const step = async () => {
          const { actions, result, committed } = planned ?? (await plan());
          if (!actions) return { result };
          const response = await this.call(() => this.client.submitTransaction(actions));
          committed?.(response.subResponses[0]?.etag);
          return { actions, result, response };
        };
        const { actions, result, response } = creation ? await this.oneCreationAtATime(step) : await step();
        if (!actions || !response) return result;
        const written = actions.find((action) => action[1].rowKey === caseKey(result.case.id))?.[1];
        if (typeof written?.recent === 'string') this.remember(result.case, JSON.parse(written.recent) as TimelineEntry[]);
        // By position: an upsert's sub-response names no row (no Location header), so getResponseForEntity
        // never found the outbox row's ETag and the row stayed for the repair job after every change.
        const outbox = actions.findIndex((action) => action[1].rowKey === `${OUTBOX_PREFIX}${result.case.id}`);
        if (this.openIndex) await this.reindex(result.case, outbox < 0 ? undefined : response.subResponses[outbox]?.etag);
        return result;
      } catch (error) {
        // retryGone: a row the plan deletes was removed by another writer meanwhile (an index row moved).
        if (!(isConflict(error) || (retryGone && isNotFound(error))) || attempt >= this.maxAttempts) throw error;
        await backoff(attempt);
      }
    }
  }

  /** A cheap round trip that proves the table answers (for readiness checks). */
  async ping(): Promise<void> {
    await this.call(() =>
      this.client
        .listEntities({ queryOptions: { filter: `PartitionKey eq '${PARTITION}'`, select: ['RowKey'] } })
        .byPage({ maxPageSize: 1 })
        .next(),
    );
  }

  async get(id: CaseId): Promise<Case | undefined> {
    const row = await this.read(caseKey(id));
    if (!row) return undefined;
    const c = fromJsonColumns<Case>(row);
    if (typeof row.recent === 'string') this.remember(c, recentOf(row));
    return c;
  }

  /**
   * The latest events of the case versions this instance read or wrote last: a version's latest events
   * never change (events are append-only), so the card of a case just read needs no second read of its row.
   */
  private readonly recent = new Map<string, TimelineEntry[]>();

  private remember(c: Pick<Case, 'id' | 'version'>, entries: readonly TimelineEntry[]): void {
    const key = `${c.id}@${c.version}`;
    this.recent.delete(key);
    this.recent.set(key, entries.slice(0, RECENT_EVENTS).map(toRecent));
    // Map keeps insertion order: the oldest entry goes first.
    if (this.recent.size > RECENT_CACHE) this.recent.delete(this.recent.keys().next().value!);
  }

  async findBySource(key: SourceKey): Promise<Case | undefined> {
    return this.findBySourceRows([sourceRowKey(key)]);
  }

  /** The open cases: the case rows filtered on their status column (no copies of open cases are kept). */
  async listOpen(): Promise<Case[]> {
    const rows = await this.query(`${rangeFilter('case|')} and ${OPEN_FILTER}`);
    return rows.map((row) => fromJsonColumns<Case>(row)).sort((a, b) => compareCaseIds(a.id, b.id));
  }

  async listAll(): Promise<Case[]> {
    return this.listCases('case|');
  }

  async listYears(years: readonly number[]): Promise<Case[]> {
    const found = await Promise.all([...new Set(years)].map((year) => this.listCases(`case|DSAR-${year}-`)));
    return found.flat().sort((a, b) => compareCaseIds(a.id, b.id));
  }

  /**
   * The case's latest `count` events, oldest first: the case row's copy (one point read), with any the row
   * lacks (a row written before it carried them, or more than RECENT_EVENTS asked for) point-read by their
   * sequence numbers (the event of version n is evt|<id>|n). Never a range.
   */
  async recentEvents(id: CaseId, count: number, version?: number): Promise<TimelineEntry[]> {
    const cached = version === undefined ? undefined : this.recent.get(`${id}@${version}`);
    const row = cached ? undefined : await this.read(caseKey(id));
    if (!cached && !row) return [];
    const at = cached ? version! : Number(row!.version);
    const have = new Map((cached ?? recentOf(row)).map((e) => [e.sequence, e]));
    const wanted = Array.from({ length: Math.max(0, Math.min(count, at)) }, (_, i) => at - i);
    const missing = wanted.filter((sequence) => !have.has(sequence));
    const read = await Promise.all(missing.map((sequence) => this.read(eventKey(id, sequence))));
    for (const r of read) if (r) have.set(Number(fromJsonColumns<CaseEvent>(r).sequence), toRecent(fromJsonColumns<CaseEvent>(r)));
    return wanted
      .map((sequence) => have.get(sequence))
      .filter((e): e is TimelineEntry => e !== undefined)
      .reverse();
  }

  /**
   * Closed cases with their delete-after dates, earliest first: the purge| range (one small row per closed
   * case, no records), for the retention job. Backfilled once for cases closed before the rows existed.
   */
  async closedCases(): Promise<{ id: CaseId; deleteAfter: string }[]> {
    this.purgeIndex ??= this.backfillPurgeIndex().catch((error: unknown) => {
      this.purgeIndex = undefined;
      throw error;
    });
    await this.purgeIndex;
    const rows = await this.call(async () => {
      const found: { id: CaseId; deleteAfter: string }[] = [];
      const list = this.client.listEntities<Record<string, unknown>>({
        queryOptions: { filter: rangeFilter(PURGE_PREFIX), select: ['caseId', 'deleteAfter'] },
      });
      for await (const r of list) found.push({ id: String(r.caseId) as CaseId, deleteAfter: String(r.deleteAfter) });
      return found;
    });
    return rows;
  }

  private purgeIndex: Promise<number> | undefined;

  /** Gives cases closed before the purge rows existed their row, once (see backfill). */
  async backfillPurgeIndex(): Promise<number> {
    return this.backfill(PURGE_INDEX_DONE, PURGE_PREFIX, 'purgeIndexedAt', async (c, have) => {
      const rowKey = purgeKey(c);
      return rowKey && !have.has(rowKey) ? [['upsert', purgeEntity(rowKey, c), 'Replace']] : [];
    });
  }

  async events(id: CaseId): Promise<CaseEvent[]> {
    const rows = await this.query(rangeFilter(`evt|${id}|`));
    return rows.map((row) => fromJsonColumns<CaseEvent>(row)).sort((a, b) => a.sequence - b.sequence);
  }

  private async findBySourceRows(rowKeys: readonly string[]): Promise<Case | undefined> {
    for (const rowKey of rowKeys) {
      const row = await this.read(rowKey);
      if (row) return this.get(String(row.caseId));
    }
    return undefined;
  }

  private async listCases(prefix: string): Promise<Case[]> {
    const rows = await this.query(rangeFilter(prefix));
    return rows.map((row) => fromJsonColumns<Case>(row)).sort((a, b) => compareCaseIds(a.id, b.id));
  }

  private async read(rowKey: string): Promise<TableEntityResult<Record<string, unknown>> | undefined> {
    try {
      return await this.call(() => this.client.getEntity<Record<string, unknown>>(PARTITION, rowKey));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async query(filter: string): Promise<Record<string, unknown>[]> {
    return this.call(async () => {
      const rows: Record<string, unknown>[] = [];
      for await (const row of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) rows.push(row);
      return rows;
    });
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw storeFailure(error, this.location);
    }
  }
}
