import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { Config } from '../config/config.js';
import { claimRow } from '../store/claims.js';
import { getRow } from '../store/rows.js';
import { isStatus } from '../store/store-errors.js';
import { createTableClient } from '../store/table-client.js';
import type { SetAsideMail } from '../app/ports.js';
import type { CaseId } from '../domain/index.js';

/**
 * What intake must not forget, in the `intake` table:
 *   queue|<key>   a message to process (from a notification or the delta catch-up): one row per message, so
 *                 a duplicate notification finds the row and writes nothing. It holds the claim (who works on
 *                 it, until when), the attempts so far, when it is next due and the last error (scrubbed)
 *   due|<nextAttemptAt>|<key>  the queue in the order it is due: "what is due now, oldest first" is one range
 *                 scan, and a message in back-off is not read until its time. Written in the same
 *                 transaction as the queue row it points at; the queue row names its current one (dueRow),
 *                 and any other due row for the message is stale (left by a crash) and deleted when read
 *   done|<key>    a message fully processed, so a late duplicate is not processed again
 *   sub|<name>    a Graph subscription we own (id, expiry) and its inbox's delta link: one per watched mailbox,
 *                 sub|inbox:<mailbox> (sub|dpo-inbox before there were several; adopted at start-up)
 *   mark|<name>   a one-off side effect already done (e.g. ack|DSAR-2026-0001: the acknowledgement draft)
 *   aside|<setAsideAt>|<key>  a message set aside as not a request, with sender, subject and reason, so the
 *                 DPO can see what was ignored (rows in time order: a week is one range scan)
 *   asideof|<key> the row key of that record, to find it by message
 * <key> is the SHA-256 of the message's immutable id (row keys forbid / and +, which Graph ids contain).
 */

export const INTAKE_TABLE = 'intake';
const PARTITION = 'intake';

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
  nextAttemptAt?: string;
  dueRow?: string;
  claimedBy?: string;
  claimedUntil?: string;
  lastError?: string;
}
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
   * of them are safe. A message already queued is left as it is: a duplicate notification neither resets
   * its back-off nor moves it in line.
   */
  async enqueue(items: { mailbox: string; messageId: string; via: QueuedMessage['via'] }[], now: Date): Promise<void> {
    const unique = [...new Map(items.map((i) => [messageKey(i.messageId), i])).entries()];
    const queued = await Promise.all(unique.map(async ([key]) => (await getRow(this.client, PARTITION, queueRow(key))) !== undefined));
    const fresh = unique.filter((_, i) => !queued[i]);
    const at = now.toISOString();
    // Two rows per message; a transaction holds at most 100 operations.
    for (let i = 0; i < fresh.length; i += 50) {
      await this.client.submitTransaction(
        fresh.slice(i, i + 50).flatMap(([key, item]) => {
          const due = dueRowKey(at, key);
          const row: QueueRow = {
            mailbox: item.mailbox,
            messageId: item.messageId,
            via: item.via,
            queuedAt: at,
            attempts: 0,
            nextAttemptAt: at,
            dueRow: due,
          };
          return [
            ['upsert', { partitionKey: PARTITION, rowKey: queueRow(key), ...row }, 'Replace'] as const,
            ['upsert', { partitionKey: PARTITION, rowKey: due, ...dueColumns(row) }, 'Replace'] as const,
          ];
        }),
      );
    }
  }

  /**
   * What is due at `now`, the longest waiting first (one range scan over the due rows, which carry a copy of
   * what claiming needs), at most `limit`. The queue row decides: claim() drops a due row that is stale.
   */
  async pending(limit = 100, now = new Date()): Promise<QueuedMessage[]> {
    const rows = this.client.listEntities<QueueRow & { rowKey: string }>({
      queryOptions: { filter: `PartitionKey eq '${PARTITION}' and RowKey ge 'due|' and RowKey lt 'due|${now.toISOString()}}'` },
    });
    const out: QueuedMessage[] = [];
    for await (const row of rows) {
      out.push(queuedOf(keyOfDueRow(row.rowKey), { ...row, dueRow: row.rowKey }));
      if (out.length >= limit) break;
    }
    return out;
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

  /** Marks a message processed and removes it from the queue, in one transaction; then its due row. */
  async complete(item: QueuedMessage, outcome: string, now: Date): Promise<void> {
    try {
      await this.client.submitTransaction([
        [
          'upsert',
          { partitionKey: PARTITION, rowKey: `done|${item.key}`, outcome: outcome.slice(0, 500), doneAt: now.toISOString() },
          'Replace',
        ],
        ['delete', { partitionKey: PARTITION, rowKey: queueRow(item.key) }],
      ]);
    } catch (error) {
      // Someone else completed it meanwhile (another instance): the done row is there, nothing to do.
      if (!isStatus(error, 404)) throw error;
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
    const attempts = Number(current.attempts ?? 0) + 1;
    const moved = await this.move(item.key, current, { claimedBy: holder, claimedUntil: until, attempts }, until);
    return moved ? queuedOf(item.key, { ...current, attempts, dueRow: moved }) : undefined;
  }

  /**
   * Gives a claimed message back after a failed attempt: due again at `nextAttemptAt` (its back-off), with
   * the error that made it fail. Nothing happens if another instance took it meanwhile.
   */
  async retryLater(item: QueuedMessage, nextAttemptAt: Date, lastError: string): Promise<void> {
    const current = await getRow<QueueRow>(this.client, PARTITION, queueRow(item.key));
    if (!current || current.dueRow !== item.dueRow) return;
    await this.move(
      item.key,
      current,
      { claimedBy: '', claimedUntil: '', lastError: lastError.slice(0, 1000) },
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
    try {
      await this.client.submitTransaction([
        [
          'update',
          { partitionKey: PARTITION, rowKey: queueRow(key), ...columns, nextAttemptAt: at, dueRow: due },
          'Merge',
          { etag: current.etag },
        ],
        ['upsert', { partitionKey: PARTITION, rowKey: due, ...dueColumns({ ...current, ...columns }) }, 'Replace'],
      ]);
    } catch (error) {
      if (raced(error)) return undefined;
      throw error;
    }
    if (current.dueRow && current.dueRow !== due) await this.deleteRow(current.dueRow);
    return due;
  }

  private async deleteRow(rowKey: string): Promise<void> {
    await this.client.deleteEntity(PARTITION, rowKey).catch((error: unknown) => {
      if (!isStatus(error, 404)) throw error;
    });
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
