import type { TableClient } from '@azure/data-tables';
import type { Config } from '../config/config.js';
import type { NotificationLedger } from '../app/ports.js';
import { claimRow } from '../store/claims.js';
import { getRow } from '../store/rows.js';
import { isStatus } from '../store/store-errors.js';
import { createTableClient } from '../store/table-client.js';

/**
 * Which proactive notifications went out, so each goes once across instances and restarts. A claim is
 * a row created before sending (only one creator wins); it becomes `sent` after. A claim left `sending`
 * by a crashed instance may be taken over after `staleMs`: at least once, with a window of that size.
 * An intake card's claim carries what rebuilds it (`card`), so the redelivery sweep can resend one a
 * crashed instance left `sending`, or one left `waiting` because not every DPO (or the channel) could
 * receive it yet; `done` lists the targets that have it, so the sweep sends only to the others.
 */

export const NOTIFICATIONS_TABLE = 'notifications';
const PARTITION = 'n';

interface Columns {
  /**
   * covered: never sent, because a more urgent one about the same case went out instead.
   * waiting: nobody could receive it (no DPO had installed the bot); the sweep sends it once someone can.
   */
  state: 'sending' | 'sent' | 'covered' | 'waiting';
  at: string;
  /** JSON of what rebuilds the card (ids and flags, no personal data); intake cards only. */
  card?: string;
  /** JSON array of the targets (ProactiveSender's `scope:key` ids) that have the card; intake cards only. */
  done?: string;
}

/** An intake card's claim as won: its ETag (so only the holder writes back) and the targets that have it already. */
export interface CardClaim {
  etag: string;
  done: string[];
}

const parseDone = (done: string | undefined): string[] => {
  try {
    const parsed = JSON.parse(done ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
};

/** A claim the sweep should finish: left `sending` past its lease, or `waiting` for a recipient. */
export interface UnsentCard {
  key: string;
  card: unknown;
}

type Row = Columns & { partitionKey: string; rowKey: string };
const rowKey = (key: string) => encodeURIComponent(key).replace(/%/g, '~');
const fromRowKey = (key: string) => decodeURIComponent(key.replace(/~/g, '%'));

export class NotificationTable implements NotificationLedger {
  constructor(
    private readonly client: TableClient,
    private readonly staleMs = 2 * 60_000,
  ) {}

  async init(): Promise<void> {
    await this.client.createTable();
  }

  /** True when this caller won the right to send `key` (reminders, the digest). */
  async claim(key: string, now = new Date()): Promise<boolean> {
    return (await this.claimCard(key, now)) !== undefined;
  }

  /**
   * Claims an intake card. `card`: what rebuilds the message, kept in the claim so another instance can
   * finish it. Taking over keeps the card and the targets that have it, so a resend goes only to the others.
   */
  async claimCard(key: string, now = new Date(), card?: unknown): Promise<CardClaim | undefined> {
    const claiming: Columns = { state: 'sending', at: now.toISOString(), ...(card !== undefined ? { card: JSON.stringify(card) } : {}) };
    const claimed = await claimRow<Columns>(
      this.client,
      { partitionKey: PARTITION, rowKey: rowKey(key) },
      {
        create: () => claiming,
        // A claim left `sending` by a crashed sender may be taken over once it is stale; a waiting one at any time.
        takeable: (current) =>
          current.state === 'waiting' || (current.state === 'sending' && Date.parse(current.at) + this.staleMs <= now.getTime()),
        take: (current) => ({
          ...claiming,
          ...(claiming.card || !current.card ? {} : { card: current.card }),
          ...(current.done ? { done: current.done } : {}),
        }),
        mode: 'Replace',
      },
    );
    return claimed && { etag: claimed.etag, done: parseDone(claimed.previous?.done) };
  }

  /**
   * Not every target has `key` yet: kept `waiting`, with what rebuilds it and the targets `done`, for the
   * sweep or the next install. Written only over the caller's own claim (its ETag): a sender whose claim
   * went stale and was taken over must not turn another instance's `sent` back into `waiting`.
   * False when the claim was no longer the caller's.
   */
  async wait(key: string, claim: CardClaim, done: readonly string[], now = new Date()): Promise<boolean> {
    try {
      await this.client.updateEntity(
        { partitionKey: PARTITION, rowKey: rowKey(key), state: 'waiting', at: now.toISOString(), done: JSON.stringify([...new Set(done)]) },
        'Merge',
        { etag: claim.etag },
      );
      return true;
    } catch (error) {
      if (isStatus(error, 404, 409, 412)) return false;
      throw error;
    }
  }

  /** Whether anything was ever recorded for `key` (claimed, sent, covered or waiting). */
  async has(key: string): Promise<boolean> {
    return (await getRow<Columns>(this.client, PARTITION, rowKey(key))) !== undefined;
  }

  /** Intake cards a crashed instance left `sending` past the lease, or `waiting` for a recipient. */
  async unsent(now = new Date()): Promise<UnsentCard[]> {
    const staleBefore = new Date(now.getTime() - this.staleMs).toISOString();
    const filter = `PartitionKey eq '${PARTITION}' and (state eq 'waiting' or (state eq 'sending' and at le '${staleBefore}'))`;
    const found: UnsentCard[] = [];
    for await (const row of this.client.listEntities<Row>({ queryOptions: { filter } })) {
      if (!row.card) continue; // a reminder's claim: the reminders pass finishes its own
      try {
        found.push({ card: JSON.parse(row.card) as unknown, key: fromRowKey(row.rowKey) });
      } catch {
        // Unreadable: nothing can rebuild it; left for a person to see in the table rather than retried blindly.
      }
    }
    return found;
  }

  async sent(key: string, now = new Date()): Promise<void> {
    await this.client.upsertEntity<Row>({ partitionKey: PARTITION, rowKey: rowKey(key), state: 'sent', at: now.toISOString() }, 'Replace');
  }

  /**
   * An intake card went out to every target: written only over the caller's claim (its ETag), as `wait`. A
   * sender whose claim went stale and was taken over must not mark sent what the new holder still has
   * targets for. False when the claim was no longer the caller's.
   */
  async sentOver(key: string, claim: CardClaim, now = new Date()): Promise<boolean> {
    const row: Row = { partitionKey: PARTITION, rowKey: rowKey(key), state: 'sent', at: now.toISOString() };
    try {
      await this.client.updateEntity<Row>(row, 'Replace', { etag: claim.etag });
      return true;
    } catch (error) {
      if (isStatus(error, 404, 409, 412)) return false;
      throw error;
    }
  }

  /** Records that `key` need never go out; a claim in progress elsewhere is left alone. */
  async cover(key: string, now = new Date()): Promise<void> {
    try {
      await this.client.createEntity<Row>({ partitionKey: PARTITION, rowKey: rowKey(key), state: 'covered', at: now.toISOString() });
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
    }
  }

  async release(key: string): Promise<void> {
    await this.client.deleteEntity(PARTITION, rowKey(key)).catch((error: unknown) => {
      if (!isStatus(error, 404)) throw error;
    });
  }

  /** Sent, covered, or being sent right now: nothing for this caller to do. */
  async settled(key: string, now = new Date()): Promise<boolean> {
    return (await this.progress(key, now)) !== 'open';
  }

  async progress(key: string, now = new Date()): Promise<'done' | 'busy' | 'open'> {
    const row = await getRow<Columns>(this.client, PARTITION, rowKey(key));
    if (!row || row.state === 'waiting') return 'open';
    if (row.state !== 'sending') return 'done';
    return Date.parse(row.at) + this.staleMs > now.getTime() ? 'busy' : 'open';
  }
}

export async function openNotificationTable(
  config: Pick<Config, 'tables' | 'tablePrefix'> & { botChannel?: Pick<Config['botChannel'], 'claimStaleMs'> },
): Promise<NotificationTable> {
  const table = new NotificationTable(
    await createTableClient(config.tables, `${config.tablePrefix}${NOTIFICATIONS_TABLE}`),
    config.botChannel?.claimStaleMs,
  );
  await table.init();
  return table;
}
