import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  CASE_STATUSES,
  caseStatistic,
  computeDeadlines,
  isDueForDeletion,
  isOpen,
  type Case,
  type CaseCommand,
} from '../../src/domain/index.js';
import { openedCase, run } from '../helpers/cases.js';

// These cases are answered with their checklist open: what is tested here is not the checklist.
const OVERRIDE = 'checklist kept outside the product';

/** The anonymous statistic a deleted case leaves, and when a case is due for deletion. */

// Received Thursday 5 March 2026: due 2026-04-07 (Easter), extended due 2026-06-05 (gdpr-rules §1).
const received = () =>
  openedCase({
    requester: { name: 'Anna Hansen', email: 'anna@example.com', address: 'Vestergade 1, 8000 Aarhus' },
    rights: ['access', 'erasure'],
    sourceMessages: [{ internetMessageId: '<anna-1@mail.example.com>' }],
    // Anna asked before: what makes a refusal as repetitive (Art. 12(5)) possible at all.
    earlierCases: ['DSAR-2025-0031'],
  });
const started = () => run(received(), ['2026-03-06T09:00:00Z', { type: 'start', identity: { method: 'customer number and call-back' } }]);

describe('caseStatistic', () => {
  it('an answered and closed case: the dates, the timing and nothing personal', () => {
    const c = run(
      started(),
      ['2026-03-10T09:00:00Z', { type: 'add_note', text: 'she mentioned her divorce' }],
      ['2026-03-20T15:00:00Z', { type: 'respond', summary: 'copy sent to Anna', override: OVERRIDE }],
      ['2026-03-21T08:00:00Z', { type: 'close', outcome: 'Anna was satisfied', override: OVERRIDE }],
    );
    const stat = caseStatistic(c, '2029-06-01T12:00:00Z');
    expect(stat).toEqual({
      caseId: 'DSAR-2026-0001',
      rights: ['access', 'erasure'],
      receivedDate: '2026-03-05',
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
    });
    const json = JSON.stringify(stat);
    for (const personal of ['Anna', 'anna@', 'Vestergade', 'divorce', 'copy sent', 'satisfied', 'anna-1', 'call-back', 'Lasse'])
      expect(json).not.toContain(personal);
  });

  it('a late answer: after the first deadline without an extension', () => {
    const c = run(started(), ['2026-04-08T10:00:00Z', { type: 'respond', override: OVERRIDE }]);
    expect(caseStatistic(c, '2026-05-01T10:00:00Z')).toMatchObject({
      status: 'responded',
      outcome: 'answered',
      answeredDate: '2026-04-08',
      daysToAnswer: 34,
      onTime: false,
      withinOneMonth: false,
      withinThreeMonths: true,
      closedDate: null,
    });
  });

  it('an extended case answered by the extended deadline is on time, but not within one month', () => {
    const c = run(
      started(),
      ['2026-03-20T10:00:00Z', { type: 'extend', reason: 'many systems', notifiedAt: '2026-03-20T10:00:00Z' }],
      ['2026-06-05T10:00:00Z', { type: 'respond', override: OVERRIDE }],
    );
    expect(caseStatistic(c, '2026-07-01T10:00:00Z')).toMatchObject({
      extended: true,
      extendedDue: '2026-06-05',
      onTime: true,
      withinOneMonth: false,
      withinThreeMonths: true,
      daysToAnswer: 92,
    });
  });

  it('a refusal is an answer: its date and legal basis, not its reasons', () => {
    const c = run(
      received(),
      ['2026-03-09T10:00:00Z', { type: 'reject', basis: '12(5)', reason: 'Anna asked three times this week' }],
      ['2026-03-10T10:00:00Z', { type: 'close', outcome: 'refused', override: OVERRIDE }],
    );
    const stat = caseStatistic(c, '2026-04-01T10:00:00Z');
    expect(stat).toMatchObject({
      status: 'closed',
      outcome: 'rejected',
      refusalBasis: '12(5)',
      answeredDate: '2026-03-09',
      daysToAnswer: 4,
      onTime: true,
    });
    expect(JSON.stringify(stat)).not.toContain('three times');
  });

  it('a dismissed case has no answer and no timing', () => {
    const c = run(received(), ['2026-03-06T10:00:00Z', { type: 'dismiss', reason: 'a webinar invitation' }]);
    expect(caseStatistic(c, '2026-04-01T10:00:00Z')).toMatchObject({
      status: 'dismissed',
      outcome: 'dismissed',
      answeredDate: null,
      closedDate: '2026-03-06',
      daysToAnswer: null,
      onTime: null,
      withinOneMonth: null,
      withinThreeMonths: null,
    });
  });

  it('a pending case with a running pause: the deadlines as of now, like its clock', () => {
    const c = run(started(), ['2026-03-10T10:00:00Z', { type: 'pause', kind: 'clarification', reason: 'which account?' }]);
    const early = caseStatistic(c, '2026-03-12T10:00:00Z');
    const later = caseStatistic(c, '2026-03-20T10:00:00Z');
    expect(early).toMatchObject({ outcome: 'pending', status: 'awaiting_identity', pausedDays: 2, answeredDate: null, onTime: null });
    expect(later.pausedDays).toBe(10);
    expect(later.due > early.due).toBe(true);
  });
});

describe('isDueForDeletion', () => {
  const closed = () =>
    run(
      started(),
      ['2026-03-20T15:00:00Z', { type: 'respond', override: OVERRIDE }],
      ['2026-03-21T08:00:00Z', { type: 'close', outcome: 'done', override: OVERRIDE }],
    );

  it('from the day after the delete-after date, in Copenhagen', () => {
    const c = closed();
    expect(c.deleteAfter).toBe('2029-03-21');
    expect(isDueForDeletion(c, '2029-03-21T12:00:00+01:00')).toBe(false);
    expect(isDueForDeletion(c, '2029-03-21T22:59:59Z')).toBe(false); // 23:59 in Copenhagen
    expect(isDueForDeletion(c, '2029-03-21T23:00:00Z')).toBe(true); // midnight in Copenhagen
    expect(isDueForDeletion(c, '2035-01-01T00:00:00Z')).toBe(true);
  });

  it('dismissed cases too; open cases never, however old', () => {
    const dismissed = run(received(), ['2026-03-06T10:00:00Z', { type: 'dismiss', reason: 'spam' }]);
    expect(isDueForDeletion(dismissed, '2029-03-07T12:00:00Z')).toBe(true);
    const refused = run(received(), ['2026-03-09T10:00:00Z', { type: 'reject', basis: '12(5)', reason: 'repeated' }]);
    expect(refused.status).toBe('rejected'); // refused but not closed: still open
    expect(isDueForDeletion(refused, '2099-01-01T00:00:00Z')).toBe(false);
    expect(isDueForDeletion({ status: 'in_progress', deleteAfter: '2020-01-01' }, '2099-01-01T00:00:00Z')).toBe(false);
  });

  it('refuses a moment without a UTC offset', () => {
    expect(() => isDueForDeletion(closed(), '2029-03-22T10:00')).toThrow(/no UTC offset/);
  });
});

const copenhagenDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const dateOf = (instant: string) => copenhagenDate.format(new Date(instant));
const plain = (iso: string) => Temporal.PlainDate.from(iso);

describe('properties', () => {
  const instants = fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString());
  const dates = fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('a finished case is due for deletion exactly when the Copenhagen date of now is after its delete-after date', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASE_STATUSES), dates, instants, (status, deleteAfter, now) => {
        const expected = !isOpen(status) && dateOf(now) > deleteAfter;
        expect(isDueForDeletion({ status, deleteAfter }, now)).toBe(expected);
      }),
    );
  });

  // A case received at a random moment, answered `days` later, extended (the day after receipt) or not.
  const answeredCases = fc.record({
    receivedAt: fc
      .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    days: fc.integer({ min: 0, max: 120 }),
    extended: fc.boolean(),
    rejected: fc.boolean(),
  });

  function answeredCase({
    receivedAt,
    days,
    extended,
    rejected,
  }: {
    receivedAt: string;
    days: number;
    extended: boolean;
    rejected: boolean;
  }): { c: Case; answeredAt: string } {
    const at = (minutes: number) => Temporal.Instant.from(receivedAt).add({ minutes }).toString();
    const answeredAt = at(days * 24 * 60 + 3);
    const steps: [string, CaseCommand][] = [
      [at(1), { type: 'start' }],
      ...(extended ? [[at(2), { type: 'extend', reason: 'complex', notifiedAt: at(2) }] satisfies [string, CaseCommand]] : []),
      [
        answeredAt,
        rejected
          ? { type: 'reject', basis: '12(5)', reason: 'repeated' }
          : { type: 'respond', summary: 'sent to Anna', override: OVERRIDE },
      ],
    ];
    const c = run(
      openedCase(
        { receivedAt, requester: { name: 'Anna Hansen', email: 'anna@example.com' }, earlierCases: ['DSAR-2023-0004'] },
        receivedAt,
      ),
      ...steps,
    );
    return { c, answeredAt };
  }

  it('timing agrees with the deadline engine and a Copenhagen calendar; nothing personal is kept', () => {
    fc.assert(
      fc.property(answeredCases, (input) => {
        const { c, answeredAt } = answeredCase(input);
        const stat = caseStatistic(c, answeredAt);
        const d = computeDeadlines({ receivedAt: input.receivedAt });
        const answered = dateOf(answeredAt);
        expect(stat.receivedDate).toBe(dateOf(input.receivedAt));
        expect(stat.answeredDate).toBe(answered);
        expect(stat.daysToAnswer).toBe(plain(stat.receivedDate).until(plain(answered)).days);
        expect(stat.withinOneMonth).toBe(answered <= d.due);
        expect(stat.withinThreeMonths).toBe(answered <= d.extendedDue);
        expect(stat.onTime).toBe(answered <= (input.extended ? d.extendedDue : d.due));
        expect(stat.extendedDue).toBe(input.extended ? d.extendedDue : null);
        expect(stat.outcome).toBe(input.rejected ? 'rejected' : 'answered');
        if (stat.withinOneMonth) expect(stat.withinThreeMonths).toBe(true);
        expect(JSON.stringify(stat)).not.toMatch(/Anna|anna@|repeated|complex/);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on when it is taken, once a case is answered', () => {
    fc.assert(
      fc.property(answeredCases, fc.integer({ min: 0, max: 5000 }), (input, laterDays) => {
        const { c, answeredAt } = answeredCase(input);
        const later = Temporal.Instant.from(answeredAt)
          .add({ hours: laterDays * 24 })
          .toString();
        expect(caseStatistic(c, later)).toEqual(caseStatistic(c, answeredAt));
      }),
      { numRuns: 100 },
    );
  });
});
