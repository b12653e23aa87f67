import { isBefore, legalDate, parseInstantWithOffset, type IsoDate, Temporal } from './calendar.js';
import { invalidInput } from './errors.js';
import { REFUSAL_BASES, type RefusalBasis } from './legal-bases.js';
import { RIGHTS, type Right } from './rights.js';
import type { CaseStatistic } from './statistics.js';

/**
 * The yearly figures a supervisory authority asks about, over the requests received in a calendar year
 * (Copenhagen). Built from statistics, so live cases (through caseStatistic) and the anonymous rows of
 * deleted ones count alike. Definitions (docs/retention-and-reporting.md):
 *
 * - a dismissed case was not a data-subject request: it is counted in `dismissed` and nowhere else;
 * - `total` counts the requests; `perRight` counts each right asked for (a request may ask for several);
 * - answered = the answer or a reasoned refusal went out; days to answer = calendar days from receipt;
 * - shares are over the answered requests (null when none is), rounded to 4 decimals;
 * - open = not yet answered; overdue = past the deadline that binds it as of `now`.
 */

export interface Share {
  count: number;
  /** count / answered, between 0 and 1; null when nothing was answered. */
  share: number | null;
}

export interface Report {
  year: number;
  /** The day the figures are as of (Copenhagen): open and overdue depend on it. */
  asOf: IsoDate;
  /** Data-subject requests received in the year (dismissed cases excluded). */
  total: number;
  perRight: Record<Right, number>;
  /** Requests answered or refused with reasons. */
  answered: number;
  /** Median calendar days from receipt to answer over the answered requests; null if none. */
  medianDaysToAnswer: number | null;
  /** Answered by the original (one-month) deadline. */
  withinOneMonth: Share;
  /** Answered by the three-month deadline. */
  withinThreeMonths: Share;
  /** Answered by the deadline that bound the request (extended or not). */
  onTime: Share;
  extensions: number;
  rejections: { total: number; byBasis: Record<RefusalBasis, number> };
  dismissed: number;
  /** Requests not yet answered. */
  open: number;
  /** Of those, past their deadline. */
  overdueOpen: number;
}

/** The median of a list (the mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The year reported on by default: the current year in Copenhagen. */
export function reportYear(now: string): number {
  return legalDate(parseInstantWithOffset(now, 'now')).year;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
const share = (count: number, of: number): Share => ({ count, share: of === 0 ? null : round(count / of) });
const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The report for `year` as of `now` (ISO instant with offset). A case id that occurs more than once (a
 * live case and the statistic of its deletion) counts once: the first given wins.
 */
export function buildReport(stats: readonly CaseStatistic[], year: number, now: string): Report {
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw invalidInput(`year "${year}" is not a four-digit year`, `»${year}« er ikke et årstal med fire cifre.`);
  const today = legalDate(parseInstantWithOffset(now, 'now'));
  const seen = new Set<string>();
  const inYear = stats.filter((s) => {
    if (seen.has(s.caseId)) return false;
    seen.add(s.caseId);
    return Temporal.PlainDate.from(s.receivedDate).year === year;
  });
  const requests = inYear.filter((s) => s.outcome !== 'dismissed');
  const answered = requests.filter((s) => s.outcome === 'answered' || s.outcome === 'rejected');
  const open = requests.filter((s) => s.outcome === 'pending');
  const rejected = requests.filter((s) => s.outcome === 'rejected');

  const perRight = zeros(RIGHTS);
  for (const s of requests) for (const right of new Set(s.rights)) perRight[right] += 1;
  const byBasis = zeros(REFUSAL_BASES);
  for (const s of rejected) if (s.refusalBasis) byBasis[s.refusalBasis] += 1;
  const count = (test: (s: CaseStatistic) => boolean | null) => answered.filter((s) => test(s) === true).length;

  return {
    year,
    asOf: today.toString(),
    total: requests.length,
    perRight,
    answered: answered.length,
    medianDaysToAnswer: median(answered.flatMap((s) => (s.daysToAnswer === null ? [] : [s.daysToAnswer]))),
    withinOneMonth: share(
      count((s) => s.withinOneMonth),
      answered.length,
    ),
    withinThreeMonths: share(
      count((s) => s.withinThreeMonths),
      answered.length,
    ),
    onTime: share(
      count((s) => s.onTime),
      answered.length,
    ),
    extensions: requests.filter((s) => s.extended).length,
    rejections: { total: rejected.length, byBasis },
    dismissed: inYear.length - requests.length,
    open: open.length,
    overdueOpen: open.filter((s) => isBefore(Temporal.PlainDate.from(s.extendedDue ?? s.due), today)).length,
  };
}
