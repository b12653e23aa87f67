import { DomainError } from './errors.js';
import type { Text } from './text.js';

/**
 * The case lifecycle as an explicit state machine:
 *
 *   received ──> awaiting_identity <──> in_progress ──> responded ──> closed
 *      └───────────────────────────────────^
 *   received | awaiting_identity | in_progress ──> rejected ──> closed   (refused with a legal basis)
 *   received | awaiting_identity | in_progress ──> dismissed              (not a data-subject request)
 *
 * The clock runs in received and in_progress, stands still in awaiting_identity, and has stopped once the
 * request is answered (responded) or refused (rejected).
 */
export const CASE_STATUSES = ['received', 'awaiting_identity', 'in_progress', 'responded', 'rejected', 'closed', 'dismissed'] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];

const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['awaiting_identity', 'in_progress', 'rejected', 'dismissed'],
  awaiting_identity: ['in_progress', 'rejected', 'dismissed'],
  in_progress: ['awaiting_identity', 'responded', 'rejected', 'dismissed'],
  responded: ['closed'],
  rejected: ['closed'],
  closed: [],
  dismissed: [],
};

export const STATUS_LABEL: Record<CaseStatus, Text> = {
  received: { da: 'Modtaget', en: 'Received' },
  awaiting_identity: { da: 'Afventer identitet', en: 'Awaiting identity' },
  in_progress: { da: 'Under behandling', en: 'In progress' },
  responded: { da: 'Besvaret', en: 'Responded' },
  rejected: { da: 'Afvist', en: 'Rejected' },
  closed: { da: 'Lukket', en: 'Closed' },
  dismissed: { da: 'Ikke en anmodning', en: 'Not a request' },
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (canTransition(from, to)) return;
  const next = TRANSITIONS[from];
  const hint = next.length ? `from ${from} a case can go to ${next.join(', ')}` : `${from} is final`;
  const name = (s: CaseStatus) => `»${STATUS_LABEL[s].da.toLowerCase()}«`;
  const list = next.map(name);
  const da = next.length
    ? `En sag kan ikke gå fra ${name(from)} til ${name(to)}. Herfra kan den gå til ${list.length > 1 ? `${list.slice(0, -1).join(', ')} eller ${list.at(-1)}` : list[0]}.`
    : `En sag kan ikke gå fra ${name(from)} til ${name(to)}: ${name(from)} er endelig.`;
  throw new DomainError('illegal_transition', `a case cannot go from ${from} to ${to}; ${hint}`, next).saying(da);
}

/** On the DPO's desk: anything not closed or dismissed. */
export function isOpen(status: CaseStatus): boolean {
  return status !== 'closed' && status !== 'dismissed';
}

/** The deadline still binds: the request has been neither answered nor refused. */
export function isAwaitingAnswer(status: CaseStatus): boolean {
  return status === 'received' || status === 'awaiting_identity' || status === 'in_progress';
}
