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

export class ProactiveSender {
  constructor(private readonly options: ProactiveOptions) {}

  /** Sends a card built per language to every reachable DPO; resolves how many conversations got it. */
  async toDpos(card: (lang: Lang) => Promise<AdaptiveCard> | AdaptiveCard): Promise<{ delivered: number }> {
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
    let delivered = 0;
    for (const target of targets) {
      const lang: Lang = target.language === 'en' ? 'en' : 'da';
      if (!cards.has(lang)) cards.set(lang, await card(lang));
      if (await this.sendTo(target, cards.get(lang)!)) delivered++;
    }
    return { delivered };
  }

  private async sendTo(target: StoredConversation, card: AdaptiveCard): Promise<boolean> {
    const { adapter, appId, conversations, logger } = this.options;
    // Kept (the setting may be what is wrong) but never used: the card would go wherever the URL points.
    if (!adapter.serviceUrls.allows(target.reference.serviceUrl)) {
      logger.warn({ scope: target.scope }, 'bot: stored conversation names a serviceUrl the bot does not talk to; not used');
      return false;
    }
    try {
      await postCard(adapter, appId, target.reference, card);
      return true;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 403 || status === 404) {
        await conversations.remove(target.scope, target.key);
        logger.warn({ scope: target.scope, status }, 'bot: conversation refused a proactive message; reference removed');
        return false;
      }
      logger.error({ scope: target.scope, status, err: errorText(error) }, 'bot: proactive message failed');
      return false;
    }
  }
}
