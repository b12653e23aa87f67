import { legalDate, type IsoDate } from './calendar.js';
import type { CaseId } from './case-id.js';
import type { Deadlines } from './deadlines.js';
import type { IdentityMethod } from './identity.js';
import type { RefusalBasis } from './legal-bases.js';
import type { CaseStatus } from './lifecycle.js';
import type { Right } from './rights.js';
import type { Text } from './text.js';

/** The case record (gdpr-rules §4): what the company must be able to show about each request. */

export const CHANNELS = ['email', 'outlook-addin', 'teams', 'manual', 'letter', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who performed an action: a DPO in Teams, an operator on the CLI, or the system itself. */
export interface Actor {
  kind: 'user' | 'cli' | 'system';
  /** Entra object id for users, the OS user for the CLI, a component name for the system. */
  id: string;
  name?: string;
}

export interface Person {
  name?: string;
  email?: string;
  phone?: string;
  /** Postal address, for requests that came by letter. */
  address?: string;
}

/** On whose authority a requester acts for someone else (gdpr-rules §3). */
export const AUTHORITY_KINDS = ['power_of_attorney', 'parent', 'guardian', 'other'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

/**
 * The person a representative asks for (gdpr-rules §3): the case is theirs. Their identifiers are what the
 * search looks for, and what the copy never redacts as "another person".
 */
export interface DataSubject extends Person {
  /** ITGuy's customer number for the person, when they are (or were) a customer. */
  customerNumber?: string;
  authority: AuthorityKind;
  /**
   * What showed the authority once the DPO checked it (e.g. "fuldmagt dated 2026-03-01"); never a copy of an
   * ID document. Absent until checked: answering needs it, or an override with a reason.
   */
  authorityEvidence?: string;
  /** Who recorded the evidence, and when (absent for cases opened before this was recorded). */
  authorityCheckedBy?: Actor;
  authorityCheckedAt?: string;
}

/** The message a request arrived in; both ids so a case is found whichever the caller has. */
export interface SourceMessage {
  internetMessageId?: string;
  /** Graph immutable id (Prefer: IdType="ImmutableId"), stable across folder moves. */
  graphId?: string;
  mailbox?: string;
}

export const IDENTITY_STATUSES = ['not_checked', 'requested', 'verified', 'not_needed'] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];

/** Identity check record (EDPB §79): how, by whom, when. Never a copy of an ID document. */
export interface IdentityCheck {
  status: IdentityStatus;
  /** The DPO's words for how it was checked (refused when they say a copy was kept). */
  method?: string;
  /** Which of the listed methods it was (src/domain/identity.ts); absent on checks recorded before the list. */
  methodKind?: IdentityMethod;
  by?: Actor;
  at?: string;
}

export const PAUSE_KINDS = ['identity', 'clarification'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

/** The clock stops from the day the company asked until the day the answer arrived (gdpr-rules §1). */
export interface Pause {
  kind: PauseKind;
  reason: string;
  from: IsoDate;
  /** Absent while the company is still waiting. */
  to?: IsoDate;
}

export interface Extension {
  reason: string;
  at: string;
  by: Actor;
  /** When the requester was told, with reasons; must be by the first deadline. */
  notifiedAt?: string;
}

export interface Task {
  /** Stable across regeneration, so ticks survive a change of rights. */
  id: string;
  title: Text;
  note?: Text;
  right?: Right;
  processorId?: string;
  /** The ID document a person mailed, to be removed from the mailbox once identity is checked (identity.ts). */
  attachment?: IdAttachment;
  done: boolean;
  doneAt?: string;
  doneBy?: Actor;
}

/**
 * Where an ID attachment is (mailbox, Graph message and attachment ids) and its file name, for the task
 * and the timeline; never its content. `removal` once it is out of the mailbox: removed by the product, or
 * found already gone.
 */
export interface IdAttachment {
  mailbox: string;
  messageId: string;
  attachmentId: string;
  name: string;
  removal?: 'removed' | 'gone';
}

/**
 * Facts the DPO records on the case for its letters (issue 15 item 1): whether the person has accounting
 * records (the latest record's date, or none), and Art. 19 recipients that will not be told, with why.
 */
export interface CaseFacts {
  accounting?: { latestRecord?: IsoDate; none?: true; by: Actor; at: string };
  /** By recipient: a processor id, or `other_recipients`. */
  art19Exempt?: Record<string, { reason: string; by: Actor; at: string }>;
}

export interface Decision {
  kind: 'rejected' | 'dismissed';
  reason: string;
  basis?: RefusalBasis;
  at: string;
  by: Actor;
}

export const LETTER_KINDS = [
  'acknowledgement',
  'identity_request',
  /** Asking the requester what they mean (Recital 63): like identity_request, a pause can rest on it. */
  'clarification_request',
  'extension_notice',
  'answer',
  'rejection',
  'art19_notice',
  'other',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export interface Letter {
  kind: LetterKind;
  sentAt: string;
  to?: string;
  note?: string;
}

export interface CaseExport {
  /** DSAR/<case id>/ in the drive of `drive` (a user principal name). */
  folder: string;
  drive: string;
  webUrl?: string;
  at: string;
  items: number;
  /** Items found but left out of the copy (the DPO's review). Packages built before these were recorded lack them. */
  withheld?: number;
  /** Art. 15(4): items given as redacted copies, values removed from them, values the DPO chose to keep. */
  redactedItems?: number;
  redactions?: number;
  kept?: number;
  /** Parts of items (an attachment, the end of a very long item) whose text could not be read, for the DPO to look at by hand. */
  unreadable?: number;
  /** When the package was deleted (after closure, if so configured). */
  deletedAt?: string;
}

/**
 * How intake judged the message a case was opened from. `uncertain` cases are opened all the same (the clock
 * runs from receipt) and wait for the DPO to confirm (start) or dismiss them.
 */
export interface IntakeVerdict {
  verdict: 'request' | 'uncertain';
  /** The phrases and signals that decided it, for the DPO's card. */
  evidence: string[];
}

/**
 * Where `receivedAt` comes from, when it is not simply the arrival of the source message: a forwarded
 * request is received when it first reached the company (gdpr-rules §1), which the DPO sees and can correct.
 */
export interface ReceiptBasis {
  /** `corrected`: a DPO set it (correct_receipt); the note is their reason. */
  kind: 'arrival' | 'forwarded_original' | 'stated_by_requester' | 'corrected';
  /** One line for the DPO, e.g. "the forwarded message's Date header". */
  note?: string;
}

/**
 * The request is about data ITGuy holds only as a processor for a customer, who is the controller: it is
 * forwarded to them (src/domain/processor-case.ts), and ITGuy answers no Art. 15 itself.
 */
export interface ControllerElsewhere {
  /** The customer, as far as known (its name or domain). */
  name?: string;
  /** Why intake or the DPO thinks so, in a line. */
  reason: string;
  /** Whom the request was forwarded to (the customer's contact) and when. */
  forwardedTo?: string;
  forwardedAt?: string;
}

export interface Case {
  id: CaseId;
  status: CaseStatus;
  receivedAt: string;
  receiptBasis?: ReceiptBasis;
  intakeVerdict?: IntakeVerdict;
  /** Earlier cases of the same person (by e-mail address), newest first: the evidence Art. 12(5) needs. */
  earlierCases?: CaseId[];
  controllerElsewhere?: ControllerElsewhere;
  channel: Channel;
  requester: Person;
  /** Only when the request is made for someone else. */
  dataSubject?: DataSubject;
  rights: Right[];
  language: string;
  sourceMessages: SourceMessage[];
  identity: IdentityCheck;
  pauses: Pause[];
  /** Derived from receivedAt and pauses; stored so queries and cards need no recomputation. */
  deadlines: Deadlines;
  extension?: Extension;
  assignee?: Actor;
  tasks: Task[];
  respondedAt?: string;
  decision?: Decision;
  letters: Letter[];
  /** Extra identifiers the DPO added for the search (customer number, CVR, an old address). */
  identifiers?: string[];
  /** The answer package in the DPO's OneDrive, once built. */
  export?: CaseExport;
  /** What the DPO answered that letters need (accounting records, Art. 19 notices not given). */
  facts?: CaseFacts;
  outcome?: string;
  closedAt?: string;
  /** Closure + the retention period; the record is deleted after this date. */
  deleteAfter?: IsoDate;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
  /** Number of events recorded; the next event gets version + 1. */
  version: number;
}

/** An `uncertain` intake case the DPO has neither confirmed nor dismissed. */
export function needsConfirmation(c: Pick<Case, 'status'> & { intakeVerdict?: Pick<IntakeVerdict, 'verdict'> | undefined }): boolean {
  return c.status === 'received' && c.intakeVerdict?.verdict === 'uncertain';
}

type ClockFacts = { deadlines: Case['deadlines']; extension?: Case['extension'] | undefined };

/**
 * An extension binds only once the person was told, with reasons, by the first deadline (Art. 12(3); the
 * product rule in gdpr-rules §1). Decided on the notice's recorded date, never on the decision to extend.
 */
export function extensionBinds(c: ClockFacts): boolean {
  const notifiedAt = c.extension?.notifiedAt;
  return notifiedAt !== undefined && legalDate(notifiedAt).toString() <= c.deadlines.due;
}

/**
 * The deadline the company is held to now: the extended one once an extension binds, else the first one
 * (a case past its first deadline without a notice is overdue, whatever was decided internally).
 */
export function effectiveDue(c: ClockFacts): IsoDate {
  return extensionBinds(c) ? c.deadlines.extendedDue : c.deadlines.due;
}
