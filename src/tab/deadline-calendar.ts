import type { Temporal, IsoDate } from '../domain/index.js';
import type { OpenRow } from './open-rows.js';

/**
 * The tab's deadline calendar: a month and the next, each running case on the deadline that binds it
 * today (extended once the extension binds; a paused case's as of today, moving on each day the pause
 * lasts, which the entry says). An extended case also shows its first deadline, marked as passed over.
 */

export interface CalendarEntry {
  date: IsoDate;
  id: string;
  name: string;
  /** `due`: the binding deadline; `first`: the one-month deadline of an extended case, no longer binding. */
  kind: 'due' | 'first';
  extended: boolean;
  paused: boolean;
  overdue: boolean;
}

export interface DeadlineCalendar {
  from: IsoDate;
  to: IsoDate;
  months: { month: string; days: { date: IsoDate; entries: CalendarEntry[] }[] }[];
  /** Running cases past their deadline before `from`: not on the calendar, but never out of sight. */
  overdueBefore: { id: string; name: string; due: IsoDate }[];
}

const nameOf = (row: OpenRow) => row.dataSubject?.name ?? row.requester.name ?? row.requester.email ?? row.id;

/** The calendar for `month` (YYYY-MM) and the month after it. Rows of cases no longer running are left out. */
export function deadlineCalendar(
  rows: readonly OpenRow[],
  month: Temporal.PlainYearMonth,
  isRunning: (row: OpenRow) => boolean,
): DeadlineCalendar {
  const first = month.toPlainDate({ day: 1 });
  const second = month.add({ months: 1 });
  const last = second.toPlainDate({ day: second.daysInMonth });
  const [from, to] = [first.toString(), last.toString()];
  const entries: CalendarEntry[] = [];
  const overdueBefore: DeadlineCalendar['overdueBefore'] = [];
  for (const row of rows) {
    if (!isRunning(row)) continue;
    const base = { id: row.id, name: nameOf(row), extended: row.extended, paused: row.paused, overdue: row.overdue };
    if (row.due >= from && row.due <= to) entries.push({ ...base, date: row.due, kind: 'due' });
    else if (row.due < from && row.overdue) overdueBefore.push({ id: row.id, name: base.name, due: row.due });
    if (row.extended && row.firstDue >= from && row.firstDue <= to) entries.push({ ...base, date: row.firstDue, kind: 'first' });
  }
  entries.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id, 'en', { numeric: true }));
  const months = [month, second].map((m) => ({
    month: m.toString(),
    days: Array.from({ length: m.daysInMonth }, (_, i) => {
      const date = m.toPlainDate({ day: i + 1 }).toString();
      return { date, entries: entries.filter((e) => e.date === date) };
    }),
  }));
  overdueBefore.sort((a, b) => a.due.localeCompare(b.due));
  return { from, to, months, overdueBefore };
}
