import { describe, expect, it } from 'vitest';
import { ITGUY_REGISTER, applyCommand, type Case, type CaseCommand } from '../../src/domain/index.js';
import { DPO, openedCase } from '../helpers/cases.js';

/** Issue 18: correcting when a request was received, and adding the rights a follow-up asks for. */

const NOW = '2026-03-12T09:00:00Z';
const apply = (c: Case, command: CaseCommand, now = NOW, withRegister = true) =>
  applyCommand(c, command, { now, actor: DPO, retentionYears: 3, ...(withRegister ? { register: ITGUY_REGISTER } : {}) });

// Forwarded on 10 March; the intake took the forwarded original's date.
const forwarded = () =>
  openedCase(
    { receivedAt: '2026-03-10T09:00+01:00', receiptBasis: { kind: 'forwarded_original', note: 'Date header' } },
    '2026-03-10T09:30:00Z',
  );

describe('correct_receipt', () => {
  it('moves the deadlines earlier or later through the deadline engine, audited with who and why', () => {
    const c = forwarded();
    expect(c.deadlines.due).toBe('2026-04-10');
    const { case: earlier, event } = apply(c, {
      type: 'correct_receipt',
      receivedAt: '2026-03-05T10:00+01:00',
      reason: 'the original was sent 5 March',
    });
    expect(earlier.receivedAt).toBe('2026-03-05T09:00:00Z');
    expect(earlier.deadlines).toMatchObject({ receivedDate: '2026-03-05', due: '2026-04-07', extendedDue: '2026-06-05' });
    expect(earlier.receiptBasis).toEqual({ kind: 'corrected', note: 'the original was sent 5 March' });
    expect(event).toMatchObject({ type: 'receipt_corrected', actor: DPO });
    expect(event.changes.receivedAt).toEqual({ before: c.receivedAt, after: '2026-03-05T09:00:00Z' });
    expect(event.summary).toContain('the original was sent 5 March');
    const later = apply(earlier, { type: 'correct_receipt', receivedAt: '2026-03-09T12:00+01:00', reason: 'misread' }).case;
    expect(later.deadlines.due).toBe('2026-04-09');
  });

  it('refuses a moment in the future, after the case was opened, unchanged, without a reason, or once closed', () => {
    const c = forwarded();
    const correct =
      (receivedAt: string, reason = 'r') =>
      () =>
        apply(c, { type: 'correct_receipt', receivedAt, reason });
    expect(correct('2026-03-13T10:00+01:00')).toThrow(/future/);
    expect(correct('2026-03-11T10:00+01:00')).toThrow(/after the case was opened/);
    expect(correct('2026-03-10T09:00+01:00')).toThrow(/already/);
    expect(correct('2026-03-05', 'r')).toThrow();
    expect(correct('2026-03-05T10:00+01:00', ' ')).toThrow(/reason/);
    const dismissed = apply(c, { type: 'dismiss', reason: 'newsletter' }).case;
    expect(() => apply(dismissed, { type: 'correct_receipt', receivedAt: '2026-03-05T10:00+01:00', reason: 'r' })).toThrow(/dismissed/);
  });

  it('refuses a receipt after a pause had begun', () => {
    const opened = openedCase({ receivedAt: '2026-03-05T10:00+01:00' }, '2026-03-10T09:30:00Z');
    const asked = apply(opened, { type: 'record_letter', letter: { kind: 'identity_request', sentAt: '2026-03-06T09:00:00+01:00' } }).case;
    const paused = apply(asked, { type: 'pause', kind: 'identity', reason: 'who?', since: '2026-03-06' }).case;
    const correct = (receivedAt: string) => () => apply(paused, { type: 'correct_receipt', receivedAt, reason: 'r' });
    expect(correct('2026-03-08T10:00+01:00')).toThrow(/pause began on 2026-03-06/);
    expect(correct('2026-03-04T10:00+01:00')).not.toThrow();
  });
});

describe('add_rights', () => {
  it('adds the rights and their tasks, keeping the ticks, audited', () => {
    const c = apply(
      openedCase({}, '2026-03-05T10:05:00Z'),
      { type: 'set_task', taskId: 'acknowledge', done: true },
      '2026-03-06T09:00:00Z',
    ).case;
    const { case: next, event } = apply(c, { type: 'add_rights', rights: ['erasure'] });
    expect(next.rights).toEqual(['access', 'erasure']);
    expect(next.tasks.length).toBeGreaterThan(c.tasks.length);
    expect(next.tasks.find((t) => t.id === 'acknowledge')).toMatchObject({ done: true, doneBy: DPO });
    expect(next.tasks.some((t) => t.right === 'erasure')).toBe(true);
    expect(event).toMatchObject({
      type: 'rights_added',
      actor: DPO,
      changes: { rights: { before: ['access'], after: ['access', 'erasure'] } },
    });
  });

  it('keeps the extension notice task, which no right makes', () => {
    const extended = apply(openedCase({}, '2026-03-05T10:05:00Z'), { type: 'extend', reason: 'many systems' }).case;
    const next = apply(extended, { type: 'add_rights', rights: ['objection'] }).case;
    expect(next.tasks.some((t) => t.id === 'extension_notice')).toBe(true);
  });

  it('refuses rights the case has, unknown rights, and a service without the register', () => {
    const c = openedCase({}, '2026-03-05T10:05:00Z');
    expect(() => apply(c, { type: 'add_rights', rights: ['access'] })).toThrow(/already/);
    expect(() => apply(c, { type: 'add_rights', rights: ['telepathy' as never] })).toThrow(/unknown right/);
    expect(() => apply(c, { type: 'add_rights', rights: ['erasure'] }, NOW, false)).toThrow(/register/);
  });
});
