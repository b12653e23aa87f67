import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  INVOKE_RESPONSE_KEY,
  MessageFactory,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type Activity,
  type AdaptiveCardInvokeValue,
  type ConversationReference,
  type InvokeResponse,
} from 'botbuilder';
import type { BotConfig } from '../config/config.js';
import { refuseActivity, refuseSender, type Refusal, type SenderRequest } from './activity-gate.js';
import { serviceUrlPolicy, type ServiceUrlPolicy } from './service-urls.js';
import type { Logger } from '../logging/logger.js';
import { renderCard, type AdaptiveCard } from './cards/render.js';
import type { Reply } from './reply.js';
import { TEXTS, say } from './texts.js';

/**
 * The bot's one way into the Bot Framework SDK (botbuilder): the adapter and its authentication, the
 * activity handler's types, and sending or replacing a card in a turn or outside one. Moving to another
 * SDK (the Microsoft 365 Agents SDK, docs/agents-sdk-migration.md) changes this file and dsar-bot.ts;
 * the route (activity-endpoint.ts) sees only BotAdapter's refuseSender, refuseActivity and handleActivity.
 */

export { ActivityHandler, TurnContext };
export type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, InvokeResponse };

/** A conversation reference as stored (conversation-table.ts): where a message outside a turn goes. */
export type StoredReference = Record<string, unknown>;

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

type Logic = (context: TurnContext) => Promise<void>;

/** A reference whose serviceUrl the bot does not talk to: never used (the bot would post case data there). */
export class ServiceUrlRefusedError extends Error {
  constructor() {
    super('the conversation reference names a serviceUrl this bot does not talk to');
    this.name = 'ServiceUrlRefusedError';
  }
}

/** What a turn answers over HTTP: an invoke's response, or 200 with nothing. */
export type TurnAnswer = { status: number; body?: unknown };

/** As CloudAdapter.process's validateAndFixActivity: the timestamps as Dates, their text kept. */
function withDates(activity: Record<string, unknown>): Activity {
  const fixed = { ...activity };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof fixed[field] === 'string') {
      fixed[raw] = fixed[field];
      fixed[field] = new Date(fixed[field] as string);
    }
  }
  return fixed as unknown as Activity;
}

/**
 * CloudAdapter behind the activity gate (activity-gate.ts): `refuseSender` and `refuseActivity` say why a
 * request is refused before authentication, the bot or the store see it; `handleActivity` runs the turn;
 * and no turn outside a request (proactive messages, card updates) goes to a service URL the bot does not
 * talk to.
 */
export class BotAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    readonly serviceUrls: ServiceUrlPolicy,
    /** No bot registration: activities come without a token (the Playground), so only from this machine. */
    private readonly unsigned: boolean,
  ) {
    super(auth);
  }

  /** Ungated, and answering errors with their text: the app's route uses handleActivity instead. */
  override async process(): Promise<void> {
    throw new Error('BotAdapter.process is not used: POST /api/messages calls handleActivity behind the gate');
  }

  /** Why a request is refused before its body is read (activity-gate.ts), or undefined. */
  refuseSender(req: SenderRequest): Refusal | undefined {
    return refuseSender(req, this.unsigned);
  }

  /** Why a parsed activity is refused before authentication, the bot or the store see it (activity-gate.ts), or undefined. */
  refuseActivity(activity: unknown): Refusal | undefined {
    return refuseActivity(activity, { serviceUrls: this.serviceUrls, unsigned: this.unsigned });
  }

  /**
   * Authenticates `activity` (a gated body) with `authHeader` and runs `logic` in its turn. Rejects with the
   * error itself (the connector's AuthenticationError carries a 4xx statusCode; a network error when the
   * sign-in metadata cannot be fetched) instead of process's 500 with the error's text. An invoke no handler
   * answered (botbuilder's 501) is 200 with no body, as Teams expects from a bot that does not offer it.
   */
  async handleActivity(authHeader: string, activity: Record<string, unknown>, logic: Logic): Promise<TurnAnswer> {
    const answer = await this.processActivity(authHeader, withDates(activity), logic);
    if (answer?.status === 501) return { status: 200 };
    return { status: answer?.status ?? 200, ...(answer?.body !== undefined ? { body: answer.body } : {}) };
  }

  override async continueConversationAsync(
    botAppIdOrClaimsIdentity: Parameters<CloudAdapter['continueConversationAsync']>[0],
    reference: Partial<ConversationReference>,
    logicOrAudience: Logic | string,
    maybeLogic?: Logic,
  ): Promise<void> {
    if (!this.serviceUrls.allows(reference.serviceUrl)) throw new ServiceUrlRefusedError();
    await super.continueConversationAsync(botAppIdOrClaimsIdentity, reference, logicOrAudience, maybeLogic);
  }
}

export function createBotAdapter(bot: BotConfig | undefined, logger: Logger, serviceUrls: readonly string[]): BotAdapter {
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
  const adapter = new BotAdapter(auth, serviceUrlPolicy(serviceUrls), !bot);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The message text may hold personal data: log the error only.
    logger.error({ err: error.message, activityType: context.activity.type }, 'bot: turn failed');
    const lang = (context.activity.locale ?? '').startsWith('en') ? 'en' : 'da';
    if (context.activity.type === 'message') await context.sendActivity(say(lang, TEXTS.somethingWrong)).catch(() => undefined);
    // An invoke must be answered, or the adapter says 501: the DPO's card says what happened instead.
    else if (context.activity.type === 'invoke' && !context.turnState.get(INVOKE_RESPONSE_KEY)) {
      const body =
        context.activity.name === 'adaptiveCard/action'
          ? cardResponse(renderCard('message', { title: say(lang, TEXTS.somethingWrong), lines: [], caseId: '', openLabel: '' }))
          : undefined;
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } }).catch(() => undefined);
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
