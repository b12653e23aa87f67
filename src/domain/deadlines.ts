import { Temporal, daysBetween, isBefore, legalDate, parseInstantWithOffset, parseIsoDate, type IsoDate } from './calendar.js';
import { invalidInput } from './errors.js';
import { rollToWorkingDay } from './holidays.js';
import { longDa } from './danish.js';

/**
 * The deadline engine: GDPR Art. 12(3) with the counting rules of Regulation 1182/71 Art. 3 as written
 * down in shared/domain/gdpr-rules.md §1. Pure: the caller passes every date it depends on.
 */

/** A closed pause of the clock: from the day the company asked to the day the answer arrived. */
export interface PauseSpan {
  from: IsoDate;
  to: IsoDate;
}

export interface Deadlines {
  /** Day of receipt: the Copenhagen calendar date of the moment the request arrived. */
  receivedDate: IsoDate;
  /** Receipt + 1 month + paused days, rolled to a working day. */
  due: IsoDate;
  /** Receipt + 3 months + paused days, rolled to a working day (only binding if extended in time). */
  extendedDue: IsoDate;
  /** Calendar days the clock stood still (overlapping pauses count once). */
  pausedDays: number;
  /** An extension must be notified, with reasons, within the first month: by the first deadline. */
  extensionNoticeBy: IsoDate;
}

export const FIRST_PERIOD_MONTHS = 1;
export const EXTENDED_PERIOD_MONTHS = 3;

/**
 * The same date `months` later; when that month is shorter, its last day (1182/71 Art. 3(2)(c)).
 * Temporal's default `constrain` overflow is exactly that rule: 31 January + 1 month = 28 February.
 */
export function addMonthsClamped(date: Temporal.PlainDate, months: number): Temporal.PlainDate {
  return date.add({ months }, { overflow: 'constrain' });
}

/** Checks pauses against the day of receipt and returns them as dates. */
function checkedPauses(pauses: readonly PauseSpan[], receivedDate: Temporal.PlainDate) {
  return pauses.map((pause) => {
    const from = parseIsoDate(pause.from, 'pause start');
    const to = parseIsoDate(pause.to, 'pause end');
    if (isBefore(to, from)) {
      throw invalidInput(
        `pause ${pause.from}/${pause.to} ends before it starts`,
        `Pausen fra den ${longDa(from)} til den ${longDa(to)} slutter, før den begynder.`,
      );
    }
    if (isBefore(from, receivedDate)) {
      throw invalidInput(
        `pause ${pause.from}/${pause.to} starts before the request was received (${receivedDate.toString()})`,
        `Pausen fra den ${longDa(from)} begynder, før anmodningen blev modtaget den ${longDa(receivedDate)}.`,
      );
    }
    return { from, to };
  });
}

/** Calendar days covered by the pauses, each day counted once even where pauses overlap. */
export function countPausedDays(pauses: readonly { from: Temporal.PlainDate; to: Temporal.PlainDate }[]): number {
  const sorted = [...pauses].sort((a, b) => Temporal.PlainDate.compare(a.from, b.from));
  let total = 0;
  let coveredUntil: Temporal.PlainDate | undefined;
  for (const { from, to } of sorted) {
    // A pause [from, to) stops the clock on `from` and restarts it on `to`.
    const start = coveredUntil && isBefore(from, coveredUntil) ? coveredUntil : from;
    if (isBefore(start, to)) {
      total += daysBetween(start, to);
      coveredUntil = to;
    }
  }
  return total;
}

export interface DeadlineInput {
  /** The moment the request arrived (ISO 8601 with offset, or an Instant). */
  receivedAt: string | Temporal.Instant;
  pauses?: readonly PauseSpan[];
}

export function computeDeadlines({ receivedAt, pauses = [] }: DeadlineInput): Deadlines {
  const receivedDate = legalDate(typeof receivedAt === 'string' ? parseInstantWithOffset(receivedAt, 'received') : receivedAt);
  const pausedDays = countPausedDays(checkedPauses(pauses, receivedDate));
  const deadline = (months: number) => rollToWorkingDay(addMonthsClamped(receivedDate, months).add({ days: pausedDays }));
  const due = deadline(FIRST_PERIOD_MONTHS);
  return {
    receivedDate: receivedDate.toString(),
    due: due.toString(),
    extendedDue: deadline(EXTENDED_PERIOD_MONTHS).toString(),
    pausedDays,
    extensionNoticeBy: due.toString(),
  };
}

/**
 * Refuses a pause that starts after the first deadline it would move (gdpr-rules §1): asking the requester
 * once the deadline has passed cannot stop a clock that has already run out. Each pause is checked against
 * the deadline as the pauses before it left it. The cases' own pause command checks the same against the
 * deadline that binds (the extended one once an extension does).
 */
export function refuseLatePauses({ receivedAt, pauses = [] }: DeadlineInput): void {
  const sorted = [...pauses].sort((a, b) => a.from.localeCompare(b.from));
  sorted.forEach((pause, i) => {
    const { due } = computeDeadlines({ receivedAt, pauses: sorted.slice(0, i) });
    if (pause.from > due)
      throw invalidInput(
        `pause ${pause.from}/${pause.to} starts after the deadline ${due}; it cannot move a deadline that has passed`,
        `Pausen fra den ${longDa(pause.from)} begynder efter fristen den ${longDa(due)}; den kan ikke flytte en frist, der er overskredet.`,
      );
  });
}
