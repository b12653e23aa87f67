import type { CaseService } from '../app/case-service.js';
import type { IdAttachments } from '../app/id-attachments.js';
import type { ColleagueDirectory, DiscoveryPort, SetAsideLog, SetAsideMail } from '../app/ports.js';
import type { RegisterAnswers } from '../app/register-answers.js';
import { DomainError, errorText, type Actor, type Case, type CaseId, type Reminder } from '../domain/index.js';
import { CardBuilder } from './card-builder.js';
import { plain } from './card-text.js';
import { COLLEAGUES_DATASET } from './cards/case-view.js';
import { CaseController } from './case-controller.js';
import type { FollowUp } from './cards/follow-up-view.js';
import type { AdaptiveCard } from './cards/render.js';
import type { Company } from './company.js';
import { DiscoveryController } from './discovery-controller.js';
import type { Intent, SetAsideWindow } from './intents.js';
import { RegisterController } from './register-controller.js';
import type { Reply } from './reply.js';
import { SetAsideController } from './set-aside-controller.js';
import { TEXTS, say, type Lang } from './texts.js';
import { dispatch, intentFromCard, type Controllers } from './verbs.js';

/**
 * What the bot does for a DPO, medium-free: an intent in, a card or a line of text out. All case logic
 * is the CaseService's; the verb table (verbs.ts) picks the controller, the views build the cards.
 */

export type { Reply } from './reply.js';

export interface HandlerDeps {
  cases: CaseService;
  discovery?: DiscoveryPort;
  /** People a case can be assigned to (the tenant's users), searched as the DPO types; absent when Graph is not configured. */
  colleagues?: ColleagueDirectory | undefined;
  now?: () => string;
  /** Who the bot works for: config.company. */
  company: Company;
  /** What intake set aside as not a request; absent while intake does not run (or does not keep it yet). */
  setAside?: SetAsideLog | undefined;
  /** The Teams tab's address, linked from the report card (config.publicUrl + /tab). */
  tabUrl?: string | undefined;
  /** Removing ID attachments from the mailbox (the case card's "Slet vedhæftning"); absent without Graph. */
  attachments?: IdAttachments | undefined;
  /** The register's assumptions and the DPO's answers (the `register` card; letters' confirmed facts). */
  register?: RegisterAnswers | undefined;
}

/** Lines per list on the install greeting; the rest is counted ("og N flere"). */
const WAITING_ROWS = 5;

export class BotHandlers {
  private readonly cards: CardBuilder;
  private readonly cases: CaseService;
  private readonly controllers: Controllers;
  private readonly colleagues?: ColleagueDirectory | undefined;

  constructor(deps: HandlerDeps) {
    const now = () => deps.now?.() ?? new Date().toISOString();
    this.colleagues = deps.colleagues;
    this.cases = deps.cases;
    this.cards = new CardBuilder({
      cases: deps.cases,
      ...(deps.discovery ? { discovery: deps.discovery } : {}),
      now,
    });
    this.controllers = {
      cases: new CaseController({
        cases: deps.cases,
        cards: this.cards,
        colleagues: deps.colleagues,
        company: deps.company,
        now,
        tabUrl: deps.tabUrl,
        attachments: deps.attachments,
      }),
      discovery: new DiscoveryController({
        cases: deps.cases,
        cards: this.cards,
        ...(deps.discovery ? { discovery: deps.discovery } : {}),
        ...(deps.company?.register ? { register: deps.company.register } : {}),
        ...(deps.register ? { registerAnswers: deps.register } : {}),
        now,
      }),
      register: new RegisterController({ answers: deps.register, now }),
      setAside: new SetAsideController({ setAside: deps.setAside, cards: this.cards, now }),
    };
  }

  async handle(intent: Intent, actor: Actor, lang: Lang): Promise<Reply> {
    try {
      return await dispatch(intent, { actor, lang }, this.controllers);
    } catch (error) {
      if (error instanceof DomainError) return { text: say(lang, TEXTS.failed, { reason: errorText(error, lang) }) };
      throw error;
    }
  }

  /**
   * The choices a card's typeahead (Data.Query) offers for what was typed so far: colleagues by name or
   * e-mail for the dataset "colleagues"; nothing for a dataset the cards do not use, or without a directory.
   */
  async choices(dataset: string, text: string, top: number): Promise<{ title: string; value: string }[]> {
    if (dataset !== COLLEAGUES_DATASET || !this.colleagues || !text.trim()) return [];
    const found = await this.colleagues.search(text, top);
    return found.map((p) => ({ title: plain(p.email ? `${p.name} <${p.email}>` : p.name, 120), value: p.id }));
  }

  /** A card button's verb and data as the intent `handle` takes. */
  fromCard(verb: string, data: Record<string, unknown>): Intent {
    return intentFromCard(verb, data);
  }

  help(lang: Lang, intro = ''): AdaptiveCard {
    return this.cards.help(lang, intro);
  }

  /** The case card; used by replies, actions, and proactive messages. */
  caseCard(c: Case, lang: Lang, extra: { banner?: string; notice?: string; evidence?: readonly string[] } = {}): Promise<AdaptiveCard> {
    return this.cards.caseCard(c, lang, extra);
  }

  /** The morning's reminders as one card, most urgent first. */
  digestCard(items: readonly { reminder: Reminder; case: Case }[], lang: Lang): AdaptiveCard {
    return this.cards.digest(items, lang);
  }

  /**
   * What is waiting, for the install greeting: cases to confirm, overdue, due this week (one index page
   * each, at most WAITING_ROWS lines per list), under `intro`.
   */
  async waitingCard(lang: Lang, intro: string): Promise<AdaptiveCard> {
    const [open, overdue, dueWeek] = await Promise.all(
      (['open', 'overdue', 'due_week'] as const).map((filter) => this.cases.openPage({ filter, limit: filter === 'open' ? 200 : 50 })),
    );
    // Each case once, under its most pressing head: overdue, then not yet confirmed, then due this week.
    const late = new Set(overdue!.items.map((row) => row.case.id));
    const toConfirm = open!.items.filter((row) => row.case.status === 'received' && !late.has(row.case.id));
    const unconfirmed = new Set(toConfirm.map((row) => row.case.id));
    dueWeek!.items = dueWeek!.items.filter((row) => !unconfirmed.has(row.case.id));
    const cut = <T>(rows: T[]) => rows.slice(0, WAITING_ROWS);
    const more =
      Math.max(0, toConfirm.length - WAITING_ROWS) +
      Math.max(0, overdue!.items.length - WAITING_ROWS) +
      Math.max(0, dueWeek!.items.length - WAITING_ROWS);
    return this.cards.waiting({ toConfirm: cut(toConfirm), overdue: cut(overdue!.items), dueWeek: cut(dueWeek!.items), more }, lang, intro);
  }

  followUpCard(f: FollowUp, lang: Lang): AdaptiveCard {
    return this.cards.followUp(f, lang);
  }

  setAsideCard(mails: readonly SetAsideMail[], lang: Lang, window: SetAsideWindow): AdaptiveCard {
    return this.cards.setAside(mails, lang, window);
  }

  hitsCard(caseId: CaseId, page: number, lang: Lang, banner = ''): Promise<AdaptiveCard> {
    return this.cards.hitsCard(caseId, page, lang, banner);
  }

  newCaseForm(lang: Lang, values: Record<string, string> = {}, error = ''): AdaptiveCard {
    return this.cards.newCaseForm(lang, values, error);
  }
}
