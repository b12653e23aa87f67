import { createHash } from 'node:crypto';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import pLimit from 'p-limit';
import type { Config } from '../config/config.js';
import { claimRow } from '../store/claims.js';
import { getRow } from '../store/rows.js';
import { isStatus } from '../store/store-errors.js';
import { createTableClient } from '../store/table-client.js';
import type { SetAsideMail } from '../app/ports.js';
import type { CaseId } from '../domain/index.js';

/**
 * What intake must not forget, in the `intake` table:
 *   queue|<key>   a message to process (from a notification or the delta catch-up): one row per message,
 *                 created insert-only, so a duplicate notification gets 409 and changes nothing. It holds the
 *                 claim (who works on it, until when), the attempts started and ended, when it is next due
 *                 and the last error (scrubbed)
 *   due|<nextAttemptAt>|<key>  the queue in the order it is due: "what is due now, oldest first" is one range
 *                 scan, and a message in back-off is not read until its time. Written in the same
 *                 transaction as the queue row it points at; the queue row names its current one (dueRow),
 *                 and any other due row for the message is stale (left by a crash) and deleted when read
 *   done|<key>    a message fully processed, so a late duplicate is not processed again (nor queued)
 *   stall|<mailbox>  the mailbox's messages keep failing for a reason that may pass (an outage, a missing
 *                 permission): since when, the last failure, when the DPOs were last told. Gone on a success
 *   sub|<name>    a Graph subscription we own (id, expiry) and its inbox's delta link: one per watched mailbox,
 *                 sub|inbox:<mailbox> (sub|dpo-inbox before there were several; adopted at start-up)
 *   mark|<name>   a one-off side effect already done (e.g. ack|DSAR-2026-0001: the acknowledgement draft)
 *   aside|<setAsideAt>|<key>  a message set aside as not a request, with sender, subject and reason, so the
 *                 DPO can see what was ignored (rows in time order: a week is one range scan)
 *   asideof|<key> the row key of that record, to find it by message
 * <key> is the SHA-256 of the message's immutable id: a fixed length whatever the id (up to 512 characters),
 * and safe in a row key whatever it holds.
 */

export const INTAKE_TABLE = 'intake';
const PARTITION = 'intake';
const ENQUEUE_CONCURRENCY = 16;

export interface QueuedMessage {
  key: string;
  mailbox: string;
  messageId: string;
  via: 'notification' | 'delta';
  queuedAt: string;
  attempts: number;
  /** The due row this read came from (pending), or the queue row's current one (claim). */
  dueRow: string;
  /** The error of the last failed attempt, scrubbed of addresses. */
  lastError?: string;
  /**
   * Attempts before this one that started and never ended (claim() counted them, but neither failed() nor
   * complete() ran): the process died or hung while handling the message.
   */
  crashes?: number;
}

/** A set-aside record as stored (SetAsideMail without the derived key). */
export type SetAsideRow = Omit<SetAsideMail, 'key'>;

export interface SubscriptionState {
  subscriptionId?: string | undefined;
  expiresAt?: string | undefined;
  /** Hash of what the subscription was made with (mailbox, URL, secret): a change means a new one. */
  fingerprint?: string | undefined;
  deltaLink?: string | undefined;
}

/** The columns of a queue row. */
interface QueueRow {
  mailbox: string;
  messageId: string;
  via: string;
  queuedAt: string;
  attempts?: number;
  /** Attempts that ended (failed and given back); attempts minus ended is how many never ended. */
  ended?: number;
  nextAttemptAt?: string;
  dueRow?: string;
  claimedBy?: string;
  claimedUntil?: string;
  lastError?: string;
}
/** A mailbox intake cannot read for now (see noteStall). */
export interface StallState {
  /** When the oldest waiting message was queued. */
  since: string;
  lastFailureAt: string;
  /** When the DPOs were last told. */
  notifiedAt: string;
}

const stallRow = (mailbox: string) => `stall|${mailbox.toLowerCase()}`;
export const messageKey = (messageId: string) => createHash('sha256').update(messageId).digest('hex');
const queueRow = (key: string) => `queue|${key}`;
const dueRowKey = (at: string, key: string) => `due|${at}|${key}`;
/** The message key a due row stands for (its last segment). */
const keyOfDueRow = (rowKey: string) => rowKey.slice(rowKey.lastIndexOf('|') + 1);
const raced = (error: unknown) => isStatus(error, 404, 409, 412);

export class IntakeTable {
  constructor(private readonly client: TableClient) {}

  async init(): Promise<void> {
    await this.client.createTable();
  }

  /**
   * Queues messages, each with its due row in the same transaction, so a webhook answers 202 only when all
   * of them are safe. Insert-only: a message already queued (409) is left as it is, so a duplicate
   * notification neither resets its back-off, nor moves it in line, nor wipes a claim taken meanwhile; a
   * message already done is not queued again (a late duplicate must not overwrite its outcome). The reads
   * and writes run side by side, within the webhook's few seconds.
   */
  async enqueue(items: { mailbox: string; messageId: string; via: QueuedMessage['via'] }[], now: Date): Promise<void> {
    const unique = [...new Map(items.map((i) => [messageKey(i.messageId), i])).entries()];
    // Side by side, but bounded: a catch-up page queues a hundred at once.
    const limit = pLimit(ENQUEUE_CONCURRENCY);
    const done = await Promise.all(unique.map(([key]) => limit(() => this.isDone(key))));
    const at = now.toISOString();
    await Promise.all(
      unique
        .filter((_, i) => !done[i])
        .map(([key, item]) =>
          limit(async () => {
            const due = dueRowKey(at, key);
            const row: QueueRow = {
              mailbox: item.mailbox,
              messageId: item.messageId,
              via: item.via,
              queuedAt: at,
              attempts: 0,
              ended: 0,
              nextAttemptAt: at,
              dueRow: due,
            };
            try {
              await this.client.submitTransaction([
                ['create', { partitionKey: PARTITION, rowKey: queueRow(key), ...row }],
                ['upsert', { partitionKey: PARTITION, rowKey: due, ...dueColumns(row) }, 'Replace'],
              ]);
            } catch (error) {
              // Already queued: the row there, with its claim and back-off, stands.
              if (!isStatus(error, 409)) throw error;
            }
          }),
        ),
    );
  }

  /**
   * What is due at `now`, the longest waiting first (one range scan over the due rows, which carry a copy of
   * what claiming needs), at most `limit`. The queue row decides: claim() drops a due row that is stale.
   */
  async pending(limit = 100, now = new Date()): Promise<QueuedMessage[]> {
    const out: QueuedMessage[] = [];
    for await (const item of this.due(now)) {
      out.push(item);
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * The due rows at `now` in the order they are due, read page by page (of `pageSize`) as the caller goes
   * on; only those due at or after `since` (an instant), and only `mailbox`'s, when given.
   */
  async *due(
    now = new Date(),
    options: { since?: Date | undefined; mailbox?: string | undefined; pageSize?: number } = {},
  ): AsyncGenerator<QueuedMessage> {
    const from = options.since ? dueRowKey(options.since.toISOString(), '') : 'due|';
    const ofMailbox = options.mailbox === undefined ? '' : ` and mailbox eq '${options.mailbox.replace(/'/g, "''")}'`;
    const pages = this.client
      .listEntities<QueueRow & { rowKey: string }>({
        queryOptions: {
          filter: `PartitionKey eq '${PARTITION}' and RowKey ge '${from}' and RowKey lt 'due|${now.toISOString()}}'${ofMailbox}`,
        },
      })
      .byPage({ maxPageSize: options.pageSize ?? 1000 });
    for await (const page of pages) for (const row of page) yield queuedOf(keyOfDueRow(row.rowKey), { ...row, dueRow: row.rowKey });
  }

  /**
   * Rows queued before due rows existed (an upgrade): each gets its due row, at when it was queued, so it
   * takes its place in line. Safe to repeat and with two instances (ETag).
   */
  async adoptUndatedQueue(): Promise<number> {
    const rows = this.client.listEntities<QueueRow & { etag: string }>({
      queryOptions: { filter: `PartitionKey eq '${PARTITION}' and RowKey ge 'queue|' and RowKey lt 'queue}'` },
    });
    let adopted = 0;
    for await (const row of rows) {
      if (row.dueRow) continue;
      const key = String(row.rowKey).slice('queue|'.length);
      const at =
        typeof row.queuedAt === 'string' && !Number.isNaN(Date.parse(row.queuedAt))
          ? new Date(row.queuedAt).toISOString()
          : new Date().toISOString();
      const due = dueRowKey(at, key);
      try {
        await this.client.submitTransaction([
          ['update', { partitionKey: PARTITION, rowKey: queueRow(key), nextAttemptAt: at, dueRow: due }, 'Merge', { etag: row.etag }],
          ['upsert', { partitionKey: PARTITION, rowKey: due, ...dueColumns(row) }, 'Replace'],
        ]);
        adopted++;
      } catch (error) {
        if (!raced(error)) throw error;
      }
    }
    return adopted;
  }

  async isDone(key: string): Promise<boolean> {
    return (await getRow(this.client, PARTITION, `done|${key}`)) !== undefined;
  }

  /**
   * Marks a message processed and removes it from the queue and its line, in one transaction (one request
   * a message, where there were two). When part of it was done already (a duplicate, another instance, a due row
   * a crash left behind), the steps are taken one by one as below.
   */
  async complete(item: QueuedMessage, outcome: string, now: Date): Promise<void> {
    const done: TransactionAction = [
      'create',
      { partitionKey: PARTITION, rowKey: `done|${item.key}`, outcome: outcome.slice(0, 500), doneAt: now.toISOString() },
    ];
    const dequeue: TransactionAction = ['delete', { partitionKey: PARTITION, rowKey: queueRow(item.key) }];
    try {
      const outOfLine: TransactionAction[] = item.dueRow ? [['delete', { partitionKey: PARTITION, rowKey: item.dueRow }]] : [];
      await this.client.submitTransaction([done, dequeue, ...outOfLine]);
      return;
    } catch (error) {
      if (!isStatus(error, 404, 409)) throw error;
    }
    try {
      await this.client.submitTransaction([done, dequeue]);
    } catch (error) {
      // The first outcome stands: a late duplicate's re-run ("duplicate") must not replace "case DSAR-…".
      // Its queue row still goes.
      if (isStatus(error, 409)) await this.deleteRow(queueRow(item.key));
      // Someone else completed it meanwhile (another instance): the done row is there, nothing to do.
      else if (!isStatus(error, 404)) throw error;
    }
    // A due row left by a crash here is stale (no queue row) and deleted by the next pending().
    await this.deleteRow(item.dueRow);
  }

  /**
   * Takes a queued message for `ttlMs` (ETag), so two instances never process it at the same time. The
   * message is due again when the claim runs out (a crashed instance's message is taken again then, and
   * does not sit at the head of the line meanwhile). undefined: someone else has it, or it is not due.
   */
  async claim(item: QueuedMessage, holder: string, ttlMs: number, now: Date): Promise<QueuedMessage | undefined> {
    const current = await getRow<QueueRow>(this.client, PARTITION, queueRow(item.key));
    // No longer queued (completed by someone else), or in line under another due row: this one is stale.
    if (!current || (current.dueRow && current.dueRow !== item.dueRow)) {
      if (item.dueRow && item.dueRow !== current?.dueRow) await this.deleteRow(item.dueRow);
      return undefined;
    }
    const at = now.toISOString();
    const held = current.claimedBy && current.claimedBy !== holder && String(current.claimedUntil) > at;
    if (held || (current.nextAttemptAt && current.nextAttemptAt > at)) return undefined;
    const until = new Date(now.getTime() + ttlMs).toISOString();
    const before = Number(current.attempts ?? 0);
    const attempts = before + 1;
    // Rows queued before `ended` was kept count every earlier attempt as ended.
    const crashes = current.ended === undefined ? 0 : Math.max(0, before - Number(current.ended));
    const moved = await this.move(item.key, current, { claimedBy: holder, claimedUntil: until, attempts }, until);
    return moved ? { ...queuedOf(item.key, { ...current, attempts, dueRow: moved }), crashes } : undefined;
  }

  /**
   * Extends a claim this holder still has (the heartbeat of a long attempt): claimedUntil and the due row
   * move on. undefined when the claim was lost (another instance took the message, or it was completed):
   * the attempt must then stop before its next side effect.
   */
  async renew(item: QueuedMessage, holder: string, ttlMs: number, now: Date): Promise<QueuedMessage | undefined> {
    const current = await getRow<QueueRow>(this.client, PARTITION, queueRow(item.key));
    if (!current || current.claimedBy !== holder || current.dueRow !== item.dueRow) return undefined;
    const until = new Date(now.getTime() + ttlMs).toISOString();
    const moved = await this.move(item.key, current, { claimedUntil: until }, until);
    return moved ? { ...item, dueRow: moved } : undefined;
  }

  /**
   * Gives a claimed message back after a failed attempt: due again at `nextAttemptAt` (its back-off), with
   * the error that made it fail. Nothing happens if another instance took it meanwhile.
   */
  async retryLater(item: QueuedMessage, nextAttemptAt: Date, lastError: string): Promise<void> {
    const current = await getRow<QueueRow>(this.client, PARTITION, queueRow(item.key));
    if (!current || current.dueRow !== item.dueRow) return;
    // This attempt ended: counted, so only attempts that never ended (a crash, a hang) count as crashes.
    const ended = current.ended === undefined ? Number(current.attempts ?? 0) : Number(current.ended) + 1;
    await this.move(
      item.key,
      current,
      { claimedBy: '', claimedUntil: '', lastError: lastError.slice(0, 1000), ended },
      nextAttemptAt.toISOString(),
    );
  }

  /** The queue row, changed by `columns` and due at `at`, with its new due row: one transaction, then the old due row goes. */
  private async move(
    key: string,
    current: QueueRow & { etag: string },
    columns: Partial<QueueRow>,
    at: string,
  ): Promise<string | undefined> {
    const due = dueRowKey(at, key);
    const moved: TransactionAction[] = [
      [
        'update',
        { partitionKey: PARTITION, rowKey: queueRow(key), ...columns, nextAttemptAt: at, dueRow: due },
        'Merge',
        { etag: current.etag },
      ],
      ['upsert', { partitionKey: PARTITION, rowKey: due, ...dueColumns({ ...current, ...columns }) }, 'Replace'],
    ];
    const old = current.dueRow && current.dueRow !== due ? current.dueRow : undefined;
    // The old due row goes in the same transaction (one request, not two); if it is gone already (404: a
    // crash, or another instance dropped it as stale), the move is made without it.
    const attempts = old ? [[...moved, ['delete', { partitionKey: PARTITION, rowKey: old }] as TransactionAction], moved] : [moved];
    for (const [i, actions] of attempts.entries()) {
      try {
        await this.client.submitTransaction(actions);
        return due;
      } catch (error) {
        if (i === 0 && attempts.length > 1 && isStatus(error, 404)) continue;
        if (raced(error)) return undefined;
        throw error;
      }
    }
    return undefined;
  }

  private async deleteRow(rowKey: string): Promise<void> {
    await this.client.deleteEntity(PARTITION, rowKey).catch((error: unknown) => {
      if (!isStatus(error, 404)) throw error;
    });
  }

  /** Whether the mailbox is stalled: its messages kept failing for a reason that may pass, lately. */
  async stall(mailbox: string): Promise<StallState | undefined> {
    const row = await getRow<StallState>(this.client, PARTITION, stallRow(mailbox));
    return row && { since: String(row.since), lastFailureAt: String(row.lastFailureAt), notifiedAt: String(row.notifiedAt ?? '') };
  }

  /**
   * Records that a message in the mailbox failed again after the back-off's first steps. true when the
   * caller should tell the DPOs now: the first time, or `notifyEveryMs` after the last time (ETag, so of
   * two instances one tells).
   */
  async noteStall(mailbox: string, since: string, now: Date, notifyEveryMs: number): Promise<boolean> {
    const at = now.toISOString();
    const current = await getRow<StallState>(this.client, PARTITION, stallRow(mailbox));
    try {
      if (!current) {
        await this.client.createEntity({ partitionKey: PARTITION, rowKey: stallRow(mailbox), since, lastFailureAt: at, notifiedAt: at });
        return true;
      }
      const tell = !current.notifiedAt || Date.parse(current.notifiedAt) + notifyEveryMs <= now.getTime();
      const oldest = String(current.since) < since ? String(current.since) : since;
      await this.client.updateEntity(
        { partitionKey: PARTITION, rowKey: stallRow(mailbox), since: oldest, lastFailureAt: at, ...(tell ? { notifiedAt: at } : {}) },
        'Merge',
        { etag: current.etag },
      );
      return tell;
    } catch (error) {
      if (raced(error)) return false;
      throw error;
    }
  }

  /** A message of the mailbox went through: it is not stalled (any more). */
  async clearStall(mailbox: string): Promise<void> {
    await this.deleteRow(stallRow(mailbox));
  }

  /** How many messages of the mailbox are queued, and since when the oldest (one scan of the queue rows). */
  async waiting(mailbox: string): Promise<{ waiting: number; oldestSince?: string }> {
    const rows = this.client.listEntities<QueueRow>({
      queryOptions: {
        filter: `PartitionKey eq '${PARTITION}' and RowKey ge 'queue|' and RowKey lt 'queue}' and mailbox eq '${mailbox.replace(/'/g, "''")}'`,
        select: ['queuedAt'],
      },
    });
    let waiting = 0;
    let oldestSince: string | undefined;
    for await (const row of rows) {
      waiting++;
      if (!oldestSince || String(row.queuedAt) < oldestSince) oldestSince = String(row.queuedAt);
    }
    return { waiting, ...(oldestSince ? { oldestSince } : {}) };
  }

  /** A marker that a one-off side effect (e.g. the acknowledgement draft) was done. */
  async mark(name: string, now: Date): Promise<void> {
    await this.client.upsertEntity({ partitionKey: PARTITION, rowKey: `mark|${name}`, at: now.toISOString() }, 'Replace');
  }

  async marked(name: string): Promise<boolean> {
    return (await getRow(this.client, PARTITION, `mark|${name}`)) !== undefined;
  }

  /** Records a message set aside; the same message again changes nothing. */
  async setAside(key: string, record: SetAsideRow): Promise<void> {
    if (await getRow(this.client, PARTITION, `asideof|${key}`)) return;
    const rowKey = `aside|${record.setAsideAt}|${key}`;
    await this.client.submitTransaction([
      ['upsert', { partitionKey: PARTITION, rowKey, ...asideColumns(record) }, 'Replace'],
      ['upsert', { partitionKey: PARTITION, rowKey: `asideof|${key}`, record: rowKey }, 'Replace'],
    ]);
  }

  /** What was set aside at or after `since`, oldest first. */
  async setAsideSince(since: Date, limit = 500): Promise<SetAsideMail[]> {
    const rows = this.client.listEntities<Record<string, unknown>>({
      queryOptions: { filter: `PartitionKey eq '${PARTITION}' and RowKey ge 'aside|${since.toISOString()}' and RowKey lt 'aside}'` },
    });
    const out: SetAsideMail[] = [];
    for await (const row of rows) {
      out.push(asideRecord(String(row.rowKey), row));
      if (out.length >= limit) break;
    }
    return out;
  }

  async setAsideRecord(key: string): Promise<SetAsideMail | undefined> {
    const pointer = await getRow<{ record: string }>(this.client, PARTITION, `asideof|${key}`);
    if (!pointer) return undefined;
    const row = await getRow<Record<string, unknown>>(this.client, PARTITION, pointer.record);
    return row && asideRecord(pointer.record, row);
  }

  /** Notes that the DPO made a case of a set-aside message. */
  async setAsideCase(key: string, caseId: CaseId): Promise<void> {
    const pointer = await getRow<{ record: string }>(this.client, PARTITION, `asideof|${key}`);
    if (pointer) await this.client.updateEntity({ partitionKey: PARTITION, rowKey: pointer.record, caseId }, 'Merge');
  }

  /** Deletes set-aside records older than `before` (they hold senders and subjects: kept only as long as useful). */
  async forgetSetAsideBefore(before: Date): Promise<number> {
    const rows = this.client.listEntities<Record<string, unknown>>({
      queryOptions: { filter: `PartitionKey eq '${PARTITION}' and RowKey ge 'aside|' and RowKey lt 'aside|${before.toISOString()}'` },
    });
    let deleted = 0;
    for await (const row of rows) {
      const rowKey = String(row.rowKey);
      const key = rowKey.slice(rowKey.lastIndexOf('|') + 1);
      await this.client
        .submitTransaction([
          ['delete', { partitionKey: PARTITION, rowKey: `asideof|${key}` }],
          ['delete', { partitionKey: PARTITION, rowKey }],
        ])
        .catch((error: unknown) => {
          if (!isStatus(error, 404)) throw error;
        });
      deleted++;
    }
    return deleted;
  }

  async subscription(name: string): Promise<SubscriptionState> {
    const row = await getRow<Record<string, string>>(this.client, PARTITION, `sub|${name}`);
    if (!row) return {};
    return {
      subscriptionId: row.subscriptionId || undefined,
      expiresAt: row.expiresAt || undefined,
      fingerprint: row.fingerprint || undefined,
      deltaLink: row.deltaLink || undefined,
    };
  }

  async saveSubscription(name: string, state: SubscriptionState): Promise<void> {
    await this.client.upsertEntity({ partitionKey: PARTITION, rowKey: `sub|${name}`, ...state }, 'Merge');
  }

  /** Writes a subscription row only if there is none yet; false when one exists (another instance was first). */
  async createSubscription(name: string, state: SubscriptionState): Promise<boolean> {
    const columns = Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined));
    try {
      await this.client.createEntity({ partitionKey: PARTITION, rowKey: `sub|${name}`, ...columns });
      return true;
    } catch (error) {
      if (isStatus(error, 409)) return false;
      throw error;
    }
  }

  /**
   * Holds a mailbox's subscription row for `ttlMs` (ETag), so that of two instances starting at once, or the
   * start-up check and the hourly job, only one creates or replaces its subscription. false: someone else holds it.
   */
  async holdSubscription(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
    const until = new Date(now.getTime() + ttlMs).toISOString();
    const held = await claimRow<{ heldBy?: string; heldUntil?: string }>(
      this.client,
      { partitionKey: PARTITION, rowKey: `sub|${name}` },
      {
        create: () => ({ heldBy: holder, heldUntil: until }),
        readFirst: true,
        takeable: (row) => !row.heldBy || row.heldBy === holder || String(row.heldUntil) <= now.toISOString(),
        take: () => ({ heldBy: holder, heldUntil: until }),
        mode: 'Merge',
      },
    );
    return held !== undefined;
  }

  async releaseSubscription(name: string, holder: string): Promise<void> {
    const row = await getRow<{ heldBy?: string }>(this.client, PARTITION, `sub|${name}`);
    if (row?.heldBy !== holder) return;
    await this.client
      .updateEntity({ partitionKey: PARTITION, rowKey: `sub|${name}`, heldBy: '', heldUntil: '' }, 'Merge', { etag: row.etag })
      .catch((error: unknown) => {
        if (!raced(error)) throw error;
      });
  }

  async deleteSubscription(name: string): Promise<void> {
    await this.client.deleteEntity(PARTITION, `sub|${name}`).catch((error: unknown) => {
      if (!isStatus(error, 404)) throw error;
    });
  }
}

/** What a due row carries of its queue row, so pending() needs no read per message. */
function dueColumns(row: QueueRow): Record<string, string | number> {
  return {
    mailbox: row.mailbox,
    messageId: row.messageId,
    via: row.via,
    queuedAt: row.queuedAt,
    attempts: Number(row.attempts ?? 0),
    ...(row.lastError ? { lastError: row.lastError } : {}),
  };
}

function queuedOf(key: string, row: QueueRow): QueuedMessage {
  return {
    key,
    mailbox: String(row.mailbox),
    messageId: String(row.messageId),
    via: row.via === 'delta' ? 'delta' : 'notification',
    queuedAt: String(row.queuedAt),
    attempts: Number(row.attempts ?? 0),
    dueRow: String(row.dueRow ?? ''),
    ...(row.lastError ? { lastError: String(row.lastError) } : {}),
  };
}

function asideColumns(r: SetAsideRow) {
  return {
    mailbox: r.mailbox,
    messageId: r.messageId,
    receivedAt: r.receivedAt,
    fromAddress: r.from.address ?? '',
    fromName: r.from.name ?? '',
    subject: r.subject.slice(0, 500),
    kind: r.kind,
    reason: r.reason.slice(0, 1000),
    setAsideAt: r.setAsideAt,
    ...(r.webLink ? { webLink: r.webLink.slice(0, 2000) } : {}),
    ...(r.caseId ? { caseId: r.caseId } : {}),
  };
}

function asideRecord(rowKey: string, row: Record<string, unknown>): SetAsideMail {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    key: rowKey.slice(rowKey.lastIndexOf('|') + 1),
    mailbox: text(row.mailbox),
    messageId: text(row.messageId),
    receivedAt: text(row.receivedAt),
    from: { address: text(row.fromAddress) || null, name: text(row.fromName) || null },
    subject: text(row.subject),
    kind: text(row.kind),
    reason: text(row.reason),
    setAsideAt: text(row.setAsideAt),
    ...(text(row.webLink) ? { webLink: text(row.webLink) } : {}),
    ...(text(row.caseId) ? { caseId: text(row.caseId) as CaseId } : {}),
  };
}

export async function openIntakeTable(config: Pick<Config, 'tables' | 'tablePrefix'>): Promise<IntakeTable> {
  const table = new IntakeTable(await createTableClient(config.tables, `${config.tablePrefix}${INTAKE_TABLE}`));
  await table.init();
  return table;
}
