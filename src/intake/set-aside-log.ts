import type { SetAsideLog } from '../app/ports.js';
import { notFound } from '../domain/index.js';
import type { IntakeProcessor } from './intake-processor.js';
import { messageKey, type IntakeTable } from './intake-table.js';

/** How long a set-aside record (sender, subject, reason) is kept: long enough for the DPO to look back a quarter. */
export const SET_ASIDE_KEPT_DAYS = 90;

/** What intake set aside, read from its table; a case made of one goes through the processor like any other. */
export function setAsideLog(table: IntakeTable, processor: IntakeProcessor): SetAsideLog {
  return {
    list: ({ since, limit }) => table.setAsideSince(since, limit),
    find: (_mailbox, messageId) => table.setAsideRecord(messageKey(messageId)),
    openCase: async (key, actor) => {
      const record = await table.setAsideRecord(key);
      if (!record) throw notFound(`nothing set aside has the key ${key} (records are kept ${SET_ASIDE_KEPT_DAYS} days)`);
      return processor.openSetAside(record, actor);
    },
  };
}
