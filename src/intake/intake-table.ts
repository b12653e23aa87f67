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
 *   queue|<key>   a message to process (from a notification or the delta catch-up); one row per message, so
 *                 a duplicate notification only touches the same row
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
  etag: string;
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

/** The claim columns of a queue row. */
interface QueueClaim {
  claimedBy?: string;
  claimedUntil?: string;
  attempts?: number;
}
export const messageKey = (messageId: string) => createHash('sha256').update(messageId).digest('hex');

export class IntakeTable {
  constructor(private readonly client: TableClient) {}

  async init(): Promise<void> {
    await this.client.createTable();
  }

  /** Queues messages; one transaction, so a webhook answers 202 only when all of them are safe. */
  async enqueue(items: { mailbox: string; messageId: string; via: QueuedMessage['via'] }[], now: Date): Promise<void> {
    const unique = [...new Map(items.map((i) => [messageKey(i.messageId), i])).entries()];
    for (let i = 0; i < unique.length; i += 100) {
      await this.client.submitTransaction(
        unique.slice(i, i + 100).map(([key, item]) => [
          'upsert',
          {
            partitionKey: PARTITION,
            rowKey: `queue|${key}`,
            mailbox: item.mailbox,
            messageId: item.messageId,
            via: item.via,
            queuedAt: now.toISOString(),
          },
          'Merge',
        ]),
      );
    }
  }

  async pending(limit = 100): Promise<QueuedMessage[]> {
    const rows = this.client.listEntities<Record<string, unknown>>({
      queryOptions: { filter: `PartitionKey eq '${PARTITION}' and RowKey ge 'queue|' and RowKey lt 'queue}'` },
    });
    const out: QueuedMessage[] = [];
    for await (const row of rows) {
      out.push({
        key: String(row.rowKey).slice('queue|'.length),
        mailbox: String(row.mailbox),
        messageId: String(row.messageId),
        via: row.via === 'delta' ? 'delta' : 'notification',
        queuedAt: String(row.queuedAt),
        attempts: Number(row.attempts ?? 0),
        etag: String(row.etag),
      });
      if (out.length >= limit) break;
    }
    return out;
  }

  async isDone(key: string): Promise<boolean> {
    return (await getRow(this.client, PARTITION, `done|${key}`)) !== undefined;
  }

  /** Marks a message processed and removes it from the queue, in one transaction. */
  async complete(item: QueuedMessage, outcome: string, now: Date): Promise<void> {
    try {
      await this.client.submitTransaction([
        ['upsert', { partitionKey: PARTITION, rowKey: `done|${item.key}`, outcome, doneAt: now.toISOString() }, 'Replace'],
        ['delete', { partitionKey: PARTITION, rowKey: `queue|${item.key}` }],
      ]);
    } catch (error) {
      // Someone else completed it meanwhile (another instance): the done row is there, nothing to do.
      if (!isStatus(error, 404)) throw error;
    }
  }

  /**
   * Takes a queued message for `ttlMs` (ETag), so two instances never process it at the same time; a
   * claim that ran out (a crashed instance) can be taken again. undefined: someone else has it.
   */
  async claim(item: QueuedMessage, holder: string, ttlMs: number, now: Date): Promise<QueuedMessage | undefined> {
    let attempts = 0;
    const claimed = await claimRow<QueueClaim>(
      this.client,
      { partitionKey: PARTITION, rowKey: `queue|${item.key}` },
      {
        // No create: a message no longer queued was completed by someone else.
        takeable: (row) => !row.claimedBy || row.claimedBy === holder || String(row.claimedUntil) <= now.toISOString(),
        take: (row) => {
          attempts = Number(row.attempts ?? 0) + 1;
          return { claimedBy: holder, claimedUntil: new Date(now.getTime() + ttlMs).toISOString(), attempts };
        },
        mode: 'Merge',
      },
    );
    return claimed && { ...item, attempts, etag: claimed.etag || item.etag };
  }

  /** Gives a claimed message back after a failed attempt, so it is tried again later. */
  async release(item: QueuedMessage): Promise<void> {
    await this.client
      .updateEntity({ partitionKey: PARTITION, rowKey: `queue|${item.key}`, claimedBy: '', claimedUntil: '' }, 'Merge')
      .catch((error: unknown) => {
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

  async deleteSubscription(name: string): Promise<void> {
    await this.client.deleteEntity(PARTITION, `sub|${name}`).catch((error: unknown) => {
      if (!isStatus(error, 404)) throw error;
    });
  }
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
