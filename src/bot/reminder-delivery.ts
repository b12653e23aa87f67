import type { ReminderDelivery } from '../app/reminder-service.js';
import type { Reminder } from '../domain/index.js';
import { formatDate } from './cards/format.js';
import type { BotHandlers } from './handlers.js';
import type { ProactiveSender } from './proactive.js';
import { TEXTS, say, type Lang } from './texts.js';

/** What a reminder says, above the case card that carries its actions (extend, mark responded, open). */
export function reminderText(r: Reminder, lang: Lang): string {
  const due = formatDate(lang, r.due);
  switch (r.kind) {
    case 'unconfirmed':
      return say(lang, TEXTS.reminder.unconfirmed, { n: r.workingDays ?? 3 });
    case 'extension_decision':
      return say(lang, TEXTS.reminder.extension_decision, { due });
    case 'due_soon':
      return say(lang, TEXTS.reminder.due_soon, { n: r.daysLeft, due });
    case 'due_today':
      return say(lang, TEXTS.reminder.due_today, { due });
    case 'overdue':
      return say(lang, TEXTS.reminder.overdue, { due });
    case 'paused':
      return say(lang, TEXTS.reminder.paused, { since: formatDate(lang, r.pausedSince ?? r.day) });
  }
}

export function botReminderDelivery(proactive: ProactiveSender, handlers: BotHandlers): ReminderDelivery {
  return {
    deliver: (reminder, c) =>
      proactive.toDpos((lang) =>
        handlers.caseCard(c, lang, { notice: `${say(lang, TEXTS.reminder.label)}: ${reminderText(reminder, lang)}` }),
      ),
  };
}
