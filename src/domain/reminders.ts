import { LEGAL_TIME_ZONE, Temporal, isBefore, legalDate, type IsoDate } from './calendar.js';
import { deadlinesAsOf, openPause } from './case-clock.js';
import { effectiveDue, type Case } from './case.js';
import type { CaseId } from './case-id.js';
import { isWorkingDay } from './holidays.js';
import { isAwaitingAnswer } from './lifecycle.js';

/**
 * When the DPO is reminded about a case. Each reminder is an occurrence with a stable key that names
 * what it is about (`due-3:2026-04-07` is "3 days before the deadline of 7 April"), so that when the
 * deadline moves (an extension, a pause) the old occurrences simply stop existing and new ones appear.
 * Occurrences fall on a Copenhagen calendar day and are sent from `hour` o'clock that day.
 *
 * While the clock is paused for identity the deadline is not fixed (it moves a day for every day of
 * waiting), so the only reminder then is the weekly "still waiting"; the deadline reminders return,
 * recomputed, when the clock runs again.
 */

export const REMINDER_KINDS = ['unconfirmed', 'extension_decision', 'due_soon', 'due_today', 'overdue', 'paused'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface ReminderPolicy {
  /** Local hour (Europe/Copenhagen) from which a day's reminders go out. */
  hour: number;
  /** Calendar days before the effective deadline. */
  daysBefore: readonly number[];
  /** Working days a case may stay unconfirmed before a reminder. */
  unconfirmedWorkingDays: number;
  /** Calendar days before the first deadline: the last moment to decide on an extension. */
  extensionDecisionDaysBefore: number;
  /** Calendar days between "still awaiting identity" reminders. */
  pausedEveryDays: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  hour: 8,
  daysBefore: [7, 3, 1],
  unconfirmedWorkingDays: 3,
  extensionDecisionDaysBefore: 7,
  pausedEveryDays: 7,
};

export interface Reminder {
  caseId: CaseId;
  /** Unique per case and occurrence; the ledger records it. */
  key: string;
  kind: ReminderKind;
  /** The Copenhagen date it is for, and the instant it may go out. */
  day: IsoDate;
  at: string;
  /** Higher is more urgent; after downtime only the most urgent of a case's reminders goes out. */
  urgency: number;
  /** The deadline it is about (the effective one; the first one for an extension decision). */
  due: IsoDate;
  /** Calendar days from `day` to `due` (negative when overdue). */
  daysLeft: number;
  /** For `unconfirmed`: the working days; for `paused`: when the wait began. */
  workingDays?: number;
  pausedSince?: IsoDate;
}

// due_soon adds 10 - days before (7 → 63, 3 → 67, 1 → 69); the extension decision falls on the day of
// due-7 and outranks it, but not the later ones.
const URGENCY: Record<ReminderKind, number> = {
  overdue: 100,
  due_today: 90,
  due_soon: 60,
  extension_decision: 64,
  unconfirmed: 50,
  paused: 40,
};

/** The instant `hour`:00 in Copenhagen on `day` (DST-correct; Temporal resolves the zone's offset). */
export function sendMoment(day: Temporal.PlainDate, hour: number): Temporal.Instant {
  return day.toZonedDateTime({ timeZone: LEGAL_TIME_ZONE, plainTime: Temporal.PlainTime.from({ hour }) }).toInstant();
}

export function addWorkingDays(from: Temporal.PlainDate, days: number): Temporal.PlainDate {
  let day = from;
  for (let counted = 0; counted < days; ) {
    day = day.add({ days: 1 });
    if (isWorkingDay(day)) counted++;
  }
  return day;
}

const daysFrom = (a: Temporal.PlainDate, b: Temporal.PlainDate) => a.until(b, { largestUnit: 'day' }).days;

/**
 * The reminders of a case that are due at `now` (their moment has come), most urgent first. Occurrences
 * for days before the case existed are left out (nobody could have been reminded then); so are past
 * overdue days and past paused weeks, which the latest one replaces.
 */
export function dueReminders(c: Case, now: Temporal.Instant | string, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY): Reminder[] {
  if (!isAwaitingAnswer(c.status)) return [];
  const instant = typeof now === 'string' ? Temporal.Instant.from(now) : now;
  const today = legalDate(instant);
  // Today's occurrences count only from the send hour; earlier days' always.
  const lastDay = Temporal.Instant.compare(instant, sendMoment(today, policy.hour)) >= 0 ? today : today.subtract({ days: 1 });
  const created = legalDate(c.createdAt);
  const found: Reminder[] = [];
  const add = (kind: ReminderKind, key: string, day: Temporal.PlainDate, due: IsoDate, extra: Partial<Reminder> = {}) => {
    if (isBefore(lastDay, day) || isBefore(day, created)) return;
    found.push({
      caseId: c.id,
      key,
      kind,
      day: day.toString(),
      at: sendMoment(day, policy.hour).toString(),
      urgency: URGENCY[kind] + (kind === 'due_soon' ? 10 - Math.min(9, extra.daysLeft ?? 9) : 0),
      due,
      daysLeft: daysFrom(day, Temporal.PlainDate.from(due)),
      ...extra,
    });
  };

  const pause = openPause(c);
  if (pause) {
    if (pause.kind !== 'identity') return [];
    const from = Temporal.PlainDate.from(pause.from);
    const weeks = Math.floor(daysFrom(from, lastDay) / policy.pausedEveryDays);
    if (weeks >= 1) {
      const deadlines = deadlinesAsOf(c, today);
      add(
        'paused',
        `paused:${pause.from}:${weeks}`,
        from.add({ days: weeks * policy.pausedEveryDays }),
        effectiveDue({ deadlines, extension: c.extension }),
        { pausedSince: pause.from },
      );
    }
    return sortByUrgency(found);
  }

  const deadlines = deadlinesAsOf(c, today);
  const due = Temporal.PlainDate.from(effectiveDue({ deadlines, extension: c.extension }));
  if (c.status === 'received') {
    const n = policy.unconfirmedWorkingDays;
    // Counted from receipt: a case opened from mail that had already waited that long (intake started
    // late, the bot installed later) is reminded on the day it was opened, not never.
    const unconfirmedDay = addWorkingDays(Temporal.PlainDate.from(deadlines.receivedDate), n);
    add(
      'unconfirmed',
      `unconfirmed:${deadlines.receivedDate}`,
      isBefore(unconfirmedDay, created) ? created : unconfirmedDay,
      due.toString(),
      { workingDays: n },
    );
  }
  if (!c.extension) {
    const first = Temporal.PlainDate.from(deadlines.due);
    add('extension_decision', `extension:${deadlines.due}`, first.subtract({ days: policy.extensionDecisionDaysBefore }), deadlines.due);
  }
  for (const d of policy.daysBefore)
    add('due_soon', `due-${d}:${due.toString()}`, due.subtract({ days: d }), due.toString(), { daysLeft: d });
  add('due_today', `due-0:${due.toString()}`, due, due.toString());
  if (isBefore(due, lastDay)) add('overdue', `overdue:${due.toString()}:${lastDay.toString()}`, lastDay, due.toString());
  return sortByUrgency(found);
}

function sortByUrgency(reminders: Reminder[]): Reminder[] {
  return reminders.sort((a, b) => b.urgency - a.urgency || b.day.localeCompare(a.day));
}
