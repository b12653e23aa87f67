import { Temporal, daysBetween, isBefore, type IsoDate } from './calendar.js';
import { effectiveDue, type Case, type Pause } from './case.js';
import { computeDeadlines, type Deadlines, type PauseSpan } from './deadlines.js';
import { isAwaitingAnswer } from './lifecycle.js';

/** A case's deadlines as of a day: a pause still running counts up to that day. */
export function deadlinesAsOf(c: Pick<Case, 'receivedAt' | 'pauses'>, today: Temporal.PlainDate): Deadlines {
  return computeDeadlines({ receivedAt: c.receivedAt, pauses: pauseSpans(c.pauses, today) });
}

function pauseSpans(pauses: readonly Pause[], today: Temporal.PlainDate): PauseSpan[] {
  return pauses.map((pause) => {
    const to = pause.to ?? (isBefore(today, Temporal.PlainDate.from(pause.from)) ? pause.from : today.toString());
    return { from: pause.from, to };
  });
}

export function openPause(c: Pick<Case, 'pauses'>): Pause | undefined {
  return c.pauses.find((pause) => pause.to === undefined);
}

export interface ClockReading {
  /** Both deadlines as of the reading day (a running pause counted up to it). */
  deadlines: Deadlines;
  /** The deadline that binds now (extended once extended). */
  due: IsoDate;
  /** Calendar days from today to the due date; negative when overdue. */
  daysLeft: number;
  overdue: boolean;
  paused: boolean;
  /** False once answered, refused or dismissed: the deadline no longer binds. */
  running: boolean;
}

/** Where a case stands against its deadline on a given day. */
export function readClock(c: Pick<Case, 'receivedAt' | 'pauses' | 'extension' | 'status'>, today: Temporal.PlainDate): ClockReading {
  const deadlines = deadlinesAsOf(c, today);
  const due = effectiveDue({ deadlines, extension: c.extension });
  const daysLeft = daysBetween(today, Temporal.PlainDate.from(due));
  const running = isAwaitingAnswer(c.status);
  const paused = openPause(c) !== undefined;
  return { deadlines, due, daysLeft, overdue: running && daysLeft < 0, paused, running };
}
