import type { TableClient } from '@azure/data-tables';
import type { Config } from '../config/config.js';
import { claimRow } from '../store/claims.js';
import { getRow } from '../store/rows.js';
import { isStatus } from '../store/store-errors.js';
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
  holder?: string | undefined;
  expiresAt?: string | undefined;
  lastCompletedAt?: string | undefined;
}

export interface Lease {
  name: string;
  holder: string;
  /** When this job last completed on any instance, as the row said when the lease was taken. */
  lastCompletedAt?: string;
}

interface LeaseColumns {
  holder: string;
  expiresAt: string;
  lastCompletedAt: string;
}

export class LeaseTable {
  constructor(private readonly client: TableClient) {}

  async init(): Promise<void> {
    await this.client.createTable();
  }

  /** Takes the lease for `ttlMs` if it is free, expired or already ours; undefined if someone else holds it. */
  async acquire(name: string, holder: string, ttlMs: number, now: Date): Promise<Lease | undefined> {
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    const claimed = await claimRow<LeaseColumns>(
      this.client,
      { partitionKey: PARTITION, rowKey: name },
      {
        create: () => ({ holder, expiresAt, lastCompletedAt: '' }),
        readFirst: true,
        takeable: (current) => !current.holder || current.holder === holder || current.expiresAt <= now.toISOString(),
        take: () => ({ holder, expiresAt }),
        mode: 'Merge',
      },
    );
    if (!claimed) return undefined;
    const lastCompletedAt = claimed.previous?.lastCompletedAt;
    return { name, holder, ...(lastCompletedAt ? { lastCompletedAt } : {}) };
  }

  /** Gives the lease back, recording a completed run when `completedAt` is given. Only the holder can. */
  async release(lease: Lease, completedAt?: Date): Promise<void> {
    const current = await getRow<LeaseColumns>(this.client, PARTITION, lease.name);
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
    const row = await getRow<LeaseColumns>(this.client, PARTITION, name);
    return (
      row && { holder: row.holder || undefined, expiresAt: row.expiresAt || undefined, lastCompletedAt: row.lastCompletedAt || undefined }
    );
  }
}

export async function openLeaseTable(config: Pick<Config, 'tables' | 'tablePrefix'>): Promise<LeaseTable> {
  const table = new LeaseTable(await createTableClient(config.tables, `${config.tablePrefix}${LEASES_TABLE}`));
  await table.init();
  return table;
}
