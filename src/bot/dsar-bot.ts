import type { DpoAccess } from '../app/dpo-access.js';
import type { Actor, CaseId } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import {
  ActivityHandler,
  type InvokeResponse,
  cardActivity,
  cardResponse,
  referenceOf,
  send,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type StoredReference,
  type TurnContext,
} from './bot-framework.js';
import type { ConversationTable } from './conversation-table.js';
import { renderCard, type AdaptiveCard } from './cards/render.js';
import type { Company } from './company.js';
import type { BotHandlers } from './handlers.js';
import { parseText } from './intents.js';
import { TEXTS, companyParams, say, type Lang } from './texts.js';
import { CHAT } from './chat-texts.js';
import { errorText } from '../platform/error-text.js';

/**
 * The Teams bot: who may talk to it, what they said, and where the answer goes. Everything the DPO can
 * do is in BotHandlers; this class only speaks the Bot Framework protocol (messages, card invokes,
 * installs) and keeps the conversation references proactive messages need.
 */

export interface DsarBotDeps {
  handlers: BotHandlers;
  /** Told when a DPO starts a search from a card (the message `activityId` there), so that card can follow its progress. */
  onSearchStarted?: (reference: StoredReference, activityId: string | undefined, caseId: CaseId, lang: Lang) => void;
  access: DpoAccess;
  conversations: ConversationTable;
  logger: Logger;
  /** Who the bot works for: config.company. */
  company: Company;
  /** The team channel that may see cases besides DPOs' personal chats (config.bot.channelId). */
  caseChannelId?: string;
  /** Told after a DPO installed the bot: cards nobody could receive so far can go out now. */
  onInstalled?: () => void;
}

/** Teams shows at most 15 typeahead choices. */
const SEARCH_CHOICES = 15;

export class DsarBot extends ActivityHandler {
  constructor(private readonly deps: DsarBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.message(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.installed(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // Teams sends this too when the bot is added to a chat or team; the welcome goes once, on install.
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded && context.activity.channelId !== 'msteams') await this.installed(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.uninstalled(context);
      await next();
    });
  }

  /** The user's language: what they just wrote in, else what they wrote in last, else the client's locale. */
  private async language(context: TurnContext, written?: Lang): Promise<Lang> {
    if (written) return written;
    const stored = await this.deps.conversations.get('personal', context.activity.from.aadObjectId ?? '').catch(() => undefined);
    if (stored?.language === 'da' || stored?.language === 'en') return stored.language;
    return (context.activity.locale ?? '').toLowerCase().startsWith('en') ? 'en' : 'da';
  }

  private actor(context: TurnContext): Actor {
    const from = context.activity.from;
    return { kind: 'user', id: from.aadObjectId ?? from.id, ...(from.name ? { name: from.name } : {}) };
  }

  /** DPO or not; a failed lookup is neither, and says so. */
  private async allowed(context: TurnContext): Promise<'yes' | 'no' | 'unknown'> {
    try {
      return (await this.deps.access.isDpo(context.activity.from.aadObjectId)) ? 'yes' : 'no';
    } catch (error) {
      this.deps.logger.error({ err: errorText(error) }, 'bot: DPO check failed');
      return 'unknown';
    }
  }

  /** Refused (not a DPO) or the check failed, in the company's words. */
  private refusal(lang: Lang, access: 'no' | 'unknown'): string {
    return say(lang, access === 'no' ? TEXTS.refused : TEXTS.accessCheckFailed, companyParams(lang, this.deps.company));
  }

  private async remember(context: TurnContext, lang: Lang): Promise<void> {
    const target = conversationKey(context);
    if (!target) return;
    const reference = referenceOf(context) as StoredReference & { conversation: { id: string } };
    // In a channel, post new threads to the channel itself, not replies to the thread this came from.
    if (target.scope === 'channel') reference.conversation = { ...reference.conversation, id: target.key };
    await this.deps.conversations.save({ ...target, reference, language: lang });
  }

  private async message(context: TurnContext): Promise<void> {
    const value = context.activity.value as Record<string, unknown> | undefined;
    const parsed =
      value && typeof value.verb === 'string'
        ? { intent: this.deps.handlers.fromCard(value.verb, value) }
        : parseText(context.activity.text ?? '');
    const lang = await this.language(context, 'lang' in parsed ? parsed.lang : undefined);
    const access = await this.allowed(context);
    if (access !== 'yes') {
      await context.sendActivity(this.refusal(lang, access));
      return;
    }
    if (!this.isCasePlace(context) && parsed.intent.kind !== 'help') {
      await context.sendActivity(this.notHere(lang));
      return;
    }
    await this.remember(context, lang);
    const reply = await this.deps.handlers.handle(parsed.intent, this.actor(context), lang);
    // A card's fallback Action.Submit: change the card the DPO clicked in place when the client told us which.
    if (value && context.activity.replyToId && reply.card && parsed.intent.kind === 'act') {
      try {
        await context.updateActivity(cardActivity(reply.card, context.activity.replyToId));
        return;
      } catch {
        // Not every client allows updates: send the new card instead.
      }
    }
    // A typed action: one line, and the case's card already in the chat updated in place.
    if (!value && parsed.intent.kind === 'act' && reply.caseId) {
      const line = reply.line ?? reply.text;
      if (line && reply.card && (await this.updateShownCard(context, reply.caseId, reply.card))) {
        await context.sendActivity(line);
        return;
      }
      // No card of this case here yet (or the client refused the update): the line, then the card.
      if (reply.line) await context.sendActivity(reply.line);
    }
    // A fallback submit cannot update the card it came from in place: only what is new is sent.
    if (reply.also) await send(context, { card: reply.also });
    else if (reply.card) {
      const sent = await context.sendActivity(cardActivity(reply.card));
      if (reply.caseId && sent?.id) await this.rememberCard(context, reply.caseId, sent.id);
    } else await send(context, reply);
  }

  /** Which message shows a case's card here, so a typed action can update it in place. */
  private async rememberCard(context: TurnContext, caseId: CaseId, activityId: string): Promise<void> {
    const target = conversationKey(context);
    if (!target) return;
    await this.deps.conversations.saveCard(target.scope, target.key, caseId, activityId).catch((error: unknown) => {
      // Only the in-place update is lost: the next typed action posts the card anew.
      this.deps.logger.warn({ err: errorText(error) }, 'bot: could not remember the card message');
    });
  }

  /** Updates the case card last shown here; false when there is none or the client would not. */
  private async updateShownCard(context: TurnContext, caseId: CaseId, card: AdaptiveCard): Promise<boolean> {
    const target = conversationKey(context);
    if (!target) return false;
    const activityId = await this.deps.conversations.cardOf(target.scope, target.key, caseId).catch(() => undefined);
    if (!activityId) return false;
    try {
      await context.updateActivity(cardActivity(card, activityId));
      return true;
    } catch {
      return false;
    }
  }

  /** Teams invokes the bot does not offer (task modules, message extensions, ...): acknowledged with an empty 200, never 501. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') return super.onInvokeActivity(context);
    if (context.activity.name === 'application/search') return this.search(context);
    return { status: 200 };
  }

  /**
   * A card's typeahead (Input.ChoiceSet with choices.data of type Data.Query) asking for choices as the
   * DPO types: value { queryText, queryOptions: { skip, top }, dataset }, answered with
   * application/vnd.microsoft.search.searchResponse and { results: [{ title, value }] } (Teams: "Typeahead
   * search in Adaptive Cards"). Only a DPO, where cases may be shown, gets colleagues; anyone else gets
   * botbuilder's error shape and nothing from the directory.
   */
  private async search(context: TurnContext): Promise<InvokeResponse> {
    const value = (context.activity.value ?? {}) as { queryText?: unknown; dataset?: unknown; queryOptions?: { top?: unknown } };
    const lang = await this.language(context);
    const access = await this.allowed(context);
    if (access !== 'yes' || !this.isCasePlace(context)) {
      const message = access !== 'yes' ? this.refusal(lang, access) : this.notHere(lang);
      return { status: 403, body: { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message } } };
    }
    const text = typeof value.queryText === 'string' ? value.queryText : '';
    const dataset = typeof value.dataset === 'string' ? value.dataset : '';
    const asked = Number(value.queryOptions?.top);
    const top = Number.isInteger(asked) && asked > 0 ? Math.min(asked, SEARCH_CHOICES) : SEARCH_CHOICES;
    let results: { title: string; value: string }[] = [];
    try {
      results = await this.deps.handlers.choices(dataset, text, top);
    } catch (error) {
      // The directory did not answer (throttled, down): no choices this time; the next keystroke asks again.
      this.deps.logger.warn({ err: errorText(error) }, 'bot: colleague search failed');
    }
    return { status: 200, body: { type: 'application/vnd.microsoft.search.searchResponse', value: { results } } };
  }

  /** A DPO's personal chat, or the configured DPO channel: where case data may be shown. */
  private isCasePlace(context: TurnContext): boolean {
    const { conversation } = context.activity;
    const type = conversation.conversationType;
    if (type === 'personal' || (!type && !conversation.isGroup)) return true;
    return type === 'channel' && this.deps.caseChannelId !== undefined && channelIdOf(context) === this.deps.caseChannelId;
  }

  private notHere(lang: Lang): string {
    return say(lang, this.deps.caseChannelId ? TEXTS.notHereOrChannel : TEXTS.notHere);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const lang = await this.language(context);
    const access = await this.allowed(context);
    if (access !== 'yes')
      return cardResponse(renderCard('message', { title: this.refusal(lang, access), lines: [], caseId: '', openLabel: '' }));
    if (!this.isCasePlace(context))
      return cardResponse(renderCard('message', { title: this.notHere(lang), lines: [], caseId: '', openLabel: '' }));
    const { verb, data } = invokeValue.action;
    const intent = this.deps.handlers.fromCard(verb, (data ?? {}) as Record<string, unknown>);
    const reply = await this.deps.handlers.handle(intent, this.actor(context), lang);
    if (intent.kind === 'search' && reply.card)
      this.deps.onSearchStarted?.(referenceOf(context), context.activity.replyToId, intent.caseId, lang);
    if (reply.also) await send(context, { card: reply.also });
    // The clicked message now shows this case: a later typed action updates it.
    if (reply.caseId && reply.card && context.activity.replyToId)
      await this.rememberCard(context, reply.caseId, context.activity.replyToId);
    return cardResponse(reply.card ?? renderCard('message', { title: reply.text ?? '', lines: [], caseId: '', openLabel: '' }));
  }

  private async installed(context: TurnContext): Promise<void> {
    const lang = await this.language(context);
    if ((await this.allowed(context)) !== 'yes') {
      // Installed by someone who is not a DPO: no reference kept, nothing said about cases.
      if (context.activity.conversation.conversationType === 'personal') await context.sendActivity(this.refusal(lang, 'no'));
      return;
    }
    // Only where cases may go is the conversation kept for proactive cards.
    if (this.isCasePlace(context)) await this.remember(context, lang);
    await send(context, { card: this.deps.handlers.help(lang, say(lang, TEXTS.welcome, companyParams(lang, this.deps.company))) });
    // Nothing waits unseen: what needs confirming, is overdue or falls due this week, right away.
    if (this.isCasePlace(context)) {
      try {
        await send(context, { card: await this.deps.handlers.waitingCard(lang, '') });
      } catch (error) {
        // The help card went out; the lists are one "sager" away. The failure is the operator's to see.
        this.deps.logger.error({ err: errorText(error) }, 'bot: could not list what is waiting on install');
        await context.sendActivity(say(lang, CHAT.waiting.failed));
      }
    }
    this.deps.logger.info({ scope: context.activity.conversation.conversationType ?? 'personal' }, 'bot: installed');
    if (this.isCasePlace(context)) this.deps.onInstalled?.();
  }

  private async uninstalled(context: TurnContext): Promise<void> {
    const target = conversationKey(context);
    if (!target) return;
    // An uninstall speaks for its own conversation only: one naming the DPO from elsewhere removes nothing.
    const stored = await this.deps.conversations.get(target.scope, target.key);
    const storedId = (stored?.reference.conversation as { id?: unknown } | undefined)?.id;
    const own = target.scope === 'channel' ? target.key : context.activity.conversation.id;
    if (!stored) return;
    if (storedId !== own) {
      this.deps.logger.warn({ scope: target.scope }, 'bot: uninstall from another conversation than the stored one; nothing removed');
      return;
    }
    await this.deps.conversations.remove(target.scope, target.key);
    this.deps.logger.info({ scope: target.scope }, 'bot: uninstalled; conversation reference removed');
  }
}

/** Personal chats are kept per user (Entra object id); channels by channel id (without a thread suffix). */
function conversationKey(context: TurnContext): { scope: 'personal' | 'channel'; key: string } | undefined {
  const a = context.activity;
  const personal = a.conversation.conversationType === 'personal' || !a.conversation.conversationType;
  if (personal) return a.from.aadObjectId ? { scope: 'personal', key: a.from.aadObjectId } : undefined;
  const channel = channelIdOf(context);
  return channel ? { scope: 'channel', key: channel } : undefined;
}

/** A channel's id without a thread suffix (Teams: channelData.channel.id; else the conversation id before ';'). */
function channelIdOf(context: TurnContext): string | undefined {
  const a = context.activity;
  return (a.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? a.conversation.id.split(';')[0];
}
