import { postCard, type BotAdapter } from './bot-framework.js';
import type { Logger } from '../logging/logger.js';
import type { ConversationTable, StoredConversation } from './conversation-table.js';
import type { AdaptiveCard } from './cards/render.js';
import type { Lang } from './texts.js';
import { errorText } from '../platform/error-text.js';

/**
 * Messages the bot starts: new requests, follow-ups and reminders go to every DPO's personal chat (and
 * the configured team channel). A conversation Teams refuses with 403 (the bot was blocked or removed)
 * is forgotten, so it is not tried again.
 */

export interface ProactiveOptions {
  adapter: BotAdapter;
  /** The bot's app id; empty in local mode. */
  appId: string;
  conversations: ConversationTable;
  logger: Logger;
  /** Only these users get personal messages (the DPO list may shrink after someone installed the bot). */
  isRecipient: (userObjectId: string) => Promise<boolean>;
  /** Also post to this team channel (its stored reference), when set. */
  channelId?: string;
}

/** What one send reached. Target ids are `scope:key` (a DPO's object id, or the channel id): no personal data. */
export interface Delivery {
  /** Conversations that got the card in this call. */
  delivered: number;
  /** Current targets, including the skipped ones. */
  targets: number;
  /** Targets done with: sent now, or refused for good (403/404, forgotten). */
  done: string[];
  /** Targets that did not get it and may later: a transient failure (5xx, 429, network) or a refused service URL. */
  missing: string[];
}

export const targetId = (target: Pick<StoredConversation, 'scope' | 'key'>): string => `${target.scope}:${target.key}`;

export class ProactiveSender {
  constructor(private readonly options: ProactiveOptions) {}

  /**
   * Sends a card built per language to every reachable DPO (and the channel), except the targets in `skip`
   * (which already have it). Says which targets have it now: `done` (sent now, or refused for good with
   * 403/404 and forgotten) and `missing` (a transient failure, or a service URL the bot does not use).
   */
  async toDpos(card: (lang: Lang) => Promise<AdaptiveCard> | AdaptiveCard, skip: ReadonlySet<string> = new Set()): Promise<Delivery> {
    const { conversations, channelId } = this.options;
    const targets: StoredConversation[] = [];
    for (const personal of await conversations.list('personal')) {
      if (await this.options.isRecipient(personal.key).catch(() => false)) targets.push(personal);
    }
    if (channelId) {
      const channel = await conversations.get('channel', channelId);
      if (channel) targets.push(channel);
    }
    const cards = new Map<Lang, AdaptiveCard>();
    const delivery: Delivery = { delivered: 0, targets: targets.length, done: [], missing: [] };
    for (const target of targets) {
      const id = targetId(target);
      if (skip.has(id)) continue;
      const lang: Lang = target.language === 'en' ? 'en' : 'da';
      if (!cards.has(lang)) cards.set(lang, await card(lang));
      const outcome = await this.sendTo(target, cards.get(lang)!);
      if (outcome === 'sent') delivery.delivered++;
      (outcome === 'missing' ? delivery.missing : delivery.done).push(id);
    }
    return delivery;
  }

  private async sendTo(target: StoredConversation, card: AdaptiveCard): Promise<'sent' | 'gone' | 'missing'> {
    const { adapter, appId, conversations, logger } = this.options;
    // Kept (the setting may be what is wrong) but never used: the card would go wherever the URL points.
    if (!adapter.serviceUrls.allows(target.reference.serviceUrl)) {
      logger.warn({ scope: target.scope }, 'bot: stored conversation names a serviceUrl the bot does not talk to; not used');
      return 'missing';
    }
    try {
      await postCard(adapter, appId, target.reference, card);
      return 'sent';
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 403 || status === 404) {
        await conversations.remove(target.scope, target.key);
        logger.warn({ scope: target.scope, status }, 'bot: conversation refused a proactive message; reference removed');
        return 'gone';
      }
      logger.error({ scope: target.scope, status, err: errorText(error) }, 'bot: proactive message failed');
      return 'missing';
    }
  }
}
