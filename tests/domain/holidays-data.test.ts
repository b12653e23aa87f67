import { data } from 'date-holidays/data';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import denmark from '../../src/domain/holidays-dk.json' with { type: 'json' };
import { danishPublicHolidays } from '../../src/domain/holidays.js';

/**
 * holidays.ts reads Denmark's rules from holidays-dk.json instead of loading date-holidays' every country:
 * the file must be date-holidays' own data (rewrite it with `node scripts/holidays-dk.mjs` after an
 * upgrade), and the holidays it gives must be date-holidays' own, year by year.
 */
describe('Danish holiday data', () => {
  it('is date-holidays’ data for Denmark, with its shared names', () => {
    expect(denmark.holidays.DK).toEqual(data.holidays.DK);
    expect(denmark.names).toEqual(data.names);
    expect(denmark.version).toBe(data.version);
  });

  it('gives the same public holidays as date-holidays for every year from 1900 to 2200', () => {
    const full = new Holidays('DK', { types: ['public'] });
    for (let year = 1900; year <= 2200; year++) {
      const expected = new Set(full.getHolidays(year).map((h) => h.date.slice(0, 10)));
      expect([...danishPublicHolidays(year)], String(year)).toEqual([...expected]);
    }
  });
});
