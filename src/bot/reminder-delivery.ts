import type { ReminderDelivery } from '../app/reminder-service.js';
import type { Reminder } from '../domain/index.js';
import { reminderLine } from './cards/digest-view.js';
import type { BotHandlers } from './handlers.js';
import type { ProactiveSender } from './proactive.js';
import { TEXTS, say, type Lang } from './texts.js';

/** What a reminder says, above the case card that carries its actions (extend, mark responded, open). */
export function reminderText(r: Reminder, lang: Lang): string {
  return reminderLine(r, lang);
}

export function botReminderDelivery(proactive: ProactiveSender, handlers: BotHandlers): ReminderDelivery {
  return {
    deliver: (reminder, c) =>
      proactive.toDpos((lang) =>
        handlers.caseCard(c, lang, { notice: `${say(lang, TEXTS.reminder.label)}: ${reminderText(reminder, lang)}` }),
      ),
    // The morning's reminders as one card, one line per case (the case card is a click away).
    deliverDigest: (items) => proactive.toDpos(async (lang) => handlers.digestCard(items, lang)),
  };
}
