import HolidaysParser from 'date-holidays-parser';
import type { Temporal } from 'temporal-polyfill';
import type { IsoDate } from './calendar.js';
import denmark from './holidays-dk.json' with { type: 'json' };

// Only `public` holidays (helligdage): date-holidays types grundlovsdag, juleaftensdag, 1. maj as
// `observance` and omits nytårsaftensdag, so they are not rolled over (product rule, gdpr-rules §1).
// Store bededag is `public` up to 2023 and absent from 2024, as the law changed.
// date-holidays' parser over Denmark's rules only (holidays-dk.json, written from date-holidays' data by
// scripts/holidays-dk.mjs): date-holidays itself loads every country's rules, a third of a second at start.
const danish = new HolidaysParser(denmark, 'DK', { types: ['public'] });

const byYear = new Map<number, ReadonlySet<IsoDate>>();

/** The Danish public holidays of a year, as ISO dates. */
export function danishPublicHolidays(year: number): ReadonlySet<IsoDate> {
  let dates = byYear.get(year);
  if (!dates) {
    // `date` is the local calendar date ("2026-04-05 00:00:00"); `start` is a UTC instant and would shift it.
    dates = new Set(danish.getHolidays(year).map((holiday) => holiday.date.slice(0, 10)));
    byYear.set(year, dates);
  }
  return dates;
}

export function isDanishPublicHoliday(date: Temporal.PlainDate): boolean {
  return danishPublicHolidays(date.year).has(date.toString());
}

/** Not a Saturday, Sunday or Danish public holiday. */
export function isWorkingDay(date: Temporal.PlainDate): boolean {
  return date.dayOfWeek <= 5 && !isDanishPublicHoliday(date);
}

/** The date itself when it is a working day, otherwise the next working day (Regulation 1182/71 Art. 3(4)). */
export function rollToWorkingDay(date: Temporal.PlainDate): Temporal.PlainDate {
  let day = date;
  while (!isWorkingDay(day)) day = day.add({ days: 1 });
  return day;
}
