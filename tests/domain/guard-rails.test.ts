import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REFUSAL_BASES,
  RIGHTS,
  Temporal,
  applyCommand,
  deadlinesAsOf,
  effectiveDue,
  legalDate,
  refuseLatePauses,
  computeDeadlines,
  type Case,
  type CaseCommand,
  type RefusalBasis,
  type Right,
} from '../../src/domain/index.js';
import { DPO, openedCase, run } from '../helpers/cases.js';

/** The rules that keep a case from being answered, refused, extended or paused wrongly (gdpr-rules §1-2). */

const at = (now: string) => ({ now, actor: DPO, retentionYears: 3 });
const attempt = (c: Case, command: CaseCommand, now = '2026-03-10T09:00:00Z') => {
  try {
    return applyCommand(c, command, at(now)).case;
  } catch (error) {
    return error as Error;
  }
};

// Received Thursday 5 March 2026: due 2026-04-07 (Easter), extended due 2026-06-05.
const started = (rights: Right[], earlierCases: string[] = []) =>
  run(openedCase({ rights, ...(earlierCases.length ? { earlierCases } : {}) }), ['2026-03-06T09:00:00Z', { type: 'start' }]);

describe('refusal bases fit the rights they refuse', () => {
  it.each<[RefusalBasis, Right[], RegExp | null]>([
    ['21(1)', ['marketing_opt_out'], /21\(1\) cannot refuse marketing_opt_out/],
    ['21(1)', ['objection'], null],
    ['17(3)', ['access'], /17\(3\) cannot refuse access/],
    ['17(3)', ['erasure'], null],
    ['17(3)', ['erasure', 'access'], /17\(3\) cannot refuse access/],
    ['11(2)', ['objection'], /11\(2\) cannot refuse objection/],
    ['DBL §22', ['access'], null],
    ['DBL §22', ['erasure'], /cannot refuse erasure/],
    ['15(4)', ['access'], /limits the copy, it does not refuse access/],
    ['12(6)', ['access'], null],
    ['12(6)', ['marketing_opt_out', 'access'], /12\(6\) cannot refuse marketing_opt_out/],
    ['12(4)', ['rectification'], /12\(4\) cannot refuse rectification/],
  ])('%s against %j', (basis, rights, refusal) => {
    const result = attempt(started(rights), { type: 'reject', basis, reason: 'grounds' });
    if (refusal) expect(String(result)).toMatch(refusal);
    else expect(result).toMatchObject({ status: 'rejected', decision: { basis } });
  });

  it('a first request is never refused under 12(5); a repeated one may be', () => {
    expect(String(attempt(started(['access']), { type: 'reject', basis: '12(5)', reason: 'repetitive' }))).toMatch(
      /first request on record: Art\. 12\(5\) cannot refuse it/,
    );
    expect(
      attempt(started(['access'], ['DSAR-2026-0003']), { type: 'reject', basis: '12(5)', reason: 'third time this month' }),
    ).toMatchObject({
      status: 'rejected',
    });
  });

  it('whatever the rights and basis, a refusal is accepted only where the basis covers every right asked', () => {
    const covers: Record<RefusalBasis, readonly Right[]> = {
      '11(2)': ['access', 'rectification', 'erasure', 'restriction', 'portability'],
      '12(4)': ['access', 'information', 'erasure', 'restriction', 'portability', 'objection'],
      '12(5)': RIGHTS,
      '12(6)': RIGHTS.filter((r) => r !== 'marketing_opt_out'),
      '15(4)': [],
      '17(3)': ['erasure'],
      '21(1)': ['objection'],
      'DBL §22': ['access', 'information'],
    };
    fc.assert(
      fc.property(
        fc.subarray([...RIGHTS], { minLength: 1 }),
        fc.constantFrom(...REFUSAL_BASES),
        fc.boolean(),
        (rights, basis, askedBefore) => {
          const c = started(rights, askedBefore ? ['DSAR-2025-0001'] : []);
          const result = attempt(c, { type: 'reject', basis, reason: 'grounds' });
          const allowed = rights.every((r) => covers[basis].includes(r)) && (basis !== '12(5)' || askedBefore);
          expect(result instanceof Error ? 'refused' : 'rejected').toBe(allowed ? 'rejected' : 'refused');
        },
      ),
    );
  });
});

describe('extensions', () => {
  it('a rectification or a marketing opt-out alone is never extended', () => {
    for (const right of ['rectification', 'marketing_opt_out'] as const)
      expect(String(attempt(started([right]), { type: 'extend', reason: 'busy' }))).toMatch(/cannot be extended .*without undue delay/);
  });

  it('with other rights, only once the rectification work is done; then it covers the rest', () => {
    const c = started(['access', 'rectification']);
    const open = c.tasks.filter((t) => t.right === 'rectification' && !t.done);
    expect(open.length).toBeGreaterThan(0);
    expect(String(attempt(c, { type: 'extend', reason: 'many systems' }))).toMatch(new RegExp(`finish ${open[0]!.id}`));
    const done = run(
      c,
      ...open.map((t): [string, CaseCommand] => ['2026-03-09T09:00:00Z', { type: 'set_task', taskId: t.id, done: true }]),
    );
    expect(attempt(done, { type: 'extend', reason: 'many systems' })).toMatchObject({ extension: { reason: 'many systems' } });
  });

  it('whenever extended and told, the extended deadline binds exactly when the notice is dated by the first deadline', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 40 }), (extendDay, noticeAfter) => {
        const extendAt = Temporal.Instant.from('2026-03-06T09:00:00Z').add({ hours: 24 * extendDay });
        const c = started(['access']);
        const extended = attempt(c, { type: 'extend', reason: 'complex' }, extendAt.toString());
        if (extended instanceof Error) return; // after the first deadline: refused, tested elsewhere
        const sentAt = extendAt.add({ hours: 24 * noticeAfter }).toString();
        const told = applyCommand(extended, { type: 'record_letter', letter: { kind: 'extension_notice', sentAt } }, at(sentAt)).case;
        const deadlines = deadlinesAsOf(told, legalDate(sentAt));
        const inTime = legalDate(sentAt).toString() <= deadlines.due;
        expect(effectiveDue({ deadlines, extension: told.extension })).toBe(inTime ? deadlines.extendedDue : deadlines.due);
        expect(effectiveDue({ deadlines, extension: extended.extension })).toBe(deadlines.due);
      }),
    );
  });
});

describe('pauses', () => {
  it('a back-dated pause needs the request it rests on, sent that day', () => {
    const c = started(['access']);
    const pause: CaseCommand = { type: 'pause', kind: 'identity', reason: 'name does not match', since: '2026-03-07' };
    expect(String(attempt(c, pause))).toMatch(/pause from 2026-03-07 needs the identity request sent that day/);
    const otherDay = run(c, [
      '2026-03-09T09:00:00Z',
      { type: 'record_letter', letter: { kind: 'identity_request', sentAt: '2026-03-08T10:00:00+01:00' } },
    ]);
    expect(attempt(otherDay, pause)).toBeInstanceOf(Error);
    const asked = run(c, [
      '2026-03-09T09:00:00Z',
      { type: 'record_letter', letter: { kind: 'identity_request', sentAt: '2026-03-07T10:00:00+01:00' } },
    ]);
    expect(attempt(asked, pause)).toMatchObject({ status: 'awaiting_identity' });
    // Asking today needs no earlier record: the pause is the asking.
    expect(attempt(c, { type: 'pause', kind: 'identity', reason: 'x' })).toMatchObject({ status: 'awaiting_identity' });
  });

  it('no pause the deadline command accepts starts after the deadline it moves', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 15 })), { maxLength: 3 }), (spans) => {
        const receivedAt = '2026-01-15T10:00+01:00';
        const day = (n: number) => Temporal.PlainDate.from('2026-01-15').add({ days: n }).toString();
        const pauses = spans.map(([from, length]) => ({ from: day(from), to: day(from + length) }));
        let accepted = true;
        try {
          refuseLatePauses({ receivedAt, pauses });
        } catch {
          accepted = false;
        }
        // Independently: apply the pauses one by one, in order, and see whether each began by the deadline then.
        const sorted = [...pauses].sort((a, b) => a.from.localeCompare(b.from));
        const inTime = sorted.every((p, i) => p.from <= computeDeadlines({ receivedAt, pauses: sorted.slice(0, i) }).due);
        expect(accepted).toBe(inTime);
      }),
    );
  });
});

describe('answering and closing with something still open', () => {
  const ready = (c: Case) =>
    run(
      c,
      ...c.tasks
        // The authority check is ticked only by recording its evidence.
        .filter((t) => t.id !== 'answer' && t.id !== 'authority' && !t.done)
        .map((t): [string, CaseCommand] => ['2026-03-09T09:00:00Z', { type: 'set_task', taskId: t.id, done: true }]),
    );

  it('needs the checklist done, or a reason that goes into the trail', () => {
    const c = started(['access']);
    const open = c.tasks.filter((t) => !t.done && t.id !== 'answer').length;
    expect(String(attempt(c, { type: 'respond' }))).toMatch(
      new RegExp(`cannot answer DSAR-2026-0001 yet: ${open} open tasks \\(acknowledge, `),
    );
    const forced = applyCommand(
      c,
      { type: 'respond', override: 'the person asked for a quick partial answer' },
      at('2026-03-10T09:00:00Z'),
    );
    expect(forced.case.status).toBe('responded');
    expect(forced.event.summary).toMatch(/despite \d+ open tasks .*: the person asked for a quick partial answer\)$/);
    expect(forced.event.changes.override?.after).toMatchObject({ reason: 'the person asked for a quick partial answer' });
    expect(attempt(ready(c), { type: 'respond' })).toMatchObject({ status: 'responded' });
  });

  it('an extension decided but never notified blocks the answer until the notice is recorded', () => {
    const extended = ready(run(started(['access']), ['2026-03-09T08:00:00Z', { type: 'extend', reason: 'many systems' }]));
    expect(String(attempt(extended, { type: 'respond' }))).toMatch(/the extension was never notified to the person/);
    const told = run(extended, [
      '2026-03-09T10:00:00Z',
      { type: 'record_letter', letter: { kind: 'extension_notice', sentAt: '2026-03-09T10:00:00Z' } },
    ]);
    expect(attempt(told, { type: 'respond' })).toMatchObject({ status: 'responded' });
  });

  it("a representative's authority must be on record before anything is answered or refused", () => {
    const forChild = run(openedCase({ dataSubject: { name: 'Freja Lindholm', authority: 'parent' } }), [
      '2026-03-06T09:00:00Z',
      { type: 'start' },
    ]);
    expect(String(attempt(ready(forChild), { type: 'respond' }))).toMatch(/authority to act for the data subject is not recorded/);
    expect(String(attempt(forChild, { type: 'reject', basis: '12(6)', reason: 'x' }))).toMatch(/authority to act for the data subject/);
  });

  it('closing needs every task done, or a reason', () => {
    const answered = run(started(['access']), ['2026-03-10T09:00:00Z', { type: 'respond', override: 'partial answer agreed' }]);
    expect(String(attempt(answered, { type: 'close', outcome: 'done' }, '2026-03-11T09:00:00Z'))).toMatch(/cannot close .* open tasks/);
    expect(attempt(answered, { type: 'close', outcome: 'done', override: 'rest handled by phone' }, '2026-03-11T09:00:00Z')).toMatchObject({
      status: 'closed',
    });
  });
});
