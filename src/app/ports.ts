import type {
  Actor,
  Case,
  CaseEvent,
  CaseId,
  CaseStatistic,
  Hit,
  RegisterConfirmation,
  Right,
  SearchCounts,
  SourceKind,
  SourceMessage,
} from '../domain/index.js';
import type { ItemRedactions } from '../domain/redaction/item.js';

/** A message id a case was opened from; a second request to open a case from it finds the first. */
export interface SourceKey {
  kind: 'internetMessageId' | 'graphId';
  value: string;
}

/** Every key a set of source messages is known by. */
export function sourceKeysOf(messages: readonly SourceMessage[]): SourceKey[] {
  return messages.flatMap((m) => [
    ...(m.internetMessageId ? [{ kind: 'internetMessageId' as const, value: m.internetMessageId }] : []),
    ...(m.graphId ? [{ kind: 'graphId' as const, value: m.graphId }] : []),
  ]);
}

export type Change = { case: Case; event: CaseEvent };

/** An event as a timeline shows it: without the fields before and after (the case card's latest events). */
export type TimelineEntry = Omit<CaseEvent, 'changes'>;

/**
 * Persistence of cases and their audit trail. Implementations must make each change atomic (the case and
 * its event are stored together or not at all) and safe under concurrent writers.
 */
export interface CaseRepository {
  /**
   * Allocates the next id in `year` and stores what `build` makes of it, unless a case already exists for
   * one of `sourceKeys`: then that case is returned and nothing is written.
   */
  create(request: {
    year: number;
    sourceKeys: readonly SourceKey[];
    build: (id: CaseId) => Change;
    /**
     * The caller found no case for `sourceKeys` just now: the first attempt does not read them again. A case
     * made meanwhile still wins (its source rows make the write conflict, and the next attempt reads them).
     */
    sourcesChecked?: boolean;
  }): Promise<{ case: Case; created: boolean }>;
  /** Applies `change` to the current version; re-reads and re-applies if another writer got there first. */
  update(id: CaseId, change: (current: Case) => Change): Promise<Change>;
  get(id: CaseId): Promise<Case | undefined>;
  findBySource(key: SourceKey): Promise<Case | undefined>;
  /**
   * Every stored case whose requester or data subject has this e-mail address (compared lower-cased), of any
   * status, newest received first. Cases stored before the person index existed are included too.
   */
  findByPerson(email: string): Promise<Case[]>;
  /** Cases not closed or dismissed, without reading closed ones. */
  listOpen(): Promise<Case[]>;
  listAll(): Promise<Case[]>;
  /**
   * The cases whose ids are of these years (the year of receipt when opened), of any status: one
   * year-keyed range per year instead of every case.
   */
  listYears(years: readonly number[]): Promise<Case[]>;
  events(id: CaseId): Promise<CaseEvent[]>;
  /**
   * The case's latest `count` events (oldest first), without their field changes: a few point reads, never
   * a range. With the `version` the caller holds, those of that version (none read if the store has them).
   */
  recentEvents(id: CaseId, count: number, version?: number): Promise<TimelineEntry[]>;
  /**
   * Every closed or dismissed case not deleted yet, with its delete-after date (for the retention job:
   * without reading open cases or any case record).
   */
  closedCases(): Promise<{ id: CaseId; deleteAfter: string }[]>;
  /**
   * Deletes a closed or dismissed case with everything personal stored for it (record, events, source-message
   * keys) and keeps `statistic` in its place. The statistic appears in the same atomic write that removes
   * the case, so there is never both nor neither; an interrupted purge is finished by calling it again.
   * Refuses open cases. Resolves true if this call deleted the case, false if it was already gone.
   */
  purge(id: CaseId, statistic: CaseStatistic): Promise<boolean>;
  /** The statistics kept for deleted cases; with `years`, only those of cases with ids of these years. */
  listStatistics(years?: readonly number[]): Promise<CaseStatistic[]>;
}

/**
 * The next-reminder index: which open cases a reminders pass must look at, so a pass reads only those
 * (every case write puts its case there; the pass moves it on to its next reminder moment).
 */
export interface ReminderIndex {
  /** Ids of open cases due for a look at `now`. */
  dueForReminders(now: Date): Promise<CaseId[]>;
  /** The case to decide on, and a token for advanceReminder; undefined when it is gone or closed. */
  reminderCheck(id: CaseId): Promise<{ case: Case; token: string } | undefined>;
  /** Look again at `at` (undefined: only after a change); false when the case was written since the check. */
  advanceReminder(id: CaseId, token: string, at: string | undefined): Promise<boolean>;
}

/**
 * Which proactive messages (intake notifications, reminders) went out, so each goes once across app
 * instances and restarts: claim before sending, then `sent`; `release` if nobody got it.
 */
export interface NotificationLedger {
  /** True when this caller won the right to send `key` (first, or taking over a crashed sender's claim). */
  claim(key: string, now?: Date): Promise<boolean>;
  sent(key: string, now?: Date): Promise<void>;
  /** Never to be sent: a more urgent message about the same case went out instead. */
  cover(key: string, now?: Date): Promise<void>;
  release(key: string): Promise<void>;
  /** Sent, covered, or being sent by someone else. */
  settled(key: string, now?: Date): Promise<boolean>;
  /**
   * Settled for good (sent or covered), or being sent by someone else within their lease (`busy`), or
   * neither (`open`): what settled() answers, split, in one read.
   */
  progress(key: string, now?: Date): Promise<'done' | 'busy' | 'open'>;
}

/**
 * What intake tells the rest of the app (the Teams bot listens). In-process only and never logged:
 * `evidence` quotes the e-mail, for the DPO's card.
 */
export interface IntakeEventMap {
  /**
   * `deadLetter`: intake could not read the message after its retries (or never can: Graph refused its id),
   * so the case is an uncertain one opened from what was known; `evidence` says why.
   */
  case_opened: [{ caseId: CaseId; messageId: string; evidence?: string[]; deadLetter?: boolean }];
  /**
   * A new message on an open case: a reply on its thread, its case number, or the same person writing again
   * on a new thread (`newThread`). `newRights`: rights it asks for that the case does not have yet, which the
   * DPO is offered to add. `unknownSender`: someone who is not the case's requester or data subject quoted
   * its case number (a note says so on the case); the DPO should look before acting on it or replying.
   */
  follow_up_received: [
    {
      caseId: CaseId;
      messageId: string;
      possibleIdentityDocument: boolean;
      newThread?: boolean;
      newRights?: Right[];
      unknownSender?: boolean;
    },
  ];
  /**
   * A watched mailbox's messages keep failing for a reason that may pass (Graph down, the app's Mail
   * permission missing): `waiting` messages queued, the oldest since `oldestSince`. They are retried
   * hourly, never dead-lettered for it; intake emits this at most every few hours per mailbox.
   */
  intake_stalled: [{ waiting: number; oldestSince: string; mailbox: string }];
}

/** A message intake set aside as positively not a request, kept so the DPO can see what was ignored. */
export interface SetAsideMail {
  /** Stable key of the record (the hashed message id). */
  key: string;
  mailbox: string;
  messageId: string;
  receivedAt: string;
  from: { address: string | null; name: string | null };
  subject: string;
  /** What it was taken for: newsletter, auto_reply, bounce, invoice, ... (the classifier's MailKind). */
  kind: string;
  /** Why, in the classifier's words. */
  reason: string;
  setAsideAt: string;
  /** Outlook on the web's link to the message (Graph's webLink), when intake kept it. */
  webLink?: string;
  /** Set once the DPO turned it into a case. */
  caseId?: CaseId;
}

/** What intake set aside, for the digest, the CLI and the add-in; and the one click that turns one into a case. */
export interface SetAsideLog {
  list(options: { since: Date; limit?: number }): Promise<SetAsideMail[]>;
  /** The record for one message, if intake set it aside. */
  find(mailbox: string, messageId: string): Promise<SetAsideMail | undefined>;
  /** Opens a case from a set-aside message (received when it arrived), or finds the one already opened. */
  openCase(key: string, actor: Actor): Promise<Case>;
}

/** Where intake's events can be listened to (an EventEmitter of IntakeEventMap). */
export interface IntakeEventSource {
  on<K extends keyof IntakeEventMap>(event: K, listener: (...args: IntakeEventMap[K]) => void): unknown;
}

/** Where a case's search of Microsoft 365 stands. */
export interface SearchProgress extends SearchCounts {
  state: 'running' | 'done';
}

/**
 * What discovery (src/discovery) offers whoever drives a search: a search that runs to the end, its
 * progress as it goes, the review and the answer package.
 */
export interface CaseSearch {
  search(caseId: CaseId, actor: Actor, options?: { kinds?: readonly SourceKind[] }): Promise<unknown>;
  progress(caseId: CaseId): Promise<SearchProgress | undefined>;
  hits(caseId: CaseId): Promise<Hit[]>;
  review(caseId: CaseId, hit: Pick<Hit, 'source' | 'id'>, decision: { include: boolean; reason?: string }, actor: Actor): Promise<void>;
  thirdPartyIdentifiers(caseId: CaseId): Promise<string[]>;
  /** Other people's data proposed for redaction in the included items, with the decisions (Art. 15(4)). */
  redactions(caseId: CaseId): Promise<ItemRedactions[]>;
  decideRedaction(
    caseId: CaseId,
    target: { hitKey: string; proposalId: string } | { person: string },
    decision: 'keep' | 'redact',
    actor: Actor,
  ): Promise<void>;
  exportPackage(caseId: CaseId, actor: Actor): Promise<{ folder: string; webUrl?: string; included: number; withheld: number }>;
  /** Called with the case id each time a search finishes another source. */
  onProgress(listener: (caseId: CaseId) => void): void;
}

/** The same for a chat turn, which cannot wait for a search: it starts one in the background and reads progress later. */
export interface DiscoveryPort extends Omit<CaseSearch, 'search' | 'onProgress'> {
  /** `kinds`: the sources to search (all when absent). */
  start(caseId: CaseId, actor: Actor, kinds?: readonly SourceKind[]): void;
}

/** Someone in the tenant a case can be assigned to. */
export interface Colleague {
  id: string;
  name: string;
  email?: string;
}

/**
 * The people a case can be assigned to (the tenant's users), asked for a few at a time: a card lists
 * none of them (a typeahead asks as the DPO types), so its size does not grow with the tenant.
 */
export interface ColleagueDirectory {
  /** Up to `top` colleagues whose name or e-mail has words starting with those in `text`. */
  search(text: string, top?: number): Promise<Colleague[]>;
  /** A colleague by object id, or undefined when there is none. */
  get(id: string): Promise<Colleague | undefined>;
}

/** What a list line shows of an open case (and what its clock is read from). */
export interface OpenCaseLine {
  id: CaseId;
  status: Case['status'];
  version: number;
  receivedAt: string;
  pauses: Case['pauses'];
  extension?: NonNullable<Case['extension']>;
  rights: Case['rights'];
  requester: { name?: string; email?: string; phone?: string };
  dataSubject?: { name?: string };
  assignee?: { name?: string; id: string };
  intakeVerdict?: { verdict: NonNullable<Case['intakeVerdict']>['verdict'] };
}

/** Which part of the index a page is read from. */
export type OpenRange =
  | { kind: 'all' }
  /** Running cases due before this date (exclusive): the overdue ones, as of the day after. */
  | { kind: 'before'; date: string }
  /** Running cases due from `from` to `to` (both inclusive, ISO dates). */
  | { kind: 'between'; from: string; to: string };

export interface OpenPage {
  lines: OpenCaseLine[];
  /** Continuation token for the next page; absent on the last. */
  next?: string;
}

/** The open cases by effective deadline, a page at a time (the bot's lists, later the Teams tab). */
export interface OpenCaseList {
  /** Up to `limit` open cases of `range`, most urgent first, from where `token` (a page's `next`) left off. */
  page(range: OpenRange, limit: number, token?: string): Promise<OpenPage>;
}

/** The DPO's answers to the register's assumptions, append-only (src/register): letters state only confirmed ones. */
export interface RegisterConfirmations {
  record(answer: RegisterConfirmation): Promise<void>;
  /** Every answer, oldest first; the latest per assumption is in force. */
  list(): Promise<RegisterConfirmation[]>;
}
