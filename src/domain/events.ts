import type { Actor, Case } from './case.js';
import type { CaseId } from './case-id.js';

/**
 * The audit trail (Art. 5(2) accountability): one event per change, with who, when, what, and the
 * fields before and after. Events are only ever appended.
 */
export const EVENT_TYPES = [
  'case_opened',
  'started',
  'identity_recorded',
  'paused',
  'resumed',
  'extended',
  'assigned',
  'task_updated',
  'responded',
  'rejected',
  'dismissed',
  'closed',
  'letter_recorded',
  'note_added',
  'identifier_added',
  'search_recorded',
  'export_recorded',
  'forwarded_to_controller',
  'receipt_corrected',
  'rights_added',
  'data_subject_set',
  'authority_recorded',
  'task_added',
  'attachment_removed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export interface FieldChange {
  before?: unknown;
  after?: unknown;
}

export interface CaseEvent {
  caseId: CaseId;
  /** 1 for the opening event, then one more per change: equals the case's version after the change. */
  sequence: number;
  at: string;
  actor: Actor;
  type: EventType;
  /** One line for the timeline, in English; the fields carry the detail. */
  summary: string;
  /** The line in Danish (events recorded before Danish lines existed have none). */
  da?: string;
  changes: Record<string, FieldChange>;
}

// Bookkeeping fields change on every event and would only add noise to the trail.
const NOT_AUDITED = new Set<keyof Case>(['version', 'updatedAt']);

/** The top-level fields that differ between two versions of a case, with their values before and after. */
export function diffCase(before: Case | undefined, after: Case): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]) as Set<keyof Case>;
  for (const key of keys) {
    if (NOT_AUDITED.has(key)) continue;
    const was = before?.[key];
    const now = after[key];
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      changes[key] = { ...(was !== undefined ? { before: was } : {}), ...(now !== undefined ? { after: now } : {}) };
    }
  }
  return changes;
}
