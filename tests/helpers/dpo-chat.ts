import { TableClient } from '@azure/data-tables';
import { inject } from 'vitest';
import { createBotAdapter } from '../../src/bot/bot-app.js';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { ProactiveSender } from '../../src/bot/proactive.js';
import type { Logger } from '../../src/logging/logger.js';
import { personalChat } from './connector.js';

/** The conversation table (real Azurite, `prefix`) of a tenant where `dpo` has installed the bot; their chat is at `serviceUrl`. */
export async function dpoWithBot(prefix: string, serviceUrl: string, dpo: string): Promise<ConversationTable> {
  const conversations = new ConversationTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CONVERSATIONS_TABLE}`, {
      allowInsecureConnection: true,
    }),
  );
  await conversations.init();
  await conversations.save({ scope: 'personal', key: dpo, reference: personalChat(serviceUrl, dpo), language: 'da' });
  return conversations;
}

/** One instance's proactive sender, talking only to the test's connector, with `dpo` the one DPO. */
export function senderTo(serviceUrl: string, conversations: ConversationTable, dpo: string, logger: Logger): ProactiveSender {
  return new ProactiveSender({
    adapter: createBotAdapter(undefined, logger, [serviceUrl]),
    appId: '',
    conversations,
    logger,
    isRecipient: async (id) => id === dpo,
  });
}
