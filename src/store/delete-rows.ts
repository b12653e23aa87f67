import type { TableClient, TransactionAction } from '@azure/data-tables';
import { isNotFound } from './store-errors.js';

/** Rows deleted per transaction (Azure Tables allows 100 operations in one). */
export const DELETE_BATCH = 99;

/**
 * Deletes a partition's rows in transactions of at most DELETE_BATCH. A row someone else deleted meanwhile
 * fails its whole transaction (404); that group is then deleted row by row, skipping the missing ones.
 * `call` wraps each store call (CaseTable turns transport failures into StoreUnavailableError with it).
 */
export async function deleteRows(
  client: TableClient,
  partitionKey: string,
  rowKeys: readonly string[],
  call: <T>(operation: () => Promise<T>) => Promise<T> = (operation) => operation(),
): Promise<void> {
  for (let i = 0; i < rowKeys.length; i += DELETE_BATCH) {
    const group = rowKeys.slice(i, i + DELETE_BATCH);
    try {
      await call(() => client.submitTransaction(group.map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }])));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      for (const rowKey of group) {
        try {
          await call(() => client.deleteEntity(partitionKey, rowKey));
        } catch (single) {
          if (!isNotFound(single)) throw single;
        }
      }
    }
  }
}
