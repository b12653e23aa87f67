import { Temporal, legalDate, parseInstantWithOffset } from './calendar.js';
import type { Actor, Case, Channel, ControllerElsewhere, DataSubject, IntakeVerdict, Person, ReceiptBasis, SourceMessage } from './case.js';
import { processorTasks } from './processor-case.js';
import { CHANNELS } from './case.js';
import { deadlinesAsOf } from './case-clock.js';
import type { CaseId } from './case-id.js';
import { invalidInput } from './errors.js';
import { diffCase, type CaseEvent } from './events.js';
import type { ProcessingRegister } from './register/index.js';
import { RIGHT_INFO, normalizeRights, type Right } from './rights.js';
import { longDa } from './danish.js';
import { tasksForRights } from './tasks.js';
import { checkedDataSubject, checkedPerson, withAuthorityTask } from './representative.js';
import { optionalText } from './validation.js';

export interface NewCaseInput {
  /** When the request reached the company (ISO 8601 with offset); the clock starts here. */
  receivedAt: string;
  channel: Channel;
  requester: Person;
  dataSubject?: DataSubject;
  rights: readonly Right[];
  /** ISO 639-1 code of the language the request was written in; answers go out in it. */
  language?: string;
  sourceMessages?: readonly SourceMessage[];
  receiptBasis?: ReceiptBasis;
  intakeVerdict?: IntakeVerdict;
  earlierCases?: readonly CaseId[];
  controllerElsewhere?: ControllerElsewhere;
}

export interface OpeningContext {
  now: string;
  actor: Actor;
  register: ProcessingRegister;
}

// A request can be registered a little ahead of the server clock (a phone's clock, a mail server's).
const FUTURE_TOLERANCE_MINUTES = 5;
// Each source message becomes a key written in the opening transaction (at most 100 operations).
export const MAX_SOURCE_MESSAGES = 20;

/** Validates what a new case is made from; every adapter (mail, add-in, Teams, CLI) goes through here. */
export function checkNewCase(input: NewCaseInput, now: string): NewCaseInput {
  const received = parseInstantWithOffset(input.receivedAt, 'received');
  const latest = Temporal.Instant.from(now).add({ minutes: FUTURE_TOLERANCE_MINUTES });
  if (Temporal.Instant.compare(received, latest) > 0) {
    throw invalidInput(
      `received ${input.receivedAt} is in the future`,
      `Modtagelsen den ${longDa(legalDate(received))} ligger i fremtiden.`,
    );
  }
  if (!CHANNELS.includes(input.channel))
    throw invalidInput(
      `unknown channel "${input.channel}"; use one of ${CHANNELS.join(', ')}`,
      `Ukendt kanal »${input.channel}«; vælg en af ${CHANNELS.join(', ')}.`,
    );
  const requester = checkedPerson(input.requester, 'requester');
  // A mail whose sender's address cannot be stored (or is missing) is still answered: by replying to it.
  const repliable = (input.sourceMessages ?? []).some((m) => Boolean(m.graphId?.trim() && m.mailbox?.trim()));
  if (!requester.email && !requester.phone && !requester.address && !repliable) {
    throw invalidInput(
      'the requester needs an e-mail address, a phone number or a postal address to be answered',
      'Anmoderen skal have en e-mailadresse, et telefonnummer eller en postadresse, så vi kan svare.',
    );
  }
  const rights = normalizeRights(input.rights);
  if (rights.length === 0) throw invalidInput('a request must ask for at least one right', 'En anmodning skal gælde mindst én rettighed.');
  const language = (input.language ?? 'da').toLowerCase();
  if (!/^[a-z]{2}$/.test(language))
    throw invalidInput(
      `language "${input.language}" is not a two-letter ISO 639-1 code`,
      `Sproget »${input.language}« er ikke en sprogkode på to bogstaver (fx da eller en).`,
    );

  const checked: NewCaseInput = { receivedAt: received.toString(), channel: input.channel, requester, rights, language };
  if (input.dataSubject) checked.dataSubject = checkedDataSubject(input.dataSubject);
  if ((input.sourceMessages?.length ?? 0) > MAX_SOURCE_MESSAGES) {
    throw invalidInput(
      `a case can be opened from at most ${MAX_SOURCE_MESSAGES} messages; attach the rest as follow-ups`,
      `En sag kan oprettes fra højst ${MAX_SOURCE_MESSAGES} mails; tilføj resten som opfølgninger.`,
    );
  }
  const sources = (input.sourceMessages ?? []).map((source) => {
    const message: SourceMessage = {};
    const internetMessageId = optionalText(source.internetMessageId, 'internetMessageId', 998);
    const graphId = optionalText(source.graphId, 'Graph message id', 512);
    const mailbox = optionalText(source.mailbox, 'mailbox', 320);
    if (!internetMessageId && !graphId)
      throw invalidInput(
        'a source message needs an internetMessageId or a Graph id',
        'Mailen, sagen oprettes fra, mangler et id (internetMessageId eller Graph-id).',
      );
    if (internetMessageId) message.internetMessageId = internetMessageId;
    if (graphId) message.graphId = graphId;
    if (mailbox) message.mailbox = mailbox.toLowerCase();
    return message;
  });
  if (sources.length) checked.sourceMessages = sources;
  if (input.receiptBasis) checked.receiptBasis = input.receiptBasis;
  if (input.intakeVerdict)
    checked.intakeVerdict = { verdict: input.intakeVerdict.verdict, evidence: input.intakeVerdict.evidence.slice(0, 12) };
  if (input.earlierCases?.length) checked.earlierCases = [...input.earlierCases];
  if (input.controllerElsewhere) {
    const name = optionalText(input.controllerElsewhere.name, 'controller name', 200);
    checked.controllerElsewhere = {
      ...(name ? { name } : {}),
      reason: optionalText(input.controllerElsewhere.reason, 'reason', 500) ?? 'held as a processor for a customer',
    };
  }
  return checked;
}

const CHANNEL_NAMES_DA: Record<Channel, string> = {
  email: 'e-mail',
  'outlook-addin': 'Outlook',
  teams: 'Teams',
  manual: 'manuelt',
  letter: 'brev',
  phone: 'telefon',
};

/** The year a case is numbered in: the year of receipt in Copenhagen. */
export function caseYear(receivedAt: string): number {
  return legalDate(parseInstantWithOffset(receivedAt, 'received')).year;
}

/** The new case and its opening event. `input` must have passed checkNewCase. */
export function openCase(id: CaseId, input: NewCaseInput, ctx: OpeningContext): { case: Case; event: CaseEvent } {
  const today = legalDate(ctx.now);
  const opened: Case = {
    id,
    status: 'received',
    receivedAt: input.receivedAt,
    channel: input.channel,
    requester: input.requester,
    ...(input.dataSubject
      ? {
          dataSubject: {
            ...input.dataSubject,
            // Evidence given at opening was recorded by whoever opened the case.
            ...(input.dataSubject.authorityEvidence ? { authorityCheckedBy: ctx.actor, authorityCheckedAt: ctx.now } : {}),
          },
        }
      : {}),
    rights: [...input.rights],
    language: input.language ?? 'da',
    sourceMessages: [...(input.sourceMessages ?? [])],
    ...(input.receiptBasis ? { receiptBasis: input.receiptBasis } : {}),
    ...(input.intakeVerdict ? { intakeVerdict: input.intakeVerdict } : {}),
    ...(input.earlierCases?.length ? { earlierCases: [...input.earlierCases] } : {}),
    identity: { status: 'not_checked' },
    pauses: [],
    deadlines: deadlinesAsOf({ receivedAt: input.receivedAt, pauses: [] }, today),
    ...(input.controllerElsewhere ? { controllerElsewhere: input.controllerElsewhere } : {}),
    // A representative's case checks their authority before any work on the person's data.
    tasks: input.controllerElsewhere
      ? processorTasks(input.controllerElsewhere)
      : withAuthorityTask(tasksForRights(input.rights, ctx.register), input.dataSubject, ctx.now, ctx.actor),
    letters: [],
    createdAt: ctx.now,
    createdBy: ctx.actor,
    updatedAt: ctx.now,
    version: 1,
  };
  const event: CaseEvent = {
    caseId: id,
    sequence: 1,
    at: ctx.now,
    actor: ctx.actor,
    type: 'case_opened',
    summary: `Opened from ${input.channel}: ${opened.rights.join(', ')}; due ${opened.deadlines.due}`,
    da: `Oprettet (${CHANNEL_NAMES_DA[input.channel]}): ${opened.rights.map((r) => RIGHT_INFO[r].name.da.toLowerCase()).join(', ')}; frist den ${longDa(opened.deadlines.due)}`,
    changes: diffCase(undefined, opened),
  };
  return { case: opened, event };
}
