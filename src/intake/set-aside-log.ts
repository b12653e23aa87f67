import type { SetAsideLog } from '../app/ports.js';
import { notFound } from '../domain/index.js';
import type { IntakeProcessor } from './intake-processor.js';
import { messageKey, type IntakeTable } from './intake-table.js';

/** How long a set-aside record (sender, subject, reason) is kept: long enough for the DPO to look back a quarter. */
export const SET_ASIDE_KEPT_DAYS = 90;

/** What intake set aside, read from its table (the CLI needs no more). */
export function setAsideRecords(table: IntakeTable): Pick<SetAsideLog, 'list' | 'find'> {
  return {
    list: ({ since, limit }) => table.setAsideSince(since, limit),
    // Keys are per (immutable) message id, which is unique across mailboxes.
    find: (_mailbox, messageId) => table.setAsideRecord(messageKey(messageId)),
  };
}

/** The same, and a case made of one goes through the processor like any other. */
export function setAsideLog(table: IntakeTable, processor: IntakeProcessor): SetAsideLog {
  return {
    ...setAsideRecords(table),
    openCase: async (key, actor) => {
      const record = await table.setAsideRecord(key);
      if (!record)
        throw notFound(
          `nothing set aside has the key ${key} (records are kept ${SET_ASIDE_KEPT_DAYS} days)`,
          `Der er intet frasorteret med nøglen ${key} (det gemmes i ${SET_ASIDE_KEPT_DAYS} dage).`,
        );
      return processor.openSetAside(record, actor);
    },
  };
}
