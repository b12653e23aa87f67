import type { TableClient } from '@azure/data-tables';
import type { Config } from '../config/config.js';
import { getRow } from '../store/rows.js';
import { isStatus } from '../store/store-errors.js';
import { createTableClient } from '../store/table-client.js';

/**
 * Which case has which event in the DPO's calendar: one row per case (no personal data: the case id,
 * Graph's event id and a fingerprint of what the event shows). Writes are conditional on the row's ETag,
 * so two instances syncing the same case never both act on one state.
 */

export const CALENDAR_TABLE = 'calendarEvents';
const PARTITION = 'event';

export interface CalendarColumns {
  /**
   * creating: an event is being made with this generation's transactionId (a crash here is finished by
   * whoever comes next: the same transactionId returns the same event);
   * synced: the event is `eventId`, showing `fingerprint`;
   * removed: the case has no event (any made was deleted); `generation` counts on if it needs one again.
   */
  state: 'creating' | 'synced' | 'removed';
  generation: number;
  eventId?: string;
  fingerprint?: string;
  at: string;
  /** While an instance talks to Graph about this case: until when the others leave it alone (ISO). */
  leaseUntil?: string;
}

export type CalendarRow = CalendarColumns & { caseId: string; etag: string };

export class CalendarTable {
  constructor(private readonly client: TableClient) {}

  async init(): Promise<void> {
    await this.client.createTable();
  }

  async get(caseId: string): Promise<CalendarRow | undefined> {
    const row = await getRow<CalendarColumns>(this.client, PARTITION, caseId);
    return row && toRow(row);
  }

  /** The new row's ETag; undefined when another writer created the row first. */
  async insert(caseId: string, columns: CalendarColumns): Promise<string | undefined> {
    try {
      return (await this.client.createEntity({ partitionKey: PARTITION, rowKey: caseId, ...clean(columns) })).etag;
    } catch (error) {
      if (isStatus(error, 409)) return undefined;
      throw error;
    }
  }

  /** The row's new ETag; undefined when it changed since `etag` was read (or is gone). */
  async replace(caseId: string, columns: CalendarColumns, etag: string): Promise<string | undefined> {
    try {
      return (await this.client.updateEntity({ partitionKey: PARTITION, rowKey: caseId, ...clean(columns) }, 'Replace', { etag })).etag;
    } catch (error) {
      if (isStatus(error, 412, 404)) return undefined;
      throw error;
    }
  }

  /** Every row: one partition, one small row per case that ever had an event. */
  async list(): Promise<CalendarRow[]> {
    const rows: CalendarRow[] = [];
    const query = this.client.listEntities<CalendarColumns>({ queryOptions: { filter: `PartitionKey eq '${PARTITION}'` } });
    for await (const row of query) rows.push(toRow(row as CalendarColumns & { rowKey: string; etag: string }));
    return rows;
  }
}

const clean = (c: CalendarColumns) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as CalendarColumns;

function toRow(row: CalendarColumns & { rowKey?: string; etag?: string }): CalendarRow {
  return {
    caseId: row.rowKey!,
    etag: row.etag!,
    state: row.state,
    generation: Number(row.generation),
    ...(row.eventId ? { eventId: row.eventId } : {}),
    ...(row.fingerprint ? { fingerprint: row.fingerprint } : {}),
    ...(row.leaseUntil ? { leaseUntil: row.leaseUntil } : {}),
    at: row.at,
  };
}

export async function openCalendarTable(config: Pick<Config, 'tables' | 'tablePrefix'>): Promise<CalendarTable> {
  const table = new CalendarTable(await createTableClient(config.tables, `${config.tablePrefix}${CALENDAR_TABLE}`));
  await table.init();
  return table;
}
