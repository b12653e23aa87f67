import type { TableClient, TableEntity, UpdateMode } from '@azure/data-tables';
import { getRow } from './rows.js';
import { isStatus } from './store-errors.js';

type Key = { partitionKey: string; rowKey: string };
export type StoredRow<R> = R & Key & { etag: string };

export interface ClaimProtocol<R extends object> {
  /** The row to create when there is none (the first creator wins); without it a missing row cannot be claimed. */
  create?: () => R;
  /** The row usually exists (a job's lease): read it first and create it only when missing, which saves a failed create per claim. */
  readFirst?: boolean;
  /** Whether the claim on the row as it is now may be taken: free, ours, or run out. */
  takeable: (current: StoredRow<R>) => boolean;
  /** What to write over a takeable row; written only if the row is still as it was read (its ETag). */
  take: (current: StoredRow<R>) => Partial<R>;
  /** How `take` is written: Merge keeps the other columns. */
  mode: UpdateMode;
}

export type Claimed<R> = { etag: string; previous?: StoredRow<R> };

/**
 * Claims one row with optimistic concurrency, so that of several instances exactly one wins: the
 * protocol behind job leases, notification claims and intake's queue. Losing a race (the row was
 * created, changed or deleted by someone else meanwhile: 409, 412, 404) is an answer, not an error:
 * undefined. `previous` is the row as it was before this claim took it (absent when this call created it).
 */
export async function claimRow<R extends object>(
  client: TableClient,
  key: Key,
  protocol: ClaimProtocol<R>,
): Promise<Claimed<R> | undefined> {
  let read = protocol.readFirst ?? false;
  for (;;) {
    if (protocol.create && !read) {
      try {
        const created = await client.createEntity({ ...protocol.create(), ...key } as TableEntity<R>);
        return { etag: created.etag ?? '' };
      } catch (error) {
        if (!isStatus(error, 409)) throw error;
      }
    }
    read = false;
    const current = await getRow<R>(client, key.partitionKey, key.rowKey);
    // Missing (or deleted between our create and read): try creating it.
    if (!current) {
      if (protocol.create) continue;
      return undefined;
    }
    if (!protocol.takeable(current)) return undefined;
    try {
      const written = await client.updateEntity({ ...protocol.take(current), ...key } as TableEntity<Partial<R>>, protocol.mode, {
        etag: current.etag,
      });
      return { etag: written.etag ?? '', previous: current };
    } catch (error) {
      if (isStatus(error, 409, 412, 404)) return undefined;
      throw error;
    }
  }
}
