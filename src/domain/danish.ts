import type { Temporal } from './calendar.js';

/**
 * Dates as a Danish DPO writes them ("5. marts 2026"), from a table rather than the runtime's ICU data, so
 * the domain's texts are the same on every Node build.
 */
const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** "5. marts 2026" for a calendar date (a PlainDate or "2026-03-05"). */
export function longDa(date: Temporal.PlainDate | string): string {
  const [y, m, d] = date.toString().slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${d}. ${MONTHS[m - 1]} ${y}`;
}

/** "1 postkasse", "3 postkasser": Danish count and noun. */
export function plural(n: number, one: string, many: string): string {
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ${n === 1 ? one : many}`;
}

export const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
