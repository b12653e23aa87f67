import type { CaseService } from '../app/case-service.js';
import { DpoAccess } from '../app/dpo-access.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { openConversationTable } from './conversation-table.js';
import { createBotAdapter } from './bot-app.js';
import { BotHandlers } from './handlers.js';
import { ProactiveSender } from './proactive.js';

/**
 * The bot's proactive side without the HTTP server, for processes that send but do not listen (the
 * `dsar reminders run` command). Undefined where the app would not run a bot (Azure without a bot
 * registration).
 */
export async function openProactive(config: Config, cases: CaseService, logger: Logger): Promise<{ proactive: ProactiveSender; handlers: BotHandlers } | undefined> {
  if (config.mode !== 'local' && !config.bot) return undefined;
  const conversations = await openConversationTable(config);
  let membership;
  if (config.dpo.groupId && config.graph) {
    const [{ createGraphClient }, { createGraphCredential }, { graphGroupMembership }] = await Promise.all([
      import('../graph/graph-client.js'),
      import('../graph/credential.js'),
      import('../graph/directory.js'),
    ]);
    membership = graphGroupMembership(createGraphClient({ baseUrl: config.graph.baseUrl }, createGraphCredential(config.graph.auth)));
  }
  const access = new DpoAccess(config.dpo, membership);
  // References are only ever stored for users who were DPOs when they chatted. Locally, where `npm start`
  // (not the environment) names the demo DPO, those stored references are the recipients.
  const isRecipient = config.mode === 'local' && access.isEmpty ? async () => true : (id: string) => access.isDpo(id);
  const proactive = new ProactiveSender({
    adapter: createBotAdapter(config.bot, logger),
    appId: config.bot?.appId ?? '',
    conversations,
    logger,
    isRecipient,
    ...(config.bot?.channelId ? { channelId: config.bot.channelId } : {}),
  });
  return { proactive, handlers: new BotHandlers({ cases }) };
}
