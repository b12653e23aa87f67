import { describe, expect, it } from 'vitest';
import { buildReport, type CaseStatistic } from '../../src/domain/index.js';
import { requestsPerMonth } from '../../src/domain/report-months.js';
import { reportCsv } from '../../src/tab/report-rows.js';

/** The year report as CSV: what a spreadsheet reads back. */

const base: Omit<CaseStatistic, 'caseId' | 'receivedDate'> = {
  rights: ['access'],
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
};
const stats: CaseStatistic[] = [
  { ...base, caseId: 'DSAR-2026-0001' as CaseStatistic['caseId'], receivedDate: '2026-03-05' },
  { ...base, caseId: 'DSAR-2026-0002' as CaseStatistic['caseId'], receivedDate: '2026-03-09', withinOneMonth: false, daysToAnswer: 40 },
  {
    ...base,
    caseId: 'DSAR-2026-0003' as CaseStatistic['caseId'],
    receivedDate: '2026-05-01',
    outcome: 'rejected',
    refusalBasis: '12(5)',
    rights: ['erasure'],
  },
];
const report = buildReport(stats, 2026, '2026-11-23T12:00:00+01:00');
const months = requestsPerMonth(stats, 2026);

/** RFC 4180 with ';' (quotes doubled), as Excel writes and reads it. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('reportCsv', () => {
  it('Danish: BOM, semicolons, CRLF; the figures, shares as Danish percentages, and the months', () => {
    const csv = reportCsv(report, months, 'da');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.slice(1));
    expect(rows[0]).toEqual(['Nøgletal', 'Antal', 'Andel']);
    const find = (label: string) => rows.find((r) => r[0] === label);
    expect(find('Anmodninger')).toEqual(['Anmodninger', '3', '']);
    expect(find('Indsigt (artikel 15)')).toEqual(['Indsigt (artikel 15)', '2', '']);
    expect(find('Besvaret inden for 1 måned')).toEqual(['Besvaret inden for 1 måned', '2', '66,7 %']);
    expect(find('Afslag')?.[1]).toBe('1');
    expect(find('efter 12(5)')?.[1]).toBe('1');
    expect(find('marts 2026')?.[1]).toBe('2');
    expect(find('maj 2026')?.[1]).toBe('1');
    expect(rows.every((r) => r.length === 3)).toBe(true);
  });

  it('English labels and decimal points', () => {
    const rows = parse(reportCsv(report, months, 'en').slice(1));
    expect(rows[0]).toEqual(['Figure', 'Count', 'Share']);
    expect(rows.find((r) => r[0] === 'Answered within 1 month')).toEqual(['Answered within 1 month', '2', '66.7 %']);
    expect(rows.find((r) => r[0] === 'March 2026')?.[1]).toBe('2');
  });
});
