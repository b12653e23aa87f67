import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER_POLICY,
  Temporal,
  addWorkingDays,
  dueReminders,
  sendMoment,
  type Case,
  type Reminder,
} from '../../src/domain/index.js';
import { openedCase, run } from '../helpers/cases.js';

// These cases are answered with their checklist open: what is tested here is not the checklist.
const OVERRIDE = 'checklist kept outside the product';

/** The reminder schedule over time: what is due when, DST, holidays, extension, pauses, coalescing. */

const at = (day: string, time = '09:00') =>
  Temporal.PlainDateTime.from(`${day}T${time}`).toZonedDateTime('Europe/Copenhagen').toInstant().toString();
const kinds = (rs: Reminder[]) => rs.map((r) => `${r.kind}@${r.day}`);
/** Every reminder that becomes due over the days, as a ledger would send them: each key once, most urgent per day. */
function simulate(c: Case | ((day: string) => Case), from: string, days: number): Reminder[] {
  const sent = new Set<string>();
  const out: Reminder[] = [];
  let day = Temporal.PlainDate.from(from);
  for (let i = 0; i < days; i++, day = day.add({ days: 1 })) {
    const current = typeof c === 'function' ? c(day.toString()) : c;
    const pending = dueReminders(current, at(day.toString())).filter((r) => !sent.has(r.key));
    if (pending[0]) out.push(pending[0]);
    for (const r of pending) sent.add(r.key);
  }
  return out;
}

describe('the reminder schedule', () => {
  // Received Thursday 5 March 2026: due Tuesday 7 April (Easter: 5 April Sunday, 6 April 2. påskedag).
  const c = openedCase({ receivedAt: '2026-03-05T10:00+01:00' }, '2026-03-05T10:05:00Z');

  it('over a quiet case: unconfirmed, extension decision, 7/3/1 days, the day, then daily overdue', () => {
    expect(kinds(simulate(c, '2026-03-05', 36))).toEqual([
      'unconfirmed@2026-03-10',
      'extension_decision@2026-03-31',
      'due_soon@2026-04-04',
      'due_soon@2026-04-06',
      'due_today@2026-04-07',
      'overdue@2026-04-08',
      'overdue@2026-04-09',
    ]);
  });

  it('counts unconfirmed days as Danish working days', () => {
    // Received Wednesday 1 April 2026: Thursday 2 (skærtorsdag), Friday 3 (langfredag), weekend, Monday 6 (2. påskedag).
    expect(addWorkingDays(Temporal.PlainDate.from('2026-04-01'), 3).toString()).toBe('2026-04-09');
    const easter = openedCase({ receivedAt: '2026-04-01T09:00+02:00' }, '2026-04-01T08:00:00Z');
    expect(kinds(dueReminders(easter, at('2026-04-09')))).toEqual(['unconfirmed@2026-04-09']);
    expect(dueReminders(easter, at('2026-04-08'))).toEqual([]);
  });

  it('sends at 08:00 Copenhagen time, in winter and in summer time alike', () => {
    expect(sendMoment(Temporal.PlainDate.from('2026-03-28'), 8).toString()).toBe('2026-03-28T07:00:00Z');
    expect(sendMoment(Temporal.PlainDate.from('2026-03-29'), 8).toString()).toBe('2026-03-29T06:00:00Z'); // DST starts that night
    expect(sendMoment(Temporal.PlainDate.from('2026-10-25'), 8).toString()).toBe('2026-10-25T07:00:00Z'); // and ends
    expect(dueReminders(c, '2026-03-31T05:59:59Z')).toEqual(dueReminders(c, '2026-03-30T12:00:00Z'));
    expect(kinds(dueReminders(c, '2026-03-31T06:00:00Z'))[0]).toBe('extension_decision@2026-03-31');
  });

  it('moves with an extension: the extended deadline gets its own reminders, the old ones vanish', () => {
    const extended = run(
      c,
      ['2026-03-20T10:00:00Z', { type: 'start' }],
      ['2026-03-20T10:01:00Z', { type: 'extend', reason: 'mange systemer', notifiedAt: '2026-03-20T10:01:00Z' }],
    );
    // Extended due: 5 June 2026 (Grundlovsdag is not a public holiday; a Friday).
    expect(extended.deadlines.extendedDue).toBe('2026-06-05');
    expect(kinds(simulate(extended, '2026-03-21', 78))).toEqual([
      'due_soon@2026-05-29',
      'due_soon@2026-06-02',
      'due_soon@2026-06-04',
      'due_today@2026-06-05',
      'overdue@2026-06-06',
    ]);
  });

  it('an extension nobody was told of moves nothing: the reminders stay on the first deadline', () => {
    const decided = run(
      c,
      ['2026-03-20T10:00:00Z', { type: 'start' }],
      ['2026-03-20T10:01:00Z', { type: 'extend', reason: 'mange systemer' }],
    );
    const reminders = simulate(decided, '2026-03-21', 78);
    expect(kinds(reminders)).toContain('due_today@2026-04-07');
    expect(kinds(reminders)).toContain('overdue@2026-04-08');
    expect(new Set(reminders.map((r) => r.due))).toEqual(new Set(['2026-04-07']));
  });

  it('while paused for identity: only weekly "still waiting", then the moved deadline', () => {
    const started = run(
      c,
      ['2026-03-06T10:00:00Z', { type: 'start' }],
      ['2026-03-10T10:00:00Z', { type: 'pause', kind: 'identity', reason: 'navn passer ikke' }],
    );
    const resumedOn = '2026-03-30';
    const timeline = (day: string) =>
      day < resumedOn ? started : run(started, [`${resumedOn}T10:00:00Z`, { type: 'resume', on: resumedOn, identityMethod: 'MitID' }]);
    const sent = kinds(simulate(timeline, '2026-03-06', 60));
    expect(sent.slice(0, 2)).toEqual(['paused@2026-03-17', 'paused@2026-03-24']);
    // 20 days paused: due 7 April + 20 = 27 April (a Monday).
    expect(sent).toContain('due_today@2026-04-27');
    expect(sent.some((s) => s.startsWith('due_soon@2026-04-0'))).toBe(false);
  });

  it('stops once the request is answered, refused or dismissed', () => {
    const answered = run(c, ['2026-03-06T10:00:00Z', { type: 'start' }], ['2026-03-20T10:00:00Z', { type: 'respond', override: OVERRIDE }]);
    expect(dueReminders(answered, at('2026-04-10'))).toEqual([]);
    const dismissed = run(c, ['2026-03-06T10:00:00Z', { type: 'dismiss', reason: 'nyhedsbrev' }]);
    expect(dueReminders(dismissed, at('2026-04-10'))).toEqual([]);
  });

  it('after ten days of downtime offers the most urgent first, and one per key', () => {
    const due = dueReminders(c, at('2026-04-12'));
    expect(due[0]!.kind).toBe('overdue');
    expect(due[0]!.day).toBe('2026-04-12');
    expect(new Set(due.map((r) => r.key)).size).toBe(due.length);
    expect(kinds(due)).toContain('due_today@2026-04-07');
  });

  it('never reminds about days before the case existed; an unconfirmed case opened late is reminded the day it opens', () => {
    // Registered late (a letter found in a drawer): received 2 March, due 7 April (Easter), opened 4 April.
    // The extension (31 March) reminder could never have gone out; 3 days before can. Unconfirmed was due
    // 5 March, counted from receipt: it is due at once rather than never.
    const late = openedCase({ receivedAt: '2026-03-02T10:00+01:00' }, '2026-04-04T10:00:00Z');
    expect(kinds(dueReminders(late, at('2026-04-04')))).toEqual(['due_soon@2026-04-04', 'unconfirmed@2026-04-04']);
  });

  it('a mail that waited before intake opened its case: unconfirmed on the normal schedule from receipt', () => {
    // Received Monday 2 March; the case was opened Tuesday 3 March (the bot came later): due Thursday 5 March.
    const waited = openedCase({ receivedAt: '2026-03-02T10:00+01:00' }, '2026-03-03T15:00:00Z');
    expect(kinds(dueReminders(waited, at('2026-03-04')))).toEqual([]);
    expect(kinds(dueReminders(waited, at('2026-03-05')))).toEqual(['unconfirmed@2026-03-05']);
    // Opened a week after receipt, in the afternoon: due at once, that day.
    const week = openedCase({ receivedAt: '2026-03-02T10:00+01:00' }, '2026-03-09T13:00:00Z');
    expect(kinds(dueReminders(week, '2026-03-09T13:00:00Z'))).toEqual(['unconfirmed@2026-03-09']);
  });

  it('property: an unconfirmed case has its reminder by max(receipt + 3 working days, the day it was opened)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 40 * 24 }),
        (received, hoursLater) => {
          const receivedAt = received.toISOString();
          const created = new Date(received.getTime() + hoursLater * 3600_000);
          const c2 = openedCase({ receivedAt }, created.toISOString());
          const receivedDay = Temporal.Instant.from(receivedAt).toZonedDateTimeISO('Europe/Copenhagen').toPlainDate();
          const createdDay = Temporal.Instant.from(created.toISOString()).toZonedDateTimeISO('Europe/Copenhagen').toPlainDate();
          const normal = addWorkingDays(receivedDay, 3);
          const expected = Temporal.PlainDate.compare(normal, createdDay) < 0 ? createdDay : normal;
          // A day after that day's send hour (and after the case was opened), the reminder is due, on that day.
          const later = sendMoment(expected.add({ days: 1 }), 9).toString();
          const unconfirmed = dueReminders(c2, later).find((r) => r.kind === 'unconfirmed');
          expect(unconfirmed?.day).toBe(expected.toString());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: every due reminder is due (its moment has passed, not before the case), sorted by urgency', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 200 * 24 }),
        (received, hoursLater) => {
          const receivedAt = received.toISOString();
          const c2 = openedCase({ receivedAt }, receivedAt);
          const now = new Date(received.getTime() + hoursLater * 3600_000).toISOString();
          const due = dueReminders(c2, now, DEFAULT_REMINDER_POLICY);
          for (const r of due) {
            expect(Date.parse(r.at)).toBeLessThanOrEqual(Date.parse(now));
            expect(r.day >= c2.createdAt.slice(0, 10) || r.day >= c2.deadlines.receivedDate).toBe(true);
          }
          for (let i = 1; i < due.length; i++) expect(due[i - 1]!.urgency).toBeGreaterThanOrEqual(due[i]!.urgency);
        },
      ),
      { numRuns: 300 },
    );
  });
});
