import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseCommand, Right } from '../../src/domain/index.js';
import { caseStatistic } from '../../src/domain/index.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { dsar } from '../helpers/cli.js';
import { caseService, freshCaseTable, storeEnv, uniquePrefix } from '../helpers/store.js';

// Answered and closed with the checklist open: what is tested here is not the checklist.
const OVERRIDE = 'checklist kept outside the product';

/**
 * `dsar report` through the real executable, over cases of 2025 in every state (worked through the
 * CaseService at explicit moments) and one deleted under the retention rules.
 */

type Step = [string, CaseCommand];

async function seed(prefix: string) {
  const table = await freshCaseTable(prefix);
  let now = '';
  const at = (moment: string) => {
    now = moment;
    return caseService(table, () => now);
  };
  const make = async (receivedAt: string, rights: Right[], ...steps: Step[]) => {
    const opened = await at(receivedAt).open(
      newCaseInput({ receivedAt, rights, requester: { name: 'Anna Hansen', email: `anna.${rights[0]}@example.com` } }),
      DPO,
    );
    let c = opened.case;
    for (const [moment, command] of steps) c = await at(moment).act(c.id, command, DPO);
    return c;
  };
  // Due 2025-03-03; answered after 17 days.
  await make(
    '2025-02-03T09:00:00+01:00',
    ['access'],
    ['2025-02-04T09:00:00Z', { type: 'start' }],
    ['2025-02-20T09:00:00Z', { type: 'respond', override: OVERRIDE }],
    ['2025-02-21T09:00:00Z', { type: 'close', outcome: 'ok', override: OVERRIDE }],
  );
  // Due 2025-04-07, extended to 2025-06-05; answered after 71 days: on time, not within one month.
  await make(
    '2025-03-05T10:00:00+01:00',
    ['access', 'erasure'],
    ['2025-03-06T09:00:00Z', { type: 'start' }],
    ['2025-03-20T09:00:00Z', { type: 'extend', reason: 'twelve systems', notifiedAt: '2025-03-20T09:00:00Z' }],
    ['2025-05-15T09:00:00Z', { type: 'respond', override: OVERRIDE }],
  );
  // Refused under 12(6) after 8 days.
  await make(
    '2025-06-02T10:00:00+02:00',
    ['erasure'],
    ['2025-06-10T09:00:00Z', { type: 'reject', basis: '12(6)', reason: 'identity never confirmed' }],
    ['2025-06-11T09:00:00Z', { type: 'close', outcome: 'refused', override: OVERRIDE }],
  );
  // Not a request.
  await make('2025-08-01T10:00:00+02:00', ['objection'], ['2025-08-02T09:00:00Z', { type: 'dismiss', reason: 'a newsletter reply' }]);
  // Due 2025-10-01; answered after 44 days: late, within three months.
  await make(
    '2025-09-01T10:00:00+02:00',
    ['portability'],
    ['2025-09-02T09:00:00Z', { type: 'start' }],
    ['2025-10-15T09:00:00Z', { type: 'respond', override: OVERRIDE }],
  );
  // Open since October, due 2025-11-03: overdue in January.
  await make('2025-10-01T10:00:00+02:00', ['access'], ['2025-10-02T09:00:00Z', { type: 'start' }]);
  // Open and waiting for identity since 2025-12-22: the pause still runs, so not overdue.
  await make(
    '2025-12-20T10:00:00+01:00',
    ['information'],
    ['2025-12-22T09:00:00Z', { type: 'pause', kind: 'identity', reason: 'asked for customer number' }],
  );
  // Received in 2024: not in the 2025 report.
  await make('2024-12-20T10:00:00+01:00', ['access']);
  // Answered after 10 days, closed, and deleted: only its statistic is left.
  const deleted = await make(
    '2025-01-10T10:00:00+01:00',
    ['rectification'],
    ['2025-01-11T09:00:00Z', { type: 'start' }],
    ['2025-01-20T09:00:00Z', { type: 'respond', override: OVERRIDE }],
    ['2025-01-21T09:00:00Z', { type: 'close', outcome: 'ok', override: OVERRIDE }],
  );
  await table.purge(deleted.id, caseStatistic(deleted, '2028-02-01T00:00:00Z'));
  expect(await table.get(deleted.id)).toBeUndefined();
}

const NOW = ['--now', '2026-01-15T12:00+01:00'];

/** The `--json` contract of `dsar report` (only add fields). */
const REPORT_2025 = {
  year: 2025,
  asOf: '2026-01-15',
  total: 7,
  perRight: { access: 3, information: 1, rectification: 1, erasure: 2, restriction: 0, portability: 1, objection: 0, marketing_opt_out: 0 },
  answered: 5,
  medianDaysToAnswer: 17,
  withinOneMonth: { count: 3, share: 0.6 },
  withinThreeMonths: { count: 5, share: 1 },
  onTime: { count: 4, share: 0.8 },
  extensions: 1,
  rejections: { total: 1, byBasis: { '11(2)': 0, '12(4)': 0, '12(5)': 0, '12(6)': 1, '15(4)': 0, '17(3)': 0, '21(1)': 0, 'DBL §22': 0 } },
  dismissed: 1,
  open: 2,
  overdueOpen: 1,
};

describe.concurrent('dsar report', { timeout: 120_000 }, () => {
  const prefix = uniquePrefix();
  const env = storeEnv(prefix);
  beforeAll(() => seed(prefix), 60_000);

  it('--json: the KPIs of live cases and deleted ones over the year', async () => {
    const result = await dsar(['report', '--year', '2025', ...NOW, '--json'], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual(REPORT_2025);
  });

  it('prints the report for people', async () => {
    const result = await dsar(['report', '--year', '2025', ...NOW], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'DSAR report 2025: requests received 2025-01-01 to 2025-12-31 (Copenhagen), as of 2026-01-15',
        'Live cases and the anonymous statistics of deleted ones.',
        '',
        'Requests                              7',
        '  access (Art. 15)                    3',
        '  information (Art. 13/14)            1',
        '  rectification (Art. 16)             1',
        '  erasure (Art. 17)                   2',
        '  restriction (Art. 18)               0',
        '  portability (Art. 20)               1',
        '  objection (Art. 21(1))              0',
        '  marketing_opt_out (Art. 21(2)-(3))  0',
        'Answered (incl. refusals)             5',
        '  median days to answer               17',
        '  within one month                    3 of 5 (60 %)',
        '  within three months                 5 of 5 (100 %)',
        '  on time (by the binding deadline)   4 of 5 (80 %)',
        'Extensions                            1',
        'Rejections                            1',
        '  under 12(6)                         1',
        'Not a request (dismissed)             1',
        'Open (not yet answered)               2',
        '  overdue                             1',
        '',
      ].join('\n'),
    );
  });

  it('defaults to the current year in Copenhagen', async () => {
    // 23:30 UTC on New Year's Eve is already 2026 in Copenhagen: nothing received yet.
    const result = await dsar(['report', '--now', '2025-12-31T23:30Z', '--json'], env);
    expect(JSON.parse(result.stdout)).toMatchObject({
      year: 2026,
      total: 0,
      answered: 0,
      medianDaysToAnswer: null,
      withinOneMonth: { count: 0, share: null },
    });
    const before = await dsar(['report', '--now', '2025-12-31T22:30Z', '--json'], env);
    expect(JSON.parse(before.stdout)).toMatchObject({ year: 2025, total: 7 });
  });

  it.each([
    [['--year', '25'], /--year "25" is not a year; write it as YYYY/],
    [['--year', 'last'], /--year "last" is not a year/],
    [['--now', '2026-01-15'], /--now <iso>' argument '2026-01-15' is invalid\. It has no UTC offset/],
    [['--csv'], /unknown option '--csv'/],
  ])('refuses %j with exit 2 and a reason', async (args, message) => {
    const result = await dsar(['report', ...args], env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});
