import type { SetAsideLog, SetAsideMail } from '../app/ports.js';
import { DomainError, errorText, type Case } from '../domain/index.js';
import type { CardBuilder } from './card-builder.js';
import type { SetAsideWindow } from './intents.js';
import { doneBy, type Reply, type Turn } from './reply.js';
import { TEXTS, say } from './texts.js';

const WEEK_MS = 7 * 24 * 3600_000;
/** Enough for the count and the kinds; the card shows the newest SET_ASIDE_CAP of them. */
export const SET_ASIDE_LIMIT = 500;

/** What intake set aside as not a request ("lagt til side"), and "Opret sag" on one of them. */
export class SetAsideController {
  constructor(private readonly deps: { setAside?: SetAsideLog | undefined; cards: CardBuilder; now: () => string }) {}

  async list({ lang }: Turn): Promise<Reply> {
    const { setAside, cards } = this.deps;
    if (!setAside) return { text: say(lang, TEXTS.setAside.notRunning) };
    const window: SetAsideWindow = { period: 'recent' };
    const mails = await this.mails(setAside, window);
    if (!mails.length) return { text: say(lang, TEXTS.setAside.none) };
    return { card: cards.setAside(mails, lang, window) };
  }

  /**
   * Opens a case from the mail (or finds the one already opened) and answers with its card. Clicked on a
   * list, the list stays, now showing that mail's case, and the case card comes below it.
   */
  async open({ key, list }: { key: string; list?: SetAsideWindow | undefined }, turn: Turn): Promise<Reply> {
    const { setAside, cards, now } = this.deps;
    const { lang } = turn;
    if (!setAside) return { text: say(lang, TEXTS.setAside.notRunning) };
    let c: Case;
    try {
      c = await setAside.openCase(key, turn.actor);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return {
        text:
          error.code === 'not_found'
            ? say(lang, TEXTS.setAside.unknownRecord)
            : say(lang, TEXTS.failed, { reason: errorText(error, lang) }),
      };
    }
    const caseCard = await cards.caseCard(c, lang, { banner: doneBy(turn, `${c.id}: ${say(lang, TEXTS.happened.create)}`, now()) });
    if (!list) return { card: caseCard };
    const mails = (await this.mails(setAside, list)).map((m) => (m.key === key ? { ...m, caseId: c.id } : m));
    return { card: cards.setAside(mails, lang, list), also: caseCard };
  }

  /** The last 7 days, or the digest's week: the 7 days before its Monday 08:00. */
  private async mails(setAside: SetAsideLog, window: SetAsideWindow): Promise<SetAsideMail[]> {
    if (window.period === 'recent')
      return setAside.list({ since: new Date(Date.parse(this.deps.now()) - WEEK_MS), limit: SET_ASIDE_LIMIT });
    const until = Date.parse(window.until);
    const mails = await setAside.list({ since: new Date(until - WEEK_MS), limit: SET_ASIDE_LIMIT });
    return mails.filter((m) => Date.parse(m.setAsideAt) < until);
  }
}
