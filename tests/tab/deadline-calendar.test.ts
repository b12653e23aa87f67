import { describe, expect, it } from 'vitest';
import { lineOf } from '../../src/app/open-line.js';
import { Temporal, isAwaitingAnswer, legalDate, readClock, type Case } from '../../src/domain/index.js';
import { deadlineCalendar } from '../../src/tab/deadline-calendar.js';
import { rowOf } from '../../src/tab/open-rows.js';
import { openedCase, run } from '../helpers/cases.js';

/** The tab's calendar: this month and the next, cases on their binding deadline. */

const TODAY = legalDate('2026-03-20T12:00:00+01:00');
const rowFrom = (c: Case, id: string) => ({ ...rowOf(lineOf(c), readClock(c, TODAY)), id });
const running = (row: { status: Case['status'] }) => isAwaitingAnswer(row.status);

describe('deadlineCalendar', () => {
  it('puts each running case on its binding deadline; an extended one also on its first, marked; overdue ones before the period listed', () => {
    const plain = rowFrom(openedCase({ receivedAt: '2026-03-05T10:00+01:00' }), 'DSAR-2026-0001');
    const extended = rowFrom(
      run(
        openedCase({ receivedAt: '2026-03-02T10:00+01:00' }),
        ['2026-03-03T10:00:00Z', { type: 'start' }],
        ['2026-03-04T10:00:00Z', { type: 'extend', reason: 'Mange systemer', notifiedAt: '2026-03-04T10:00:00Z' }],
      ),
      'DSAR-2026-0002',
    );
    const late = rowFrom(openedCase({ receivedAt: '2026-01-10T10:00+01:00' }), 'DSAR-2026-0003');
    const calendar = deadlineCalendar([plain, extended, late], Temporal.PlainYearMonth.from('2026-03'), running);
    expect(calendar).toMatchObject({ from: '2026-03-01', to: '2026-04-30' });
    expect(calendar.months.map((m) => [m.month, m.days.length])).toEqual([
      ['2026-03', 31],
      ['2026-04', 30],
    ]);
    const all = calendar.months.flatMap((m) => m.days.flatMap((d) => d.entries));
    expect(all.find((e) => e.id === 'DSAR-2026-0001')).toMatchObject({ date: plain.due, kind: 'due', extended: false });
    // Extended to three months: the binding deadline is in June, outside; the first one (April) shows as passed over.
    expect(extended.extended).toBe(true);
    expect(all.filter((e) => e.id === 'DSAR-2026-0002')).toEqual([expect.objectContaining({ kind: 'first', date: extended.firstDue })]);
    expect(calendar.overdueBefore).toEqual([{ id: 'DSAR-2026-0003', name: 'Anna Hansen', due: late.due }]);
  });

  it('leaves out cases no longer running (answered, refused)', () => {
    const answered = run(
      openedCase({ receivedAt: '2026-03-05T10:00+01:00' }),
      ['2026-03-06T10:00:00Z', { type: 'start' }],
      ['2026-03-07T10:00:00Z', { type: 'respond', override: 'test' }],
    );
    const calendar = deadlineCalendar([rowFrom(answered, 'DSAR-2026-0004')], Temporal.PlainYearMonth.from('2026-03'), running);
    expect(calendar.months.flatMap((m) => m.days.flatMap((d) => d.entries))).toEqual([]);
  });
});
