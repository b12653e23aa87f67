import type { RegisterAnswers } from '../app/register-answers.js';
import type { CaseService } from '../app/case-service.js';
import type { DiscoveryPort } from '../app/ports.js';
import { defaultTemplate, factsFromSearch, legalDate, letterFor, renderLetterText, type ProcessingRegister } from '../domain/index.js';
import type { Intent } from './intents.js';
import type { CardBuilder } from './card-builder.js';
import { renderCard } from './cards/render.js';
import { doneBy, type Reply, type Turn } from './reply.js';
import { TEXTS, say } from './texts.js';

type Of<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

/** Searching Microsoft 365 for a case, reviewing the hits and building the answer package. */
export class DiscoveryController {
  constructor(
    private readonly deps: {
      cases: CaseService;
      cards: CardBuilder;
      discovery?: DiscoveryPort;
      register?: ProcessingRegister;
      /** The DPO's answers to the register's assumptions: the preview states only what is confirmed. */
      registerAnswers?: Pick<RegisterAnswers, 'confirmations'>;
      now: () => string;
    },
  ) {}

  async search({ caseId, kinds }: Of<'search'>, turn: Turn): Promise<Reply> {
    const { discovery, cases, cards } = this.deps;
    if (!discovery) return this.notSetUp(turn);
    const c = await cases.get(caseId);
    discovery.start(caseId, turn.actor, kinds);
    return { card: await cards.caseCard(c, turn.lang, { banner: doneBy(turn, say(turn.lang, TEXTS.search.started), this.deps.now()) }) };
  }

  async hits({ caseId, page }: Of<'hits'>, turn: Turn): Promise<Reply> {
    if (!this.deps.discovery) return this.notSetUp(turn);
    await this.deps.cases.get(caseId);
    return { card: await this.deps.cards.hitsCard(caseId, page, turn.lang) };
  }

  /** Other people's data in the included items, to keep or redact in the copy (Art. 15(4)). */
  async redactions({ caseId, page }: Of<'redactions'>, turn: Turn): Promise<Reply> {
    if (!this.deps.discovery) return this.notSetUp(turn);
    await this.deps.cases.get(caseId);
    return { card: await this.deps.cards.redactionsCard(caseId, page, turn.lang) };
  }

  async redact(intent: Of<'redact'>, turn: Turn): Promise<Reply> {
    const { discovery, cards } = this.deps;
    if (!discovery) return this.notSetUp(turn);
    await discovery.decideRedaction(intent.caseId, intent.target, intent.decision, turn.actor);
    const r = TEXTS.redactions;
    const what = `${say(turn.lang, intent.decision === 'keep' ? r.kept : r.redacted)}${'person' in intent.target ? ` · ${say(turn.lang, intent.decision === 'keep' ? r.keepPerson : r.redactPerson)}` : ''}`;
    const banner = doneBy(turn, say(turn.lang, r.done, { what }), this.deps.now());
    return { card: await cards.redactionsCard(intent.caseId, intent.page, turn.lang, banner) };
  }

  async review(intent: Of<'review'>, turn: Turn): Promise<Reply> {
    const { discovery, cards } = this.deps;
    const { lang } = turn;
    if (!discovery) return this.notSetUp(turn);
    if (!intent.include && !intent.reason?.trim())
      return { card: await cards.hitsCard(intent.caseId, intent.page, lang, say(lang, TEXTS.hits.needReason)) };
    await discovery.review(
      intent.caseId,
      intent,
      { include: intent.include, ...(intent.reason ? { reason: intent.reason } : {}) },
      turn.actor,
    );
    const done = say(lang, intent.include ? TEXTS.hits.included : TEXTS.hits.excluded);
    return { card: await cards.hitsCard(intent.caseId, intent.page, lang, doneBy(turn, done, this.deps.now())) };
  }

  async exportPackage({ caseId }: Of<'export'>, turn: Turn): Promise<Reply> {
    const { discovery, cases, cards } = this.deps;
    if (!discovery) return this.notSetUp(turn);
    const result = await discovery.exportPackage(caseId, turn.actor);
    const c = await cases.get(caseId);
    const banner = say(turn.lang, TEXTS.search.packageBuilt, {
      included: result.included,
      withheld: result.withheld,
      folder: result.folder,
    });
    return { card: await cards.caseCard(c, turn.lang, { banner }) };
  }

  /** The letter the case's state gives now, as text to read before sending; nothing is sent or recorded. */
  async letter({ caseId }: Of<'letter'>, turn: Turn): Promise<Reply> {
    const { discovery, cases, register } = this.deps;
    if (!register) return this.notSetUp(turn);
    const c = await cases.get(caseId);
    const [progress, hits] = discovery ? await Promise.all([discovery.progress(caseId), discovery.hits(caseId)]) : [undefined, []];
    const searched = progress?.state === 'done';
    const confirmations = (await this.deps.registerAnswers?.confirmations()) ?? [];
    const facts = { register, confirmations, date: legalDate(this.deps.now()).toString(), ...factsFromSearch(c, searched, hits) };
    const letter = letterFor(c, defaultTemplate(c, facts), undefined, facts);
    // The whole letter as one run of text, line breaks kept, with a way back to the case.
    return {
      card: renderCard('message', {
        title: say(turn.lang, TEXTS.search.letterPreview, { id: c.id }),
        lines: [{ text: renderLetterText(letter) }],
        caseId: c.id,
        openLabel: say(turn.lang, TEXTS.search.backToCase),
      }),
    };
  }

  private notSetUp({ lang }: Turn): Reply {
    return { text: say(lang, TEXTS.search.notSetUp) };
  }
}
