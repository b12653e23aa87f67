import type { TransactionAction } from '@azure/data-tables';
import type { CaseId } from '../domain/index.js';

/**
 * The next-reminder index, in the case partition so it moves in the case's own transaction:
 *
 *   remind|<ISO moment>|<id>   the case must be looked at from that moment (one range query finds what is due)
 *   rnext|<id>                 where the case's remind| row is (its moment), so a case write can move it
 *
 * Every case write puts the case at CHANGED (before any real moment): whatever the change did (a receipt
 * long ago, an extension, a pause), the next pass looks at the case once, checks the ledger for what is
 * due and moves the row to domain nextReminderAt. So the store needs no reminder policy, and only changed
 * or due cases cost reads. Closed cases have neither row. Both writers move the rows only over rnext's
 * ETag (a transaction's delete takes none): the pass reads rnext before the case, so a case write in
 * between fails the pass's move (it never overwrites a newer row), and a pass in between fails the case
 * write, which reads again (it never resurrects an older row). A delete of a row another writer removed
 * fails the transaction with 404: the case write retries on that too.
 */

export const REMIND_PREFIX = 'remind|';
export const POINTER_PREFIX = 'rnext|';
/** Sorts before every real moment: "look at this case on the next pass". */
export const CHANGED = '0000-01-01T00:00:00.000Z';
export const REMINDER_INDEX_DONE = 'meta|reminder-index';

export const remindKey = (at: string, id: CaseId) => `${REMIND_PREFIX}${at}|${id}`;
export const pointerKey = (id: CaseId) => `${POINTER_PREFIX}${id}`;

/** The upper end of "due at `now`": every remind| row with a moment <= now (ISO instants sort as text). */
export const dueUpTo = (now: Date) => `${REMIND_PREFIX}${now.toISOString()}|~`;

export interface Pointer {
  at: string;
  etag: string;
}

export const pointerOf = (row: Record<string, unknown> | undefined): Pointer | undefined =>
  row ? { at: String(row.at), etag: String(row.etag) } : undefined;

const entity = (partitionKey: string, rowKey: string, extra: Record<string, unknown>) => ({ partitionKey, rowKey, ...extra });

/** The writes that put a case at `at` (undefined: no row, as for a closed case), given where it is now. */
export function moveActions(
  partitionKey: string,
  id: CaseId,
  current: Pointer | undefined,
  moment: string | undefined,
): TransactionAction[] {
  // One spelling (with milliseconds), or moments would not sort as instants against dueUpTo's.
  const at = moment === undefined ? undefined : new Date(moment).toISOString();
  const actions: TransactionAction[] = [];
  if (current && current.at !== at) actions.push(['delete', entity(partitionKey, remindKey(current.at, id), {})]);
  if (at === undefined) {
    if (current) actions.push(['delete', entity(partitionKey, pointerKey(id), {})]);
    return actions;
  }
  // Rewritten even when the moment stays, so its ETag changes and a pass that read it before cannot move it.
  actions.push(['upsert', entity(partitionKey, remindKey(at, id), { caseId: id }), 'Replace']);
  const pointer = entity(partitionKey, pointerKey(id), { at });
  actions.push(current ? ['update', pointer, 'Replace', { etag: current.etag }] : ['create', pointer]);
  return actions;
}
