import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_OUTCOMES, RIGHTS, buildReport, type CaseStatistic } from '../../src/domain/index.js';
import { requestsPerMonth } from '../../src/domain/report-months.js';

/** The tab's requests per month and right, counted as the year report counts. */

function stat(caseId: string, receivedDate: string, overrides: Partial<CaseStatistic> = {}): CaseStatistic {
  return {
    caseId: caseId as CaseStatistic['caseId'],
    rights: ['access'],
    receivedDate,
    due: receivedDate,
    extendedDue: null,
    extended: false,
    pausedDays: 0,
    status: 'in_progress',
    outcome: 'pending',
    refusalBasis: null,
    answeredDate: null,
    closedDate: null,
    daysToAnswer: null,
    onTime: null,
    withinOneMonth: null,
    withinThreeMonths: null,
    ...overrides,
  };
}

describe('requestsPerMonth', () => {
  it('counts each request in its month of receipt, once in total and once per right; dismissed and other years not at all', () => {
    const months = requestsPerMonth(
      [
        stat('DSAR-2026-0001', '2026-01-31', { rights: ['access', 'erasure'] }),
        stat('DSAR-2026-0002', '2026-02-01', { rights: ['erasure', 'erasure'] }),
        stat('DSAR-2026-0003', '2026-02-14', { outcome: 'dismissed', status: 'dismissed' }),
        stat('DSAR-2025-0099', '2025-12-31'),
        // The same case twice (live and its statistic): the first counts.
        stat('DSAR-2026-0001', '2026-03-01'),
      ],
      2026,
    );
    expect(months).toHaveLength(12);
    expect(months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(months[0]).toMatchObject({ total: 1, perRight: { access: 1, erasure: 1 } });
    expect(months[1]).toMatchObject({ total: 1, perRight: { access: 0, erasure: 1 } });
    expect(months[2]!.total).toBe(0);
  });

  it('sums to the year report: total and per right (property)', () => {
    const arbitraryStat = fc.record({
      id: fc.integer({ min: 1, max: 40 }),
      year: fc.constantFrom(2025, 2026, 2027),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      rights: fc.subarray([...RIGHTS], { minLength: 1 }),
      outcome: fc.constantFrom(...CASE_OUTCOMES),
    });
    fc.assert(
      fc.property(fc.array(arbitraryStat, { maxLength: 60 }), (drawn) => {
        const stats = drawn.map((d) =>
          stat(
            `DSAR-${d.year}-${String(d.id).padStart(4, '0')}`,
            `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`,
            {
              rights: d.rights,
              outcome: d.outcome,
            },
          ),
        );
        const report = buildReport(stats, 2026, '2026-12-31T12:00:00+01:00');
        const months = requestsPerMonth(stats, 2026);
        expect(months.reduce((sum, m) => sum + m.total, 0)).toBe(report.total);
        for (const right of RIGHTS) expect(months.reduce((sum, m) => sum + m.perRight[right], 0)).toBe(report.perRight[right]);
      }),
    );
  });
});
