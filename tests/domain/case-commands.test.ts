import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { applyCommand, readClock, type Case, type CaseCommand } from '../../src/domain/index.js';
import { DPO, openedCase, run } from '../helpers/cases.js';

const ctx = (now: string) => ({ now, actor: DPO, retentionYears: 3 });
const apply = (c: Case, command: CaseCommand, now = '2026-03-06T09:00:00Z') => applyCommand(c, command, ctx(now));
const day = (date: string) => Temporal.PlainDate.from(date);

describe('opening', () => {
  it('starts received, with both deadlines, an unchecked identity and a checklist', () => {
    const c = openedCase();
    expect(c).toMatchObject({ id: 'DSAR-2026-0001', status: 'received', version: 1, identity: { status: 'not_checked' } });
    expect(c.deadlines).toMatchObject({ receivedDate: '2026-03-05', due: '2026-04-07', extendedDue: '2026-06-05' });
    expect(c.tasks.length).toBeGreaterThan(3);
  });
});

describe('start', () => {
  it('moves a received case to in progress and records the change as an event', () => {
    const c = openedCase();
    const { case: next, event } = apply(c, { type: 'start', identity: { notNeeded: true } });
    expect(next).toMatchObject({ status: 'in_progress', version: 2, identity: { status: 'not_needed', by: DPO } });
    expect(event).toMatchObject({ caseId: c.id, sequence: 2, type: 'started', actor: DPO, at: '2026-03-06T09:00:00Z' });
    expect(event.changes.status).toEqual({ before: 'received', after: 'in_progress' });
    expect(event.changes).not.toHaveProperty('version');
    expect(event.changes).not.toHaveProperty('updatedAt');
  });

  it('records how identity was checked when given', () => {
    const next = apply(openedCase(), { type: 'start', identity: { method: 'wrote from the address on file' } }).case;
    expect(next.identity).toMatchObject({ status: 'verified', method: 'wrote from the address on file' });
  });
});

describe('pause and resume (identity or clarification)', () => {
  const received = () => openedCase({ receivedAt: '2026-03-02T10:00+01:00' }, '2026-03-02T10:05:00Z');

  it('stops the clock from the day asked to the day answered, moving both deadlines', () => {
    const c = run(
      received(),
      ['2026-03-03T12:00:00Z', { type: 'pause', kind: 'identity', reason: 'asked for customer number' }],
      ['2026-03-10T12:00:00Z', { type: 'resume', identityMethod: 'customer number and call-back' }],
    );
    expect(c.status).toBe('in_progress');
    expect(c.pauses).toEqual([{ kind: 'identity', reason: 'asked for customer number', from: '2026-03-03', to: '2026-03-10' }]);
    expect(c.deadlines).toMatchObject({ due: '2026-04-09', extendedDue: '2026-06-09', pausedDays: 7 });
    expect(c.identity).toMatchObject({ status: 'verified', method: 'customer number and call-back', by: DPO });
  });

  it('while paused, the deadline moves on day by day', () => {
    const c = run(received(), ['2026-03-03T12:00:00Z', { type: 'pause', kind: 'identity', reason: 'ID needed' }]);
    expect(c.status).toBe('awaiting_identity');
    expect(c.identity.status).toBe('requested');
    const on = (date: string) => readClock(c, day(date));
    expect(on('2026-03-05')).toMatchObject({ paused: true, overdue: false, due: '2026-04-07' }); // 2 April + 2 days = Saturday, then Easter
    expect(on('2026-03-13').deadlines.pausedDays).toBe(10);
    expect(on('2026-03-13').due).toBe('2026-04-13'); // 2 April + 10 = Sunday 12 April -> Monday
  });

  it('accepts the dates asked and answered when recorded afterwards', () => {
    const c = run(
      received(),
      ['2026-03-12T11:00:00Z', { type: 'record_letter', letter: { kind: 'clarification_request', sentAt: '2026-03-03T09:00:00+01:00' } }],
      ['2026-03-12T12:00:00Z', { type: 'pause', kind: 'clarification', reason: 'which account?', since: '2026-03-03' }],
      ['2026-03-12T13:00:00Z', { type: 'resume', on: '2026-03-10' }],
    );
    expect(c.deadlines.due).toBe('2026-04-09');
    expect(c.identity.status).toBe('not_checked'); // a clarification is not an identity check
  });

  it('resumed without a method, the identity check stays open until someone records how it was done', () => {
    const paused = run(received(), ['2026-03-03T12:00:00Z', { type: 'pause', kind: 'identity', reason: 'ID' }]);
    const { case: resumed, event } = apply(paused, { type: 'resume' }, '2026-03-04T12:00:00Z');
    expect(resumed).toMatchObject({ status: 'in_progress', identity: { status: 'requested' } });
    expect(event.summary).toBe('Clock running again from 2026-03-04; identity method not recorded yet');
    const recorded = apply(resumed, { type: 'record_identity', identity: { method: 'MitID-signed e-mail' } }, '2026-03-05T12:00:00Z');
    expect(recorded.case.identity).toEqual({
      status: 'verified',
      method: 'MitID-signed e-mail',
      methodKind: 'mitid_signed_mail',
      by: DPO,
      at: '2026-03-05T12:00:00Z',
    });
    expect(recorded.case.tasks.find((t) => t.id === 'identity')?.done).toBe(true);
    expect(recorded.event.type).toBe('identity_recorded');
    expect(() => apply(resumed, { type: 'record_identity', identity: { method: ' ' } })).toThrow(/identity method is required/);
  });

  it('refuses dates in the future, before receipt, or an answer before the question', () => {
    const c = received();
    expect(() => apply(c, { type: 'pause', kind: 'identity', reason: 'x', since: '2026-03-20' }, '2026-03-03T12:00:00Z')).toThrow(
      /in the future/,
    );
    expect(() => apply(c, { type: 'pause', kind: 'identity', reason: 'x', since: '2026-03-01' }, '2026-03-03T12:00:00Z')).toThrow(
      /before the request was received/,
    );
    const paused = run(c, ['2026-03-05T12:00:00Z', { type: 'pause', kind: 'clarification', reason: 'x' }]);
    expect(() => apply(paused, { type: 'resume', on: '2026-03-04' }, '2026-03-06T12:00:00Z')).toThrow(/before the pause began/);
  });

  it('refuses to pause once the deadline has passed: asking now cannot stop the clock', () => {
    expect(() => apply(received(), { type: 'pause', kind: 'identity', reason: 'late' }, '2026-04-10T12:00:00Z')).toThrow(/had passed/);
  });

  it('requires a reason and a known kind', () => {
    expect(() => apply(received(), { type: 'pause', kind: 'identity', reason: '  ' })).toThrow(/reason is required/);
    expect(() => apply(received(), { type: 'pause', kind: 'holiday' as never, reason: 'x' })).toThrow(/unknown pause kind/);
  });
});

describe('extend', () => {
  const inProgress = () => run(openedCase(), ['2026-03-06T09:00:00Z', { type: 'start' }]);

  it('adds the notice task due by the first deadline; the extension binds only once the notice is recorded by then', () => {
    const { case: c, event } = apply(inProgress(), { type: 'extend', reason: 'many systems to search' }, '2026-03-20T09:00:00Z');
    expect(c.extension).toMatchObject({ reason: 'many systems to search', by: DPO, at: '2026-03-20T09:00:00Z' });
    expect(c.extension?.notifiedAt).toBeUndefined();
    // Decided, not told: the first deadline still holds, and passing it makes the case overdue.
    expect(readClock(c, day('2026-04-07'))).toMatchObject({ due: '2026-04-07', overdue: false });
    expect(readClock(c, day('2026-04-10'))).toMatchObject({ due: '2026-04-07', overdue: true });
    expect(c.tasks.find((t) => t.id === 'extension_notice')).toMatchObject({
      done: false,
      title: { en: expect.stringContaining('2026-04-07') },
    });
    expect(event.type).toBe('extended');
    const told = apply(
      c,
      { type: 'record_letter', letter: { kind: 'extension_notice', sentAt: '2026-03-21T10:00:00+01:00' } },
      '2026-03-21T10:00:00Z',
    ).case;
    expect(readClock(told, day('2026-04-10'))).toMatchObject({ due: '2026-06-05', overdue: false });
    expect(told.tasks.find((t) => t.id === 'extension_notice')?.done).toBe(true);
  });

  it('a notice recorded after the first deadline does not make the extension bind', () => {
    const c = apply(inProgress(), { type: 'extend', reason: 'many systems to search' }, '2026-03-20T09:00:00Z').case;
    const late = apply(
      c,
      { type: 'record_letter', letter: { kind: 'extension_notice', sentAt: '2026-04-08T09:00:00+02:00' } },
      '2026-04-08T09:00:00Z',
    );
    expect(readClock(late.case, day('2026-04-10'))).toMatchObject({ due: '2026-04-07', overdue: true });
    expect(late.event.summary).toMatch(/after the first deadline 2026-04-07: the extension does not apply/);
  });

  it('binds at once when extended with the notice already sent', () => {
    const c = apply(inProgress(), { type: 'extend', reason: 'x', notifiedAt: '2026-03-20T10:00:00+01:00' }, '2026-03-20T09:00:00Z').case;
    expect(readClock(c, day('2026-04-10'))).toMatchObject({ due: '2026-06-05', overdue: false });
  });

  it('is allowed on the day of the first deadline, refused the day after (notice within the first month)', () => {
    expect(apply(inProgress(), { type: 'extend', reason: 'x' }, '2026-04-07T20:00:00Z').case.extension).toBeDefined();
    expect(() => apply(inProgress(), { type: 'extend', reason: 'x' }, '2026-04-07T22:30:00Z')).toThrow(
      /first deadline 2026-04-07 has passed/,
    ); // 8 April in Copenhagen
  });

  it('is refused twice, without a reason, and once answered', () => {
    const extended = apply(inProgress(), { type: 'extend', reason: 'x' }).case;
    expect(() => apply(extended, { type: 'extend', reason: 'again' })).toThrow(/already extended/);
    expect(() => apply(inProgress(), { type: 'extend', reason: '' })).toThrow(/reason is required/);
    const answered = run(inProgress(), ['2026-03-10T09:00:00Z', { type: 'respond', override: 'checklist kept on paper' }]);
    expect(() => apply(answered, { type: 'extend', reason: 'x' }, '2026-03-11T09:00:00Z')).toThrow(/cannot extend/);
  });

  it('records the notice when given, and refuses a notice later than the first deadline', () => {
    const c = apply(inProgress(), { type: 'extend', reason: 'x', notifiedAt: '2026-03-20T10:00+01:00' }).case;
    expect(c.extension?.notifiedAt).toBe('2026-03-20T09:00:00Z');
    expect(c.tasks.find((t) => t.id === 'extension_notice')?.done).toBe(true);
    expect(() => apply(inProgress(), { type: 'extend', reason: 'x', notifiedAt: '2026-04-08T10:00+02:00' })).toThrow(
      /must go out by 2026-04-07/,
    );
  });

  it('a later extension-notice letter completes the notice', () => {
    const c = run(
      inProgress(),
      ['2026-03-20T09:00:00Z', { type: 'extend', reason: 'x' }],
      ['2026-03-21T09:00:00Z', { type: 'record_letter', letter: { kind: 'extension_notice', sentAt: '2026-03-21T08:00:00Z' } }],
    );
    expect(c.extension?.notifiedAt).toBe('2026-03-21T08:00:00Z');
    expect(c.tasks.find((t) => t.id === 'extension_notice')).toMatchObject({ done: true, doneAt: '2026-03-21T08:00:00Z' });
  });
});

describe('answering, refusing, dismissing and closing', () => {
  // Started, with everything on its checklist but the answer itself done: ready to be answered.
  const inProgress = () => {
    const started = run(openedCase(), ['2026-03-06T09:00:00Z', { type: 'start' }]);
    return run(
      started,
      ...started.tasks
        .filter((t) => t.id !== 'answer')
        .map((t): [string, CaseCommand] => ['2026-03-06T09:30:00Z', { type: 'set_task', taskId: t.id, done: true }]),
    );
  };

  it('responds only from in progress, ticking the answer task', () => {
    expect(() => apply(openedCase(), { type: 'respond' })).toThrow(/cannot go from received to responded/);
    const c = apply(inProgress(), { type: 'respond', summary: 'copy sent' }, '2026-03-30T09:00:00Z').case;
    expect(c).toMatchObject({ status: 'responded', respondedAt: '2026-03-30T09:00:00Z', outcome: 'copy sent' });
    expect(c.tasks.find((t) => t.id === 'answer')?.done).toBe(true);
    expect(readClock(c, day('2026-05-01'))).toMatchObject({ running: false, overdue: false });
  });

  it('says in the trail when an answer was late', () => {
    expect(apply(inProgress(), { type: 'respond' }, '2026-04-07T12:00:00Z').event.summary).toBe('Answered');
    expect(apply(inProgress(), { type: 'respond', summary: 'copy sent' }, '2026-04-09T12:00:00Z').event.summary).toBe(
      'Answered 2 days after the deadline 2026-04-07: copy sent',
    );
  });

  it('closes an answered case and sets the delete-after date to closure + 3 years', () => {
    const c = run(
      inProgress(),
      ['2026-03-30T09:00:00Z', { type: 'respond' }],
      ['2026-04-02T09:00:00Z', { type: 'close', outcome: 'answered in time' }],
    );
    expect(c).toMatchObject({ status: 'closed', closedAt: '2026-04-02T09:00:00Z', deleteAfter: '2029-04-02', outcome: 'answered in time' });
  });

  it('uses the configured retention period', () => {
    const answered = run(inProgress(), ['2026-03-30T09:00:00Z', { type: 'respond' }]);
    const c = applyCommand(answered, { type: 'close', outcome: 'x' }, { now: '2026-04-02T09:00:00Z', actor: DPO, retentionYears: 5 }).case;
    expect(c.deleteAfter).toBe('2031-04-02');
  });

  it('refuses to close a case that was never answered', () => {
    expect(() => apply(inProgress(), { type: 'close', outcome: 'x' })).toThrow(/cannot go from in_progress to closed/);
  });

  it('rejects with a legal basis at any point before the answer, ending a running pause', () => {
    const paused = run(openedCase(), ['2026-03-06T09:00:00Z', { type: 'pause', kind: 'identity', reason: 'ID' }]);
    const c = apply(paused, { type: 'reject', basis: '12(6)', reason: 'identity never confirmed' }, '2026-03-20T09:00:00Z').case;
    expect(c.status).toBe('rejected');
    expect(c.decision).toMatchObject({ kind: 'rejected', basis: '12(6)', reason: 'identity never confirmed', by: DPO });
    expect(c.pauses[0]?.to).toBe('2026-03-20');
    expect(() => apply(openedCase(), { type: 'reject', basis: '99' as never, reason: 'x' })).toThrow(/unknown legal basis/);
    const answered = run(inProgress(), ['2026-03-30T09:00:00Z', { type: 'respond' }]);
    expect(() => apply(answered, { type: 'reject', basis: '12(5)', reason: 'x' })).toThrow(/cannot go from responded to rejected/);
  });

  it('dismisses what is not a request, closing it at once', () => {
    const c = apply(openedCase(), { type: 'dismiss', reason: 'a webinar invitation' }, '2026-03-06T09:00:00Z').case;
    expect(c).toMatchObject({
      status: 'dismissed',
      closedAt: '2026-03-06T09:00:00Z',
      deleteAfter: '2029-03-06',
      decision: { kind: 'dismissed' },
    });
    expect(() => apply(c, { type: 'start' })).toThrow(/dismissed is final/);
  });
});

describe('tasks, assignment, letters and notes', () => {
  it('ticks and unticks a task, recording who and when', () => {
    const done = apply(openedCase(), { type: 'set_task', taskId: 'acknowledge', done: true }).case;
    expect(done.tasks.find((t) => t.id === 'acknowledge')).toMatchObject({ done: true, doneBy: DPO, doneAt: '2026-03-06T09:00:00Z' });
    const undone = apply(done, { type: 'set_task', taskId: 'acknowledge', done: false }).case.tasks.find((t) => t.id === 'acknowledge');
    expect(undone).toMatchObject({ done: false });
    expect(undone).not.toHaveProperty('doneBy');
  });

  it('names the tasks when asked for one that does not exist', () => {
    expect(() => apply(openedCase(), { type: 'set_task', taskId: 'nope', done: true })).toThrow(
      /has no task "nope"; its tasks are acknowledge, identity/,
    );
  });

  it('assigns to a colleague', () => {
    const c = apply(openedCase(), { type: 'assign', assignee: { kind: 'user', id: 'mette@itguy.dk', name: 'Mette' } }).case;
    expect(c.assignee).toEqual({ kind: 'user', id: 'mette@itguy.dk', name: 'Mette' });
  });

  it('records letters and ticks the acknowledgement task; refuses letters from the future', () => {
    const c = apply(openedCase(), {
      type: 'record_letter',
      letter: { kind: 'acknowledgement', sentAt: '2026-03-05T11:00+01:00', to: 'anna@example.com' },
    }).case;
    expect(c.letters).toEqual([{ kind: 'acknowledgement', sentAt: '2026-03-05T10:00:00Z', to: 'anna@example.com' }]);
    expect(c.tasks.find((t) => t.id === 'acknowledge')?.done).toBe(true);
    expect(() => apply(openedCase(), { type: 'record_letter', letter: { kind: 'answer', sentAt: '2026-04-01T10:00Z' } })).toThrow(
      /in the future/,
    );
  });

  it('adds a note as an event without changing the record', () => {
    const c = openedCase();
    const { case: next, event } = apply(c, { type: 'add_note', text: 'called her back' });
    expect({ ...next, version: c.version, updatedAt: c.updatedAt }).toEqual(c);
    expect(event).toMatchObject({ type: 'note_added', changes: { note: { after: 'called her back' } } });
  });

  it('refuses changes to a closed case', () => {
    const closed = run(openedCase(), ['2026-03-06T09:00:00Z', { type: 'dismiss', reason: 'spam' }]);
    expect(() => apply(closed, { type: 'assign', assignee: { kind: 'user', id: 'x' } })).toThrow(/cannot assign/);
    expect(() => apply(closed, { type: 'set_task', taskId: 'acknowledge', done: true })).toThrow(/cannot change a task/);
  });
});
