import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { danishPublicHolidays, isWorkingDay, rollToWorkingDay } from '../../src/domain/holidays.js';

/** Easter Sunday by the anonymous Gregorian algorithm: an oracle independent of date-holidays. */
function easter(year: number): Temporal.PlainDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Temporal.PlainDate.from({ year, month, day });
}

/** The helligdage as the law lists them (gdpr-rules §1), store bededag up to 2023. */
function expectedHolidays(year: number): string[] {
  const e = easter(year);
  const rel = (days: number) => e.add({ days }).toString();
  return [
    `${year}-01-01`,
    rel(-3), // skærtorsdag
    rel(-2), // langfredag
    rel(0), // påskedag
    rel(1), // 2. påskedag
    ...(year <= 2023 ? [rel(26)] : []), // store bededag
    rel(39), // Kristi himmelfartsdag
    rel(49), // pinsedag
    rel(50), // 2. pinsedag
    `${year}-12-25`,
    `${year}-12-26`,
  ].sort();
}

describe('Danish public holidays', () => {
  it('match the statutory list for every year 2000-2100', () => {
    for (let year = 2000; year <= 2100; year++) {
      expect([...danishPublicHolidays(year)].sort(), `year ${year}`).toEqual(expectedHolidays(year));
    }
  });

  it('count store bededag in 2023 and not from 2024', () => {
    expect(danishPublicHolidays(2023).has('2023-05-05')).toBe(true);
    expect(danishPublicHolidays(2024).has('2024-04-26')).toBe(false);
    expect(isWorkingDay(Temporal.PlainDate.from('2023-05-05'))).toBe(false);
    expect(isWorkingDay(Temporal.PlainDate.from('2024-04-26'))).toBe(true);
  });

  it.each([
    ['grundlovsdag', '2026-06-05'],
    ['juleaftensdag', '2026-12-24'],
    ['nytårsaftensdag', '2026-12-31'],
    ['1. maj', '2026-05-01'],
  ])('treat %s (%s) as a working day', (_name, date) => {
    expect(isWorkingDay(Temporal.PlainDate.from(date))).toBe(true);
  });

  it('treat weekends as non-working days', () => {
    expect(isWorkingDay(Temporal.PlainDate.from('2026-11-21'))).toBe(false); // Saturday
    expect(isWorkingDay(Temporal.PlainDate.from('2026-11-22'))).toBe(false); // Sunday
    expect(isWorkingDay(Temporal.PlainDate.from('2026-11-23'))).toBe(true); // Monday
  });

  it('roll to the next working day, leaving working days alone', () => {
    const roll = (date: string) => rollToWorkingDay(Temporal.PlainDate.from(date)).toString();
    expect(roll('2026-11-23')).toBe('2026-11-23');
    expect(roll('2026-11-21')).toBe('2026-11-23');
    expect(roll('2026-04-02')).toBe('2026-04-07'); // skærtorsdag .. 2. påskedag
    expect(roll('2026-12-25')).toBe('2026-12-28'); // juledag, 2. juledag, weekend
  });
});
