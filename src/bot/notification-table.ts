import { RestError, type TableClient } from '@azure/data-tables';
import type { Config } from '../config/config.js';
import type { NotificationLedger } from '../app/ports.js';
import { createTableClient } from '../store/table-client.js';

/**
 * Which proactive notifications went out, so each goes once across instances and restarts. A claim is
 * a row created before sending (only one creator wins); it becomes `sent` after. A claim left `sending`
 * by a crashed instance may be taken over after `staleMs`: at least once, with a window of that size.
 */

export const NOTIFICATIONS_TABLE = 'notifications';
const PARTITION = 'n';

interface Row {
  partitionKey: string;
  rowKey: string;
  /** covered: never sent, because a more urgent one about the same case went out instead. */
  state: 'sending' | 'sent' | 'covered';
  at: string;
}

const isStatus = (error: unknown, ...codes: number[]) => error instanceof RestError && codes.includes(error.statusCode ?? 0);
const rowKey = (key: string) => encodeURIComponent(key).replace(/%/g, '~');

export class NotificationTable implements NotificationLedger {
  constructor(
    private readonly client: TableClient,
    private readonly staleMs = 2 * 60_000,
  ) {}

  async init(): Promise<void> {
    await this.client.createTable();
  }

  async claim(key: string, now = new Date()): Promise<boolean> {
    const entity: Row = { partitionKey: PARTITION, rowKey: rowKey(key), state: 'sending', at: now.toISOString() };
    try {
      await this.client.createEntity(entity);
      return true;
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
    }
    const current = await this.client.getEntity<Row>(PARTITION, rowKey(key)).catch((error: unknown) => {
      if (isStatus(error, 404)) return undefined;
      throw error;
    });
    if (!current) return this.claim(key, now);
    if (current.state !== 'sending' || Date.parse(current.at) + this.staleMs > now.getTime()) return false;
    try {
      await this.client.updateEntity(entity, 'Replace', { etag: current.etag });
      return true;
    } catch (error) {
      if (isStatus(error, 409, 412)) return false;
      throw error;
    }
  }

  async sent(key: string, now = new Date()): Promise<void> {
    await this.client.upsertEntity<Row>({ partitionKey: PARTITION, rowKey: rowKey(key), state: 'sent', at: now.toISOString() }, 'Replace');
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
    try {
      const row = await this.client.getEntity<Row>(PARTITION, rowKey(key));
      return row.state !== 'sending' || Date.parse(row.at) + this.staleMs > now.getTime();
    } catch (error) {
      if (isStatus(error, 404)) return false;
      throw error;
    }
  }
}

export async function openNotificationTable(config: Pick<Config, 'tables' | 'tablePrefix'>): Promise<NotificationTable> {
  const table = new NotificationTable(await createTableClient(config.tables, `${config.tablePrefix}${NOTIFICATIONS_TABLE}`));
  await table.init();
  return table;
}
