import { Temporal, daysBetween, isBefore, legalDate, parseInstantWithOffset, parseIsoDate, type IsoDate } from './calendar.js';
import type { Actor, Case, CaseExport, DataSubject, IdentityCheck, Letter, PauseKind, Task } from './case.js';
import { LETTER_KINDS, PAUSE_KINDS, effectiveDue, needsConfirmation } from './case.js';
import { deadlinesAsOf, openPause } from './case-clock.js';
import { DomainError, invalidInput, refused } from './errors.js';
import { diffCase, type CaseEvent, type EventType } from './events.js';
import { REFUSAL_BASES, basisName, rightsOutsideBasis, type RefusalBasis } from './legal-bases.js';
import { STATUS_LABEL, assertTransition, isAwaitingAnswer, isOpen, type CaseStatus } from './lifecycle.js';
import { capitalised, longDa, plural } from './danish.js';
import type { ProcessingRegister } from './register/index.js';
import { HIT_KINDS, type HitKind, type SourceSummary } from './hits.js';
import { RIGHTS, RIGHT_INFO, normalizeRights, type Right } from './rights.js';
import { tasksForRights } from './tasks.js';
import { checkedText, optionalText } from './validation.js';
import { FORWARD_TASK } from './processor-case.js';
import { attachmentRemovedLine, checkedIdentityMethod, idAttachmentTask, isIdAttachmentTask, refuseKeptCopy } from './identity.js';
import { AUTHORITY_NAMES, AUTHORITY_TASK, checkedDataSubject, withAuthorityTask } from './representative.js';
import { keptUntil } from './letters/bookkeeping.js';

/** The erasure task that asks about accounting records, and the deletion it schedules once answered with a date. */
export const ACCOUNTING_TASK = 'erasure:accounting_records';
export const ACCOUNTING_DELETE_TASK = 'erasure:accounting_delete';

/**
 * Everything that can happen to an open case, as data. `applyCommand` checks it against the lifecycle
 * and the rules, and returns the next version of the case with the event that records the change.
 */
export type CaseCommand =
  /** Confirm it is a request and start work; optionally record that identity needs no check or how it was checked. */
  | { type: 'start'; identity?: IdentityAnswer }
  /** Ask the requester for identity or a clarification: the clock stops from `since` (default today). */
  | { type: 'pause'; kind: PauseKind; reason: string; since?: IsoDate }
  /** The answer arrived on `on` (default today): the clock runs again; say how identity was checked if it was. */
  | { type: 'resume'; on?: IsoDate; identityMethod?: string }
  /** How the requester's identity was checked, or that it needs no check (never a copy of an ID). */
  | { type: 'record_identity'; identity: IdentityAnswer }
  | { type: 'extend'; reason: string; notifiedAt?: string }
  | { type: 'assign'; assignee: Actor }
  | { type: 'set_task'; taskId: string; done: boolean }
  /** `override`: why to answer although something is still open (answerBlockers); recorded in the trail. */
  | { type: 'respond'; summary?: string; override?: string }
  | { type: 'reject'; basis: RefusalBasis; reason: string; override?: string }
  | { type: 'dismiss'; reason: string }
  | { type: 'close'; outcome: string; override?: string }
  | { type: 'record_letter'; letter: Letter }
  | { type: 'add_note'; text: string }
  /** An identifier to search for besides the requester's own (customer number, CVR, an old address). */
  | { type: 'add_identifier'; value: string }
  /**
   * Who the request is for, when the requester acts for someone else (a lawyer, a parent): their name and
   * identifiers, and on what authority; `null` when the requester turns out to ask for themselves.
   */
  | { type: 'set_data_subject'; dataSubject: Omit<DataSubject, 'authorityEvidence' | 'authorityCheckedBy' | 'authorityCheckedAt'> | null }
  /** The representative's authority was checked: what showed it (never a copy of an ID). Ticks the authority task. */
  | { type: 'record_authority'; evidence: string }
  /** A search of Microsoft 365 finished: when, where, for what, and what it found (for the timeline). */
  | { type: 'record_search'; search: SearchRecord }
  /** The answer package was built (or deleted). */
  | { type: 'record_export'; export: CaseExport }
  /** A processor case: the request was forwarded to the customer that is the controller. */
  | { type: 'record_forwarding'; to: string; at?: string }
  /**
   * The request reached the company at another moment than recorded (a forwarded original's date was wrong,
   * the requester says it was sent earlier): the deadlines are recomputed from `receivedAt`, earlier or later.
   */
  | { type: 'correct_receipt'; receivedAt: string; reason: string }
  /** The requester asks for more rights (a follow-up did): they join the case and its tasks, ticks kept. */
  | { type: 'add_rights'; rights: readonly Right[] }
  /**
   * A follow-up carried what looks like copies of an ID: a task per attachment to remove it after the check.
   * Attachments that already have their task are left alone (a redelivered follow-up adds nothing).
   */
  | { type: 'add_id_attachment_tasks'; mailbox: string; messageId: string; attachments: readonly { id: string; name: string }[] }
  /** The ID attachment of task `taskId` left the mailbox (`gone`: it was not there any more). Ticks the task. */
  | { type: 'record_attachment_removed'; taskId: string; outcome: 'removed' | 'gone' }
  /** The DPO's answer to "does the person have accounting records?": the latest record's date, or none. */
  | { type: 'record_accounting'; latestRecord: string }
  /** An Art. 19 recipient that will not be told (impossible or disproportionate), with why. */
  | { type: 'record_art19_exempt'; recipient: string; reason: string };

export interface SearchRecord {
  startedAt: string;
  identifiers: number;
  mailboxes: number;
  drives: number;
  hits: number;
  /** Mailboxes where Graph's 1,000-result cap was reached: some items may be missing there. */
  capped: number;
  /** Per kind of source: how many searched, partly failed, and why not searched (absent on older records). */
  sources?: SourceSummary;
  /** Places that were the same item as another, counted once. */
  duplicates?: number;
  finishedAt?: string;
}

export type IdentityAnswer = { notNeeded: true } | { method: string };

export interface CommandContext {
  /** The moment of the change (ISO instant); "today" is its date in Copenhagen. */
  now: string;
  actor: Actor;
  /** Years a closed case is kept before deletion (gdpr-rules §4: 3 by default). */
  retentionYears: number;
  /** The processing register, for the tasks of rights added to a case (add_rights refuses without it). */
  register?: ProcessingRegister;
}

interface Change {
  next: Case;
  type: EventType;
  summary: string;
  /** The same line in Danish, for Danish cards (the English `summary` stays for the CLI and the trail). */
  da?: string;
  /** Extra detail for the event that is not a case field (a note's text). */
  extra?: Record<string, { after: unknown }>;
}

type Handler<C extends CaseCommand> = (c: Case, command: C, ctx: CommandContext, today: Temporal.PlainDate) => Change;

const moveTo = (c: Case, status: CaseStatus): Case => {
  assertTransition(c.status, status);
  return { ...c, status };
};

function requireOpen(c: Case, action: string): void {
  if (!isOpen(c.status))
    throw new DomainError('illegal_transition', `cannot ${action}: ${c.id} is ${c.status}`).saying(
      `Det kan ikke lade sig gøre: ${c.id} er ${STATUS_LABEL[c.status].da.toLowerCase()}.`,
    );
}

const PAST_DATE_DA: Record<string, string> = {
  'pause start': 'Pausens start',
  'answer date': 'Datoen for svaret',
  'forwarded at': 'Datoen for videresendelsen',
};

/** A date the user gave for something that already happened: not in the future, not before receipt. */
function pastDate(text: string | undefined, what: string, c: Case, today: Temporal.PlainDate): Temporal.PlainDate {
  const date = text === undefined ? today : parseIsoDate(text, what);
  const whatDa = PAST_DATE_DA[what] ?? 'Datoen';
  if (Temporal.PlainDate.compare(date, today) > 0)
    throw invalidInput(`${what} ${date.toString()} is in the future`, `${whatDa} den ${longDa(date)} ligger i fremtiden.`);
  const received = legalDate(c.receivedAt);
  if (isBefore(date, received))
    throw invalidInput(
      `${what} ${date.toString()} is before the request was received (${received.toString()})`,
      `${whatDa} den ${longDa(date)} ligger før modtagelsen af anmodningen den ${longDa(received)}.`,
    );
  return date;
}

/** Ends a running pause (on refusal or dismissal the wait is over too). */
function endPause(c: Case, on: Temporal.PlainDate): Case {
  return { ...c, pauses: c.pauses.map((p) => (p.to === undefined ? { ...p, to: on.toString() } : p)) };
}

function tick(tasks: Task[], id: string, ctx: CommandContext): Task[] {
  return tasks.map((t) => (t.id === id && !t.done ? { ...t, done: true, doneAt: ctx.now, doneBy: ctx.actor } : t));
}

const closure = (ctx: CommandContext, today: Temporal.PlainDate) => ({
  closedAt: ctx.now,
  deleteAfter: today.add({ years: ctx.retentionYears }).toString(),
});

const EXTENSION_NOTICE_TASK = 'extension_notice';
const NOT_EXTENDABLE: readonly Right[] = ['rectification', 'marketing_opt_out'];
/** The letter a pause of each kind rests on. */
const PAUSE_LETTER: Record<PauseKind, Letter['kind']> = { identity: 'identity_request', clarification: 'clarification_request' };
const LETTER_NAMES_DA: Record<Letter['kind'], string> = {
  acknowledgement: 'kvittering',
  identity_request: 'anmodning om identitet',
  clarification_request: 'anmodning om præcisering',
  extension_notice: 'meddelelse om forlængelse',
  answer: 'svar',
  rejection: 'afslag',
  art19_notice: 'underretning efter artikel 19',
  other: 'andet brev',
};
const LETTER_TASK: Partial<Record<Letter['kind'], string>> = {
  acknowledgement: 'acknowledge',
  extension_notice: EXTENSION_NOTICE_TASK,
  answer: 'answer',
  rejection: 'answer',
};

/** The case with its identity check recorded and the identity task ticked. */
function withIdentity(c: Case, answer: IdentityAnswer, ctx: CommandContext): Case {
  let identity: IdentityCheck;
  if ('notNeeded' in answer) identity = { status: 'not_needed', by: ctx.actor, at: ctx.now };
  else {
    const method = checkedIdentityMethod(checkedText(answer.method, 'identity method', 500));
    identity = { status: 'verified', method: method.text, methodKind: method.kind, by: ctx.actor, at: ctx.now };
  }
  return { ...c, identity, tasks: tick(c.tasks, 'identity', ctx) };
}

/** Something that stands in the way of answering, refusing or closing a case. */
export type AnswerBlocker =
  | { kind: 'open_tasks'; taskIds: string[] }
  | { kind: 'extension_not_notified' }
  | { kind: 'authority_not_recorded'; dataSubject?: string }
  | { kind: 'unconfirmed' };

/**
 * What stands in the way of answering, refusing or closing a case (gdpr-rules §4: the record must show it was
 * done): open tasks, an extension decided but never notified, a representative whose authority is not shown,
 * a case nobody confirmed as a request. Each needs doing, or an explicit override with a reason.
 */
export function answerBlockers(c: Case, action: 'respond' | 'reject' | 'close'): AnswerBlocker[] {
  const blockers: AnswerBlocker[] = [];
  if (action !== 'reject') {
    // The answer task is what answering does; the extension notice and the authority check are their own blockers.
    // The accounting records' deletion is years away: scheduled on the case, it does not hold up the answer.
    const open = c.tasks.filter(
      (t) => !t.done && t.id !== 'answer' && t.id !== EXTENSION_NOTICE_TASK && t.id !== AUTHORITY_TASK && t.id !== ACCOUNTING_DELETE_TASK,
    );
    if (open.length) blockers.push({ kind: 'open_tasks', taskIds: open.map((t) => t.id) });
  }
  if (action !== 'close' && c.extension && !c.extension.notifiedAt) blockers.push({ kind: 'extension_not_notified' });
  if (action !== 'close' && c.dataSubject && !c.dataSubject.authorityEvidence)
    blockers.push({ kind: 'authority_not_recorded', ...(c.dataSubject.name ? { dataSubject: c.dataSubject.name } : {}) });
  if (needsConfirmation(c)) blockers.push({ kind: 'unconfirmed' });
  return blockers;
}

/** A blocker in Danish, for the errors a Danish card shows. */
export function blockerTextDa(b: AnswerBlocker): string {
  switch (b.kind) {
    case 'open_tasks': {
      const n = b.taskIds.length;
      return n === 1 ? '1 åben opgave' : `${n} åbne opgaver`;
    }
    case 'extension_not_notified':
      return 'personen har ikke fået besked om forlængelsen';
    case 'authority_not_recorded':
      return 'anmoderens fuldmagt eller forældremyndighed for den registrerede er ikke dokumenteret';
    case 'unconfirmed':
      return 'ingen har bekræftet, at det er en anmodning';
  }
}

/** A blocker in the words of the audit trail and of errors. */
export function blockerText(b: AnswerBlocker): string {
  switch (b.kind) {
    case 'open_tasks': {
      const n = b.taskIds.length;
      return `${n} open task${n === 1 ? '' : 's'} (${b.taskIds.slice(0, 5).join(', ')}${n > 5 ? ', ...' : ''})`;
    }
    case 'extension_not_notified':
      return 'the extension was never notified to the person';
    case 'authority_not_recorded':
      // No name: this text reaches chat as it is, and the name came from mail.
      return "the requester's authority to act for the data subject is not recorded";
    case 'unconfirmed':
      return 'nobody has confirmed it is a request';
  }
}

const withExtra = ({ extra }: Pick<Change, 'extra'>) => (extra ? { extra } : {});

/** Refuses when something blocks and no reason was given; else what the event records about the override. */
function overridden(
  c: Case,
  verb: string,
  found: AnswerBlocker[],
  reason: string | undefined,
): Pick<Change, 'summary' | 'extra'> & { da: string } {
  if (!found.length) return { summary: '', da: '' };
  const blockers = found.map(blockerText);
  const why = optionalText(reason, 'override reason');
  const daVerb = { answer: 'besvares', refuse: 'afvises', close: 'lukkes' }[verb] ?? verb;
  if (!why)
    throw refused(
      `cannot ${verb} ${c.id} yet: ${blockers.join('; ')}. Do that first, or go ahead with a reason (override)`,
      `${c.id} kan ikke ${daVerb} endnu: ${found.map(blockerTextDa).join('; ')}. Gør det først, eller skriv en begrundelse for at fortsætte alligevel.`,
    );
  return {
    summary: ` (despite ${blockers.join('; ')}: ${why})`,
    da: ` (selvom ${found.map(blockerTextDa).join('; ')}: ${why})`,
    extra: { override: { after: { reason: why, blockers } } },
  };
}

const start: Handler<Extract<CaseCommand, { type: 'start' }>> = (c, cmd, ctx) => {
  const next = moveTo(c, 'in_progress');
  return {
    next: cmd.identity ? withIdentity(next, cmd.identity, ctx) : next,
    type: 'started',
    summary: 'Confirmed as a request; work started',
    da: 'Bekræftet som anmodning; arbejdet er startet',
  };
};

const recordIdentity: Handler<Extract<CaseCommand, { type: 'record_identity' }>> = (c, cmd, ctx) => {
  requireOpen(c, 'record the identity check');
  const next = withIdentity(c, cmd.identity, ctx);
  return {
    next,
    type: 'identity_recorded',
    summary: next.identity.method ? `Identity verified: ${next.identity.method}` : 'Identity needs no check',
    da: next.identity.method ? `Identitet bekræftet: ${next.identity.method}` : 'Identiteten kræver ingen kontrol',
  };
};

const pause: Handler<Extract<CaseCommand, { type: 'pause' }>> = (c, cmd, ctx, today) => {
  if (!PAUSE_KINDS.includes(cmd.kind))
    throw invalidInput(
      `unknown pause kind "${cmd.kind}"; use ${PAUSE_KINDS.join(' or ')}`,
      `Ukendt slags pause »${cmd.kind}«; vælg identitet eller præcisering.`,
    );
  const reason = checkedText(cmd.reason, 'reason');
  const since = pastDate(cmd.since, 'pause start', c, today);
  // A pause from today is the asking itself; one from an earlier day rests on the request recorded as sent then.
  const asked = PAUSE_LETTER[cmd.kind];
  if (isBefore(since, today) && !c.letters.some((l) => l.kind === asked && legalDate(l.sentAt).equals(since)))
    throw refused(
      `a pause from ${since.toString()} needs the ${asked.replace('_', ' ')} sent that day: record the letter first`,
      `En pause fra den ${longDa(since)} kræver, at anmodningen om ${cmd.kind === 'identity' ? 'identitet' : 'en præcisering'} blev sendt den dag: registrér brevet først.`,
    );
  const due = effectiveDue({ deadlines: deadlinesAsOf(c, since), extension: c.extension });
  if (isBefore(Temporal.PlainDate.from(due), since)) {
    throw refused(
      `the deadline ${due} had passed by ${since.toString()}; asking the requester now cannot stop the clock`,
      `Fristen den ${longDa(due)} var overskredet den ${longDa(since)}; at spørge anmoderen nu kan ikke stoppe fristen.`,
    );
  }
  const next = moveTo(c, 'awaiting_identity');
  next.pauses = [...c.pauses, { kind: cmd.kind, reason, from: since.toString() }];
  if (cmd.kind === 'identity') next.identity = { status: 'requested', by: ctx.actor, at: ctx.now };
  return {
    next,
    type: 'paused',
    summary: `Clock paused from ${since.toString()} awaiting ${cmd.kind}: ${reason}`,
    da: `Fristen er sat på pause fra den ${longDa(since)} i afventning af ${cmd.kind === 'identity' ? 'identitet' : 'en præcisering'}: ${reason}`,
  };
};

const resume: Handler<Extract<CaseCommand, { type: 'resume' }>> = (c, cmd, ctx, today) => {
  const running = openPause(c);
  const next = moveTo(c, 'in_progress');
  if (!running) return { next, type: 'resumed', summary: 'Work resumed', da: 'Arbejdet er genoptaget' };
  const on = pastDate(cmd.on, 'answer date', c, today);
  if (isBefore(on, Temporal.PlainDate.from(running.from))) {
    throw invalidInput(
      `answer date ${on.toString()} is before the pause began (${running.from})`,
      `Datoen for svaret den ${longDa(on)} ligger før pausen begyndte den ${longDa(running.from)}.`,
    );
  }
  const method = optionalText(cmd.identityMethod, 'identity method', 500);
  next.pauses = c.pauses.map((p) => (p === running ? { ...p, to: on.toString() } : p));
  const summary = `Clock running again from ${on.toString()}`;
  const da = `Fristen løber igen fra den ${longDa(on)}`;
  if (method)
    return {
      next: withIdentity(next, { method }, ctx),
      type: 'resumed',
      summary: `${summary}; identity verified: ${method}`,
      da: `${da}; identitet bekræftet: ${method}`,
    };
  // Without a method the check stays "requested": the case shows it until someone records how it was done.
  return {
    next,
    type: 'resumed',
    summary: running.kind === 'identity' ? `${summary}; identity method not recorded yet` : summary,
    da: running.kind === 'identity' ? `${da}; det er endnu ikke noteret, hvordan identiteten blev bekræftet` : da,
  };
};

/**
 * Why the case cannot be extended for what it asks, or undefined. Rectification (no refusal grounds) and a
 * marketing opt-out (absolute) are never extended (gdpr-rules §1): their work is done first, and the
 * extension then covers the rest of the request.
 */
export function extensionBlocker(c: Pick<Case, 'rights' | 'tasks'>): string | undefined {
  const urgent = c.rights.filter((r) => NOT_EXTENDABLE.includes(r));
  if (!urgent.length) return undefined;
  if (urgent.length === c.rights.length)
    return `${urgent.join(' and ')} cannot be extended (Art. 16, Art. 21(3)): answer without undue delay`;
  const waiting = c.tasks.filter((t) => !t.done && t.right && NOT_EXTENDABLE.includes(t.right));
  if (!waiting.length) return undefined;
  return `${urgent.join(' and ')} cannot be extended (Art. 16, Art. 21(3)): finish ${waiting.map((t) => t.id).join(', ')} first; the extension then covers the rest`;
}

const extend: Handler<Extract<CaseCommand, { type: 'extend' }>> = (c, cmd, ctx, today) => {
  if (!isAwaitingAnswer(c.status))
    throw new DomainError('illegal_transition', `cannot extend: ${c.id} is ${c.status}`).saying(
      `Fristen kan ikke forlænges: ${c.id} er ${STATUS_LABEL[c.status].da.toLowerCase()}.`,
    );
  if (c.extension)
    throw refused(
      `${c.id} was already extended on ${c.extension.at.slice(0, 10)}`,
      `${c.id} blev allerede forlænget den ${longDa(legalDate(c.extension.at))}.`,
    );
  const blocker = extensionBlocker(c);
  if (blocker)
    throw refused(
      blocker,
      'Berigtigelse og afmelding af markedsføring kan ikke forlænges (artikel 16 og artikel 21, stk. 3): gør dem færdige uden unødig forsinkelse; forlængelsen dækker derefter resten.',
    );
  const reason = checkedText(cmd.reason, 'reason');
  const deadlines = deadlinesAsOf(c, today);
  const due = Temporal.PlainDate.from(deadlines.due);
  if (isBefore(due, today)) {
    throw refused(
      `the first deadline ${due.toString()} has passed; an extension must be notified within the first month (Art. 12(3))`,
      `Den første frist den ${longDa(due)} er overskredet; en forlængelse skal meddeles inden for den første måned (artikel 12, stk. 3).`,
    );
  }
  let notifiedAt: string | undefined;
  if (cmd.notifiedAt !== undefined) {
    notifiedAt = parseInstantWithOffset(cmd.notifiedAt, 'notified at').toString();
    if (isBefore(due, legalDate(notifiedAt)))
      throw refused(
        `the extension notice must go out by ${due.toString()}`,
        `Meddelelsen om forlængelsen skal sendes senest den ${longDa(due)}.`,
      );
  }
  const next: Case = { ...c, extension: { reason, at: ctx.now, by: ctx.actor, ...(notifiedAt ? { notifiedAt } : {}) } };
  const noticeTask: Task = {
    id: EXTENSION_NOTICE_TASK,
    title: {
      da: `Giv personen besked om forlængelsen med begrundelse senest den ${longDa(due)}`,
      en: `Tell the person about the extension, with reasons, by ${due.toString()}`,
    },
    done: notifiedAt !== undefined,
    ...(notifiedAt ? { doneAt: notifiedAt, doneBy: ctx.actor } : {}),
  };
  next.tasks = [...c.tasks.filter((t) => t.id !== EXTENSION_NOTICE_TASK), noticeTask];
  return {
    next,
    type: 'extended',
    summary: `Extended to ${deadlines.extendedDue}: ${reason}`,
    da: `Forlænget til den ${longDa(deadlines.extendedDue)}: ${reason}`,
  };
};

const assign: Handler<Extract<CaseCommand, { type: 'assign' }>> = (c, cmd) => {
  requireOpen(c, 'assign');
  const id = checkedText(cmd.assignee.id, 'assignee', 320);
  const name = optionalText(cmd.assignee.name, 'assignee name', 200);
  const next: Case = { ...c, assignee: { kind: cmd.assignee.kind, id, ...(name ? { name } : {}) } };
  return { next, type: 'assigned', summary: `Assigned to ${name ?? id}`, da: `Tildelt ${name ?? id}` };
};

const setTask: Handler<Extract<CaseCommand, { type: 'set_task' }>> = (c, cmd, ctx) => {
  requireOpen(c, 'change a task');
  const target = c.tasks.find((t) => t.id === cmd.taskId);
  if (target?.id === AUTHORITY_TASK && cmd.done)
    throw refused(
      'the authority check is done by recording what showed the authority (record_authority), so the file says it',
      'Kontrollen af fuldmagten afsluttes ved at notere, hvad der viste retten (»Fuldmagt kontrolleret«), så sagen dokumenterer det.',
    );
  if (!target)
    throw invalidInput(
      `${c.id} has no task "${cmd.taskId}"; its tasks are ${c.tasks.map((t) => t.id).join(', ')}`,
      `${c.id} har ingen opgave »${cmd.taskId}«; vælg en af sagens ${plural(c.tasks.length, 'opgave', 'opgaver')} på kortet.`,
    );
  if (isIdAttachmentTask(target) && cmd.done)
    throw refused(
      'an ID attachment task is done by removing the attachment (remove_attachment), so the file says the copy is gone',
      'Opgaven afsluttes ved at slette vedhæftningen (»Slet vedhæftning«), så sagen dokumenterer, at kopien er væk.',
    );
  const tasks = c.tasks.map((t) => {
    if (t !== target) return t;
    if (!cmd.done) {
      const { doneAt: _doneAt, doneBy: _doneBy, ...rest } = t;
      return { ...rest, done: false };
    }
    return { ...t, done: true, doneAt: ctx.now, doneBy: ctx.actor };
  });
  return {
    next: { ...c, tasks },
    type: 'task_updated',
    summary: `Task ${cmd.taskId} ${cmd.done ? 'done' : 'reopened'}`,
    da: `Opgave »${target.title.da}« ${cmd.done ? 'udført' : 'genåbnet'}`,
  };
};

const respond: Handler<Extract<CaseCommand, { type: 'respond' }>> = (c, cmd, ctx, today) => {
  const summary = optionalText(cmd.summary, 'summary');
  assertTransition(c.status, 'responded');
  const override = overridden(c, 'answer', answerBlockers(c, 'respond'), cmd.override);
  const next = moveTo(c, 'responded');
  next.respondedAt = ctx.now;
  next.tasks = tick(c.tasks, 'answer', ctx);
  if (summary) next.outcome = summary;
  // The trail says plainly when an answer was late: accountability (Art. 5(2)) and the yearly figures.
  const due = effectiveDue({ deadlines: deadlinesAsOf(c, today), extension: c.extension });
  const late = daysBetween(Temporal.PlainDate.from(due), today);
  const timing = late > 0 ? ` ${late} day${late === 1 ? '' : 's'} after the deadline ${due}` : '';
  const timingDa = late > 0 ? ` ${late} ${late === 1 ? 'dag' : 'dage'} efter fristen den ${longDa(due)}` : '';
  return {
    next,
    type: 'responded',
    summary: `Answered${timing}${summary ? `: ${summary}` : ''}${override.summary}`,
    da: `Besvaret${timingDa}${summary ? `: ${summary}` : ''}${override.da}`,
    ...withExtra(override),
  };
};

const reject: Handler<Extract<CaseCommand, { type: 'reject' }>> = (c, cmd, ctx, today) => {
  if (!REFUSAL_BASES.includes(cmd.basis))
    throw invalidInput(
      `unknown legal basis "${cmd.basis}"; use one of ${REFUSAL_BASES.join(', ')}`,
      `Ukendt hjemmel »${cmd.basis}«; vælg en af ${REFUSAL_BASES.map((b) => basisName(b, 'da')).join(', ')}.`,
    );
  assertTransition(c.status, 'rejected');
  if (cmd.basis === '15(4)')
    throw refused(
      "Art. 15(4) limits the copy, it does not refuse access: redact other people's data and answer",
      'Artikel 15, stk. 4, begrænser kopien, men giver ikke afslag på indsigt: overstreg andre personers oplysninger og svar.',
    );
  const outside = rightsOutsideBasis(cmd.basis, c.rights);
  if (outside.length)
    throw refused(
      `${cmd.basis} cannot refuse ${outside.join(', ')} (gdpr-rules §2); answer what it does not cover`,
      `${capitalised(basisName(cmd.basis, 'da'))}${cmd.basis.includes('(') ? ',' : ''} kan ikke begrunde afslag på ${outside.map((r) => RIGHT_INFO[r].name.da.toLowerCase()).join(', ')}; besvar det, hjemlen ikke dækker.`,
    );
  // Manifestly unfounded or excessive (e.g. repetitive) is never met by a person's first request (gdpr-rules §2).
  if (cmd.basis === '12(5)' && !c.earlierCases?.length)
    throw refused(
      `${c.id} is the person's first request on record: Art. 12(5) cannot refuse it`,
      `${c.id} er personens første registrerede anmodning: den kan ikke afvises efter artikel 12, stk. 5.`,
    );
  const reason = checkedText(cmd.reason, 'reason');
  const override = overridden(c, 'refuse', answerBlockers(c, 'reject'), cmd.override);
  const next = moveTo(endPause(c, today), 'rejected');
  next.decision = { kind: 'rejected', basis: cmd.basis, reason, at: ctx.now, by: ctx.actor };
  return {
    next,
    type: 'rejected',
    summary: `Refused under ${cmd.basis}: ${reason}${override.summary}`,
    da: `Afvist efter ${basisName(cmd.basis, 'da')}: ${reason}${override.da}`,
    ...withExtra(override),
  };
};

const dismiss: Handler<Extract<CaseCommand, { type: 'dismiss' }>> = (c, cmd, ctx, today) => {
  const reason = checkedText(cmd.reason, 'reason');
  const next = { ...moveTo(endPause(c, today), 'dismissed'), ...closure(ctx, today) };
  next.decision = { kind: 'dismissed', reason, at: ctx.now, by: ctx.actor };
  return {
    next,
    type: 'dismissed',
    summary: `Not a data-subject request: ${reason}`,
    da: `Ikke en GDPR-anmodning: ${reason}`,
  };
};

const close: Handler<Extract<CaseCommand, { type: 'close' }>> = (c, cmd, ctx, today) => {
  const outcome = checkedText(cmd.outcome, 'outcome');
  assertTransition(c.status, 'closed');
  const override = overridden(c, 'close', answerBlockers(c, 'close'), cmd.override);
  const next = { ...moveTo(c, 'closed'), ...closure(ctx, today), outcome };
  return {
    next,
    type: 'closed',
    summary: `Closed: ${outcome}${override.summary}`,
    da: `Lukket: ${outcome}${override.da}`,
    ...withExtra(override),
  };
};

const recordLetter: Handler<Extract<CaseCommand, { type: 'record_letter' }>> = (c, cmd, ctx, today) => {
  requireOpen(c, 'record a letter');
  const { letter } = cmd;
  if (!LETTER_KINDS.includes(letter.kind))
    throw invalidInput(
      `unknown letter kind "${letter.kind}"; use one of ${LETTER_KINDS.join(', ')}`,
      `Ukendt slags brev »${letter.kind}«; vælg en af ${LETTER_KINDS.join(', ')}.`,
    );
  const sentAt = parseInstantWithOffset(letter.sentAt, 'sent at').toString();
  if (Temporal.PlainDate.compare(legalDate(sentAt), today) > 0)
    throw invalidInput(`sent at ${letter.sentAt} is in the future`, `Afsendelsen den ${longDa(legalDate(sentAt))} ligger i fremtiden.`);
  const to = optionalText(letter.to, 'recipient', 320);
  const note = optionalText(letter.note, 'note');
  const next: Case = { ...c, letters: [...c.letters, { kind: letter.kind, sentAt, ...(to ? { to } : {}), ...(note ? { note } : {}) }] };
  let late = '';
  let lateDa = '';
  if (letter.kind === 'extension_notice' && c.extension && !c.extension.notifiedAt) {
    next.extension = { ...c.extension, notifiedAt: sentAt };
    // Recorded as it happened, but a notice after the first month does not move the deadline (extensionBinds).
    const due = deadlinesAsOf(c, today).due;
    if (legalDate(sentAt).toString() > due) {
      late = ` (after the first deadline ${due}: the extension does not apply)`;
      lateDa = ` (efter den første frist den ${longDa(due)}: forlængelsen gælder ikke)`;
    }
  }
  const taskId = LETTER_TASK[letter.kind];
  if (taskId) next.tasks = tick(c.tasks, taskId, { ...ctx, now: sentAt });
  return {
    next,
    type: 'letter_recorded',
    summary: `Letter recorded: ${letter.kind}${late}`,
    da: `Brev registreret: ${LETTER_NAMES_DA[letter.kind]}${lateDa}`,
  };
};

const addNote: Handler<Extract<CaseCommand, { type: 'add_note' }>> = (c, cmd) => {
  const text = checkedText(cmd.text, 'note');
  return { next: { ...c }, type: 'note_added', summary: 'Note added', da: 'Note tilføjet', extra: { note: { after: text } } };
};

const addIdentifier: Handler<Extract<CaseCommand, { type: 'add_identifier' }>> = (c, cmd) => {
  requireOpen(c, 'add an identifier');
  const value = checkedText(cmd.value, 'identifier', 200);
  const existing = c.identifiers ?? [];
  if (existing.some((i) => i.toLowerCase() === value.toLowerCase()))
    throw invalidInput(`"${value}" is already an identifier on ${c.id}`, `»${value}« er allerede et søgeord på ${c.id}.`);
  if (existing.length >= 20)
    throw invalidInput(`${c.id} has 20 identifiers already`, `${c.id} har allerede 20 søgeord; fjern et, før du tilføjer flere.`);
  return {
    next: { ...c, identifiers: [...existing, value] },
    type: 'identifier_added',
    summary: 'Search identifier added',
    da: 'Søgeord tilføjet',
  };
};

const setDataSubject: Handler<Extract<CaseCommand, { type: 'set_data_subject' }>> = (c, cmd, ctx) => {
  requireOpen(c, 'change the data subject');
  if (c.status === 'responded')
    throw new DomainError('illegal_transition', `cannot change the data subject: ${c.id} is answered already`).saying(
      `Den registrerede kan ikke ændres: ${c.id} er allerede besvaret.`,
    );
  if (cmd.dataSubject === null) {
    if (!c.dataSubject)
      throw invalidInput(`${c.id} has no data subject besides the requester`, `${c.id} har ingen anden registreret end anmoderen selv.`);
    const { dataSubject: _gone, ...rest } = c;
    return {
      next: { ...rest, tasks: withAuthorityTask(c.tasks, undefined, ctx.now, ctx.actor) },
      type: 'data_subject_set',
      summary: 'The requester asks for themselves: no data subject besides them',
      da: 'Anmoderen spørger på egne vegne: ingen anden registreret',
    };
  }
  const { authorityEvidence: _e, authorityCheckedBy: _b, authorityCheckedAt: _a, ...given } = cmd.dataSubject as DataSubject;
  const fresh = checkedDataSubject(given);
  // A check of one authority is no check of another: the evidence stays only while the kind is the same.
  const before = c.dataSubject;
  const kept: Pick<DataSubject, 'authorityEvidence' | 'authorityCheckedBy' | 'authorityCheckedAt'> =
    before?.authorityEvidence && before.authority === fresh.authority
      ? {
          authorityEvidence: before.authorityEvidence,
          ...(before.authorityCheckedBy ? { authorityCheckedBy: before.authorityCheckedBy } : {}),
          ...(before.authorityCheckedAt ? { authorityCheckedAt: before.authorityCheckedAt } : {}),
        }
      : {};
  const dataSubject: DataSubject = { ...fresh, ...kept };
  const previousTask = c.tasks.find((t) => t.id === AUTHORITY_TASK);
  const tasks = withAuthorityTask(c.tasks, dataSubject, previousTask?.doneAt ?? ctx.now, previousTask?.doneBy ?? ctx.actor);
  return {
    next: { ...c, dataSubject, tasks },
    type: 'data_subject_set',
    summary: `Data subject recorded (${fresh.authority})${kept.authorityEvidence ? '' : '; authority to be checked'}`,
    da: `Den registrerede er noteret (${AUTHORITY_NAMES[fresh.authority].da})${kept.authorityEvidence ? '' : '; retten skal kontrolleres'}`,
  };
};

const recordAuthority: Handler<Extract<CaseCommand, { type: 'record_authority' }>> = (c, cmd, ctx) => {
  requireOpen(c, 'record the authority');
  if (!c.dataSubject)
    throw refused(
      `${c.id} is the requester's own request: there is no authority to check`,
      `${c.id} er anmoderens egen anmodning: der er ingen fuldmagt at kontrollere.`,
    );
  const evidence = checkedText(cmd.evidence, 'authority evidence', 500);
  refuseKeptCopy(evidence, 'authority evidence');
  const dataSubject: DataSubject = {
    ...c.dataSubject,
    authorityEvidence: evidence,
    authorityCheckedBy: ctx.actor,
    authorityCheckedAt: ctx.now,
  };
  return {
    next: { ...c, dataSubject, tasks: withAuthorityTask(c.tasks, dataSubject, ctx.now, ctx.actor) },
    type: 'authority_recorded',
    summary: `Authority checked: ${evidence}`,
    da: `${capitalised(AUTHORITY_NAMES[c.dataSubject.authority].da)} kontrolleret: ${evidence}`,
  };
};

const SOURCE_WORDS: Record<HitKind, { da: [string, string]; en: [string, string] }> = {
  message: { da: ['postkasse', 'postkasser'], en: ['mailbox', 'mailboxes'] },
  file: { da: ['OneDrive', 'OneDrives'], en: ['OneDrive', 'OneDrives'] },
  siteFile: { da: ['SharePoint-søgning', 'SharePoint-søgninger'], en: ['SharePoint search', 'SharePoint searches'] },
  chatMessage: { da: ['brugers Teams-chats', 'brugeres Teams-chats'], en: ["user's Teams chats", "users' Teams chats"] },
  channelMessage: { da: ['teams kanaler', 'teams kanaler'], en: ["team's channels", "teams' channels"] },
  event: { da: ['kalender', 'kalendere'], en: ['calendar', 'calendars'] },
  contact: { da: ['brugers kontakter', 'brugeres kontakter'], en: ["user's contacts", "users' contacts"] },
  copilotInteraction: {
    da: ['brugers Copilot-historik', 'brugeres Copilot-historik'],
    en: ["user's Copilot history", "users' Copilot history"],
  },
};

/** "42 postkasser, 42 OneDrives, 1 SharePoint-søgning, 20 brugeres Teams-chats (Teams-chats ikke søgt: …)". */
function sourcesText(sources: SourceSummary, lang: 'da' | 'en'): string {
  return HIT_KINDS.flatMap((kind) => {
    const s = sources[kind];
    if (!s) return [];
    const [one, many] = SOURCE_WORDS[kind][lang];
    const failed = s.failed ? (lang === 'da' ? ` (${s.failed} delvist fejlet)` : ` (${s.failed} partly failed)`) : '';
    const skipped = s.skipped ? (lang === 'da' ? ' (nogle ikke søgt)' : ' (some not searched)') : '';
    return [`${s.searched} ${s.searched === 1 ? one : many}${failed}${skipped}`];
  }).join(', ');
}

const recordSearch: Handler<Extract<CaseCommand, { type: 'record_search' }>> = (c, cmd) => {
  const s = cmd.search;
  const capped = s.capped ? `; ${s.capped} mailbox${s.capped === 1 ? '' : 'es'} hit the 1,000-result cap` : '';
  return {
    next: { ...c },
    type: 'search_recorded',
    summary: s.sources
      ? `Searched ${sourcesText(s.sources, 'en')} for ${s.identifiers} identifiers: ${s.hits} hits${capped}`
      : `Searched ${s.mailboxes} mailboxes and ${s.drives} OneDrives for ${s.identifiers} identifiers: ${s.hits} hits${capped}`,
    da: `Søgt i ${s.sources ? sourcesText(s.sources, 'da') : `${plural(s.mailboxes, 'postkasse', 'postkasser')} og ${plural(s.drives, 'OneDrive', 'OneDrives')}`} efter ${plural(s.identifiers, 'søgeord', 'søgeord')}: ${plural(s.hits, 'fund', 'fund')}${s.capped ? `; ${plural(s.capped, 'postkasse', 'postkasser')} nåede grænsen på 1.000 resultater` : ''}`,
    extra: { search: { after: s } },
  };
};

const recordExport: Handler<Extract<CaseCommand, { type: 'record_export' }>> = (c, cmd) => {
  const e = cmd.export;
  // What the copy holds and what was taken out of it is part of the case's record (Art. 15(4)).
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const en = [
    e.withheld ? `${n(e.withheld, 'item', 'items')} withheld` : '',
    e.redactedItems
      ? `other people's data removed from ${n(e.redactedItems, 'item', 'items')} (${n(e.redactions ?? 0, 'value', 'values')}, Article 15(4))`
      : '',
    e.kept ? `${n(e.kept, 'value', 'values')} of other people kept by decision` : '',
    e.unreadable ? `${n(e.unreadable, 'part', 'parts')} to review by hand` : '',
  ].filter(Boolean);
  const daParts = [
    e.withheld ? `${plural(e.withheld, 'element', 'elementer')} tilbageholdt` : '',
    e.redactedItems
      ? `andres oplysninger fjernet fra ${plural(e.redactedItems, 'element', 'elementer')} (${plural(e.redactions ?? 0, 'sted', 'steder')}, artikel 15, stk. 4)`
      : '',
    e.kept ? `${plural(e.kept, 'oplysning', 'oplysninger')} om andre beholdt efter beslutning` : '',
    e.unreadable ? `${plural(e.unreadable, 'del', 'dele')} til manuel gennemgang` : '',
  ].filter(Boolean);
  const summary = e.deletedAt
    ? `Answer package deleted from ${e.folder}`
    : `Answer package with ${e.items} items in ${e.folder}${en.length ? `; ${en.join('; ')}` : ''}`;
  const da = e.deletedAt
    ? `Svarpakken er slettet fra ${e.folder}`
    : `Svarpakke med ${plural(e.items, 'element', 'elementer')} i ${e.folder}${daParts.length ? `; ${daParts.join('; ')}` : ''}`;
  return { next: { ...c, export: e }, type: 'export_recorded', summary, da };
};

const recordForwarding: Handler<Extract<CaseCommand, { type: 'record_forwarding' }>> = (c, cmd, ctx, today) => {
  requireOpen(c, 'record the forwarding');
  if (!c.controllerElsewhere)
    throw refused(
      `${c.id} is ITGuy's own request to answer; only a processor case is forwarded to a customer`,
      `${c.id} er ITGuys egen anmodning at besvare; kun en sag, hvor ITGuy er databehandler, sendes videre til kunden.`,
    );
  const to = checkedText(cmd.to, 'forwarded to', 320);
  const at = cmd.at === undefined ? ctx.now : parseInstantWithOffset(cmd.at, 'forwarded at').toString();
  pastDate(legalDate(at).toString(), 'forwarded at', c, today);
  return {
    next: {
      ...c,
      controllerElsewhere: { ...c.controllerElsewhere, forwardedTo: to, forwardedAt: at },
      tasks: tick(c.tasks, FORWARD_TASK, ctx),
    },
    type: 'forwarded_to_controller',
    summary: `Forwarded to the controller (${to})`,
    da: `Sendt videre til den dataansvarlige (${to})`,
  };
};

const correctReceipt: Handler<Extract<CaseCommand, { type: 'correct_receipt' }>> = (c, cmd, ctx) => {
  requireOpen(c, 'correct the receipt');
  if (c.status === 'responded')
    throw new DomainError('illegal_transition', `cannot correct the receipt: ${c.id} is answered already`).saying(
      `Modtagelsen kan ikke rettes: ${c.id} er allerede besvaret.`,
    );
  const reason = checkedText(cmd.reason, 'reason');
  const received = parseInstantWithOffset(cmd.receivedAt, 'received');
  if (Temporal.Instant.compare(received, Temporal.Instant.from(ctx.now)) > 0)
    throw invalidInput(`received ${cmd.receivedAt} is in the future`, `Modtagelsen den ${longDa(legalDate(received))} ligger i fremtiden.`);
  // The case was opened because the request had arrived: it cannot have arrived later than that.
  if (Temporal.Instant.compare(received, Temporal.Instant.from(c.createdAt)) > 0)
    throw invalidInput(
      `received ${cmd.receivedAt} is after the case was opened (${c.createdAt})`,
      `Modtagelsen den ${longDa(legalDate(received))} ligger efter, at sagen blev oprettet den ${longDa(legalDate(c.createdAt))}.`,
    );
  const receivedAt = received.toString();
  if (Temporal.Instant.compare(received, Temporal.Instant.from(c.receivedAt)) === 0)
    throw invalidInput(
      `${c.id} is already recorded as received at ${receivedAt}`,
      `${c.id} er allerede registreret som modtaget på det tidspunkt.`,
    );
  const day = legalDate(receivedAt);
  const early = c.pauses.find((p) => isBefore(Temporal.PlainDate.from(p.from), day));
  if (early)
    throw invalidInput(
      `a pause began on ${early.from}, before ${day.toString()}; the request was received before that`,
      `En pause begyndte den ${longDa(early.from)}, før den ${longDa(day)}; anmodningen var altså modtaget inden da.`,
    );
  const next: Case = { ...c, receivedAt, receiptBasis: { kind: 'corrected', note: reason } };
  return {
    next,
    type: 'receipt_corrected',
    summary: `Receipt corrected to ${receivedAt} (was ${c.receivedAt}): ${reason}`,
    da: `Modtagelsen er rettet til den ${longDa(legalDate(receivedAt))} (var den ${longDa(legalDate(c.receivedAt))}): ${reason}`,
  };
};

const addRights: Handler<Extract<CaseCommand, { type: 'add_rights' }>> = (c, cmd, ctx) => {
  requireOpen(c, 'add rights');
  if (c.status === 'responded')
    throw new DomainError('illegal_transition', `cannot add rights: ${c.id} is answered already`).saying(
      `Der kan ikke tilføjes rettigheder: ${c.id} er allerede besvaret.`,
    );
  if (!ctx.register)
    throw invalidInput('adding rights needs the processing register', 'Rettigheder kan kun tilføjes med fortegnelsen over behandlinger.');
  const unknown = cmd.rights.filter((r) => !(RIGHTS as readonly string[]).includes(r));
  if (unknown.length)
    throw invalidInput(
      `unknown right "${unknown[0]}"; use one of ${RIGHTS.join(', ')}`,
      `Ukendt rettighed »${unknown[0]}«; vælg en af ${RIGHTS.map((r) => RIGHT_INFO[r].name.da.toLowerCase()).join(', ')}.`,
    );
  const added = normalizeRights(cmd.rights).filter((r) => !c.rights.includes(r));
  if (!added.length)
    throw invalidInput(
      `${c.id} already has ${cmd.rights.join(', ') || 'those rights'}`,
      `${c.id} omfatter allerede ${cmd.rights.map((r) => RIGHT_INFO[r].name.da.toLowerCase()).join(', ') || 'de rettigheder'}.`,
    );
  const rights = [...c.rights, ...added];
  const regenerated = tasksForRights(rights, ctx.register, c.tasks);
  // Tasks that no right makes (the extension notice) stay as they are.
  const kept = c.tasks.filter((t) => !regenerated.some((r) => r.id === t.id));
  return {
    next: { ...c, rights, tasks: [...regenerated, ...kept] },
    type: 'rights_added',
    summary: `Rights added: ${added.join(', ')}`,
    da: `Rettigheder tilføjet: ${added.map((r) => RIGHT_INFO[r].name.da.toLowerCase()).join(', ')}`,
  };
};

const addIdAttachmentTasks: Handler<Extract<CaseCommand, { type: 'add_id_attachment_tasks' }>> = (c, cmd) => {
  requireOpen(c, 'add ID attachment tasks');
  const fresh = cmd.attachments
    .map((a) => idAttachmentTask({ mailbox: cmd.mailbox, messageId: cmd.messageId, attachmentId: a.id, name: a.name }))
    .filter((t, i, all) => !c.tasks.some((existing) => existing.id === t.id) && all.findIndex((o) => o.id === t.id) === i);
  if (!fresh.length)
    throw invalidInput(
      `${c.id} has a task for each of these attachments already`,
      `${c.id} har allerede en opgave for hver af disse vedhæftninger.`,
    );
  const names = fresh.map((t) => t.attachment!.name);
  return {
    next: { ...c, tasks: [...c.tasks, ...fresh] },
    type: 'task_added',
    summary: `Possible ID document received (${names.map((n) => `"${n}"`).join(', ')}): delete after checking`,
    da: `Muligt ID-dokument modtaget (${names.map((n) => `»${n}«`).join(', ')}): slettes efter kontrol`,
  };
};

const recordAttachmentRemoved: Handler<Extract<CaseCommand, { type: 'record_attachment_removed' }>> = (c, cmd, ctx) => {
  // Any status: a copy of an ID must leave the mailbox even after the case was closed (with an override).
  if (cmd.outcome !== 'removed' && cmd.outcome !== 'gone')
    throw invalidInput(`unknown outcome "${String(cmd.outcome)}"`, `Ukendt udfald »${String(cmd.outcome)}«.`);
  const target = c.tasks.find((t) => t.id === cmd.taskId);
  if (!target || !isIdAttachmentTask(target))
    throw invalidInput(
      `${c.id} has no ID attachment task "${cmd.taskId}"`,
      `${c.id} har ingen opgave om at slette en vedhæftning »${cmd.taskId}«.`,
    );
  if (target.done)
    throw refused(`${c.id}: that attachment is already recorded as removed`, 'Vedhæftningen er allerede registreret som slettet.');
  const attachment = { ...target.attachment!, removal: cmd.outcome };
  const tasks = c.tasks.map((t) => (t === target ? { ...t, attachment, done: true, doneAt: ctx.now, doneBy: ctx.actor } : t));
  const line = attachmentRemovedLine(attachment, cmd.outcome, ctx.actor);
  return { next: { ...c, tasks }, type: 'attachment_removed', summary: line.en, da: line.da };
};

const recordAccounting: Handler<Extract<CaseCommand, { type: 'record_accounting' }>> = (c, cmd, ctx, today) => {
  requireOpen(c, 'record accounting records');
  if (!c.tasks.some((t) => t.id === ACCOUNTING_TASK))
    throw invalidInput(
      `${c.id} has no erasure request: accounting records are asked about for erasure only`,
      `${c.id} har ingen anmodning om sletning: regnskabsmateriale afklares kun ved sletning.`,
    );
  const answer = cmd.latestRecord.trim().toLowerCase();
  const tasks = tick(
    c.tasks.filter((t) => t.id !== ACCOUNTING_DELETE_TASK),
    ACCOUNTING_TASK,
    ctx,
  );
  if (answer === 'none' || answer === 'ingen')
    return {
      next: { ...c, tasks, facts: { ...c.facts, accounting: { none: true, by: ctx.actor, at: ctx.now } } },
      type: 'task_updated',
      summary: 'Accounting records: none about the person',
      da: 'Regnskabsmateriale: ingen om personen',
    };
  let latest: Temporal.PlainDate;
  try {
    latest = parseIsoDate(answer, 'date of the latest accounting record');
  } catch {
    throw invalidInput(
      'give the date of the latest accounting record about the person (YYYY-MM-DD), or none',
      'Skriv datoen for det seneste regnskabsbilag om personen (ÅÅÅÅ-MM-DD), eller ingen.',
    );
  }
  if (isBefore(today, latest))
    throw invalidInput(
      `the latest accounting record cannot be dated after today (${latest})`,
      `Det seneste regnskabsbilag kan ikke være dateret efter i dag (${longDa(latest.toString())}).`,
    );
  const years = ctx.register?.retentionExceptions.find((e) => e.id === 'bookkeeping')?.years ?? 5;
  // Counted from the end of the records' financial year (calendar year), never from the letter's date.
  const until = keptUntil(latest.toString(), years);
  const deletion: Task = {
    id: ACCOUNTING_DELETE_TASK,
    title: {
      da: `Slet regnskabsmaterialet om personen den ${longDa(until)} (${years} år efter udløbet af regnskabsåret ${latest.year})`,
      en: `Delete the accounting records about the person on ${until} (${years} years after the end of the financial year ${latest.year})`,
    },
    right: 'erasure',
    done: false,
  };
  return {
    next: {
      ...c,
      tasks: [...tasks, deletion],
      facts: { ...c.facts, accounting: { latestRecord: latest.toString(), by: ctx.actor, at: ctx.now } },
    },
    type: 'task_updated',
    summary: `Accounting records: the latest from ${latest}; to be deleted on ${until}`,
    da: `Regnskabsmateriale: det seneste fra ${longDa(latest.toString())}; slettes den ${longDa(until)}`,
  };
};

const recordArt19Exempt: Handler<Extract<CaseCommand, { type: 'record_art19_exempt' }>> = (c, cmd, ctx) => {
  requireOpen(c, 'record an Art. 19 exemption');
  const taskId = `art19:${cmd.recipient}`;
  const task = c.tasks.find((t) => t.id === taskId);
  if (!task) {
    const known = c.tasks.filter((t) => t.id.startsWith('art19:')).map((t) => t.id.slice(6));
    throw invalidInput(
      known.length
        ? `${c.id} has no Art. 19 recipient "${cmd.recipient}"; use one of ${known.join(', ')}`
        : `${c.id} has no Art. 19 notices (only erasure, rectification and restriction have them)`,
      known.length
        ? `${c.id} har ingen modtager »${cmd.recipient}« efter artikel 19; brug en af ${known.join(', ')}.`
        : `${c.id} har ingen underretninger efter artikel 19 (kun sletning, berigtigelse og begrænsning har dem).`,
    );
  }
  const reason = checkedText(cmd.reason, 'reason', 300);
  // The task is settled (it asks to notify "or record why that is impossible or disproportionate"); the
  // letter names the recipient as not told, with this reason, never as told.
  return {
    next: {
      ...c,
      tasks: tick(c.tasks, taskId, ctx),
      facts: { ...c.facts, art19Exempt: { ...c.facts?.art19Exempt, [cmd.recipient]: { reason, by: ctx.actor, at: ctx.now } } },
    },
    type: 'task_updated',
    summary: `Art. 19: ${cmd.recipient} will not be told: ${reason}`,
    da: `Artikel 19: ${cmd.recipient} får ikke besked: ${reason}`,
  };
};

const HANDLERS: { [K in CaseCommand['type']]: Handler<Extract<CaseCommand, { type: K }>> } = {
  start,
  record_accounting: recordAccounting,
  record_art19_exempt: recordArt19Exempt,
  record_identity: recordIdentity,
  pause,
  resume,
  extend,
  assign,
  set_task: setTask,
  respond,
  reject,
  dismiss,
  close,
  record_letter: recordLetter,
  add_note: addNote,
  add_identifier: addIdentifier,
  set_data_subject: setDataSubject,
  record_authority: recordAuthority,
  record_search: recordSearch,
  record_export: recordExport,
  record_forwarding: recordForwarding,
  correct_receipt: correctReceipt,
  add_rights: addRights,
  add_id_attachment_tasks: addIdAttachmentTasks,
  record_attachment_removed: recordAttachmentRemoved,
};

/** Applies a command: the next version of the case and the event that records the change. */
export function applyCommand(c: Case, command: CaseCommand, ctx: CommandContext): { case: Case; event: CaseEvent } {
  const handler = HANDLERS[command.type] as Handler<CaseCommand> | undefined;
  if (!handler)
    throw invalidInput(
      `unknown action "${(command as { type: string }).type}"`,
      `Ukendt handling »${(command as { type: string }).type}«.`,
    );
  const today = legalDate(ctx.now);
  const { next, type, summary, da, extra } = handler(c, command, ctx, today);
  const updated: Case = { ...next, deadlines: deadlinesAsOf(next, today), updatedAt: ctx.now, version: c.version + 1 };
  const event: CaseEvent = {
    caseId: c.id,
    sequence: updated.version,
    at: ctx.now,
    actor: ctx.actor,
    type,
    summary,
    ...(da ? { da } : {}),
    changes: { ...diffCase(c, updated), ...extra },
  };
  return { case: updated, event };
}
