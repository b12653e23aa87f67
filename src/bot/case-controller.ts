import type { CaseService } from '../app/case-service.js';
import type { IdAttachments } from '../app/id-attachments.js';
import type { ColleagueDirectory } from '../app/ports.js';
import { DomainError, errorText, type CaseCommand } from '../domain/index.js';
import type { CardBuilder } from './card-builder.js';
import { formatDate } from './cards/format.js';
import { plain } from './card-text.js';
import type { Company } from './company.js';
import { ActionForm, MissingInput, newCaseInput } from './forms.js';
import { candidateIds, similarIds, type CaseFilter, type Intent } from './intents.js';
import { doneBy, type Reply, type Turn } from './reply.js';
import { TEXTS, say, type Lang } from './texts.js';
import { CHAT } from './chat-texts.js';

/** How an action's form becomes its command (one per verb, in verbs.ts). */
export type CommandFromForm = (form: ActionForm) => CaseCommand | Promise<CaseCommand>;

type Of<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

/** Cases: lists, the case card, acting on a case, and opening one from the form. */
export class CaseController {
  constructor(
    private readonly deps: {
      cases: CaseService;
      cards: CardBuilder;
      colleagues?: ColleagueDirectory | undefined;
      company: Company;
      now: () => string;
      /** The Teams tab's address (DSAR-overblik), linked from the report card; absent without a public URL. */
      tabUrl?: string | undefined;
      /** Removing ID attachments from the mailbox; absent when Graph is not configured. */
      attachments?: IdAttachments | undefined;
    },
  ) {}

  help({ lang }: Turn): Reply {
    return { card: this.deps.cards.help(lang) };
  }

  async list(intent: { filter: CaseFilter; page: number; token?: string }, { lang }: Turn): Promise<Reply> {
    return { card: await this.deps.cards.list(intent.filter, intent.page, lang, intent.token) };
  }

  /** Cases by person: open ones (most urgent first), then their earlier cases. */
  async find({ query }: Of<'find'>, { lang }: Turn): Promise<Reply> {
    const { cases, cards } = this.deps;
    const found = await cases.findPeople(query);
    const shown = plain(query, 60);
    if (!found.open.length && !found.earlier.length) return { text: say(lang, CHAT.noneFound, { query: shown }) };
    const rows = [...found.open, ...cards.closedRows(found.earlier)];
    return { card: cards.found(rows, say(lang, CHAT.foundTitle, { query: shown }), say(lang, CHAT.foundSubtitle), lang) };
  }

  async mine({ lang, actor }: Turn): Promise<Reply> {
    const rows = await this.deps.cases.assignedTo(actor.id);
    if (!rows.length) return { text: say(lang, CHAT.mineNone) };
    return { card: this.deps.cards.found(rows, say(lang, CHAT.mineTitle), say(lang, CHAT.mineSubtitle), lang) };
  }

  async closed({ lang }: Turn): Promise<Reply> {
    const { cases, cards } = this.deps;
    const rows = cards.closedRows(await cases.closedCases());
    return { card: cards.found(rows, say(lang, CHAT.closedTitle), say(lang, CHAT.closedSubtitle), lang) };
  }

  async report({ year }: Of<'report'>, { lang }: Turn): Promise<Reply> {
    return { card: this.deps.cards.report(await this.deps.cases.report(year), lang, this.deps.tabUrl ?? '') };
  }

  async show({ caseId, unrecognised }: Of<'show'>, { lang }: Turn): Promise<Reply> {
    const found = await this.deps.cases.get(caseId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return undefined;
      throw error;
    });
    if (!found) return { text: await this.notFound(caseId, lang) };
    return {
      card: await this.deps.cards.caseCard(
        found,
        lang,
        unrecognised ? { notice: say(lang, TEXTS.understoodCaseNoAction, { id: caseId }) } : {},
      ),
      caseId,
    };
  }

  async act({ caseId, action, inputs }: Of<'act'>, turn: Turn, toCommand: CommandFromForm): Promise<Reply> {
    const { cases, cards } = this.deps;
    const { lang } = turn;
    const current = await cases.get(caseId).catch(() => undefined);
    if (!current) return { text: await this.notFound(caseId, lang) };
    let command: CaseCommand;
    try {
      command = await toCommand(
        new ActionForm(current, action, inputs, lang, {
          domain: this.deps.company.domain,
          colleagues: this.deps.colleagues,
          me: turn.actor,
        }),
      );
    } catch (error) {
      if (error instanceof MissingInput)
        return { card: await cards.caseCard(current, lang, { notice: error.message }), text: error.message, caseId };
      throw error;
    }
    try {
      const updated = await cases.act(caseId, command, turn.actor);
      const banner = doneBy(turn, say(lang, TEXTS.happened[action]), this.deps.now());
      return { card: await cards.caseCard(updated, lang, { banner }), caseId, line: `${caseId}: ${banner}` };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const notice = say(lang, TEXTS.failed, { reason: errorText(error, lang) });
      return { card: await cards.caseCard(current, lang, { notice }), text: notice, caseId };
    }
  }

  /**
   * The card's "Slet vedhæftning": the ID attachment leaves the mailbox, the task is ticked and the timeline
   * says so. Whatever fails (Graph's 403/5xx, a task already done) comes back on the case card as a notice.
   */
  async removeAttachment({ caseId, taskId }: Of<'remove_attachment'>, turn: Turn): Promise<Reply> {
    const { cases, cards, attachments } = this.deps;
    const { lang } = turn;
    const current = await cases.get(caseId).catch(() => undefined);
    if (!current) return { text: await this.notFound(caseId, lang) };
    if (!attachments) {
      const notice = say(lang, TEXTS.attachmentNoGraph);
      return { card: await cards.caseCard(current, lang, { notice }), text: notice, caseId };
    }
    try {
      const { case: updated, outcome } = await attachments.remove(caseId, taskId, turn.actor);
      const name = updated.tasks.find((t) => t.id === taskId)?.attachment?.name ?? '';
      const banner = doneBy(
        turn,
        say(lang, outcome === 'removed' ? TEXTS.attachmentRemoved : TEXTS.attachmentGone, { name }),
        this.deps.now(),
      );
      return { card: await cards.caseCard(updated, lang, { banner }), caseId, line: `${caseId}: ${banner}` };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const notice = say(lang, TEXTS.failed, { reason: errorText(error, lang) });
      const latest = await cases.get(caseId).catch(() => current);
      return { card: await cards.caseCard(latest, lang, { notice }), text: notice, caseId };
    }
  }

  newCaseForm({ lang }: Turn): Reply {
    return { card: this.deps.cards.newCaseForm(lang) };
  }

  async createCase({ inputs }: Of<'create_case'>, turn: Turn): Promise<Reply> {
    const { cases, cards } = this.deps;
    const { lang } = turn;
    const values = Object.fromEntries(Object.entries(inputs).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    try {
      const input = newCaseInput(values);
      // One person, one case: a second case for someone with one open only when the DPO says so.
      const [open] = values.force === 'true' ? [] : await cases.openCasesFor(input);
      if (open) {
        const { force: _, ...filled } = values;
        return {
          card: cards.newCaseForm(lang, filled, '', { id: open.id, received: formatDate(lang, cases.clock(open).deadlines.receivedDate) }),
        };
      }
      const { case: created } = await cases.open(input, turn.actor);
      const banner = say(lang, TEXTS.created, { id: created.id, due: formatDate(lang, cases.clock(created).due) });
      return { card: await cards.caseCard(created, lang, { banner }), caseId: created.id };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { card: cards.newCaseForm(lang, values, say(lang, TEXTS.failed, { reason: errorText(error, lang) })) };
    }
  }

  async unknown({ text, looseId }: Of<'unknown'>, turn: Turn): Promise<Reply> {
    const { lang } = turn;
    if (looseId) return { text: await this.notFound(looseId, lang) };
    // A bare name or address ("Jens Møller", "freja@…"): the cases of that person, if there are any.
    if (looksLikePerson(text)) {
      const found = await this.find({ kind: 'find', query: text }, turn);
      if (found.card) return found;
    }
    return { card: this.deps.cards.help(lang, say(lang, TEXTS.notUnderstood, { text: plain(text, 60) })) };
  }

  /** "No such case", with the ids it may have meant: a few point reads, never a listing of every case. */
  private async notFound(typed: string, lang: Lang): Promise<string> {
    const known = await this.deps.cases.existing(candidateIds(typed));
    const suggestions = similarIds(typed, known);
    const missing = say(lang, TEXTS.noSuchCase, { id: plain(typed, 40) });
    return suggestions.length
      ? `${missing} ${say(lang, TEXTS.didYouMean, { ids: suggestions.join(` ${say(lang, TEXTS.or)} `) })}`
      : missing;
  }
}

/** A few words of letters (a name, a company) or one e-mail address: worth a search before the help card. */
function looksLikePerson(text: string): boolean {
  const t = text.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) return true;
  return t.length >= 3 && t.length <= 60 && /^[\p{L}][\p{L}'’. -]*$/u.test(t) && t.split(/\s+/).length <= 4;
}
