import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineEvent, isAwaitingAnswer, legalDate, readClock, type Case, type CaseCommand } from '../../src/domain/index.js';
import { openedCase, run } from '../helpers/cases.js';

/** The Outlook event a case has: on the binding deadline while it waits for its answer, never naming the person. */

const DAY_MS = 86_400_000;
const base = Date.parse('2026-01-05T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const cases = fc
  .record({
    receivedDay: fc.integer({ min: 0, max: 300 }),
    name: fc.string({ minLength: 2, maxLength: 20 }).filter((s) => s.trim().length > 1 && !/[^\p{L} ]/u.test(s)),
    step: fc.constantFrom('none', 'start', 'extend', 'pause', 'dismiss', 'respond'),
    stepAfterDays: fc.integer({ min: 0, max: 25 }),
    lookDays: fc.integer({ min: 0, max: 120 }),
  })
  .map(({ receivedDay, name, step, stepAfterDays, lookDays }) => {
    const received = base + receivedDay * DAY_MS;
    const c = openedCase(
      { receivedAt: iso(received), requester: { name: `Xq ${name}`, email: 'xq.person@example.org' } },
      iso(received + 60_000),
    );
    const t = (ms: number) => iso(received + stepAfterDays * DAY_MS + ms);
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
      dismiss: [[t(0), { type: 'dismiss', reason: 'nyhedsbrev' }]],
      respond: [
        [t(0), { type: 'start' }],
        [t(60_000), { type: 'respond', override: 'testet' } as CaseCommand],
      ],
    };
    let out: Case = c;
    try {
      out = run(c, ...(steps[step] ?? []));
    } catch {
      // a command the case refuses at that moment: the case as it was is just as good a sample
    }
    return { c: out, today: legalDate(iso(received + lookDays * DAY_MS)) };
  });

describe('deadlineEvent', () => {
  it('exists exactly while the case waits for its answer, on the deadline that binds it that day', () => {
    fc.assert(
      fc.property(cases, fc.constantFrom('da' as const, 'en' as const), ({ c, today }, lang) => {
        const event = deadlineEvent(c, today, lang);
        expect(event !== undefined).toBe(isAwaitingAnswer(c.status));
        if (event) expect(event.date).toBe(readClock(c, today).due);
      }),
    );
  });

  it('never names the person (the calendar may be shared) and always names the case', () => {
    fc.assert(
      fc.property(cases, ({ c, today }) => {
        const event = deadlineEvent(c, today, 'da');
        if (!event) return;
        const text = `${event.subject}\n${event.body}`;
        expect(text).not.toContain('Xq ');
        expect(text).not.toContain('xq.person');
        expect(event.subject).toContain(c.id);
      }),
    );
  });

  it('says when the deadline is extended or paused, with the first deadline and a long Danish date', () => {
    const c = openedCase({ receivedAt: '2026-03-05T10:00+01:00' }, '2026-03-05T10:05:00Z');
    const extended = run(
      c,
      ['2026-03-06T09:00:00Z', { type: 'start' }],
      ['2026-03-06T09:01:00Z', { type: 'extend', reason: 'mange systemer', notifiedAt: '2026-03-06T09:01:00Z' }],
    );
    const event = deadlineEvent(extended, legalDate('2026-03-10T09:00:00Z'), 'da')!;
    expect(event.date).toBe(extended.deadlines.extendedDue);
    expect(event.subject).toBe(`GDPR-frist: ${c.id} (indsigt) – forlænget`);
    expect(event.body).toContain(`den første frist var den 7. april 2026`);
    const paused = run(
      c,
      ['2026-03-06T09:00:00Z', { type: 'start' }],
      ['2026-03-06T09:01:00Z', { type: 'pause', kind: 'identity', reason: 'navn passer ikke' }],
    );
    const a = deadlineEvent(paused, legalDate('2026-03-10T09:00:00Z'), 'en')!;
    const b = deadlineEvent(paused, legalDate('2026-03-11T09:00:00Z'), 'en')!;
    expect(a.subject).toContain('paused');
    expect(b.date > a.date).toBe(true);
    expect(b.fingerprint).not.toBe(a.fingerprint);
  });
});
