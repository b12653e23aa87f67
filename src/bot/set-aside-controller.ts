import type { SetAsideLog } from '../app/ports.js';
import { DomainError } from '../domain/index.js';
import type { CardBuilder } from './card-builder.js';
import { doneBy, type Reply, type Turn } from './reply.js';
import { TEXTS, say } from './texts.js';

const WEEK_MS = 7 * 24 * 3600_000;
/** Enough for the count and the kinds; the card shows the newest SET_ASIDE_CAP of them. */
export const SET_ASIDE_LIMIT = 500;

/** What intake set aside as not a request ("lagt til side"), and "Opret sag" on one of them. */
export class SetAsideController {
  constructor(private readonly deps: { setAside?: SetAsideLog | undefined; cards: CardBuilder; now: () => string }) {}

  async list({ lang }: Turn): Promise<Reply> {
    const { setAside, cards, now } = this.deps;
    if (!setAside) return { text: say(lang, TEXTS.setAside.notRunning) };
    const mails = await setAside.list({ since: new Date(Date.parse(now()) - WEEK_MS), limit: SET_ASIDE_LIMIT });
    if (!mails.length) return { text: say(lang, TEXTS.setAside.none) };
    return { card: cards.setAside(mails, lang, 'recent') };
  }

  /** Opens a case from the mail (or finds the one already opened) and answers with its card. */
  async open({ key }: { key: string }, turn: Turn): Promise<Reply> {
    const { setAside, cards, now } = this.deps;
    const { lang } = turn;
    if (!setAside) return { text: say(lang, TEXTS.setAside.notRunning) };
    try {
      const c = await setAside.openCase(key, turn.actor);
      return { card: await cards.caseCard(c, lang, { banner: doneBy(turn, `${c.id}: ${say(lang, TEXTS.happened.create)}`, now()) }) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return {
        text: error.code === 'not_found' ? say(lang, TEXTS.setAside.unknownRecord) : say(lang, TEXTS.failed, { reason: error.message }),
      };
    }
  }
}
