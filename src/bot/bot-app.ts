import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import type { DpoAccess } from '../app/dpo-access.js';
import type { BotConfig } from '../config/config.js';
import { listDirectoryUsers, type DirectoryUser } from '../graph/directory.js';
import type { Logger } from '../logging/logger.js';
import restify, { type Server } from '../server/restify.js';
import type { ConversationTable } from '../store/conversation-table.js';
import { DsarBot } from './dsar-bot.js';
import { BotHandlers } from './handlers.js';
import { ProactiveSender } from './proactive.js';
import { TEXTS, say } from './texts.js';

/**
 * The bot put together: the Bot Framework adapter on POST /api/messages, the handlers, and the sender
 * for proactive cards. With a bot registration (Azure) every request must carry a valid Bot Framework
 * token; without one (local mode only) the adapter accepts the Playground's unsigned requests.
 */

export interface BotApp {
  handlers: BotHandlers;
  proactive: ProactiveSender;
  adapter: CloudAdapter;
}

export interface BotAppDeps {
  server: Server;
  /** Absent only in local mode. */
  bot?: BotConfig;
  cases: CaseService;
  access: DpoAccess;
  conversations: ConversationTable;
  graph?: Client;
  logger: Logger;
}

const COLLEAGUES_TTL_MS = 10 * 60_000;

export function createBotAdapter(bot: BotConfig | undefined, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(
    bot
      ? { MicrosoftAppId: bot.appId, MicrosoftAppPassword: bot.appPassword ?? '', MicrosoftAppType: bot.appType, MicrosoftAppTenantId: bot.tenantId }
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

export function createBotApp(deps: BotAppDeps): BotApp {
  const { server, logger } = deps;
  let colleagues: { at: number; users: Promise<DirectoryUser[]> } | undefined;
  const handlers = new BotHandlers({
    cases: deps.cases,
    colleagues: deps.graph
      ? () => {
          if (!colleagues || Date.now() - colleagues.at > COLLEAGUES_TTL_MS) {
            const users = listDirectoryUsers(deps.graph!).catch((error: unknown) => {
              logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'bot: could not list colleagues');
              colleagues = undefined;
              return [];
            });
            colleagues = { at: Date.now(), users };
          }
          return colleagues.users;
        }
      : undefined,
  });
  const adapter = createBotAdapter(deps.bot, logger);
  const bot = new DsarBot({ handlers, access: deps.access, conversations: deps.conversations, logger });
  server.post(
    '/api/messages',
    restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, rejectUnknown: true }),
    async (req, res) => {
      await adapter.process(req, res, (context) => bot.run(context));
    },
  );
  const proactive = new ProactiveSender({
    adapter,
    appId: deps.bot?.appId ?? '',
    conversations: deps.conversations,
    logger,
    isRecipient: (id) => deps.access.isDpo(id),
    ...(deps.bot?.channelId ? { channelId: deps.bot.channelId } : {}),
  });
  return { handlers, proactive, adapter };
}
