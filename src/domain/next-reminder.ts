import { legalDate, Temporal } from './calendar.js';
import type { Case } from './case.js';
import { isAwaitingAnswer } from './lifecycle.js';
import { DEFAULT_REMINDER_POLICY, dueReminders, sendMoment, type ReminderPolicy } from './reminders.js';

/**
 * How far ahead nextReminderAt looks. Past it, it answers the horizon's own send moment: "nothing before
 * then, look again then", so a case with nothing coming (a pause for a processor's answer) costs one check
 * every two months instead of a search to the end of time.
 */
export const NEXT_REMINDER_HORIZON_DAYS = 62;

/**
 * The first moment strictly after `after` at which `c` has a reminder due that was not due at `after`
 * (a key dueReminders did not return then); undefined when the case is not awaiting an answer (it can
 * only get reminders again through a change, which rechecks it). Reminders only appear at a day's send
 * moment (dueReminders counts a day from `policy.hour`), so the candidates are those moments.
 */
export function nextReminderAt(
  c: Case,
  after: Temporal.Instant | string,
  policy: ReminderPolicy = DEFAULT_REMINDER_POLICY,
): string | undefined {
  if (!isAwaitingAnswer(c.status)) return undefined;
  const from = typeof after === 'string' ? Temporal.Instant.from(after) : after;
  const known = new Set(dueReminders(c, from, policy).map((r) => r.key));
  let day = legalDate(from);
  let moment = sendMoment(day, policy.hour);
  for (let i = 0; i <= NEXT_REMINDER_HORIZON_DAYS; i++, day = day.add({ days: 1 })) {
    moment = sendMoment(day, policy.hour);
    if (Temporal.Instant.compare(moment, from) <= 0) continue;
    if (dueReminders(c, moment, policy).some((r) => !known.has(r.key))) return moment.toString();
  }
  return moment.toString();
}
