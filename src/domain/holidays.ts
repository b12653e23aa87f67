import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from './calendar.js';

// The helligdage by the law's own list (gdpr-rules §1), computed here: the date-holidays package loads every
// country's calendar (~0.3 s of each `dsar` start) for these eleven dates. Its DK `public` list remains the
// cross-check in tests/domain/holidays.test.ts. Grundlovsdag, juleaftensdag, 1. maj and nytårsaftensdag are
// not holidays here, so they are not rolled over (product rule). Store bededag counts up to 2023 only: the law
// abolished it from 2024.
const LAST_STORE_BEDEDAG = 2023;

/** Easter Sunday (Gregorian) by Gauss's method with Lichtenberg's corrections. */
function easterSunday(year: number): Temporal.PlainDate {
  const k = Math.floor(year / 100);
  const m = 15 + Math.floor((3 * k + 3) / 4) - Math.floor((8 * k + 13) / 25);
  const s = 2 - Math.floor((3 * k + 3) / 4);
  const a = year % 19;
  const d = (19 * a + m) % 30;
  const r = Math.floor((d + Math.floor(a / 11)) / 29);
  const og = 21 + d - r;
  const sz = 7 - ((year + Math.floor(year / 4) + s) % 7);
  const oe = 7 - ((og - sz) % 7);
  // Days after 1 March, counted from 1 (og + oe = 22 is 22 March).
  return Temporal.PlainDate.from({ year, month: 3, day: 1 }).add({ days: og + oe - 1 });
}

function computeHolidays(year: number): ReadonlySet<IsoDate> {
  const easter = easterSunday(year);
  const afterEaster = (days: number) => easter.add({ days }).toString();
  return new Set([
    `${year}-01-01`, // nytårsdag
    afterEaster(-3), // skærtorsdag
    afterEaster(-2), // langfredag
    afterEaster(0), // påskedag
    afterEaster(1), // 2. påskedag
    ...(year <= LAST_STORE_BEDEDAG ? [afterEaster(26)] : []), // store bededag
    afterEaster(39), // Kristi himmelfartsdag
    afterEaster(49), // pinsedag
    afterEaster(50), // 2. pinsedag
    `${year}-12-25`, // juledag
    `${year}-12-26`, // 2. juledag
  ]);
}

const byYear = new Map<number, ReadonlySet<IsoDate>>();

/** The Danish public holidays of a year, as ISO dates. */
export function danishPublicHolidays(year: number): ReadonlySet<IsoDate> {
  let dates = byYear.get(year);
  if (!dates) {
    dates = computeHolidays(year);
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
