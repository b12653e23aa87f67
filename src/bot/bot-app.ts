import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import type { IdAttachments } from '../app/id-attachments.js';
import type { DpoAccess } from '../app/dpo-access.js';
import type { RegisterAnswers } from '../app/register-answers.js';
import type { BotConfig } from '../config/config.js';
import { directoryColleagues } from '../graph/directory.js';
import type { Logger } from '../logging/logger.js';
import type { Feature } from '../platform/feature.js';
import type { Server } from '../platform/http.js';
import { activityEndpoint } from './activity-endpoint.js';
import { createBotAdapter, type BotAdapter } from './bot-framework.js';
import type { Company } from './company.js';
import { SEARCHED_TASK } from '../domain/index.js';
import type { ConversationTable } from './conversation-table.js';
import { DsarBot } from './dsar-bot.js';
import { BotHandlers } from './handlers.js';
import { ProactiveSender } from './proactive.js';
import { SearchCardUpdater } from './search-updates.js';
import type { CaseSearch, DiscoveryPort, SetAsideLog } from '../app/ports.js';
import { errorText } from '../platform/error-text.js';

/**
 * The bot put together: the Bot Framework adapter on POST /api/messages, the handlers, and the sender
 * for proactive cards. With a bot registration (Azure) every request must carry a valid Bot Framework
 * token; without one (local mode only) the adapter accepts the Playground's unsigned requests.
 */

export interface BotApp extends Feature {
  handlers: BotHandlers;
  proactive: ProactiveSender;
  adapter: BotAdapter;
  /** Calls `listener` after a DPO installed the bot (where cases may go): waiting cards can reach them now. */
  whenInstalled(listener: () => void): void;
}

export interface BotAppDeps {
  /** Absent only in local mode. */
  bot?: BotConfig;
  /** Service URLs the bot talks to (config.botChannel.serviceUrls): Teams', or the Playground's locally. */
  serviceUrls: readonly string[];
  cases: CaseService;
  access: DpoAccess;
  conversations: ConversationTable;
  graph?: Client;
  /** Searching Microsoft 365 and building answer packages, when Graph is configured. */
  discovery?: CaseSearch;
  logger: Logger;
  /** Who the bot works for (named in refusals, the welcome and examples): config.company. */
  company: Company;
  /** What intake set aside as not a request ("lagt til side", "Opret sag"); absent while intake keeps none. */
  setAside?: SetAsideLog;
  /** The Teams tab (DSAR-overblik) the report card links to: config.publicUrl + /tab, when public. */
  tabUrl?: string;
  /** Removing ID attachments from the mailbox, when Graph is configured (built in compose.ts). */
  attachments?: IdAttachments;
  /** The register's assumptions and the DPO's answers: the `register` card, and confirmed facts in letter previews. */
  register?: RegisterAnswers;
}

export { createBotAdapter };

export function createBotApp(deps: BotAppDeps): BotApp {
  const { logger, company } = deps;
  const adapter = createBotAdapter(deps.bot, logger, deps.serviceUrls);
  let updater: SearchCardUpdater | undefined;
  const installListeners: (() => void)[] = [];
  const discovery: DiscoveryPort | undefined = deps.discovery && {
    start: (caseId, actor, kinds) => {
      void (async () => {
        let failure: unknown;
        try {
          await deps.discovery!.search(caseId, actor, kinds?.length ? { kinds } : {});
          // The product did that task itself: ticked "af systemet" (the DPO still reviews the hits). If the tick
          // fails the card simply shows the task open, for the DPO to tick.
          await deps.cases
            .tickBySystem(caseId, SEARCHED_TASK, { kind: 'system', id: 'discovery' })
            .catch((error: unknown) => logger.error({ caseId, err: errorText(error) }, 'bot: ticking the search task failed'));
        } catch (error) {
          logger.error({ caseId, err: errorText(error) }, 'bot: search failed');
          failure = error ?? new Error('search failed');
        }
        // The card the DPO searched from ends with the result, or with why the search stopped.
        await updater?.finished(caseId, failure);
      })();
    },
    progress: (caseId) => deps.discovery!.progress(caseId),
    hits: (caseId) => deps.discovery!.hits(caseId),
    review: (caseId, hit, decision, actor) => deps.discovery!.review(caseId, hit, decision, actor),
    thirdPartyIdentifiers: (caseId) => deps.discovery!.thirdPartyIdentifiers(caseId),
    redactions: (caseId) => deps.discovery!.redactions(caseId),
    decideRedaction: (caseId, target, decision, actor) => deps.discovery!.decideRedaction(caseId, target, decision, actor),
    exportPackage: (caseId, actor) => deps.discovery!.exportPackage(caseId, actor),
  };
  const handlers = new BotHandlers({
    cases: deps.cases,
    company,
    ...(discovery ? { discovery } : {}),
    ...(deps.setAside ? { setAside: deps.setAside } : {}),
    ...(deps.tabUrl ? { tabUrl: deps.tabUrl } : {}),
    ...(deps.attachments ? { attachments: deps.attachments } : {}),
    ...(deps.register ? { register: deps.register } : {}),
    // Asked as the DPO types (the card's typeahead) or names someone: never the whole directory.
    ...(deps.graph ? { colleagues: directoryColleagues(deps.graph) } : {}),
  });
  if (deps.discovery) {
    const cardUpdater = new SearchCardUpdater({ adapter, appId: deps.bot?.appId ?? '', handlers, cases: deps.cases, logger });
    deps.discovery.onProgress((caseId) => cardUpdater.progressed(caseId));
    updater = cardUpdater;
  }
  const bot = new DsarBot({
    handlers,
    access: deps.access,
    conversations: deps.conversations,
    logger,
    company,
    ...(deps.bot?.channelId ? { caseChannelId: deps.bot.channelId } : {}),
    onInstalled: () => {
      for (const listener of installListeners) listener();
    },
    ...(updater ? { onSearchStarted: (reference, activityId, caseId, lang) => updater!.watch(reference, activityId, caseId, lang) } : {}),
  });
  const routes = (server: Server) =>
    server.post(
      '/api/messages',
      activityEndpoint(adapter, (context) => bot.run(context), logger),
    );
  const proactive = new ProactiveSender({
    adapter,
    appId: deps.bot?.appId ?? '',
    conversations: deps.conversations,
    logger,
    isRecipient: (id) => deps.access.isDpo(id),
    ...(deps.bot?.channelId ? { channelId: deps.bot.channelId } : {}),
  });
  return { name: 'bot', routes, handlers, proactive, adapter, whenInstalled: (listener) => void installListeners.push(listener) };
}
