import { RIGHT_INFO, RIGHTS, REFUSAL_BASES, type Report, type Share } from '../domain/index.js';
import type { MonthCount } from '../domain/report-months.js';

/**
 * The year report as rows of (label, count, share): what the CSV and the PDF both print, in Danish or
 * English. Shares are of the answered requests, as in the report; none when nothing was answered.
 */

export type Lang = 'da' | 'en';

export interface ReportRow {
  label: string;
  count: number | null;
  /** Between 0 and 1, or null where a share does not apply or nothing was answered. */
  share: number | null;
  /** Indented under the row before (a right under requests, a month under the months). */
  sub?: boolean;
}

const T = {
  title: { da: 'DSAR-rapport', en: 'DSAR report' },
  scope: {
    da: (y: number, asOf: string) =>
      `Anmodninger modtaget i ${y} (dansk tid), opgjort ${asOf}. Levende sager og anonyme tal for slettede sager.`,
    en: (y: number, asOf: string) =>
      `Requests received in ${y} (Copenhagen time), as of ${asOf}. Live cases and anonymous figures of deleted ones.`,
  },
  requests: { da: 'Anmodninger', en: 'Requests' },
  answered: { da: 'Besvaret (inkl. afslag)', en: 'Answered (incl. refusals)' },
  median: { da: 'Mediantid til svar (dage)', en: 'Median days to answer' },
  oneMonth: { da: 'Besvaret inden for 1 måned', en: 'Answered within 1 month' },
  threeMonths: { da: 'Besvaret inden for 3 måneder', en: 'Answered within 3 months' },
  onTime: { da: 'Besvaret rettidigt (bindende frist)', en: 'Answered on time (binding deadline)' },
  extensions: { da: 'Forlængelser', en: 'Extensions' },
  rejections: { da: 'Afslag', en: 'Refusals' },
  under: { da: (b: string) => `efter ${b}`, en: (b: string) => `under ${b}` },
  dismissed: { da: 'Ikke en anmodning (afvist som sag)', en: 'Not a request (dismissed)' },
  open: { da: 'Åbne (endnu ikke besvaret)', en: 'Open (not yet answered)' },
  overdue: { da: 'heraf over fristen', en: 'of which overdue' },
  perMonth: { da: 'Anmodninger pr. måned', en: 'Requests per month' },
  label: { da: 'Nøgletal', en: 'Figure' },
  count: { da: 'Antal', en: 'Count' },
  share: { da: 'Andel', en: 'Share' },
} as const;

export const REPORT_TEXT = T;

const rightLabel = (lang: Lang, right: (typeof RIGHTS)[number]) =>
  `${RIGHT_INFO[right].name[lang]} (${lang === 'da' ? 'artikel' : 'Art.'} ${RIGHT_INFO[right].article})`;
const monthLabel = (lang: Lang, month: string) =>
  new Date(`${month}-15T12:00:00Z`).toLocaleDateString(lang === 'da' ? 'da-DK' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

const ofShare = (label: string, s: Share): ReportRow => ({ label, count: s.count, share: s.share });

export function reportRows(r: Report, months: readonly MonthCount[], lang: Lang): ReportRow[] {
  return [
    { label: T.requests[lang], count: r.total, share: null },
    ...RIGHTS.map((right) => ({ label: rightLabel(lang, right), count: r.perRight[right], share: null, sub: true })),
    { label: T.answered[lang], count: r.answered, share: null },
    { label: T.median[lang], count: r.medianDaysToAnswer, share: null, sub: true },
    { ...ofShare(T.oneMonth[lang], r.withinOneMonth), sub: true },
    { ...ofShare(T.threeMonths[lang], r.withinThreeMonths), sub: true },
    { ...ofShare(T.onTime[lang], r.onTime), sub: true },
    { label: T.extensions[lang], count: r.extensions, share: null },
    { label: T.rejections[lang], count: r.rejections.total, share: null },
    ...REFUSAL_BASES.filter((b) => r.rejections.byBasis[b] > 0).map((b) => ({
      label: T.under[lang](b),
      count: r.rejections.byBasis[b],
      share: null,
      sub: true,
    })),
    { label: T.dismissed[lang], count: r.dismissed, share: null },
    { label: T.open[lang], count: r.open, share: null },
    { label: T.overdue[lang], count: r.overdueOpen, share: null, sub: true },
    { label: T.perMonth[lang], count: null, share: null },
    ...months.map((m) => ({ label: monthLabel(lang, m.month), count: m.total, share: null, sub: true })),
  ];
}

/** "83,3 %" / "83.3 %": a share as the reader's language writes it. */
export function percent(lang: Lang, share: number): string {
  return `${(share * 100).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 })} %`;
}

const cell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * The report as CSV: semicolon-separated (what Excel expects in a Danish locale, where the comma is the
 * decimal sign), CRLF lines (RFC 4180), and a byte-order mark so Excel reads æ, ø and å as UTF-8.
 */
export function reportCsv(r: Report, months: readonly MonthCount[], lang: Lang): string {
  const lines = [
    [T.label[lang], T.count[lang], T.share[lang]],
    ...reportRows(r, months, lang).map((row) => [
      row.label,
      row.count === null ? '' : row.count.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { useGrouping: false }),
      row.share === null ? '' : percent(lang, row.share),
    ]),
  ];
  return `\uFEFF${lines.map((line) => line.map(cell).join(';')).join('\r\n')}\r\n`;
}
