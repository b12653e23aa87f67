import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY, Temporal, dueReminders, nextReminderAt, type Case, type CaseCommand } from '../../src/domain/index.js';
import { openedCase, run } from '../helpers/cases.js';

/** nextReminderAt against dueReminders: nothing new can become due before the moment it answers, and something does at it. */

const DAY_MS = 86_400_000;
const base = Date.parse('2026-01-05T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A case received on a random day, opened up to 40 days later (mail that waited), then maybe started, extended or paused. */
const cases = fc
  .record({
    receivedDay: fc.integer({ min: 0, max: 300 }),
    openedAfterMs: fc.integer({ min: 0, max: 40 * DAY_MS }),
    step: fc.constantFrom('none', 'start', 'extend', 'pause', 'pause-resume', 'dismiss'),
    stepAfterMs: fc.integer({ min: 0, max: 30 * DAY_MS }),
  })
  .map(({ receivedDay, openedAfterMs, step, stepAfterMs }): Case => {
    const received = base + receivedDay * DAY_MS + 9 * 3_600_000;
    const opened = received + openedAfterMs;
    const c = openedCase({ receivedAt: iso(received) }, iso(opened));
    const t = (ms: number) => iso(opened + stepAfterMs + ms);
    const steps: Record<string, [string, CaseCommand][]> = {
      none: [],
      start: [[t(0), { type: 'start' }]],
      extend: [
        [t(0), { type: 'start' }],
        [t(60_000), { type: 'extend', reason: 'mange systemer', notifiedAt: t(60_000) }],
      ],
      pause: [
        [t(0), { type: 'start' }],
        [t(60_000), { type: 'pause', kind: 'identity', reason: 'navn passer ikke' }],
      ],
      'pause-resume': [
        [t(0), { type: 'start' }],
        [t(60_000), { type: 'pause', kind: 'identity', reason: 'navn passer ikke' }],
        [t(9 * DAY_MS), { type: 'resume', on: t(9 * DAY_MS).slice(0, 10), identityMethod: 'MitID' }],
      ],
      dismiss: [[t(0), { type: 'dismiss', reason: 'nyhedsbrev' }]],
    };
    try {
      return run(c, ...(steps[step] ?? []));
    } catch {
      return c; // a command the case refuses at that moment: the case as opened is just as good a sample
    }
  });

const keys = (c: Case, at: string) => new Set(dueReminders(c, at).map((r) => r.key));

describe('nextReminderAt', () => {
  it('no reminder becomes due strictly between `after` and the answer; at the answer one does (or it is the horizon)', () => {
    fc.assert(
      fc.property(
        cases,
        fc.integer({ min: 0, max: 120 * DAY_MS }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        (c, offset, fractions) => {
          const after = iso(Date.parse(c.createdAt) - 5 * DAY_MS + offset);
          const next = nextReminderAt(c, after);
          const before = keys(c, after);
          if (next === undefined) {
            // Not awaiting an answer: nothing is due at any later moment either.
            for (const f of fractions) expect(keys(c, iso(Date.parse(after) + f * 200 * DAY_MS)).size).toBe(0);
            return;
          }
          const span = Date.parse(next) - Date.parse(after);
          expect(span).toBeGreaterThan(0);
          for (const f of [...fractions, 0.999_999]) {
            const t = iso(Date.parse(after) + Math.floor(f * span));
            if (Date.parse(t) >= Date.parse(next)) continue; // by instant: the two spellings differ in milliseconds
            for (const key of keys(c, t)) expect(before.has(key), `${key} due at ${t}, before ${next}`).toBe(true);
          }
          const atNext = keys(c, next);
          const horizon = Temporal.Instant.from(after).until(Temporal.Instant.from(next)).total('days') >= 60;
          if (!horizon) expect([...atNext].some((k) => !before.has(k))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a case opened from mail that waited: its reminders are due at once, and the next one is the next morning', () => {
    // Received 5 March, opened 9 April 10:00 (Copenhagen): overdue already.
    const c = openedCase({ receivedAt: '2026-03-05T10:00+01:00' }, '2026-04-09T08:00:00Z');
    expect(dueReminders(c, '2026-04-09T08:00:00Z').map((r) => r.kind)[0]).toBe('overdue');
    expect(nextReminderAt(c, '2026-04-09T08:00:00Z', DEFAULT_REMINDER_POLICY)).toBe('2026-04-10T06:00:00Z');
  });
});
