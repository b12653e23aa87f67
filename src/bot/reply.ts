import type { Actor, CaseId } from '../domain/index.js';
import { formatTime } from './cards/format.js';
import type { AdaptiveCard } from './cards/render.js';
import { TEXTS, say, type Lang } from './texts.js';

/** Who asked and in which language they are answered: all a handler knows of the conversation. */
export interface Turn {
  actor: Actor;
  lang: Lang;
}

/** A handler's answer, medium-free: the protocol side sends it (or updates the card it came from). */
export interface Reply {
  card?: AdaptiveCard;
  text?: string;
  /**
   * A card sent as a message of its own after the reply, when the reply updates the card clicked and
   * something new belongs below it (the case opened from the set-aside list, which stays in place).
   */
  also?: AdaptiveCard;
  /** The case `card` shows, so the conversation can remember which message holds that case's card. */
  caseId?: CaseId;
  /** What happened, in one line: the answer to a typed action, whose card is updated in place. */
  line?: string;
}

/** "Forlænget af Rasmus kl. 10:42": the banner on a card after someone acted on it. */
export function doneBy(turn: Turn, what: string, at: string): string {
  return say(turn.lang, TEXTS.doneBy, { action: what, who: turn.actor.name ?? turn.actor.id, time: formatTime(turn.lang, at) });
}
