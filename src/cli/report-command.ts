import type { Command } from 'commander';
import { instant } from './option-values.js';
import { cliConfig } from './context.js';
import { RIGHT_INFO, RIGHTS, REFUSAL_BASES, buildReport, invalidInput, reportYear, type Report, type Share } from '../domain/index.js';
import { nowOption, openCaseRepository } from './retention-command.js';

/** `dsar report`: the yearly figures over live cases and the statistics of deleted ones. */

const print = (text: string): void => void process.stdout.write(`${text}\n`);

function parseYear(text: string | undefined, now: string): number {
  if (text === undefined) return reportYear(now);
  if (!/^\d{4}$/.test(text.trim())) throw invalidInput(`--year "${text}" is not a year; write it as YYYY, e.g. 2026`);
  return Number(text);
}

const percent = (share: number) => `${Number((share * 100).toFixed(1))} %`;
const ofAnswered = (s: Share, answered: number) => (s.share === null ? '–' : `${s.count} of ${answered} (${percent(s.share)})`);

/** The report for the terminal (English, like the rest of the CLI). */
export function reportText(r: Report): string {
  const rows: [string, string | number][] = [
    ['Requests', r.total],
    ...RIGHTS.map((right): [string, number] => [`  ${right} (Art. ${RIGHT_INFO[right].article})`, r.perRight[right]]),
    ['Answered (incl. refusals)', r.answered],
    ['  median days to answer', r.medianDaysToAnswer ?? '–'],
    ['  within one month', ofAnswered(r.withinOneMonth, r.answered)],
    ['  within three months', ofAnswered(r.withinThreeMonths, r.answered)],
    ['  on time (by the binding deadline)', ofAnswered(r.onTime, r.answered)],
    ['Extensions', r.extensions],
    ['Rejections', r.rejections.total],
    ...REFUSAL_BASES.filter((basis) => r.rejections.byBasis[basis] > 0).map((basis): [string, number] => [
      `  under ${basis}`,
      r.rejections.byBasis[basis],
    ]),
    ['Not a request (dismissed)', r.dismissed],
    ['Open (not yet answered)', r.open],
    ['  overdue', r.overdueOpen],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return [
    `DSAR report ${r.year}: requests received ${r.year}-01-01 to ${r.year}-12-31 (Copenhagen), as of ${r.asOf}`,
    'Live cases and the anonymous statistics of deleted ones.',
    '',
    ...rows.map(([label, value]) => `${label.padEnd(width)}${value}`),
  ].join('\n');
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('the yearly figures for the supervisory authority: requests per right, answer times, extensions, refusals')
    .option('--year <YYYY>', 'year of receipt to report on (default: the current year in Copenhagen)')
    .option('--now <iso>', 'report as of this moment, ISO 8601 with UTC offset (default: now); decides what is overdue', instant)
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nCounts the requests received in the year (dismissed cases only as "dismissed"). Answered = answered or\n' +
        'refused with reasons; shares are over the answered requests. See docs/retention-and-reporting.md.',
    )
    .action(async (options: { year?: string; now?: string; json?: boolean }) => {
      const now = nowOption(options.now);
      const year = parseYear(options.year, now);
      const config = await cliConfig();
      const [{ collectStatistics }, repository] = await Promise.all([import('../app/retention.js'), openCaseRepository(config)]);
      // An id carries the year of receipt as the case was opened; a corrected receipt can move it across a
      // new year, so the neighbouring years are read too: three year ranges, not every case stored.
      const stats = await collectStatistics(repository, now, [year - 1, year, year + 1]);
      const report = buildReport(stats, year, now);
      print(options.json ? JSON.stringify(report, null, 2) : reportText(report));
    });
}
