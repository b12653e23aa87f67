import type { Actor, NewCaseInput } from '../../src/domain/index.js';
import { ITGUY_REGISTER, applyCommand, checkNewCase, openCase, type Case, type CaseCommand } from '../../src/domain/index.js';

export const DPO: Actor = { kind: 'user', id: '00000000-0000-0000-0000-0000000000d1', name: 'Lasse' };

export function newCaseInput(overrides: Partial<NewCaseInput> = {}): NewCaseInput {
  return {
    receivedAt: '2026-03-05T10:00+01:00',
    channel: 'email',
    requester: { name: 'Anna Hansen', email: 'anna@example.com' },
    rights: ['access'],
    language: 'da',
    ...overrides,
  };
}

/** A case opened at `now` (pure domain, no store). */
export function openedCase(overrides: Partial<NewCaseInput> = {}, now = '2026-03-05T10:05:00Z'): Case {
  const input = checkNewCase(newCaseInput(overrides), now);
  return openCase('DSAR-2026-0001', input, { now, actor: DPO, register: ITGUY_REGISTER }).case;
}

/** Applies commands in order, each at its own moment. */
export function run(c: Case, ...steps: [string, CaseCommand][]): Case {
  return steps.reduce((current, [now, command]) => applyCommand(current, command, { now, actor: DPO, retentionYears: 3 }).case, c);
}
