import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { computeDeadlines, type PauseSpan } from '../../src/domain/deadlines.js';
import { isWorkingDay } from '../../src/domain/holidays.js';

/**
 * Properties of the deadline engine over receipt moments from 2000 to 2099, with oracles that do not
 * reuse the engine's own arithmetic: the Copenhagen date comes from Intl, month clamping is done by hand.
 */

const copenhagenDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const instants = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-09-30T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const plain = (iso: string) => Temporal.PlainDate.from(iso);
const days = (from: string, to: string) => plain(from).until(plain(to), { largestUnit: 'day' }).days;

/** Receipt date + n months by hand: same day, or the last day of the target month. */
function addMonthsByHand(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Up to three pauses starting on or after the receipt date, as offsets in days. */
const pausesAfter = (receivedAt: string) =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 20 })), { maxLength: 3 }).map((list): PauseSpan[] => {
    const received = plain(computeDeadlines({ receivedAt }).receivedDate);
    return list.map(([start, length]) => ({
      from: received.add({ days: start }).toString(),
      to: received.add({ days: start + length }).toString(),
    }));
  });

const withPauses = instants.chain((receivedAt) => pausesAfter(receivedAt).map((pauses) => ({ receivedAt, pauses })));

describe('deadline properties', () => {
  it('the day of receipt is the Copenhagen calendar date of the moment', () => {
    fc.assert(
      fc.property(instants, (receivedAt) => {
        expect(computeDeadlines({ receivedAt }).receivedDate).toBe(copenhagenDate.format(new Date(receivedAt)));
      }),
    );
  });

  it('both deadlines are working days', () => {
    fc.assert(
      fc.property(withPauses, ({ receivedAt, pauses }) => {
        const d = computeDeadlines({ receivedAt, pauses });
        expect(isWorkingDay(plain(d.due))).toBe(true);
        expect(isWorkingDay(plain(d.extendedDue))).toBe(true);
      }),
    );
  });

  it('a deadline is never earlier than the unrolled date (receipt + months + paused days)', () => {
    fc.assert(
      fc.property(withPauses, ({ receivedAt, pauses }) => {
        const d = computeDeadlines({ receivedAt, pauses });
        const unrolled = plain(addMonthsByHand(d.receivedDate, 1)).add({ days: d.pausedDays }).toString();
        const unrolledExtended = plain(addMonthsByHand(d.receivedDate, 3)).add({ days: d.pausedDays }).toString();
        expect(days(unrolled, d.due)).toBeGreaterThanOrEqual(0);
        expect(days(unrolledExtended, d.extendedDue)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('the deadline is the FIRST working day on or after the unrolled date', () => {
    fc.assert(
      fc.property(instants, (receivedAt) => {
        const d = computeDeadlines({ receivedAt });
        const unrolled = plain(addMonthsByHand(d.receivedDate, 1));
        for (let day = unrolled; Temporal.PlainDate.compare(day, plain(d.due)) < 0; day = day.add({ days: 1 })) {
          expect(isWorkingDay(day), `${day.toString()} lies before the due date ${d.due} but is a working day`).toBe(false);
        }
      }),
    );
  });

  it('without pauses the roll is at most 5 days (4 for every unrolled date except skærtorsdag)', () => {
    // The floor says "never more than 4 days": Easter makes 5 possible (Thu..Mon are all closed).
    fc.assert(
      fc.property(instants, (receivedAt) => {
        const d = computeDeadlines({ receivedAt });
        const unrolled = addMonthsByHand(d.receivedDate, 1);
        const rolled = days(unrolled, d.due);
        expect(rolled).toBeLessThanOrEqual(5);
        if (rolled === 5) expect(plain(unrolled).dayOfWeek).toBe(4); // a Thursday: skærtorsdag
      }),
    );
  });

  it('a later receipt never gives an earlier deadline (monotone)', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 60 * 24 * 40 }), (receivedAt, minutesLater) => {
        const later = Temporal.Instant.from(receivedAt).add({ minutes: minutesLater }).toString();
        const a = computeDeadlines({ receivedAt });
        const b = computeDeadlines({ receivedAt: later });
        expect(days(a.due, b.due)).toBeGreaterThanOrEqual(0);
        expect(days(a.extendedDue, b.extendedDue)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('pausing never shortens a deadline, and paused days are the union of the paused spans', () => {
    fc.assert(
      fc.property(withPauses, ({ receivedAt, pauses }) => {
        const paused = computeDeadlines({ receivedAt, pauses });
        const unpaused = computeDeadlines({ receivedAt });
        const dayUnion = new Set(
          pauses.flatMap(({ from, to }) => Array.from({ length: days(from, to) }, (_, i) => plain(from).add({ days: i }).toString())),
        );
        expect(paused.pausedDays).toBe(dayUnion.size);
        expect(days(unpaused.due, paused.due)).toBeGreaterThanOrEqual(0);
        expect(days(unpaused.extendedDue, paused.extendedDue)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('the extended deadline is never before the first, and notice is due by the first', () => {
    fc.assert(
      fc.property(withPauses, ({ receivedAt, pauses }) => {
        const d = computeDeadlines({ receivedAt, pauses });
        expect(days(d.due, d.extendedDue)).toBeGreaterThan(0);
        expect(d.extensionNoticeBy).toBe(d.due);
      }),
    );
  });
});
