import { Temporal } from './calendar.js';
import { RIGHTS, type Right } from './rights.js';
import type { CaseStatistic } from './statistics.js';

/**
 * The year's requests per month of receipt and per right, counted as the year report counts them
 * (report.ts): dismissed cases are not requests, a case id counts once (the first given wins), and a
 * request asking for several rights counts once in `total` and once under each right.
 */

export interface MonthCount {
  /** YYYY-MM */
  month: string;
  total: number;
  perRight: Record<Right, number>;
}

export function requestsPerMonth(stats: readonly CaseStatistic[], year: number): MonthCount[] {
  const months: MonthCount[] = Array.from({ length: 12 }, (_, i) => ({
    month: `${year}-${String(i + 1).padStart(2, '0')}`,
    total: 0,
    perRight: Object.fromEntries(RIGHTS.map((r) => [r, 0])) as Record<Right, number>,
  }));
  const seen = new Set<string>();
  for (const s of stats) {
    if (seen.has(s.caseId)) continue;
    seen.add(s.caseId);
    const received = Temporal.PlainDate.from(s.receivedDate);
    if (received.year !== year || s.outcome === 'dismissed') continue;
    const month = months[received.month - 1]!;
    month.total += 1;
    for (const right of new Set(s.rights)) month.perRight[right] += 1;
  }
  return months;
}
