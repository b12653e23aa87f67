import type { SearchProgress, TimelineEntry } from '../../app/ports.js';
import {
  ACCOUNTING_TASK,
  AUTHORITY_KINDS,
  REFUSAL_BASES,
  basisName,
  answerBlockers,
  extensionBinds,
  type AnswerBlocker,
  RIGHT_INFO,
  STATUS_LABEL,
  isIdAttachmentTask,
  isOpen,
  needsConfirmation,
  nextCommands,
  type Case,
  type DataSubject,
  type CaseId,
  type ClockReading,
  legalDate,
  capitalised,
} from '../../domain/index.js';
import { ALL_SOURCE_KINDS, HIT_KINDS, SOURCE_HIT_KIND } from '../../domain/hits.js';
import { plain } from '../card-text.js';
import { evidenceText } from '../evidence-text.js';
import { ME } from '../forms.js';
import { CHAT } from '../chat-texts.js';
import { TEXTS, say, type Lang } from '../texts.js';
import { formatDate, formatDateTime } from './format.js';

/** The view data for case.json: every string prepared here, text from e-mail made plain. */

/** How many of its latest events the card shows (the case row keeps them, so they are one point read). */
export const CARD_EVENTS = 5;

export interface CaseViewOptions {
  lang: Lang;
  clock: ClockReading;
  events: readonly TimelineEntry[];
  /** "Extended by Rasmus at 10:42": shown on the card the DPO clicked. */
  banner?: string;
  /** A reminder or a refusal, in the attention colour. */
  notice?: string;
  /** The phrases the classifier matched, for a new request. */
  evidence?: readonly string[];
  /** Discovery progress line ("38/42 mailboxes, 17 hits"). */
  progress?: string;
  /** Where the case's search stands, when Microsoft 365 can be searched from here. */
  discovery?: { available: true; state?: 'running' | 'done'; hits: number };
  /** The same person's earlier cases: those received in the 12 months before this one, and older ones. */
  earlier?: { within: readonly CaseId[]; older: readonly CaseId[] };
}

/** "3rd": English ordinals (Danish writes "3."). */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "3. anmodning på 12 måneder (DSAR-2026-0004, DSAR-2026-0011)"; empty when there is no earlier case. */
export function earlierText(lang: Lang, earlier: CaseViewOptions['earlier']): string {
  if (!earlier || (!earlier.within.length && !earlier.older.length)) return '';
  if (!earlier.within.length) return say(lang, TEXTS.firstRequestInYear, { ids: earlier.older.join(', ') });
  const n = earlier.within.length + 1;
  return say(lang, TEXTS.nthRequest, { n, nth: ordinal(n), ids: earlier.within.join(', ') });
}

/** "2. december 2026 (fra den videresendte mails dato — ret hvis forkert)" when receipt is not simply arrival. */
export function receivedText(lang: Lang, c: Pick<Case, 'receivedAt' | 'receiptBasis'>, receivedDate: string): string {
  const basis = c.receiptBasis;
  if (!basis || basis.kind === 'arrival') return formatDateTime(lang, c.receivedAt);
  const why =
    basis.kind === 'corrected'
      ? say(lang, TEXTS.receiptBasis.corrected, { note: plain(basis.note, 120) })
      : say(lang, TEXTS.receiptBasis[basis.kind]);
  return `${formatDate(lang, receivedDate)} (${why})`;
}

export function clockText(lang: Lang, clock: ClockReading): { text: string; color: string } {
  if (!clock.running) return { text: say(lang, TEXTS.notRunning), color: 'Default' };
  if (clock.paused) return { text: say(lang, TEXTS.paused), color: 'Accent' };
  const n = clock.daysLeft;
  if (n < 0) return { text: say(lang, n === -1 ? TEXTS.dayOverdue : TEXTS.daysOverdue, { n: -n }), color: 'Attention' };
  if (n === 0) return { text: say(lang, TEXTS.dueToday), color: 'Attention' };
  return { text: say(lang, n === 1 ? TEXTS.dayLeft : TEXTS.daysLeft, { n }), color: n <= 7 ? 'Warning' : 'Good' };
}

/** "Indsigt (artikel 15), Sletning (artikel 17)". */
export function rightName(lang: Lang, r: Case['rights'][number]): string {
  return `${RIGHT_INFO[r].name[lang]} (${say(lang, TEXTS.article, { n: RIGHT_INFO[r].article })})`;
}

export function rightsText(lang: Lang, c: Pick<Case, 'rights'>): string {
  return c.rights.map((r) => rightName(lang, r)).join(', ');
}

/** The card's buttons: what the domain says may come next (it refuses the rest anyway; this keeps cards honest). */
export function allowedActions(c: Case, clock: ClockReading) {
  const next = new Set(nextCommands(c, clock));
  const uncertain = needsConfirmation(c);
  const basis = c.receiptBasis?.kind;
  const can = {
    start: next.has('start'),
    extend: next.has('extend'),
    respond: next.has('respond'),
    pause: next.has('pause'),
    resume: next.has('resume'),
    assign: next.has('assign'),
    setTask: next.has('set_task'),
    // An uncertain case offers dismissal up front, with a reason picker, instead of under "more".
    dismiss: next.has('dismiss') && !uncertain,
    dismissPicker: next.has('dismiss') && uncertain,
    reject: next.has('reject'),
    close: next.has('close'),
    // A receipt taken from a forwarded original or the requester's word can be wrong: the DPO can correct it.
    correctReceipt: isOpen(c.status) && c.status !== 'responded' && basis !== undefined && basis !== 'arrival',
    // Who the request is for can be set until it is answered; the authority checked while the case is open.
    representative: isOpen(c.status) && c.status !== 'responded' && !c.controllerElsewhere,
    recordAuthority: isOpen(c.status) && c.dataSubject !== undefined && !c.dataSubject.authorityEvidence,
    // Facts the letter states only once recorded: the accounting answer, and Art. 19 notices not given.
    recordAccounting: isOpen(c.status) && c.tasks.some((t) => t.id === ACCOUNTING_TASK && !t.done),
    art19Exempt: isOpen(c.status) && c.tasks.some((t) => t.id.startsWith('art19:') && !t.done),
  };
  return { ...can, more: can.pause || can.resume || can.assign || can.setTask || can.dismiss || can.reject || can.close };
}

/** "Søger: 38/42 postkasser, 40/42 OneDrives, 17 fund"; with more sources "Søger: postkasser 38/42, …, Copilot 5/42, 17 fund". */
export function searchLine(lang: Lang, p: SearchProgress): string {
  const head = say(lang, p.state === 'done' ? TEXTS.search.done : TEXTS.search.running);
  const capped = p.capped ? ` · ${say(lang, p.capped === 1 ? TEXTS.search.cappedOne : TEXTS.search.capped, { n: p.capped })}` : '';
  const { sources, state: _s, ...counts } = p;
  // Searches of more than mailboxes and OneDrives list each source searched, in the order of the kinds.
  if (sources && Object.keys(sources).some((k) => k !== 'message' && k !== 'file')) {
    const parts = HIT_KINDS.flatMap((kind) => {
      const s = sources[kind];
      return s ? [say(lang, TEXTS.search.source, { label: say(lang, TEXTS.search.kinds[kind]), done: s.done, total: s.total })] : [];
    });
    return `${head}: ${[...parts, say(lang, TEXTS.search.hitsCount, { hits: p.hits })].join(', ')}${capped}`;
  }
  return `${say(lang, TEXTS.search.progress, { head, ...counts })}${capped}`;
}

/** The case card's progress line: the search, and the answer package while it exists. */
export function progressText(lang: Lang, c: Case, progress: SearchProgress | undefined): string {
  const line = progress ? searchLine(lang, progress) : '';
  const exported =
    c.export && !c.export.deletedAt ? say(lang, TEXTS.search.package, { folder: c.export.folder, items: c.export.items }) : '';
  return [line, exported].filter(Boolean).join(' · ');
}

/** The search actions: search while the request is being handled; review and export once there are hits. */
function discoveryActions(c: Case, d: CaseViewOptions['discovery']) {
  const working = isOpen(c.status) && c.status !== 'dismissed';
  return {
    search: Boolean(d?.available) && working && d?.state !== 'running',
    review: Boolean(d?.available) && (d?.hits ?? 0) > 0,
    export: Boolean(d?.available) && working && d?.state === 'done' && (d?.hits ?? 0) > 0,
  };
}

const MAX_TASKS = 8;

/** What still stands in the way of answering, refusing or closing, as one line for the card ('' when nothing). */
function blockersLine(lang: Lang, blockers: readonly AnswerBlocker[]): string {
  const items = blockers.map((b) => {
    switch (b.kind) {
      case 'open_tasks':
        return b.taskIds.length === 1 ? say(lang, TEXTS.blockers.open_task) : say(lang, TEXTS.blockers.open_tasks, { n: b.taskIds.length });
      default:
        return say(lang, TEXTS.blockers[b.kind]);
    }
  });
  return items.length ? say(lang, TEXTS.blockers.head, { items: items.join('; ') }) : '';
}

/** The blockers of the actions the card offers, keyed by the part of the card that offers them. */
function blockersOf(c: Case, can: ReturnType<typeof allowedActions>) {
  const more = [...(can.reject ? answerBlockers(c, 'reject') : []), ...(can.close ? answerBlockers(c, 'close') : [])];
  // One line per kind: refusing and closing can share a blocker.
  const unique = more.filter((b, i) => more.findIndex((o) => o.kind === b.kind) === i);
  return { respond: can.respond ? answerBlockers(c, 'respond') : [], more: unique };
}

/** The Data.Query dataset of the assignee picker, answered by the bot's application/search invoke. */
export const COLLEAGUES_DATASET = 'colleagues';

/**
 * The assignee picker's own choices, so it works without typing: whoever has the case now, and "me".
 * Everyone else comes from the typeahead, so the card is as large for 5 colleagues as for 50,000.
 */
function assigneeChoices(c: Case, lang: Lang): { title: string; value: string }[] {
  const current = c.assignee ? [{ title: plain(c.assignee.name ?? c.assignee.id, 80), value: c.assignee.id }] : [];
  return [...current, { title: say(lang, TEXTS.assignToMe), value: ME }];
}

/** An event's line in `lang`; an event from before Danish lines existed says in Danish what kind of change it was. */
function timelineLine(lang: Lang, e: TimelineEntry): string {
  if (lang === 'en') return e.summary;
  return e.da ?? TEXTS.eventKinds[e.type].da;
}

/** "Registreret: Freja Lindholm <freja@…>, kundenr. K-1 (på vegne af; fuldmagt, ikke kontrolleret endnu)". */
function subjectLine(lang: Lang, s: DataSubject): string {
  const ids = [
    s.email ? `<${plain(s.email, 120)}>` : '',
    s.phone ? plain(s.phone, 40) : '',
    s.customerNumber ? `${say(lang, TEXTS.field.customerNumber).toLowerCase()} ${plain(s.customerNumber, 40)}` : '',
    s.address ? plain(s.address, 120) : '',
  ].filter(Boolean);
  const checked = s.authorityEvidence
    ? say(lang, TEXTS.authorityChecked, { evidence: plain(s.authorityEvidence, 120) })
    : say(lang, TEXTS.authorityUnchecked);
  const authority = `${say(lang, TEXTS.authorityKinds[s.authority])}, ${checked}`;
  return `${say(lang, TEXTS.dataSubject)}: ${plain(s.name, 80) || '–'}${ids.length ? ` ${ids.join(', ')}` : ''} (${say(lang, TEXTS.onBehalf)}; ${authority})`;
}

export function caseView(c: Case, o: CaseViewOptions) {
  const { lang, clock } = o;
  const uncertain = needsConfirmation(c);
  const earlier = earlierText(lang, o.earlier);
  const clockLine = clockText(lang, clock);
  const people = [
    `${say(lang, TEXTS.requester)}: ${plain(c.requester.name, 80) || '–'}${c.requester.email ? ` <${plain(c.requester.email, 120)}>` : ''}${c.requester.phone ? `, ${plain(c.requester.phone, 40)}` : ''}`,
    ...(c.dataSubject ? [subjectLine(lang, c.dataSubject)] : []),
  ].map((text, i) => ({ text: i === 0 ? text : `\n${text}` }));
  const facts = [
    { title: say(lang, TEXTS.rights), value: rightsText(lang, c) },
    { title: say(lang, TEXTS.received), value: receivedText(lang, c, clock.deadlines.receivedDate) },
    { title: say(lang, TEXTS.due), value: formatDate(lang, clock.deadlines.due) },
    {
      title: say(lang, TEXTS.extendedDue),
      value: !c.extension
        ? `(${formatDate(lang, clock.deadlines.extendedDue)})`
        : extensionBinds({ deadlines: clock.deadlines, extension: c.extension })
          ? formatDate(lang, clock.deadlines.extendedDue)
          : `${formatDate(lang, clock.deadlines.extendedDue)} (${say(
              lang,
              // Told too late, or the first deadline passed untold: it can never apply now.
              c.extension.notifiedAt !== undefined || clock.overdue ? TEXTS.extensionLapsed : TEXTS.extensionNotTold,
              { date: formatDate(lang, clock.deadlines.due) },
            )})`,
    },
    { title: say(lang, TEXTS.status), value: STATUS_LABEL[c.status][lang] },
    {
      title: say(lang, TEXTS.identity),
      value: `${TEXTS.identityStatus[c.identity.status][lang]}${c.identity.method ? `: ${plain(c.identity.method, 80)}` : ''}`,
    },
    { title: say(lang, TEXTS.channel), value: TEXTS.channels[c.channel][lang] },
    ...(c.assignee ? [{ title: say(lang, TEXTS.assignee), value: plain(c.assignee.name ?? c.assignee.id, 80) }] : []),
    ...(earlier ? [{ title: say(lang, TEXTS.samePerson), value: earlier }] : []),
  ];
  // The phrases that decided it: given with a new request, or the ones that left an uncertain case open.
  const evidence = o.evidence ?? (uncertain ? (c.intakeVerdict?.evidence ?? []) : []);
  const done = c.tasks.filter((t) => t.done).length;
  // Open tasks first; a long checklist (one per system in the register) is cut to keep the card readable.
  // An ID copy waiting to be removed comes first: its button is below the list, and the copy must not linger.
  const ordered = [
    ...c.tasks.filter((t) => !t.done && isIdAttachmentTask(t)),
    ...c.tasks.filter((t) => !t.done && !isIdAttachmentTask(t)),
    ...c.tasks.filter((t) => t.done),
  ];
  const shown = ordered.slice(0, MAX_TASKS);
  const canTick = nextCommands(c, clock).includes('set_task');
  // Each open task is a button of its own (one click ticks it); done ones are plain lines.
  const tasks = shown.map((t) => ({
    // An ID attachment's title holds a file name from mail: plain, like any text from mail on a card.
    text: `${t.done ? '☑' : '☐'} ${c.tasks.indexOf(t) + 1}. ${isIdAttachmentTask(t) ? plain(t.title[lang], 300) : t.title[lang]}${t.done && t.doneBy?.kind === 'system' ? ` (${say(lang, CHAT.bySystem)})` : ''}`,
    done: t.done,
    taskId: t.id,
    // An ID attachment's task is done by removing the attachment (its own button below), never by a tick.
    tick: canTick && !t.done && !isIdAttachmentTask(t),
  }));
  // One button per ID copy still in the mailbox, whatever the status: a copy must go even after closure.
  const idAttachments = c.tasks
    .filter((t) => !t.done && isIdAttachmentTask(t))
    .map((t) => ({ taskId: t.id, title: say(lang, TEXTS.removeAttachment, { n: c.tasks.indexOf(t) + 1 }) }));
  // "og N flere" counts what is left to do; hidden done tasks are in the "x af y udført" count already.
  const hiddenOpen = ordered.slice(MAX_TASKS).filter((t) => !t.done).length;
  if (hiddenOpen)
    tasks.push({
      text: say(lang, hiddenOpen === 1 ? TEXTS.moreTask : TEXTS.moreTasks, { n: hiddenOpen }),
      done: false,
      taskId: '',
      tick: false,
    });
  const events = [...o.events]
    .sort((a, b) => b.sequence - a.sequence)
    .slice(0, CARD_EVENTS)
    .map((e, i) => ({
      text: `${i ? '\n' : ''}${formatDateTime(lang, e.at)} · ${e.actor.kind === 'system' ? say(lang, CHAT.bySystem) : plain(e.actor.name ?? e.actor.id, 40)} · ${plain(timelineLine(lang, e), 160)}`,
    }));
  const can = { ...allowedActions(c, clock), ...discoveryActions(c, o.discovery) };
  const blocked = blockersOf(c, can);
  return {
    id: c.id,
    status: STATUS_LABEL[c.status][lang],
    clock: `${clockLine.text} · ${say(lang, TEXTS.due)} ${formatDate(lang, clock.due)}`,
    clockColor: clockLine.color,
    banner: o.banner ? plain(o.banner, 200) : '',
    notice: o.notice ? plain(o.notice, 300) : '',
    progress: o.progress ?? '',
    people,
    facts,
    possible: uncertain ? say(lang, TEXTS.possibleRequest) : '',
    evidence: evidence.slice(0, 5).map((e, i) => ({ text: `${i ? '\n' : ''}“${plain(evidenceText(e, lang), 140)}”` })),
    tasksSummary: say(lang, TEXTS.tasksDone, { done, total: c.tasks.length }),
    tasks,
    idAttachments,
    events,
    can,
    blockers: { respond: blockersLine(lang, blocked.respond), more: blockersLine(lang, blocked.more) },
    openTasks: c.tasks.filter((t) => !t.done).map((t) => ({ title: plain(t.title[lang], 90), value: t.id })),
    art19Recipients: c.tasks
      .filter((t) => t.id.startsWith('art19:') && !t.done)
      .map((t) => ({ title: plain(t.title[lang], 90), value: t.id.slice('art19:'.length) })),
    colleagues: assigneeChoices(c, lang),
    colleaguesDataset: COLLEAGUES_DATASET,
    assigneeValue: c.assignee?.id ?? '',
    bases: REFUSAL_BASES.map((b) => ({ title: basisName(b, lang), value: b })),
    authorities: AUTHORITY_KINDS.map((k) => ({ title: say(lang, TEXTS.authorityKinds[k]), value: k })),
    // Only the kind is filled in: names and addresses may come from mail, and mail text reaches a card only
    // inside TextRuns (card-text.ts). Fields left empty keep what the case has (ActionForm.dataSubject).
    subject: { authority: c.dataSubject?.authority ?? 'power_of_attorney' },
    dismissReasons: [
      ...[TEXTS.dismissReasons.automated, TEXTS.dismissReasons.notOwnData].map((r) => ({ title: say(lang, r), value: say(lang, r) })),
      { title: say(lang, TEXTS.dismissReasons.other), value: 'other' },
    ],
    dismissDefault: say(lang, TEXTS.dismissReasons.automated),
    // The source picker: every source, all chosen (a search of everything is the default).
    sourceChoices: ALL_SOURCE_KINDS.map((k) => ({ title: capitalised(say(lang, TEXTS.search.kinds[SOURCE_HIT_KIND[k]])), value: k })),
    allSources: ALL_SOURCE_KINDS.join(','),
    receivedDate: clock.deadlines.receivedDate,
    createdDate: legalDate(c.createdAt).toString(),
    labels: {
      evidence: say(lang, uncertain ? TEXTS.uncertainEvidence : TEXTS.evidence),
      tasks: say(lang, TEXTS.tasks),
      tickHint: canTick && c.tasks.some((t) => !t.done) ? say(lang, TEXTS.tickHint) : '',
      removeAttachmentHint: idAttachments.length ? say(lang, TEXTS.removeAttachmentHint) : '',
      timeline: say(lang, TEXTS.timeline),
      start: say(lang, uncertain ? TEXTS.action.confirm : TEXTS.action.start),
      dismissReason: say(lang, TEXTS.field.dismissReason),
      otherReason: say(lang, TEXTS.field.otherReason),
      correctReceipt: say(lang, TEXTS.action.correct_receipt),
      correctedDate: say(lang, TEXTS.field.correctedDate),
      receivedTime: say(lang, TEXTS.field.receivedTime),
      extend: say(lang, TEXTS.action.extend),
      respond: say(lang, TEXTS.action.respond),
      pause: say(lang, TEXTS.action.pause),
      resume: say(lang, TEXTS.action.resume),
      assign: say(lang, TEXTS.action.assign),
      setTask: say(lang, TEXTS.action.set_task),
      dismiss: say(lang, TEXTS.action.dismiss),
      reject: say(lang, TEXTS.action.reject),
      close: say(lang, TEXTS.action.close),
      more: say(lang, TEXTS.action.more),
      search: say(lang, TEXTS.search.button),
      chooseSources: say(lang, TEXTS.search.chooseSources),
      sources: say(lang, TEXTS.search.sources),
      sourcesRequired: say(lang, TEXTS.search.sourcesRequired),
      review: say(lang, TEXTS.search.review),
      export: say(lang, TEXTS.search.export),
      letter: say(lang, TEXTS.search.letter),
      list: say(lang, TEXTS.openCases),
      reason: say(lang, TEXTS.field.reason),
      identityReason: say(lang, TEXTS.field.identityReason),
      method: say(lang, TEXTS.field.method),
      assignee: say(lang, TEXTS.field.assignee),
      assigneePlaceholder: say(lang, TEXTS.field.assigneePlaceholder),
      task: say(lang, TEXTS.field.task),
      summary: say(lang, TEXTS.field.summary),
      basis: say(lang, TEXTS.field.basis),
      reasonOrOutcome: say(lang, TEXTS.field.reasonOrOutcome),
      override: say(lang, TEXTS.field.override),
      representative: say(lang, TEXTS.action.representative),
      setDataSubject: say(lang, TEXTS.action.set_data_subject),
      recordAuthority: say(lang, TEXTS.action.record_authority),
      letterFacts: say(lang, TEXTS.action.letterFacts),
      recordAccounting: say(lang, TEXTS.action.record_accounting),
      recordArt19Exempt: say(lang, TEXTS.action.record_art19_exempt),
      latestRecord: say(lang, TEXTS.field.latestRecord),
      art19Recipient: say(lang, TEXTS.field.art19Recipient),
      art19Reason: say(lang, TEXTS.field.art19Reason),
      authority: say(lang, TEXTS.field.authority),
      authorityEvidence: say(lang, TEXTS.field.authorityEvidence),
      subjectName: say(lang, TEXTS.field.subjectFullName),
      email: say(lang, TEXTS.field.email),
      phone: say(lang, TEXTS.field.phone),
      address: say(lang, TEXTS.field.address),
      customerNumber: say(lang, TEXTS.field.customerNumber),
    },
  };
}
