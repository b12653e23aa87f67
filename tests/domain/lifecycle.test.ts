import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { CASE_STATUSES, assertTransition, canTransition, isAwaitingAnswer, isOpen, type CaseStatus } from '../../src/domain/lifecycle.js';

const ALLOWED: [CaseStatus, CaseStatus][] = [
  ['received', 'awaiting_identity'],
  ['received', 'in_progress'],
  ['received', 'rejected'],
  ['received', 'dismissed'],
  ['awaiting_identity', 'in_progress'],
  ['awaiting_identity', 'rejected'],
  ['awaiting_identity', 'dismissed'],
  ['in_progress', 'awaiting_identity'],
  ['in_progress', 'responded'],
  ['in_progress', 'rejected'],
  ['in_progress', 'dismissed'],
  ['responded', 'closed'],
  ['rejected', 'closed'],
];

describe('case lifecycle', () => {
  it('allows exactly the transitions of the state machine', () => {
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) {
        const expected = ALLOWED.some(([a, b]) => a === from && b === to);
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(expected);
      }
    }
  });

  it('refuses an illegal transition with a clear error naming the ways out', () => {
    const attempt = () => assertTransition('received', 'closed');
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(
      'a case cannot go from received to closed; from received a case can go to awaiting_identity, in_progress, rejected, dismissed',
    );
    expect(() => assertTransition('closed', 'in_progress')).toThrow('closed is final');
    const error = (() => {
      try {
        assertTransition('in_progress', 'closed');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).allowed).toEqual(['awaiting_identity', 'responded', 'rejected', 'dismissed']);
  });

  it('cannot be rejected once responded', () => {
    expect(canTransition('responded', 'rejected')).toBe(false);
  });

  it('tells open cases from finished ones, and which still await an answer', () => {
    expect(CASE_STATUSES.filter(isOpen)).toEqual(['received', 'awaiting_identity', 'in_progress', 'responded', 'rejected']);
    expect(CASE_STATUSES.filter(isAwaitingAnswer)).toEqual(['received', 'awaiting_identity', 'in_progress']);
  });
});
