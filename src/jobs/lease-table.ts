import { RestError, type TableClient } from '@azure/data-tables';
import type { Config } from '../config/config.js';
import { createTableClient } from '../store/table-client.js';

/**
 * Leases on Azure Tables, so that with several app instances a scheduled job runs on one of them at a
 * time. A lease is one row per job; optimistic concurrency (ETags) decides who gets it, and an expired
 * lease can be taken over, so a crashed holder never blocks the job for longer than the lease time.
 * The row also records when the job last completed, so a second instance does not repeat a done run.
 */

export const LEASES_TABLE = 'leases';
const PARTITION = 'lease';

export interface LeaseState {
  holder?: string;
  expiresAt?: string;
  lastCompletedAt?: string;
}

export interface Lease {
  name: string;
  holder: string;
  /** When this job last completed on any instance, as the row said when the lease was taken. */
  lastCompletedAt?: string;
}

interface LeaseRow {
  partitionKey: string;
  rowKey: string;
  holder: string;
  expiresAt: string;
  lastCompletedAt: string;
}

const isStatus = (error: unknown, ...codes: number[]) => error instanceof RestError && codes.includes(error.statusCode ?? 0);

export class LeaseTable {
  constructor(private readonly client: TableClient) {}

  async init(): Promise<void> {
    await this.client.createTable();
  }

  /** Takes the lease for `ttlMs` if it is free, expired or already ours; undefined if someone else holds it. */
  async acquire(name: string, holder: string, ttlMs: number, now: Date): Promise<Lease | undefined> {
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    let current;
    try {
      current = await this.client.getEntity<LeaseRow>(PARTITION, name);
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
      try {
        await this.client.createEntity<LeaseRow>({ partitionKey: PARTITION, rowKey: name, holder, expiresAt, lastCompletedAt: '' });
        return { name, holder };
      } catch (createError) {
        if (isStatus(createError, 409)) return undefined;
        throw createError;
      }
    }
    const free = !current.holder || current.holder === holder || current.expiresAt <= now.toISOString();
    if (!free) return undefined;
    try {
      await this.client.updateEntity({ partitionKey: PARTITION, rowKey: name, holder, expiresAt }, 'Merge', { etag: current.etag });
      return { name, holder, lastCompletedAt: current.lastCompletedAt || undefined };
    } catch (error) {
      if (isStatus(error, 409, 412)) return undefined;
      throw error;
    }
  }

  /** Gives the lease back, recording a completed run when `completedAt` is given. Only the holder can. */
  async release(lease: Lease, completedAt?: Date): Promise<void> {
    const current = await this.client.getEntity<LeaseRow>(PARTITION, lease.name).catch((error: unknown) => {
      if (isStatus(error, 404)) return undefined;
      throw error;
    });
    if (!current || current.holder !== lease.holder) return;
    const done = completedAt ? { lastCompletedAt: completedAt.toISOString() } : {};
    await this.client
      .updateEntity({ partitionKey: PARTITION, rowKey: lease.name, holder: '', expiresAt: '', ...done }, 'Merge', { etag: current.etag })
      .catch((error: unknown) => {
        // Someone took over an expired lease meanwhile: theirs now.
        if (!isStatus(error, 409, 412)) throw error;
      });
  }

  async state(name: string): Promise<LeaseState | undefined> {
    try {
      const row = await this.client.getEntity<LeaseRow>(PARTITION, name);
      return { holder: row.holder || undefined, expiresAt: row.expiresAt || undefined, lastCompletedAt: row.lastCompletedAt || undefined };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }
}

export async function openLeaseTable(config: Pick<Config, 'tables' | 'tablePrefix'>): Promise<LeaseTable> {
  const table = new LeaseTable(await createTableClient(config.tables, `${config.tablePrefix}${LEASES_TABLE}`));
  await table.init();
  return table;
}
