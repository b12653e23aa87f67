import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import type { Change, CaseRepository, ReminderIndex, SourceKey } from '../app/ports.js';
import {
  compareCaseIds,
  effectiveDue,
  formatCaseId,
  invalidInput,
  isOpen,
  notFound,
  refused,
  type Case,
  type CaseEvent,
  type CaseId,
  type CaseStatistic,
} from '../domain/index.js';
import { fromJsonColumns, toJsonColumns } from './json-columns.js';
import { DELETE_BATCH, deleteRows } from './delete-rows.js';
import { CHANGED, moveActions, pointerKey, pointerOf, REMIND_PREFIX, REMINDER_INDEX_DONE, dueUpTo } from './reminder-index.js';
import { isConflict, isNotFound, storeFailure } from './store-errors.js';
import { OpenCaseIndex, OUTBOX_PREFIX } from './open-case-index.js';

/**
 * Cases, their audit events, the per-year counters and the source-message keys, all in ONE partition of
 * one table. That is deliberate: Azure Tables transactions are limited to a partition, and keeping
 * everything together makes each write a single transaction:
 *
 *   opening a case  = bump the year's counter (ETag) + case + open-index row + source keys + person rows + first event
 *   changing a case = case (ETag) + open-index row (upsert, or delete on closure) + person rows + event
 *
 * so ids have no gaps or duplicates under concurrent writers, a message can never open two cases, and no
 * change exists without its event. A 20-person company has a few hundred cases a year; one partition
 * serves thousands of operations a second.
 *
 * Row keys:
 *   case|DSAR-2026-0042            the case record
 *   open|DSAR-2026-0042            copy of the record while the case is open (open cases are one range scan)
 *   evt|DSAR-2026-0042|000007      event 7 of the case (append-only: never updated; deleted only with the case, see purge)
 *   src|internetMessageId|<sha256> the case a message opened (ids hashed: row keys forbid / \ # ?)
 *   ctr|2026                       the last sequence number used in 2026
 *                                  (case| and stat| rows of one year are one range: `case|DSAR-2026-`, the report's read)
 *   stat|DSAR-2023-0007            the anonymous statistic of a deleted case (see purge)
 *   person|<sha256>|DSAR-2026-0042 the case is about the person with that e-mail address (requester or data
 *                                  subject; hashed lower-cased): one person's cases are one range scan
 *   meta|person-index              written once every case older than the person rows has them (see backfill)
 *   remind|<moment>|DSAR-2026-0042 the next-reminder index, rnext|DSAR-2026-0042 where that row is, and
 *   meta|reminder-index            the backfill's mark (see reminder-index.ts)
 */
const PARTITION = 'dsar';

const caseKey = (id: CaseId) => `case|${id}`;
const openKey = (id: CaseId) => `open|${id}`;
const eventKey = (id: CaseId, sequence: number) => `evt|${id}|${String(sequence).padStart(6, '0')}`;
const counterKey = (year: number) => `ctr|${year}`;
const statKey = (id: CaseId) => `stat|${id}`;
const personPrefix = (email: string) => `person|${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}|`;
const PERSON_INDEX_DONE = 'meta|person-index';

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

function caseEntity(rowKey: string, c: Case) {
  return {
    partitionKey: PARTITION,
    rowKey,
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

/** Spreads retries of writers that lost a race so they do not collide again in lockstep. */
const backoff = (attempt: number) => sleep(Math.min(200, 5 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));

export interface CaseTableOptions {
  /** How often a writer that lost a race re-reads and tries again before giving up. */
  maxAttempts?: number;
  /** The open-case index's table (open-case-index.ts); without it, no index is kept. */
  indexClient?: TableClient;
}

export class CaseTable implements CaseRepository, ReminderIndex {
  private readonly maxAttempts: number;
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
        })
      : undefined;
  }

  /** The outbox row for the index, written in the case's transaction, when an index is kept. */
  private outboxRow(c: Case): TransactionAction[] {
    return this.openIndex ? [['upsert', OpenCaseIndex.outboxEntity(PARTITION, c.id, c.version), 'Replace']] : [];
  }

  /**
   * After a commit: the index follows. A failure here leaves the outbox row, which the repair job
   * syncs; the case change itself has succeeded, so it is not reported as failed.
   */
  private async reindex(c: Case, etag: string | undefined): Promise<void> {
    await this.openIndex?.sync(c.id, c, etag).catch(() => undefined);
  }

  /** Creates the table if it does not exist yet. */
  async init(): Promise<void> {
    await this.call(() => this.client.createTable());
    await this.openIndex?.init();
  }

  async create({ year, sourceKeys, build }: Parameters<CaseRepository['create']>[0]): Promise<{ case: Case; created: boolean }> {
    const sourceRows = [...new Set(sourceKeys.map(sourceRowKey))];
    return this.transact<{ case: Case; created: boolean }>(async () => {
      const existing = await this.findBySourceRows(sourceRows);
      if (existing) return { result: { case: existing, created: false } };

      const counter = await this.read(counterKey(year));
      const sequence = Number(counter?.last ?? 0) + 1;
      const { case: c, event } = build(formatCaseId(year, sequence));
      const counterEntity = { partitionKey: PARTITION, rowKey: counterKey(year), last: sequence };
      const actions: TransactionAction[] = [
        counter ? ['update', counterEntity, 'Replace', { etag: counter.etag }] : ['create', counterEntity],
        ['create', caseEntity(caseKey(c.id), c)],
        ['create', caseEntity(openKey(c.id), c)],
        ...sourceRows.map((rowKey): TransactionAction => ['create', { partitionKey: PARTITION, rowKey, caseId: c.id }]),
        ...personRowKeys(c).map((rowKey): TransactionAction => ['create', personEntity(rowKey, c.id)]),
        ...moveActions(PARTITION, c.id, undefined, isOpen(c.status) ? CHANGED : undefined),
        ['create', eventEntity(event)],
        ...this.outboxRow(c),
      ];
      return { actions, result: { case: c, created: true } };
    });
  }

  async update(id: CaseId, change: (current: Case) => Change): Promise<Change> {
    return this.transact(async () => {
      const [row, pointer] = await Promise.all([this.read(caseKey(id)), this.read(pointerKey(id))]);
      if (!row) throw notFound(`there is no case ${id}`);
      if (row[PURGING]) throw refused(`${id} is being deleted: its retention period has ended`);
      const current = fromJsonColumns<Case>(row);
      const result = change(current);
      const { case: next, event } = result;
      // The open-index row exists exactly while the case is open; it moves in the same transaction.
      const openIndex: TransactionAction[] = isOpen(next.status)
        ? [['upsert', caseEntity(openKey(id), next), 'Replace']]
        : isOpen(current.status)
          ? [['delete', { partitionKey: PARTITION, rowKey: openKey(id) }]]
          : [];
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
        ['update', caseEntity(caseKey(id), next), 'Replace', { etag: row.etag }],
        ...openIndex,
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
   *   3. ONE transaction: upsert stat|<id> + delete case|<id>, open|<id> if any, its src| and person| rows.
   *
   * A crash after 1 or 2 leaves the case (marked, with fewer or no events) and no statistic: it is still
   * listed and due, and purging it again finishes the job. Only step 3 removes the case, and it writes the
   * statistic in the same transaction, so there is never a statistic and a case for the same id, and the
   * statistic is never lost. Counters (ctr|) are never deleted: ids are not reused.
   */
  async purge(id: CaseId, statistic: CaseStatistic): Promise<boolean> {
    if (statistic.caseId !== id) throw invalidInput(`the statistic is of ${statistic.caseId}, not of ${id}`);
    for (let attempt = 1; ; attempt++) {
      const row = await this.read(caseKey(id));
      if (!row) return false;
      const current = fromJsonColumns<Case>(row);
      if (isOpen(current.status)) throw refused(`${id} is ${current.status}: open cases are never deleted`);
      try {
        if (!row[PURGING]) {
          const mark = { partitionKey: PARTITION, rowKey: caseKey(id), [PURGING]: new Date().toISOString() };
          await this.call(() => this.client.updateEntity(mark, 'Merge', { etag: row.etag }));
        }
        await this.deleteRows(await this.rowKeys(rangeFilter(`evt|${id}|`)));
        const [open, outbox, sources, people] = await Promise.all([
          this.read(openKey(id)),
          this.read(`${OUTBOX_PREFIX}${id}`),
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
          ...sources.map(remove),
          ...people.map(remove),
        ];
        await this.call(() => this.client.submitTransaction(actions));
        await this.openIndex?.sync(id, undefined).catch(() => undefined);
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
    plan: () => Promise<{ actions?: TransactionAction[]; result: T }>,
    retryGone = false,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const { actions, result } = await plan();
      if (!actions) return result;
      try {
        const response = await this.call(() => this.client.submitTransaction(actions));
        if (this.openIndex) await this.reindex(result.case, response.getResponseForEntity(`${OUTBOX_PREFIX}${result.case.id}`)?.etag);
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
    return row ? fromJsonColumns<Case>(row) : undefined;
  }

  async findBySource(key: SourceKey): Promise<Case | undefined> {
    return this.findBySourceRows([sourceRowKey(key)]);
  }

  async listOpen(): Promise<Case[]> {
    return this.listCases('open|');
  }

  async listAll(): Promise<Case[]> {
    return this.listCases('case|');
  }

  async listYears(years: readonly number[]): Promise<Case[]> {
    const found = await Promise.all([...new Set(years)].map((year) => this.listCases(`case|DSAR-${year}-`)));
    return found.flat().sort((a, b) => compareCaseIds(a.id, b.id));
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
