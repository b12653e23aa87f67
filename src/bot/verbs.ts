import { ALL_SOURCE_KINDS, parseRefusalBasis, parseRights, parseSourceChoice } from '../domain/index.js';
import type { CaseController, CommandFromForm } from './case-controller.js';
import type { DiscoveryController } from './discovery-controller.js';
import { CardData } from './forms.js';
import type { ActionName, Intent } from './intents.js';
import type { RegisterController } from './register-controller.js';
import type { Reply, Turn } from './reply.js';
import type { SetAsideController } from './set-aside-controller.js';
import { TEXTS } from './texts.js';

/**
 * Every verb the bot answers, once: how a card button's data (its inputs merged in) becomes the verb's
 * intent, how a case action's form becomes its command, and who handles it. Typed text reaches the
 * same intents through intents.ts. A verb is a case action's name or another intent's kind.
 */

export interface Controllers {
  cases: CaseController;
  discovery: DiscoveryController;
  setAside: SetAsideController;
  register: RegisterController;
}

export type Verb = Exclude<Intent['kind'], 'act'> | ActionName;

type IntentOf<V extends Verb> = V extends ActionName ? Extract<Intent, { kind: 'act' }> : Extract<Intent, { kind: V }>;

interface VerbEntry<I extends Intent> {
  /** The intent a card button with this verb asks for; undefined when its data does not make one. Absent: typed only. */
  fromCard?: (card: CardData) => I | undefined;
  handle: (intent: I, turn: Turn, to: Controllers) => Promise<Reply> | Reply;
}

/** The card's "go ahead anyway" reason, when the DPO gave one (the domain refuses without it where something is open). */
const overrideOf = (form: { optional(key: string): string | undefined }) => {
  const override = form.optional('override');
  return override ? { override } : {};
};

/** A case action: the card's inputs (or the typed free text) are its form, `command` reads them. */
function caseAction(action: ActionName, command: CommandFromForm): VerbEntry<IntentOf<ActionName>> {
  return {
    fromCard: (card) => {
      const caseId = card.caseId();
      return caseId ? { kind: 'act', caseId, action, inputs: card.inputs() } : undefined;
    },
    handle: (intent, turn, to) => to.cases.act(intent, turn, command),
  };
}

const FILTERS = ['open', 'due_week', 'overdue'] as const;

export const VERBS: { [V in Verb]: VerbEntry<IntentOf<V>> } = {
  help: { handle: (_intent, turn, to) => to.cases.help(turn) },
  unknown: { handle: (intent, turn, to) => to.cases.unknown(intent, turn) },
  list: {
    fromCard: (card) => {
      const token = card.text('token');
      return {
        kind: 'list',
        filter: FILTERS.find((f) => f === card.text('filter')) ?? 'open',
        page: card.page(),
        ...(token ? { token } : {}),
      };
    },
    handle: (intent, turn, to) => to.cases.list(intent, turn),
  },
  show: {
    fromCard: (card) => {
      const caseId = card.caseId();
      return caseId ? { kind: 'show', caseId } : undefined;
    },
    handle: (intent, turn, to) => to.cases.show(intent, turn),
  },
  find: { handle: (intent, turn, to) => to.cases.find(intent, turn) },
  mine: { handle: (_intent, turn, to) => to.cases.mine(turn) },
  closed: { handle: (_intent, turn, to) => to.cases.closed(turn) },
  report: { handle: (intent, turn, to) => to.cases.report(intent, turn) },
  new_case_form: { fromCard: () => ({ kind: 'new_case_form' }), handle: (_intent, turn, to) => to.cases.newCaseForm(turn) },
  create_case: {
    fromCard: (card) => ({ kind: 'create_case', inputs: card.inputs() }),
    handle: (intent, turn, to) => to.cases.createCase(intent, turn),
  },

  start: caseAction('start', () => ({ type: 'start' })),
  dismiss: caseAction('dismiss', (form) => ({ type: 'dismiss', reason: form.dismissReason() })),
  pause: caseAction('pause', (form) => ({
    type: 'pause',
    kind: 'identity',
    reason: form.need(form.inputs.pauseReason ?? form.inputs.reason, TEXTS.field.reason, TEXTS.example.pause),
  })),
  resume: caseAction('resume', (form) => ({
    type: 'resume',
    identityMethod: form.need(form.inputs.method, TEXTS.field.method, TEXTS.example.resume),
  })),
  extend: caseAction('extend', (form) => ({ type: 'extend', reason: form.reason() })),
  assign: caseAction('assign', async (form) => ({
    type: 'assign',
    assignee: await form.colleague(form.need(form.inputs.assignee, TEXTS.field.assignee, TEXTS.example.assign)),
  })),
  set_task: caseAction('set_task', (form) => ({
    type: 'set_task',
    taskId: form.task(form.need(form.inputs.task, TEXTS.field.task, TEXTS.example.set_task)),
    done: true,
  })),
  respond: caseAction('respond', (form) => {
    const summary = form.optional('summary');
    return { type: 'respond', ...(summary ? { summary } : {}), ...overrideOf(form) };
  }),
  close: caseAction('close', (form) => ({
    type: 'close',
    outcome: form.need(form.inputs.outcome ?? form.inputs.reason, TEXTS.field.outcome, TEXTS.example.action),
    ...overrideOf(form),
  })),
  reject: caseAction('reject', (form) => ({
    type: 'reject',
    basis: parseRefusalBasis(form.need(form.inputs.basis, TEXTS.field.basis, TEXTS.example.reject)),
    reason: form.reason(),
    ...overrideOf(form),
  })),
  add_identifier: caseAction('add_identifier', (form) => ({
    type: 'add_identifier',
    value: form.need(form.inputs.value, TEXTS.field.searchFor, TEXTS.example.add_identifier),
  })),
  correct_receipt: caseAction('correct_receipt', (form) => ({
    type: 'correct_receipt',
    receivedAt: form.receivedAt(),
    reason: form.need(form.inputs.correctionReason ?? form.inputs.reason, TEXTS.field.reason, TEXTS.example.correct_receipt),
  })),
  add_rights: caseAction('add_rights', (form) => ({
    type: 'add_rights',
    rights: parseRights(form.need(form.inputs.rights, TEXTS.field.rights, TEXTS.example.add_rights)),
  })),
  set_data_subject: caseAction('set_data_subject', (form) => ({ type: 'set_data_subject', dataSubject: form.dataSubject() })),
  record_authority: caseAction('record_authority', (form) => ({
    type: 'record_authority',
    evidence: form.need(form.inputs.authorityEvidence, TEXTS.field.authorityEvidence, TEXTS.example.record_authority),
  })),

  record_accounting: caseAction('record_accounting', (form) => ({
    type: 'record_accounting',
    latestRecord: form.need(form.inputs.latestRecord, TEXTS.field.latestRecord, TEXTS.example.record_accounting),
  })),
  record_art19_exempt: caseAction('record_art19_exempt', (form) => ({
    type: 'record_art19_exempt',
    recipient: form.need(form.inputs.recipient, TEXTS.field.art19Recipient, TEXTS.example.record_art19_exempt),
    reason: form.need(form.inputs.art19Reason, TEXTS.field.art19Reason, TEXTS.example.record_art19_exempt),
  })),

  register: { fromCard: (card) => ({ kind: 'register', page: card.page() }), handle: (intent, turn, to) => to.register.show(intent, turn) },
  register_answer: {
    fromCard: (card) => {
      const [id, decision] = [card.text('id'), card.text('decision')];
      if (!id || !decision) return undefined;
      const [da, en] = [card.text('textDa'), card.text('textEn')];
      return {
        kind: 'register_answer',
        id,
        decision,
        ...(da !== undefined || en !== undefined ? { text: { ...(da ? { da } : {}), ...(en ? { en } : {}) } } : {}),
        page: card.page(),
      };
    },
    handle: (intent, turn, to) => to.register.answer(intent, turn),
  },

  set_aside: { fromCard: () => ({ kind: 'set_aside' }), handle: (_intent, turn, to) => to.setAside.list(turn) },
  open_set_aside: {
    fromCard: (card) => {
      const key = card.text('key');
      if (!key) return undefined;
      // `list`: the list the card showed, "recent" or the digest week's end.
      const list = card.text('list');
      if (list === 'recent') return { kind: 'open_set_aside', key, list: { period: 'recent' } };
      if (list && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(list) && Number.isFinite(Date.parse(list)))
        return { kind: 'open_set_aside', key, list: { period: 'week', until: new Date(list).toISOString() } };
      return { kind: 'open_set_aside', key };
    },
    handle: (intent, turn, to) => to.setAside.open(intent, turn),
  },

  search: {
    fromCard: (card) => {
      const caseId = card.caseId();
      if (!caseId) return undefined;
      // The picker's sources ("mailbox,chats"), when the DPO chose them; none sent is every source.
      const sources = card.text('sources');
      const kinds = sources ? parseSourceChoice(sources) : [];
      const some = kinds.length > 0 && ALL_SOURCE_KINDS.some((k) => !kinds.includes(k));
      return some ? { kind: 'search', caseId, kinds } : { kind: 'search', caseId };
    },
    handle: (intent, turn, to) => to.discovery.search(intent, turn),
  },
  hits: {
    fromCard: (card) => {
      const caseId = card.caseId();
      return caseId ? { kind: 'hits', caseId, page: card.page() } : undefined;
    },
    handle: (intent, turn, to) => to.discovery.hits(intent, turn),
  },
  redactions: {
    fromCard: (card) => {
      const caseId = card.caseId();
      return caseId ? { kind: 'redactions', caseId, page: card.page() } : undefined;
    },
    handle: (intent, turn, to) => to.discovery.redactions(intent, turn),
  },
  redact: {
    fromCard: (card) => {
      const [caseId, hitKey, proposalId, person, decision] = [
        card.caseId(),
        card.text('hitKey'),
        card.text('proposal'),
        card.text('person'),
        card.text('decision'),
      ];
      if (!caseId || (decision !== 'keep' && decision !== 'redact')) return undefined;
      const target = person ? { person } : hitKey && proposalId ? { hitKey, proposalId } : undefined;
      return target ? { kind: 'redact', caseId, target, decision, page: card.page() } : undefined;
    },
    handle: (intent, turn, to) => to.discovery.redact(intent, turn),
  },
  review: {
    fromCard: (card) => {
      const [caseId, source, id, reason] = [card.caseId(), card.text('source'), card.text('id'), card.text('reason')];
      if (!caseId || !source || !id) return undefined;
      return {
        kind: 'review',
        caseId,
        source,
        id,
        include: card.text('include') === 'yes',
        ...(reason ? { reason } : {}),
        page: card.page(),
      };
    },
    handle: (intent, turn, to) => to.discovery.review(intent, turn),
  },
  export: {
    fromCard: (card) => {
      const caseId = card.caseId();
      return caseId ? { kind: 'export', caseId } : undefined;
    },
    handle: (intent, turn, to) => to.discovery.exportPackage(intent, turn),
  },
  remove_attachment: {
    fromCard: (card) => {
      const [caseId, taskId] = [card.caseId(), card.text('task')];
      return caseId && taskId ? { kind: 'remove_attachment', caseId, taskId } : undefined;
    },
    handle: (intent, turn, to) => to.cases.removeAttachment(intent, turn),
  },
  letter: {
    fromCard: (card) => {
      const caseId = card.caseId();
      return caseId ? { kind: 'letter', caseId } : undefined;
    },
    handle: (intent, turn, to) => to.discovery.letter(intent, turn),
  },
};

/** A card button's verb and data as an intent; anything not in the table (or short of its data) gets help. */
export function intentFromCard(verb: string, data: Record<string, unknown>): Intent {
  const entry: VerbEntry<Intent> | undefined = Object.hasOwn(VERBS, verb) ? (VERBS[verb as Verb] as VerbEntry<Intent>) : undefined;
  return entry?.fromCard?.(new CardData(data)) ?? { kind: 'help' };
}

/** Runs the intent's handler from the table. */
export async function dispatch(intent: Intent, turn: Turn, to: Controllers): Promise<Reply> {
  const verb: Verb = intent.kind === 'act' ? intent.action : intent.kind;
  // The table pairs each verb's intent with its handler; TypeScript cannot follow the pairing through the lookup.
  const entry = VERBS[verb] as VerbEntry<Intent>;
  return entry.handle(intent, turn, to);
}
