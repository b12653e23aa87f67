import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REFUSAL_BASES, RIGHTS, buildReport, median, reportYear, type CaseStatistic, type Report } from '../../src/domain/index.js';

/** The yearly report over statistics (live cases converted, deleted ones as kept). */

let next = 0;
function stat(overrides: Partial<CaseStatistic> = {}): CaseStatistic {
  next += 1;
  return {
    caseId: `DSAR-2026-${String(next).padStart(4, '0')}`,
    rights: ['access'],
    receivedDate: '2026-03-05',
    due: '2026-04-07',
    extendedDue: null,
    extended: false,
    pausedDays: 0,
    status: 'closed',
    outcome: 'answered',
    refusalBasis: null,
    answeredDate: '2026-03-20',
    closedDate: '2026-03-21',
    daysToAnswer: 15,
    onTime: true,
    withinOneMonth: true,
    withinThreeMonths: true,
    ...overrides,
  };
}

const pending = (overrides: Partial<CaseStatistic> = {}) =>
  stat({
    status: 'in_progress',
    outcome: 'pending',
    answeredDate: null,
    closedDate: null,
    daysToAnswer: null,
    onTime: null,
    withinOneMonth: null,
    withinThreeMonths: null,
    ...overrides,
  });

const NOW = '2026-11-23T12:00:00+01:00';

describe('buildReport', () => {
  it('counts the KPIs over the requests received in the year', () => {
    const stats = [
      stat({ rights: ['access', 'erasure'], daysToAnswer: 15 }),
      stat({
        rights: ['erasure'],
        answeredDate: '2026-05-01',
        daysToAnswer: 57,
        extended: true,
        extendedDue: '2026-06-05',
        onTime: true,
        withinOneMonth: false,
      }),
      stat({ rights: ['access'], answeredDate: '2026-04-20', daysToAnswer: 46, onTime: false, withinOneMonth: false }),
      stat({ rights: ['objection'], outcome: 'rejected', refusalBasis: '21(1)', daysToAnswer: 4 }),
      stat({
        rights: ['access'],
        status: 'dismissed',
        outcome: 'dismissed',
        answeredDate: null,
        daysToAnswer: null,
        onTime: null,
        withinOneMonth: null,
        withinThreeMonths: null,
      }),
      pending({ rights: ['portability'], due: '2026-11-20' }), // overdue
      pending({ rights: ['portability'], due: '2026-11-20', extended: true, extendedDue: '2027-01-20' }), // extended: not overdue
      pending({ rights: ['rectification'], due: '2026-11-23' }), // due today: not overdue yet
      stat({ receivedDate: '2025-12-31', rights: ['restriction'] }), // another year
    ];
    const expected: Report = {
      year: 2026,
      asOf: '2026-11-23',
      total: 7,
      perRight: {
        access: 2,
        information: 0,
        rectification: 1,
        erasure: 2,
        restriction: 0,
        portability: 2,
        objection: 1,
        marketing_opt_out: 0,
      },
      answered: 4,
      medianDaysToAnswer: 30.5,
      withinOneMonth: { count: 2, share: 0.5 },
      withinThreeMonths: { count: 4, share: 1 },
      onTime: { count: 3, share: 0.75 },
      extensions: 2,
      rejections: {
        total: 1,
        byBasis: { '11(2)': 0, '12(4)': 0, '12(5)': 0, '12(6)': 0, '15(4)': 0, '17(3)': 0, '21(1)': 1, 'DBL §22': 0 },
      },
      dismissed: 1,
      open: 3,
      overdueOpen: 1,
    };
    expect(buildReport(stats, 2026, NOW)).toEqual(expected);
  });

  it('counts a case id once (a live case and the statistic of its deletion), the first given winning', () => {
    const live = pending({ caseId: 'DSAR-2026-0500' });
    const deleted = stat({ caseId: 'DSAR-2026-0500' });
    const report = buildReport([live, deleted], 2026, NOW);
    expect(report).toMatchObject({ total: 1, open: 1, answered: 0 });
  });

  it('has no shares and no median when nothing was answered', () => {
    expect(buildReport([], 2026, NOW)).toMatchObject({
      total: 0,
      medianDaysToAnswer: null,
      withinOneMonth: { count: 0, share: null },
      onTime: { count: 0, share: null },
    });
  });

  it('rounds shares to 4 decimals', () => {
    const report = buildReport([stat(), stat(), stat({ withinOneMonth: false })], 2026, NOW);
    expect(report.withinOneMonth).toEqual({ count: 2, share: 0.6667 });
  });

  it('refuses a year that is not a four-digit year, and a moment without offset', () => {
    expect(() => buildReport([], 26, NOW)).toThrow(/not a four-digit year/);
    expect(() => buildReport([], 2026.5, NOW)).toThrow(/not a four-digit year/);
    expect(() => buildReport([], 2026, '2026-11-23T12:00')).toThrow(/no UTC offset/);
  });

  it('reports on the current year in Copenhagen by default', () => {
    expect(reportYear('2025-12-31T22:59:00Z')).toBe(2025);
    expect(reportYear('2025-12-31T23:00:00Z')).toBe(2026);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([10, 1, 3, 4])).toBe(3.5);
  });
});

const dateIn = (year: number) =>
  fc
    .date({ min: new Date(`${year}-01-01T00:00:00Z`), max: new Date(`${year}-12-31T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const statistics = fc
  .array(
    fc.record({
      id: fc.integer({ min: 1, max: 60 }),
      rights: fc.subarray([...RIGHTS], { minLength: 1 }),
      receivedDate: fc.oneof(dateIn(2025), dateIn(2026)),
      due: dateIn(2026),
      extended: fc.boolean(),
      outcome: fc.constantFrom('pending', 'answered', 'rejected', 'dismissed' as const),
      basis: fc.constantFrom(...REFUSAL_BASES),
      days: fc.integer({ min: 0, max: 200 }),
      flags: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
    }),
    { maxLength: 40 },
  )
  .map((items) =>
    items.map((i): CaseStatistic => {
      const answered = i.outcome === 'answered' || i.outcome === 'rejected';
      return {
        caseId: `DSAR-2026-${String(i.id).padStart(4, '0')}`,
        rights: i.rights,
        receivedDate: i.receivedDate,
        due: i.due,
        extendedDue: i.extended ? '2026-12-31' : null,
        extended: i.extended,
        pausedDays: 0,
        status: answered ? 'closed' : i.outcome === 'dismissed' ? 'dismissed' : 'received',
        outcome: i.outcome,
        refusalBasis: i.outcome === 'rejected' ? i.basis : null,
        answeredDate: answered ? i.due : null,
        closedDate: null,
        daysToAnswer: answered ? i.days : null,
        onTime: answered ? i.flags[0] : null,
        withinOneMonth: answered ? i.flags[1] && i.flags[2] : null,
        withinThreeMonths: answered ? i.flags[2] : null,
      };
    }),
  );

describe('report properties', () => {
  it('shares lie between 0 and 1; counts add up; every request asks for at least one right', () => {
    fc.assert(
      fc.property(statistics, fc.constantFrom(2025, 2026), (stats, year) => {
        const r = buildReport(stats, year, NOW);
        for (const s of [r.withinOneMonth, r.withinThreeMonths, r.onTime]) {
          expect(s.count).toBeLessThanOrEqual(r.answered);
          if (s.share !== null) expect(s.share >= 0 && s.share <= 1).toBe(true);
          else expect(r.answered).toBe(0);
        }
        expect(r.withinOneMonth.count).toBeLessThanOrEqual(r.withinThreeMonths.count);
        expect(Object.values(r.perRight).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(r.total);
        for (const n of Object.values(r.perRight)) expect(n).toBeLessThanOrEqual(r.total);
        expect(r.answered + r.open).toBe(r.total);
        expect(r.overdueOpen).toBeLessThanOrEqual(r.open);
        expect(r.rejections.total).toBeLessThanOrEqual(r.answered);
        expect(Object.values(r.rejections.byBasis).reduce((a, b) => a + b, 0)).toBe(r.rejections.total);
        expect(r.extensions).toBeLessThanOrEqual(r.total);
        // Each distinct case id received in the year counts once: as a request or as dismissed.
        const firstById = new Map<string, CaseStatistic>();
        for (const s of stats) if (!firstById.has(s.caseId)) firstById.set(s.caseId, s);
        const inYear = [...firstById.values()].filter((s) => s.receivedDate.startsWith(`${year}-`));
        expect(r.total + r.dismissed).toBe(inYear.length);
      }),
    );
  });

  it('the median agrees with a sorted oracle', () => {
    fc.assert(
      fc.property(statistics, (stats) => {
        const r = buildReport(stats, 2026, NOW);
        const seen = new Set<string>();
        const days = stats
          .filter((s) => {
            if (seen.has(s.caseId)) return false;
            seen.add(s.caseId);
            return true;
          })
          .filter((s) => s.receivedDate.startsWith('2026-') && (s.outcome === 'answered' || s.outcome === 'rejected'))
          .map((s) => s.daysToAnswer!)
          .sort((a, b) => a - b);
        const n = days.length;
        const oracle = n === 0 ? null : n % 2 === 1 ? days[(n - 1) / 2]! : (days[n / 2 - 1]! + days[n / 2]!) / 2;
        expect(r.medianDaysToAnswer).toBe(oracle);
        if (n) expect(r.medianDaysToAnswer! >= days[0]! && r.medianDaysToAnswer! <= days[n - 1]!).toBe(true);
      }),
    );
  });

  it('median of any list lies between its minimum and maximum and splits it in half', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 50 }), (values) => {
        const m = median(values)!;
        expect(values.filter((v) => v < m).length).toBeLessThanOrEqual(values.length / 2);
        expect(values.filter((v) => v > m).length).toBeLessThanOrEqual(values.length / 2);
      }),
    );
  });
});
