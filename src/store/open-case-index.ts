import type { TableClient, TransactionAction } from '@azure/data-tables';
import pLimit from 'p-limit';
import { effectiveDue, isAwaitingAnswer, isOpen, openPause, needsConfirmation, type Case, type CaseId } from '../domain/index.js';
import { lineOf } from '../app/open-line.js';
import type { OpenCaseLine, OpenCaseList, OpenPage, OpenRange } from '../app/ports.js';
import { isConflict, isNotFound } from './store-errors.js';

/**
 * The open cases by effective deadline, in their OWN table (on Azurite every query scans its whole table,
 * so a partition of the case table would not help; on Azure Tables a RowKey range in one partition is
 * served directly). One partition, two kinds of row:
 *
 *   due|<g>|<effectiveDue>|<caseId>  one per open case: what a list line needs (g = 0 while the deadline
 *                                     binds, 1 once answered or refused), so "open, most urgent first" is
 *                                     ONE range query, and overdue / due this week are ranges of it
 *   id|<caseId>                       where the case's due| row is and which case version it shows; kept
 *                                     (without a due| row) once the case is closed, so a late, older write
 *                                     can never put a closed case back; deleted when the case is purged
 *
 * The index cannot share the case's transaction (another table), so the case table writes an outbox row
 * `reindex|<id>` IN the case transaction and calls sync() after the commit; sync deletes the outbox row on
 * the ETag the commit gave it (a newer change's outbox row stays). A crash in between leaves the outbox row:
 * repairOutbox() (a leased job every few minutes) syncs those; repairAll() (daily) compares the index with
 * a full scan of the cases. Writes are compare-and-set on the id| row's ETag and the case version, so
 * concurrent or late syncs never regress the index.
 */
export const INDEX_PARTITION = 'open';
export const OUTBOX_PREFIX = 'reindex|';

/** The due| key of an open case. */
export const dueKey = (c: Pick<Case, 'id' | 'status' | 'deadlines' | 'extension'>) =>
  `due|${isAwaitingAnswer(c.status) ? 0 : 1}|${effectiveDue(c)}|${c.id}`;
const idKey = (id: CaseId) => `id|${id}`;
const META = 'meta|built';
/** Syncs the full check runs at once (each is a read and a transaction on one case's rows). */
const REPAIR_CONCURRENCY = 8;

const range = (from: string, to: string) => `PartitionKey eq '${INDEX_PARTITION}' and RowKey ge '${from}' and RowKey lt '${to}'`;

function filterOf(r: OpenRange): string {
  switch (r.kind) {
    case 'all':
      return range('due|', 'due}');
    case 'before':
      return range('due|0|', `due|0|${r.date}`);
    case 'between':
      // '}' sorts after every case id character, so the whole `to` day is included.
      return range(`due|0|${r.from}`, `due|0|${r.to}}`);
  }
}

type Row = Record<string, unknown> & { rowKey?: string; etag?: string };

export class OpenCaseIndex implements OpenCaseList {
  constructor(
    private readonly client: TableClient,
    /** Point reads and writes on the case table's outbox rows (the case table owns them). */
    private readonly outbox: {
      read: (id: CaseId) => Promise<Case | undefined>;
      deleteOutbox: (id: CaseId, etag: string) => Promise<void>;
      listOutbox: () => Promise<{ id: CaseId; etag: string }[]>;
      listAll: () => Promise<Case[]>;
      /** Resolves when this instance's syncs in flight have ended (a list reads its own writes). */
      settled?: () => Promise<void>;
    },
  ) {}

  async init(): Promise<void> {
    await this.client.createTable();
  }

  /** The outbox row a case transaction carries: the case must be re-indexed after the commit. */
  static outboxEntity(partitionKey: string, id: CaseId, version: number) {
    return { partitionKey, rowKey: `${OUTBOX_PREFIX}${id}`, caseId: id, version, at: new Date().toISOString() };
  }

  /**
   * Brings the index in step with `c` (the case as just committed, or undefined when it is gone), then
   * deletes the outbox row written with it if it is still the one (`etag`).
   */
  async sync(id: CaseId, c: Case | undefined, outboxEtag?: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.write(id, c);
        break;
      } catch (error) {
        if (!(isConflict(error) || isNotFound(error)) || attempt >= 20) throw error;
        // Another sync moved the id| row meanwhile: look again (it may be newer than ours).
      }
    }
    if (outboxEtag) await this.outbox.deleteOutbox(id, outboxEtag);
  }

  private async write(id: CaseId, c: Case | undefined): Promise<void> {
    const current = await this.readRow(idKey(id));
    if (current && c && Number(current.version) > c.version) return; // a newer version is indexed already
    const oldDue = current?.due ? String(current.due) : undefined;
    const wantDue = c && isOpen(c.status) ? dueKey(c) : undefined;
    const actions: TransactionAction[] = [];
    if (oldDue && oldDue !== wantDue) actions.push(['delete', { partitionKey: INDEX_PARTITION, rowKey: oldDue }]);
    if (wantDue && c) actions.push(['upsert', this.dueEntity(wantDue, c), 'Replace']);
    const idRow = { partitionKey: INDEX_PARTITION, rowKey: idKey(id), version: c?.version ?? 0, due: wantDue ?? '' };
    if (!c) {
      // Purged: nothing left to protect against (transactions take no ETag on a delete).
      if (current) actions.push(['delete', { partitionKey: INDEX_PARTITION, rowKey: idKey(id) }]);
    } else if (current) actions.push(['update', idRow, 'Replace', { etag: current.etag! }]);
    else actions.push(['create', idRow]);
    if (actions.length) await this.client.submitTransaction(actions);
  }

  private dueEntity(rowKey: string, c: Case) {
    return {
      partitionKey: INDEX_PARTITION,
      rowKey,
      caseId: c.id,
      status: c.status,
      due: effectiveDue(c),
      paused: openPause(c) !== undefined,
      toConfirm: needsConfirmation(c),
      line: JSON.stringify(lineOf(c)),
    };
  }

  /** One page of open cases, most urgent first: ONE range query, no per-case reads. */
  async page(r: OpenRange, limit: number, token?: string): Promise<OpenPage> {
    await Promise.all([this.ready(), this.outbox.settled?.()]);
    const pages = this.client
      .listEntities<Row>({ queryOptions: { filter: filterOf(r), select: ['line'] } })
      .byPage({ maxPageSize: limit, ...(token ? { continuationToken: token } : {}) });
    const { value, done } = await pages.next();
    if (done || !value) return { lines: [] };
    const lines = value.map((row) => JSON.parse(String(row.line)) as OpenCaseLine);
    return { lines, ...(value.continuationToken ? { next: value.continuationToken } : {}) };
  }

  private built: Promise<void> | undefined;

  /** Builds the index once from a full scan for a store written before it existed (again after a failure). */
  private ready(): Promise<void> {
    this.built ??= (async () => {
      if (await this.readRow(META)) return;
      await this.repairAll();
      await this.client.upsertEntity({ partitionKey: INDEX_PARTITION, rowKey: META, at: new Date().toISOString() }, 'Replace');
    })().catch((error: unknown) => {
      this.built = undefined;
      throw error;
    });
    return this.built;
  }

  /** Syncs every case whose outbox row is still there (a crash between commit and index write). */
  async repairOutbox(): Promise<number> {
    const pending = await this.outbox.listOutbox();
    for (const { id, etag } of pending) await this.sync(id, await this.outbox.read(id), etag);
    return pending.length;
  }

  /** Compares the whole index with a full scan of the cases and fixes every difference. Returns rows fixed. */
  async repairAll(): Promise<number> {
    const [cases, rows] = await Promise.all([this.outbox.listAll(), this.rows()]);
    const byId = new Map(rows.filter((r) => r.rowKey!.startsWith('id|')).map((r) => [r.rowKey!.slice(3), r]));
    const dues = new Map(rows.filter((r) => r.rowKey!.startsWith('due|')).map((r) => [r.rowKey!, r]));
    let fixed = 0;
    const wanted = new Set<string>();
    // A few syncs at once: building the index for 50,000 cases one by one took most of an hour on Azurite.
    const limit = pLimit(REPAIR_CONCURRENCY);
    const syncs: Promise<void>[] = [];
    for (const c of cases) {
      const want = isOpen(c.status) ? dueKey(c) : undefined;
      if (want) wanted.add(want);
      const have = byId.get(c.id);
      const line = want ? dues.get(want)?.line : undefined;
      const inStep =
        have &&
        String(have.due ?? '') === (want ?? '') &&
        Number(have.version) === c.version &&
        (!want || line === JSON.stringify(lineOf(c)));
      // A newer version than the scan's is a change made since the scan: in step with that one.
      if (!inStep && !(have && Number(have.version) > c.version)) {
        syncs.push(limit(() => this.sync(c.id, c)));
        fixed++;
      }
    }
    await Promise.all(syncs);
    // due| rows of cases no longer open or gone, and id| rows of purged cases.
    const known = new Set(cases.map((c) => c.id));
    for (const key of dues.keys()) {
      const id = String(dues.get(key)?.caseId) as CaseId;
      // Re-read: a change since the scan may have moved the case to exactly this row.
      if (!wanted.has(key) && (await this.readRow(idKey(id)))?.due !== key) {
        await this.client.deleteEntity(INDEX_PARTITION, key).catch(ignoreMissing);
        fixed++;
      }
    }
    for (const id of byId.keys()) {
      // Point-read before deleting: a case opened during the scan has an id| row but is not in `cases`.
      if (!known.has(id as CaseId) && !(await this.outbox.read(id as CaseId))) {
        await this.client.deleteEntity(INDEX_PARTITION, idKey(id as CaseId)).catch(ignoreMissing);
        fixed++;
      }
    }
    return fixed;
  }

  /** Every row of the index (tests and the daily check). */
  async rows(): Promise<Row[]> {
    const out: Row[] = [];
    for await (const row of this.client.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq '${INDEX_PARTITION}'` } }))
      if (row.rowKey !== META) out.push(row);
    return out;
  }

  private async readRow(rowKey: string): Promise<Row | undefined> {
    try {
      return (await this.client.getEntity<Row>(INDEX_PARTITION, rowKey)) as Row;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
}

const ignoreMissing = (error: unknown) => {
  if (!isNotFound(error)) throw error;
};
