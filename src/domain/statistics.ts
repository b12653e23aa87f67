import { Temporal, daysBetween, isBefore, legalDate, parseInstantWithOffset, parseIsoDate, type IsoDate } from './calendar.js';
import { effectiveDue, extensionBinds, type Case } from './case.js';
import { deadlinesAsOf } from './case-clock.js';
import type { CaseId } from './case-id.js';
import type { RefusalBasis } from './legal-bases.js';
import { isOpen, type CaseStatus } from './lifecycle.js';
import type { Right } from './rights.js';

/**
 * What stays of a case after its retention period (gdpr-rules §4): an anonymous row for the yearly
 * figures. Dates, rights, the outcome and the timing only: no names, e-mail or postal addresses, phone
 * numbers, free text (reasons, outcomes, notes), message ids or actors. The case id is kept so a live
 * case and its statistic are never counted twice; it identifies the request, not the person.
 */

/** How a request ended (or that it has not yet). */
export const CASE_OUTCOMES = ['pending', 'answered', 'rejected', 'dismissed'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export interface CaseStatistic {
  caseId: CaseId;
  rights: Right[];
  /** Day of receipt (Copenhagen). */
  receivedDate: IsoDate;
  /** The one-month deadline, paused days included. */
  due: IsoDate;
  /** The three-month deadline, only when the case was extended; otherwise null. */
  extendedDue: IsoDate | null;
  extended: boolean;
  pausedDays: number;
  /** The lifecycle status when the statistic was taken (closed or dismissed for deleted cases). */
  status: CaseStatus;
  outcome: CaseOutcome;
  /** The legal basis of a refusal; null unless rejected. */
  refusalBasis: RefusalBasis | null;
  /** The day the answer (or the reasoned refusal) went out; null while pending and for dismissed cases. */
  answeredDate: IsoDate | null;
  closedDate: IsoDate | null;
  /** Calendar days from receipt to the answer. */
  daysToAnswer: number | null;
  /** Answered by the deadline that bound the case (the extended one once extended). */
  onTime: boolean | null;
  /** Answered by the one-month deadline. */
  withinOneMonth: boolean | null;
  /** Answered by the three-month deadline (receipt + 3 months, whether or not the case was extended). */
  withinThreeMonths: boolean | null;
}

const day = (instant: string) => legalDate(parseInstantWithOffset(instant, 'date-time'));

function outcomeOf(c: Case): CaseOutcome {
  if (c.status === 'dismissed' || c.decision?.kind === 'dismissed') return 'dismissed';
  if (c.decision?.kind === 'rejected') return 'rejected';
  if (c.respondedAt !== undefined) return 'answered';
  return 'pending';
}

/** The day the requester got an answer: the response, or the reasoned refusal (Art. 12(4)). */
function answerDay(c: Case, outcome: CaseOutcome): Temporal.PlainDate | undefined {
  if (outcome === 'answered' && c.respondedAt) return day(c.respondedAt);
  if (outcome === 'rejected' && c.decision) return day(c.decision.at);
  return undefined;
}

/**
 * The anonymous statistic of a case as of `now` (an ISO instant with offset). `now` matters only for a
 * case still waiting for an answer, whose running pause counts up to today (as on the case's clock).
 */
export function caseStatistic(c: Case, now: string): CaseStatistic {
  const today = day(now);
  const outcome = outcomeOf(c);
  const answered = answerDay(c, outcome);
  const closed = c.closedAt ? day(c.closedAt) : undefined;
  // Once answered, refused or dismissed every pause has ended, so the deadlines are final.
  const deadlines = deadlinesAsOf(c, answered ?? closed ?? today);
  const binding = Temporal.PlainDate.from(effectiveDue({ deadlines, extension: c.extension }));
  const by = (date: IsoDate) => (answered ? !isBefore(Temporal.PlainDate.from(date), answered) : null);
  return {
    caseId: c.id,
    rights: [...c.rights],
    receivedDate: deadlines.receivedDate,
    due: deadlines.due,
    // Extended only when the extension bound: decided but never told (in the first month) is not an extension.
    extendedDue: extensionBinds({ deadlines, extension: c.extension }) ? deadlines.extendedDue : null,
    extended: extensionBinds({ deadlines, extension: c.extension }),
    pausedDays: deadlines.pausedDays,
    status: c.status,
    outcome,
    refusalBasis: outcome === 'rejected' ? (c.decision?.basis ?? null) : null,
    answeredDate: answered?.toString() ?? null,
    closedDate: closed?.toString() ?? null,
    daysToAnswer: answered ? daysBetween(Temporal.PlainDate.from(deadlines.receivedDate), answered) : null,
    onTime: by(binding.toString()),
    withinOneMonth: by(deadlines.due),
    withinThreeMonths: by(deadlines.extendedDue),
  };
}

/**
 * A closed or dismissed case is deleted once its delete-after date (closure + the retention period, set
 * when it was closed) has passed: from the day after it, in Copenhagen. Open cases never are.
 */
export function isDueForDeletion(c: Pick<Case, 'status' | 'deleteAfter'>, now: string): boolean {
  if (isOpen(c.status) || c.deleteAfter === undefined) return false;
  return isBefore(parseIsoDate(c.deleteAfter, 'delete-after date'), day(now));
}
