import type { CaseService } from '../app/case-service.js';
import type { DiscoveryPort } from '../app/ports.js';
import type { Intent } from './intents.js';
import type { CardBuilder } from './card-builder.js';
import { doneBy, type Reply, type Turn } from './reply.js';
import { TEXTS, say } from './texts.js';

type Of<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

/** Searching Microsoft 365 for a case, reviewing the hits and building the answer package. */
export class DiscoveryController {
  constructor(private readonly deps: { cases: CaseService; cards: CardBuilder; discovery?: DiscoveryPort; now: () => string }) {}

  async search({ caseId }: Of<'search'>, turn: Turn): Promise<Reply> {
    const { discovery, cases, cards } = this.deps;
    if (!discovery) return this.notSetUp(turn);
    const c = await cases.get(caseId);
    discovery.start(caseId, turn.actor);
    return { card: await cards.caseCard(c, turn.lang, { banner: doneBy(turn, say(turn.lang, TEXTS.search.started), this.deps.now()) }) };
  }

  async hits({ caseId, page }: Of<'hits'>, turn: Turn): Promise<Reply> {
    if (!this.deps.discovery) return this.notSetUp(turn);
    await this.deps.cases.get(caseId);
    return { card: await this.deps.cards.hitsCard(caseId, page, turn.lang) };
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

  private notSetUp({ lang }: Turn): Reply {
    return { text: say(lang, TEXTS.search.notSetUp) };
  }
}
