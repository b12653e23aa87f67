import type { TableClient } from '@azure/data-tables';
import { isStatus } from './store-errors.js';

/** One row with its ETag, or undefined when there is none. */
export async function getRow<R extends object>(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<(R & { partitionKey: string; rowKey: string; etag: string }) | undefined> {
  try {
    return (await client.getEntity<R>(partitionKey, rowKey)) as R & { partitionKey: string; rowKey: string; etag: string };
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}
