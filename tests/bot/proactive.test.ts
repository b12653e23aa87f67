import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createBotAdapter } from '../../src/bot/bot-app.js';
import { renderCard } from '../../src/bot/cards/render.js';
import { ProactiveSender } from '../../src/bot/proactive.js';
import { createLogger } from '../../src/logging/logger.js';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { startConnector } from '../helpers/connector.js';
import { uniquePrefix } from '../helpers/store.js';

/** Proactive cards through botbuilder's real connector client to a connector service on loopback. */

const DPO_A = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const DPO_B = '0b88d4ca-9258-47e7-961e-6b2f482b03b7';
const FORMER_DPO = 'be3f5800-4f12-42c7-9014-58cc02c0f208';

let connector: Awaited<ReturnType<typeof startConnector>>;
let conversations: ConversationTable;

const reference = (userId: string, serviceUrl: string) => ({
  channelId: 'msteams',
  serviceUrl,
  conversation: { id: `a:${userId}`, conversationType: 'personal' },
  user: { id: `29:${userId}`, aadObjectId: userId },
  bot: { id: '28:bot', name: 'DSAR-assistent' },
});

beforeAll(async () => {
  connector = await startConnector();
  const client = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${uniquePrefix()}${CONVERSATIONS_TABLE}`, {
    allowInsecureConnection: true,
  });
  conversations = new ConversationTable(client);
  await conversations.init();
  await conversations.save({ scope: 'personal', key: DPO_A, reference: reference(DPO_A, connector.url), language: 'da' });
  await conversations.save({ scope: 'personal', key: DPO_B, reference: reference(DPO_B, connector.url), language: 'en' });
  await conversations.save({ scope: 'personal', key: FORMER_DPO, reference: reference(FORMER_DPO, connector.url), language: 'da' });
  await conversations.save({
    scope: 'channel',
    key: '19:gdpr@thread.tacv2',
    reference: { ...reference('x', connector.url), conversation: { id: '19:gdpr@thread.tacv2', conversationType: 'channel' } },
    language: 'da',
  });
});
afterAll(() => connector.close());

describe('proactive messages', () => {
  const logger = createLogger('silent');
  const sender = (channelId?: string) =>
    new ProactiveSender({
      adapter: createBotAdapter(undefined, logger, [connector.url]),
      appId: '',
      conversations,
      logger,
      isRecipient: async (id) => id === DPO_A || id === DPO_B,
      ...(channelId ? { channelId } : {}),
    });
  const card = (lang: 'da' | 'en') =>
    renderCard('message', { title: lang === 'da' ? 'Hej' : 'Hello', lines: [], caseId: '', openLabel: '' });

  it('reach every current DPO in their language, and the team channel, but not a former DPO', async () => {
    connector.received.splice(0);
    const { delivered } = await sender('19:gdpr@thread.tacv2').toDpos(card);
    expect(delivered).toBe(3);
    const byConversation = Object.fromEntries(
      connector.received.map((r) => [r.conversationId, r.activity.attachments![0]!.content.body[0].text]),
    );
    expect(byConversation).toEqual({ [`a:${DPO_A}`]: 'Hej', [`a:${DPO_B}`]: 'Hello', '19:gdpr@thread.tacv2': 'Hej' });
  });

  it('never use a stored conversation naming a service URL the bot does not talk to, and keep it', async () => {
    const elsewhere = await startConnector();
    try {
      await conversations.save({ scope: 'personal', key: DPO_B, reference: reference(DPO_B, elsewhere.url), language: 'en' });
      connector.received.splice(0);
      const { delivered } = await sender().toDpos(card);
      expect(delivered).toBe(1);
      expect(elsewhere.received).toHaveLength(0);
      expect(connector.received.map((r) => r.conversationId)).toEqual([`a:${DPO_A}`]);
      expect((await conversations.get('personal', DPO_B))?.reference.serviceUrl).toBe(elsewhere.url);
      // The adapter itself refuses it too (card updates of a search go through it).
      await expect(
        createBotAdapter(undefined, logger, [connector.url]).continueConversationAsync('', { serviceUrl: elsewhere.url }, async () => {}),
      ).rejects.toThrow(/serviceUrl this bot does not talk to/);
    } finally {
      await conversations.save({ scope: 'personal', key: DPO_B, reference: reference(DPO_B, connector.url), language: 'en' });
      await elsewhere.close();
    }
  });

  it('forget a conversation Teams refuses (blocked or uninstalled) and carry on with the rest', async () => {
    connector.received.splice(0);
    connector.refuse(`a:${DPO_B}`, 403);
    const { delivered } = await sender().toDpos(card);
    expect(delivered).toBe(1);
    expect(connector.received.map((r) => r.conversationId)).toEqual([`a:${DPO_A}`]);
    expect(await conversations.get('personal', DPO_B)).toBeUndefined();
    expect(await conversations.get('personal', DPO_A)).toBeDefined();
  });
});
