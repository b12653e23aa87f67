import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationReference,
} from 'botbuilder';
import type { BotConfig } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { AdaptiveCard } from './cards/render.js';
import type { Reply } from './reply.js';
import { TEXTS, say } from './texts.js';

/**
 * The bot's one way into the Bot Framework SDK (botbuilder): the adapter and its authentication, the
 * activity handler's types, and sending or replacing a card in a turn or outside one. Moving to another
 * SDK (the Microsoft 365 Agents SDK, docs/agents-sdk-migration.md) changes this file, dsar-bot.ts and
 * the route in bot-app.ts.
 */

export { ActivityHandler, TurnContext };
export type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue };

export type BotAdapter = CloudAdapter;

/** The request CloudAdapter.process reads. A restify request is one; only its `method` type differs (string | undefined). */
export type ActivityRequest = Parameters<CloudAdapter['process']>[0];

/** A conversation reference as stored (conversation-table.ts): where a message outside a turn goes. */
export type StoredReference = Record<string, unknown>;

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function createBotAdapter(bot: BotConfig | undefined, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(
    bot
      ? {
          MicrosoftAppId: bot.appId,
          MicrosoftAppPassword: bot.appPassword ?? '',
          MicrosoftAppType: bot.appType,
          MicrosoftAppTenantId: bot.tenantId,
        }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The message text may hold personal data: log the error only.
    logger.error({ err: error.message, activityType: context.activity.type }, 'bot: turn failed');
    if (context.activity.type === 'message') {
      const lang = (context.activity.locale ?? '').startsWith('en') ? 'en' : 'da';
      await context.sendActivity(say(lang, TEXTS.somethingWrong)).catch(() => undefined);
    }
  };
  return adapter;
}

/** A message carrying `card`; with `replaces`, the update of the message with that id. */
export function cardActivity(card: AdaptiveCard, replaces?: string) {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (replaces) activity.id = replaces;
  return activity;
}

/** The invoke response that replaces the card an Action.Execute came from. */
export function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> };
}

/** Answers in the turn: the card if there is one, else the text. */
export async function send(context: TurnContext, reply: Reply): Promise<void> {
  if (reply.card) await context.sendActivity(cardActivity(reply.card));
  else if (reply.text) await context.sendActivity(reply.text);
}

/** Where this turn's conversation can be reached later. */
export function referenceOf(context: TurnContext): StoredReference {
  return TurnContext.getConversationReference(context.activity) as StoredReference;
}

/**
 * Runs `work` in a turn of its own in a stored conversation, and rejects when it failed: the adapter's
 * onTurnError would otherwise swallow the failure (a 403 from a blocked bot, say).
 */
async function inConversation(
  adapter: CloudAdapter,
  appId: string,
  reference: StoredReference,
  work: (context: TurnContext) => Promise<unknown>,
): Promise<void> {
  let failure: unknown;
  await adapter.continueConversationAsync(appId, reference as Partial<ConversationReference>, async (context) => {
    try {
      await work(context);
    } catch (error) {
      failure = error;
    }
  });
  if (failure) throw failure;
}

/** Posts `card` to a stored conversation; a refusal rejects with the channel's `statusCode`. */
export function postCard(adapter: CloudAdapter, appId: string, reference: StoredReference, card: AdaptiveCard): Promise<void> {
  return inConversation(adapter, appId, reference, (context) => context.sendActivity(cardActivity(card)));
}

/** Replaces the message `activityId` in a stored conversation with `card`. */
export function replaceCard(
  adapter: CloudAdapter,
  appId: string,
  reference: StoredReference,
  activityId: string,
  card: AdaptiveCard,
): Promise<void> {
  return inConversation(adapter, appId, reference, (context) => context.updateActivity(cardActivity(card, activityId)));
}
