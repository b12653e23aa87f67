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
 */

export const NOTIFICATIONS_TABLE = 'notifications';
const PARTITION = 'n';

interface Columns {
  /** covered: never sent, because a more urgent one about the same case went out instead. */
  state: 'sending' | 'sent' | 'covered';
  at: string;
}

type Row = Columns & { partitionKey: string; rowKey: string };
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
    const claiming: Columns = { state: 'sending', at: now.toISOString() };
    const claimed = await claimRow<Columns>(
      this.client,
      { partitionKey: PARTITION, rowKey: rowKey(key) },
      {
        create: () => claiming,
        // Only a claim left `sending` by a crashed sender may be taken over, once it is stale.
        takeable: (current) => current.state === 'sending' && Date.parse(current.at) + this.staleMs <= now.getTime(),
        take: () => claiming,
        mode: 'Replace',
      },
    );
    return claimed !== undefined;
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
    const row = await getRow<Columns>(this.client, PARTITION, rowKey(key));
    return row !== undefined && (row.state !== 'sending' || Date.parse(row.at) + this.staleMs > now.getTime());
  }
}

export async function openNotificationTable(config: Pick<Config, 'tables' | 'tablePrefix'>): Promise<NotificationTable> {
  const table = new NotificationTable(await createTableClient(config.tables, `${config.tablePrefix}${NOTIFICATIONS_TABLE}`));
  await table.init();
  return table;
}
