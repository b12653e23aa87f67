import { describe, expect, it } from 'vitest';
import { computeDeadlines, countPausedDays, type PauseSpan } from '../../src/domain/deadlines.js';
import { DomainError } from '../../src/domain/errors.js';
import { Temporal } from 'temporal-polyfill';

const due = (receivedAt: string, pauses: PauseSpan[] = []) => computeDeadlines({ receivedAt, pauses });

describe('deadline engine: worked examples (gdpr-rules §1)', () => {
  it('2026-03-05 10:00+01:00 -> due 2026-04-07 over Easter, extended 2026-06-05 on grundlovsdag', () => {
    expect(due('2026-03-05T10:00+01:00')).toEqual({
      receivedDate: '2026-03-05',
      due: '2026-04-07',
      extendedDue: '2026-06-05',
      pausedDays: 0,
      extensionNoticeBy: '2026-04-07',
    });
  });

  it('2026-01-30T23:30Z is already 31 January in Copenhagen -> due 2026-03-02, extended 2026-04-30', () => {
    expect(due('2026-01-30T23:30:00Z')).toMatchObject({ receivedDate: '2026-01-31', due: '2026-03-02', extendedDue: '2026-04-30' });
  });

  it('2026-03-02 with a pause 2026-03-03/2026-03-10 -> due 2026-04-09', () => {
    expect(due('2026-03-02T09:00+01:00', [{ from: '2026-03-03', to: '2026-03-10' }])).toMatchObject({ due: '2026-04-09', pausedDays: 7 });
  });
});

describe('day of receipt is the calendar date in Copenhagen', () => {
  it.each([
    ['2026-01-30T22:59:59Z', '2026-01-30'], // 23:59:59 CET
    ['2026-01-30T23:00:00Z', '2026-01-31'], // midnight CET
    ['2026-06-30T21:59:59Z', '2026-06-30'], // 23:59:59 CEST
    ['2026-06-30T22:00:00Z', '2026-07-01'], // midnight CEST
    ['2026-03-05T00:30+05:00', '2026-03-04'], // sent from Asia: still the 4th in Copenhagen
    ['2026-03-04T20:30-05:00', '2026-03-05'], // sent from New York: already the 5th
    ['2026-03-29T01:30:00Z', '2026-03-29'], // the night clocks go forward
    ['2026-10-24T22:30:00Z', '2026-10-25'], // the night clocks go back
  ])('%s is received on %s', (instant, date) => {
    expect(due(instant).receivedDate).toBe(date);
  });
});

describe('one month later, clamped to the end of a shorter month (1182/71 Art. 3(2)(c))', () => {
  it.each([
    ['2026-09-08T10:00+02:00', '2026-10-08'], // same date, a Thursday
    ['2026-08-31T10:00+02:00', '2026-09-30'], // no 31 September
    ['2026-03-31T10:00+02:00', '2026-04-30'], // no 31 April
    ['2024-01-31T10:00+01:00', '2024-02-29'], // leap year
    ['2026-12-15T10:00+01:00', '2027-01-15'], // over the year end
  ])('received %s -> due %s', (receivedAt, expected) => {
    expect(due(receivedAt).due).toBe(expected);
  });

  it('31 January 2026 -> 28 February 2026, a Saturday, so Monday 2 March', () => {
    expect(due('2026-01-31T10:00+01:00').due).toBe('2026-03-02');
  });
});

describe('rolled to the next working day (1182/71 Art. 3(4))', () => {
  it.each([
    ['Saturday', '2026-10-07T10:00+02:00', '2026-11-09'],
    ['Sunday', '2026-10-08T10:00+02:00', '2026-11-09'],
    ['juledag + 2. juledag + weekend', '2026-11-25T10:00+01:00', '2026-12-28'],
    ['nytårsdag', '2026-12-01T10:00+01:00', '2027-01-04'],
    ['Kristi himmelfartsdag', '2026-04-14T10:00+02:00', '2026-05-15'],
    ['2. pinsedag', '2026-04-25T10:00+02:00', '2026-05-26'],
    ['skærtorsdag: five days, to the Tuesday after Easter', '2026-03-02T10:00+01:00', '2026-04-07'],
    ['store bededag 2023', '2023-04-05T10:00+02:00', '2023-05-08'],
  ])('%s', (_what, receivedAt, expected) => {
    expect(due(receivedAt).due).toBe(expected);
  });

  it.each([
    ['grundlovsdag', '2026-05-05T10:00+02:00', '2026-06-05'],
    ['juleaftensdag', '2026-11-24T10:00+01:00', '2026-12-24'],
    ['1. maj', '2026-04-01T10:00+02:00', '2026-05-01'],
    ['the Friday that was store bededag before 2024', '2024-03-26T10:00+01:00', '2024-04-26'],
  ])('is not rolled over %s (product rule)', (_what, receivedAt, expected) => {
    expect(due(receivedAt).due).toBe(expected);
  });

  it('is not rolled over nytårsaftensdag', () => {
    // 24 November + 1 month + 7 paused days = Thursday 31 December.
    expect(due('2026-11-24T10:00+01:00', [{ from: '2026-11-25', to: '2026-12-02' }]).due).toBe('2026-12-31');
  });
});

describe('extended deadline: receipt + 3 months, same rules', () => {
  it('counts from receipt, not from the first deadline', () => {
    // From the first deadline (2 March) + 2 months it would be 4 May; from receipt it is 30 April.
    expect(due('2026-01-31T10:00+01:00').extendedDue).toBe('2026-04-30');
  });

  it('is clamped and rolled like the first', () => {
    expect(due('2026-11-30T10:00+01:00').extendedDue).toBe('2027-03-01'); // clamped to Sunday 28 Feb 2027, rolled to Monday
    expect(due('2026-03-05T10:00+01:00').extendedDue).toBe('2026-06-05'); // grundlovsdag not rolled
  });

  it('the extension must be notified by the first deadline', () => {
    const d = due('2026-03-02T10:00+01:00', [{ from: '2026-03-03', to: '2026-03-10' }]);
    expect(d.extensionNoticeBy).toBe(d.due);
  });
});

describe('pauses (EDPB §159, product rule)', () => {
  it('add the paused calendar days to both deadlines', () => {
    const d = due('2026-03-02T10:00+01:00', [{ from: '2026-03-03', to: '2026-03-10' }]);
    expect(d).toMatchObject({ due: '2026-04-09', extendedDue: '2026-06-09', pausedDays: 7 });
  });

  it('are added to the unrolled date before rolling, not after', () => {
    // Unrolled 5 April (Easter Sunday) + 1 day = 6 April (2. påskedag) -> 7 April. Rolling first would give 8 April.
    expect(due('2026-03-05T10:00+01:00', [{ from: '2026-03-06', to: '2026-03-07' }]).due).toBe('2026-04-07');
  });

  it('count overlapping days once', () => {
    const d = due('2026-03-02T10:00+01:00', [
      { from: '2026-03-03', to: '2026-03-10' },
      { from: '2026-03-05', to: '2026-03-12' },
    ]);
    expect(d.pausedDays).toBe(9);
    expect(d.due).toBe('2026-04-13'); // 2 April + 9 = Saturday 11 April -> Monday
  });

  it('count adjacent and nested pauses correctly, and a same-day pause as zero', () => {
    const spans = (list: [string, string][]) =>
      list.map(([from, to]) => ({ from: Temporal.PlainDate.from(from), to: Temporal.PlainDate.from(to) }));
    expect(
      countPausedDays(
        spans([
          ['2026-03-03', '2026-03-05'],
          ['2026-03-05', '2026-03-07'],
        ]),
      ),
    ).toBe(4);
    expect(
      countPausedDays(
        spans([
          ['2026-03-01', '2026-03-20'],
          ['2026-03-05', '2026-03-07'],
        ]),
      ),
    ).toBe(19);
    expect(countPausedDays(spans([['2026-03-03', '2026-03-03']]))).toBe(0);
    expect(countPausedDays([])).toBe(0);
  });

  it('may start on the day of receipt', () => {
    expect(due('2026-03-02T10:00+01:00', [{ from: '2026-03-02', to: '2026-03-04' }]).pausedDays).toBe(2);
  });
});

describe('invalid input is refused with a reason', () => {
  const rejects = (fn: () => unknown, message: RegExp) => {
    expect(fn).toThrow(DomainError);
    expect(fn).toThrow(message);
  };

  it('a date-time without UTC offset', () => rejects(() => due('2026-03-05T10:00'), /has no UTC offset/));
  it('a date without time', () => rejects(() => due('2026-03-05'), /has no UTC offset/));
  it('something that is not a date', () => rejects(() => due('next tuesday'), /not an ISO 8601 date-time/));
  it('an impossible date', () => rejects(() => due('2026-02-30T10:00Z'), /not an ISO 8601 date-time/));
  it('a pause that ends before it starts', () =>
    rejects(() => due('2026-03-02T10:00Z', [{ from: '2026-03-10', to: '2026-03-03' }]), /ends before it starts/));
  it('a pause before receipt', () =>
    rejects(() => due('2026-03-02T10:00Z', [{ from: '2026-03-01', to: '2026-03-03' }]), /before the request was received/));
  it('a pause with a malformed date', () =>
    rejects(() => due('2026-03-02T10:00Z', [{ from: '2026-03-03', to: '2026-3-9' }]), /YYYY-MM-DD/));
  it('a pause with an impossible date', () =>
    rejects(() => due('2026-03-02T10:00Z', [{ from: '2026-03-03', to: '2026-02-30' }]), /not a valid calendar date/));
});
