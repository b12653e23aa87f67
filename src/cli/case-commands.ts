import { Option, type Command } from 'commander';
import type { CaseService } from '../app/case-service.js';
import {
  AUTHORITY_KINDS,
  CHANNELS,
  DomainError,
  invalidInput,
  LETTER_KINDS,
  nextCommands,
  ACCOUNTING_DELETE_TASK,
  PAUSE_KINDS,
  parseCaseId,
  parseRefusalBasis,
  parseRights,
  REFUSAL_BASES,
  LEGAL_TIME_ZONE,
  refused,
  type AuthorityKind,
  type Case,
  type CaseCommand,
  type CaseId,
  type Channel,
  type LetterKind,
  type NewCaseInput,
  type NextCommand,
  type PauseKind,
} from '../domain/index.js';
import { cliActor, openCaseService } from './context.js';
import { caseDetail, caseList, caseSummary } from './format.js';
import { colleague, emailAddress, instant, isoDate } from './option-values.js';
import { terminalSafeLines } from './terminal-text.js';

type Json = { json?: boolean };

const print = (text: string): void => void process.stdout.write(`${text}\n`);
const printJson = (value: unknown) => print(JSON.stringify(value, null, 2));

function printCase(cases: CaseService, c: Case, options: Json, message: string): void {
  const clock = cases.clock(c);
  if (options.json) printJson({ ...c, clock });
  else print(`${terminalSafeLines(message)}\n\n${caseDetail(c, clock)}`);
}

/** Registers a `dsar case <verb> <id>` command that applies one domain command. */
function action<O extends Json>(
  caseCommand: Command,
  verb: string,
  description: string,
  configure: (command: Command) => Command,
  toCommand: (options: O) => CaseCommand,
  done: (c: Case) => string,
): void {
  configure(caseCommand.command(`${verb} <id>`).description(description))
    .option('--json', 'print the updated case as JSON')
    .action(async (id: string, options: O) => {
      const caseId = parseCaseId(id);
      const command = toCommand(options);
      const cases = await openCaseService();
      try {
        const updated = await cases.act(caseId, command, cliActor());
        printCase(cases, updated, options, done(updated));
      } catch (error) {
        throw await withNextSteps(error, cases, caseId);
      }
    });
}

// The `dsar case` verbs for the commands that move a case on, to turn "cannot go from X to Y" into what to do instead.
const VERB_FOR_COMMAND: Partial<Record<NextCommand, string>> = {
  pause: 'pause',
  start: 'start (or resume)',
  resume: 'start (or resume)',
  respond: 'respond',
  reject: 'reject',
  dismiss: 'dismiss',
  close: 'close',
};

async function withNextSteps(error: unknown, cases: CaseService, id: CaseId): Promise<unknown> {
  if (!(error instanceof DomainError) || error.code !== 'illegal_transition' || error.allowed.length === 0) return error;
  const c = await cases.get(id).catch(() => undefined);
  if (!c) return error;
  const verbs = nextCommands(c, cases.clock(c))
    .map((command) => VERB_FOR_COMMAND[command])
    .filter(Boolean);
  const steps = [...new Set(verbs)].map((verb) => `dsar case ${verb} ${id}`);
  return new DomainError(error.code, `${error.message} (next: ${steps.join(', ')})`, error.allowed);
}

const OVERRIDE_HELP = 'go ahead although tasks, an extension notice or the authority are still open; the reason is recorded';
const overrideOf = (o: { override?: string }) => (o.override ? { override: o.override } : {});

export function registerCaseCommands(program: Command): void {
  program
    .command('cases')
    .description('list open cases, most urgent first, with days left; overdue ones are flagged')
    .option('--all', 'include closed and dismissed cases')
    .option('--json', 'print a JSON array (id, status, rights, requesterEmail, receivedAt, due, extendedDue, extended, ...)')
    .action(async (options: Json & { all?: boolean }) => {
      const cases = await openCaseService();
      const items = await cases.overview({ includeClosed: options.all ?? false });
      if (options.json) return printJson(items.map(({ case: c, clock }) => caseSummary(c, clock)));
      if (items.length === 0) return print(options.all ? 'No cases yet.' : 'No open cases. (`dsar cases --all` includes closed ones.)');
      print(caseList(items));
    });

  const caseCommand = program.command('case').description('show, open and work a single case');

  caseCommand
    .command('show <id>')
    .description('the case with its tasks and timeline')
    .option('--json', 'print the case and its timeline as JSON')
    .action(async (id: string, options: Json) => {
      const caseId = parseCaseId(id);
      const cases = await openCaseService();
      const c = await cases.get(caseId);
      const [clock, timeline] = [cases.clock(c), await cases.timeline(caseId)];
      if (options.json) printJson({ ...c, clock, timeline });
      else print(caseDetail(c, clock, timeline));
    });

  caseCommand
    .command('new')
    .description('open a case for a request that came by phone, letter, in person or by mail')
    .option('--requester-email <email>', "the requester's e-mail address", emailAddress)
    .option('--name <name>', "the requester's name")
    .option('--phone <phone>', "the requester's phone number")
    .option('--address <address>', "the requester's postal address")
    .requiredOption(
      '--rights <list>',
      `rights asked for, comma-separated: access, information, rectification, erasure, restriction, portability, objection, marketing_opt_out`,
    )
    .option('--received <iso>', 'when the request arrived, ISO 8601 with offset (default: now)', instant)
    .addOption(new Option('--channel <channel>', 'how it arrived').choices(CHANNELS).default('manual'))
    .option('--language <code>', 'language of the request (ISO 639-1)', 'da')
    .option('--subject-name <name>', 'the data subject, when the requester acts for someone else')
    .option('--subject-email <email>', "the data subject's e-mail address", emailAddress)
    .addOption(new Option('--authority <kind>', 'on what authority the requester acts for the data subject').choices(AUTHORITY_KINDS))
    .option('--authority-evidence <text>', 'what shows the authority, e.g. "fuldmagt dated 2026-03-01" (never attach the document)')
    .option('--message-id <id>', 'internetMessageId of the e-mail it came in (makes opening idempotent)')
    .option('--force', 'open it even though the person already has a case open')
    .option('--json', 'print the case as JSON')
    .action(async (options: Json & Record<string, string | undefined>) => {
      const subjectGiven = options.subjectName !== undefined || options.subjectEmail !== undefined;
      if (subjectGiven !== (options.authority !== undefined)) {
        throw invalidInput('--subject-name/--subject-email and --authority go together: name the data subject and the authority');
      }
      const input: NewCaseInput = {
        receivedAt: options.received ?? new Date().toISOString(),
        channel: options.channel as Channel,
        requester: given({ email: options.requesterEmail, name: options.name, phone: options.phone, address: options.address }),
        rights: parseRights(options.rights ?? ''),
        ...given({ language: options.language }),
        ...(subjectGiven
          ? {
              dataSubject: {
                ...given({ name: options.subjectName, email: options.subjectEmail, authorityEvidence: options.authorityEvidence }),
                authority: options.authority as AuthorityKind,
              },
            }
          : {}),
        ...(options.messageId ? { sourceMessages: [{ internetMessageId: options.messageId }] } : {}),
      };
      const cases = await openCaseService();
      if (!options.force) await refuseSecondCase(cases, input);
      const { case: c, created } = await cases.open(input, cliActor());
      printCase(
        cases,
        c,
        options,
        created ? `Opened ${c.id}; answer due ${c.deadlines.due}.` : `Already opened as ${c.id} from that message; nothing changed.`,
      );
    });

  action<Json & { identityMethod?: string; identityNotNeeded?: boolean }>(
    caseCommand,
    'start',
    'confirm it is a request and start work',
    (c) =>
      c
        .option('--identity-method <text>', 'how identity was checked, if it was (never keep a copy of an ID)')
        .option('--identity-not-needed', 'record that identity needs no check (e.g. written from the address on file)'),
    (o) => {
      if (o.identityMethod && o.identityNotNeeded) throw invalidInput('give --identity-method or --identity-not-needed, not both');
      return {
        type: 'start',
        ...(o.identityNotNeeded ? { identity: { notNeeded: true } } : o.identityMethod ? { identity: { method: o.identityMethod } } : {}),
      };
    },
    (c) => `${c.id} is in progress.`,
  );
  action<Json & { method?: string; notNeeded?: boolean }>(
    caseCommand,
    'identity',
    "record how the requester's identity was checked (never keep a copy of an ID)",
    (c) =>
      c
        .option('--method <text>', 'how it was checked, e.g. "customer number and call-back"')
        .option('--not-needed', 'no check needed (e.g. written from the address on file)'),
    (o) => {
      if (Boolean(o.method) === Boolean(o.notNeeded)) throw invalidInput('give either --method <text> or --not-needed');
      return { type: 'record_identity', identity: o.notNeeded ? { notNeeded: true } : { method: o.method! } };
    },
    (c) => `Identity check recorded on ${c.id}.`,
  );
  action<Json & { reason: string; kind: PauseKind; since?: string }>(
    caseCommand,
    'pause',
    'ask the requester for identity or a clarification; the clock stops',
    (c) =>
      c
        .requiredOption('--reason <text>', 'what was asked and why')
        .addOption(new Option('--kind <kind>', 'what is awaited').choices(PAUSE_KINDS).default('identity'))
        .option('--since <date>', 'the day it was asked, YYYY-MM-DD (default today)', isoDate),
    (o) => ({ type: 'pause', kind: o.kind, reason: o.reason, ...(o.since ? { since: o.since } : {}) }),
    (c) => `${c.id} is paused awaiting the requester.`,
  );
  action<Json & { on?: string; method?: string }>(
    caseCommand,
    'resume',
    'the requester answered; the clock runs again',
    (c) =>
      c
        .option('--on <date>', 'the day the answer arrived, YYYY-MM-DD (default today)', isoDate)
        .option('--method <text>', 'how identity was confirmed (required after an identity pause)'),
    (o) => ({ type: 'resume', ...(o.on ? { on: o.on } : {}), ...(o.method ? { identityMethod: o.method } : {}) }),
    (c) =>
      `${c.id} is running again; due ${c.deadlines.due}.` +
      (c.identity.status === 'requested' ? ` Record how identity was checked: dsar case identity ${c.id} --method "...".` : ''),
  );
  action<Json & { reason: string; notifiedAt?: string }>(
    caseCommand,
    'extend',
    'extend the deadline by two months (only before the first deadline)',
    (c) =>
      c
        .requiredOption('--reason <text>', 'why (complexity, number of requests); the requester must be told')
        .option('--notified-at <iso>', 'when the requester was told, if already', instant),
    (o) => ({ type: 'extend', reason: o.reason, ...(o.notifiedAt ? { notifiedAt: o.notifiedAt } : {}) }),
    (c) =>
      `${c.id} extended to ${c.deadlines.extendedDue}.${c.extension?.notifiedAt ? '' : ` Tell the requester, with reasons, by ${c.deadlines.extensionNoticeBy}.`}`,
  );
  action<Json & { to: string; name?: string }>(
    caseCommand,
    'assign',
    'assign the case to a colleague',
    (c) =>
      c
        .requiredOption('--to <who>', "the colleague's e-mail or Entra object id", colleague)
        .option('--name <name>', "the colleague's name"),
    (o) => ({ type: 'assign', assignee: { kind: 'user', id: o.to, ...(o.name ? { name: o.name } : {}) } }),
    (c) => `${c.id} assigned to ${c.assignee?.name ?? c.assignee?.id}.`,
  );
  action<Json & { reason: string }>(
    caseCommand,
    'dismiss',
    'not a data-subject request after all',
    (c) => c.requiredOption('--reason <text>', 'why it is not a request'),
    (o) => ({ type: 'dismiss', reason: o.reason }),
    (c) => `${c.id} dismissed.`,
  );
  action<Json & { to: string; at?: string }>(
    caseCommand,
    'forwarded',
    'a processor case: the request was forwarded to the customer that is the controller',
    (c) =>
      c
        .requiredOption('--to <who>', "the customer's contact it was sent to (e-mail or name)")
        .option('--at <iso>', 'when, ISO 8601 with UTC offset (default now)', instant),
    (o) => ({ type: 'record_forwarding', to: o.to, ...(o.at ? { at: o.at } : {}) }),
    (c) => `${c.id}: forwarded to ${c.controllerElsewhere?.forwardedTo}. Tell the person, then \`dsar case respond ${c.id}\`.`,
  );
  action<Json & { latest: string }>(
    caseCommand,
    'accounting',
    'erasure: record whether the person has accounting records (the letter states the bookkeeping retention from it)',
    (c) =>
      c.requiredOption(
        '--latest <date|none>',
        'the date of the latest accounting record about the person (schedules its deletion 5 years after that financial year), or none',
      ),
    (o) => ({ type: 'record_accounting', latestRecord: o.latest }),
    (c) =>
      c.facts?.accounting?.none
        ? `${c.id}: no accounting records; the letter says nothing about bookkeeping.`
        : `${c.id}: accounting records recorded; deletion scheduled as task ${ACCOUNTING_DELETE_TASK}.`,
  );
  action<Json & { recipient: string; reason: string }>(
    caseCommand,
    'art19-exempt',
    'Art. 19: record that a recipient will not be told (impossible or disproportionate), with why; the letter says so',
    (c) =>
      c
        .requiredOption('--recipient <id>', 'a processor id (e.g. acronis) or other_recipients')
        .requiredOption('--reason <text>', "why, as the letter will say it after 'because' (in the letter's language)"),
    (o) => ({ type: 'record_art19_exempt', recipient: o.recipient, reason: o.reason }),
    (c) => `${c.id}: Art. 19 exemption recorded.`,
  );
  action<Json & { summary?: string; override?: string }>(
    caseCommand,
    'respond',
    'the answer has been sent',
    (c) => c.option('--summary <text>', 'what was answered').option('--override <reason>', OVERRIDE_HELP),
    (o) => ({ type: 'respond', ...(o.summary ? { summary: o.summary } : {}), ...overrideOf(o) }),
    (c) => `${c.id} is answered. Close it with \`dsar case close ${c.id} --outcome ...\`.`,
  );
  action<Json & { basis: string; reason: string; override?: string }>(
    caseCommand,
    'reject',
    'refuse the request on a legal basis',
    (c) =>
      c
        .requiredOption('--basis <basis>', `legal basis: ${REFUSAL_BASES.join(', ')}`)
        .requiredOption('--reason <text>', 'the reasons given to the requester')
        .option('--override <reason>', OVERRIDE_HELP),
    (o) => ({ type: 'reject', basis: parseRefusalBasis(o.basis), reason: o.reason, ...overrideOf(o) }),
    (c) => `${c.id} refused under ${c.decision?.basis}. The answer must give the reasons and the right to complain to Datatilsynet.`,
  );
  action<Json & { outcome: string; override?: string }>(
    caseCommand,
    'close',
    'close an answered or refused case',
    (c) => c.requiredOption('--outcome <text>', 'how it ended').option('--override <reason>', OVERRIDE_HELP),
    (o) => ({ type: 'close', outcome: o.outcome, ...overrideOf(o) }),
    (c) => `${c.id} closed; the record is deleted after ${c.deleteAfter}.`,
  );
  action<Json & { receivedAt: string; reason: string }>(
    caseCommand,
    'correct-receipt',
    'correct when the request reached the company (a forwarded original, what the requester says); the deadlines follow',
    (c) =>
      c
        .requiredOption(
          '--received-at <iso>',
          'when it was received, ISO 8601 with offset (not in the future, not after the case was opened)',
          instant,
        )
        .requiredOption('--reason <text>', 'how that is known'),
    (o) => ({ type: 'correct_receipt', receivedAt: o.receivedAt, reason: o.reason }),
    (c) => `${c.id} received ${c.deadlines.receivedDate}; due ${c.deadlines.due}.`,
  );
  action<Json & { rights: string }>(
    caseCommand,
    'add-rights',
    'the requester asks for more rights: add them and their tasks',
    (c) => c.requiredOption('--rights <list>', 'comma-separated, e.g. erasure,objection'),
    (o) => ({ type: 'add_rights', rights: parseRights(o.rights) }),
    (c) => `${c.id} now covers ${c.rights.join(', ')}.`,
  );
  action<Json & { kind: LetterKind; sentAt?: string; to?: string; note?: string }>(
    caseCommand,
    'letter',
    'record a letter sent to the requester or a recipient',
    (c) =>
      c
        .addOption(new Option('--kind <kind>', 'what was sent').choices(LETTER_KINDS).makeOptionMandatory())
        .option('--sent-at <iso>', 'when (default now)', instant)
        .option('--to <who>', 'to whom')
        .option('--note <text>', 'a note'),
    (o) => ({
      type: 'record_letter',
      letter: {
        kind: o.kind,
        sentAt: o.sentAt ?? new Date().toISOString(),
        ...(o.to ? { to: o.to } : {}),
        ...(o.note ? { note: o.note } : {}),
      },
    }),
    (c) => `Letter recorded on ${c.id}.`,
  );

  caseCommand
    .command('task <id> <task>')
    .description('tick a task on the checklist (or --undo)')
    .option('--undo', 'mark it as not done')
    .option('--json', 'print the updated case as JSON')
    .action(async (id: string, task: string, options: Json & { undo?: boolean }) => {
      const cases = await openCaseService();
      const updated = await cases.act(parseCaseId(id), { type: 'set_task', taskId: task, done: !options.undo }, cliActor());
      printCase(cases, updated, options, `Task ${task} ${options.undo ? 'reopened' : 'done'}.`);
    });

  caseCommand
    .command('note <id> <text>')
    .description('add a note to the timeline')
    .action(async (id: string, text: string) => {
      const cases = await openCaseService();
      await cases.act(parseCaseId(id), { type: 'add_note', text }, cliActor());
      print(`Note added to ${parseCaseId(id)}.`);
    });
}

/**
 * One person, one case: when the person already has a case open, say which and how to add to it, and open
 * nothing without --force (refused rather than asked, so a script never hangs on a prompt). A message that
 * already opened a case is not a second case: opening it just finds the first.
 */
async function refuseSecondCase(cases: CaseService, input: NewCaseInput): Promise<void> {
  const source = input.sourceMessages?.[0]?.internetMessageId;
  if (source && (await cases.findBySource({ kind: 'internetMessageId', value: source }))) return;
  const [open, ...more] = await cases.openCasesFor(input);
  if (!open) return;
  const others = more.length ? ` (and ${more.map((c) => c.id).join(', ')})` : '';
  throw refused(
    `${open.id} is open for this person (received ${danishDate(open.receivedAt)})${others} — add this to it with ` +
      `\`dsar case note ${open.id} "..."\`, or pass --force to open a second case`,
  );
}

/** "2. december 2026": the day of receipt in Copenhagen. */
const danishDate = (instant: string) =>
  new Date(instant).toLocaleDateString('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: LEGAL_TIME_ZONE });

/** The options that were given: commander leaves the others undefined, and a case records only what was said. */
function given<T extends Record<string, string | undefined>>(options: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}
