import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { canTransition, nextCommands, readClock, type Case, type CaseCommand } from '../../src/domain/index.js';
import { openedCase, run } from '../helpers/cases.js';

// These cases are answered with their checklist open: what is tested here is not the checklist.
const OVERRIDE = 'checklist kept outside the product';

const at = (c: Case, date: string) => nextCommands(c, readClock(c, Temporal.PlainDate.from(date)));

describe('nextCommands', () => {
  it('offers a received case its ways forward, in lifecycle order, with an extension while the first deadline holds', () => {
    const c = openedCase();
    expect(at(c, '2026-03-06')).toEqual(['pause', 'start', 'extend', 'assign', 'set_task', 'reject', 'dismiss']);
    // Past the first deadline (2026-04-07) the law no longer allows extending.
    expect(at(c, '2026-04-08')).not.toContain('extend');
  });

  it('offers no extension while an opt-out or a rectification it asks for is still to do', () => {
    expect(at(openedCase({ rights: ['marketing_opt_out'] }), '2026-03-06')).not.toContain('extend');
    const mixed = openedCase({ rights: ['access', 'rectification'] });
    expect(at(mixed, '2026-03-06')).not.toContain('extend');
    const fixed = run(
      mixed,
      ...mixed.tasks
        .filter((t) => t.right === 'rectification')
        .map((t): [string, CaseCommand] => ['2026-03-06T09:00:00Z', { type: 'set_task', taskId: t.id, done: true }]),
    );
    expect(at(fixed, '2026-03-07')).toContain('extend');
  });

  it('follows the case through identity, extension, answer and closing', () => {
    const paused = run(openedCase(), ['2026-03-06T09:00:00Z', { type: 'pause', kind: 'identity', reason: 'name does not match' }]);
    expect(at(paused, '2026-03-07')).toEqual(['resume', 'extend', 'assign', 'set_task', 'reject', 'dismiss']);
    const extended = run(
      paused,
      ['2026-03-09T09:00:00Z', { type: 'resume', identityMethod: 'call-back' }],
      ['2026-03-10T09:00:00Z', { type: 'extend', reason: 'many systems' }],
    );
    expect(at(extended, '2026-03-11')).toEqual(['pause', 'respond', 'assign', 'set_task', 'reject', 'dismiss']);
    const responded = run(extended, ['2026-03-12T09:00:00Z', { type: 'respond', override: OVERRIDE }]);
    expect(at(responded, '2026-03-13')).toEqual(expect.arrayContaining(['close']));
    expect(at(responded, '2026-03-13')).not.toContain('respond');
    const closed = run(responded, ['2026-03-13T09:00:00Z', { type: 'close', outcome: 'answered', override: OVERRIDE }]);
    expect(at(closed, '2026-03-14')).toEqual([]);
  });

  it('offers a status move exactly when the lifecycle allows it', () => {
    const c = openedCase();
    const moves = at(c, '2026-03-06').filter((command) => ['pause', 'start', 'reject', 'dismiss'].includes(command));
    expect(moves).toHaveLength(
      ['awaiting_identity', 'in_progress', 'rejected', 'dismissed'].filter((s) => canTransition(c.status, s as never)).length,
    );
  });
});
