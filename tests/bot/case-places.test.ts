import { TableClient } from '@azure/data-tables';
import { TestAdapter, type Activity } from 'botbuilder';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DpoAccess } from '../../src/app/dpo-access.js';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { DsarBot } from '../../src/bot/dsar-bot.js';
import { BotHandlers } from '../../src/bot/handlers.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/**
 * Case data only where it belongs: a DPO's personal chat and the configured DPO channel. Through
 * botbuilder's TestAdapter with the real CaseService on Azurite; a group chat and another team's channel
 * get where to ask instead, in the DPO's language.
 */

const DPO = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const DPO_CHANNEL = '19:gdpr@thread.tacv2';
const OTHER_CHANNEL = '19:general@thread.tacv2';
const company = loadConfig({}).company;

type Place = Pick<Activity, 'conversation' | 'channelData'>;
const personal: Place = { conversation: { id: `a:${DPO}`, conversationType: 'personal', isGroup: false } as Activity['conversation'] };
const groupChat: Place = {
  conversation: { id: '19:chat@thread.v2', conversationType: 'groupChat', isGroup: true } as Activity['conversation'],
};
const channel = (id: string): Place => ({
  conversation: { id: `${id};messageid=1`, conversationType: 'channel', isGroup: true } as Activity['conversation'],
  channelData: { channel: { id }, team: { id: '19:team@thread.tacv2' } },
});

let adapter: TestAdapter;
let conversations: ConversationTable;
let requesterName: string;

async function turn(place: Place, activity: Partial<Activity>): Promise<string> {
  adapter.activeQueue.splice(0);
  await adapter.processActivity({
    channelId: 'msteams',
    locale: 'da-DK',
    from: { id: `29:${DPO}`, name: 'Rasmus Holt Vestergaard', aadObjectId: DPO },
    ...place,
    ...activity,
  } as Partial<Activity>);
  return JSON.stringify(adapter.activeQueue);
}
const say = (place: Place, text: string) => turn(place, { type: 'message', text });
const click = (place: Place, verb: string, data: Record<string, unknown>) =>
  turn(place, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } });

beforeAll(async () => {
  const prefix = uniquePrefix();
  const cases = caseService(await freshCaseTable(prefix));
  conversations = new ConversationTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CONVERSATIONS_TABLE}`, {
      allowInsecureConnection: true,
    }),
  );
  await conversations.init();
  const opened = await cases.open(newCaseInput({ receivedAt: new Date(Date.now() - 3600_000).toISOString() }), {
    kind: 'system',
    id: 'test',
  });
  requesterName = opened.case.requester.name ?? 'Anna Hansen';
  const bot = new DsarBot({
    handlers: new BotHandlers({ cases, company }),
    access: new DpoAccess({ userIds: [DPO] }),
    conversations,
    logger: createLogger('silent'),
    company,
    caseChannelId: DPO_CHANNEL,
  });
  adapter = new TestAdapter((context) => bot.run(context));
});

describe('where cases are shown', () => {
  it('in a group chat: where to ask, in Danish or English, and no case data', async () => {
    for (const command of ['sager', 'DSAR-2026-0001', 'overskredet', 'ny sag']) {
      const reply = await say(groupChat, command);
      expect(reply, command).toContain(
        'Sager viser jeg kun i en personlig chat med mig eller i den kanal, der er sat op til databeskyttelse',
      );
      expect(reply, command).not.toContain(requesterName);
      expect(reply, command).not.toMatch(/Åbne sager|Ny sag/);
    }
    expect(await say(groupChat, 'cases')).toContain(
      'I show cases only in a personal chat with me or in the channel set up for data protection',
    );
  });

  it('in another team channel: the same, also for a card action', async () => {
    expect(await say(channel(OTHER_CHANNEL), 'sager')).toContain('Sager viser jeg kun i en personlig chat');
    const clicked = await click(channel(OTHER_CHANNEL), 'show', { caseId: 'DSAR-2026-0001' });
    expect(clicked).toContain('Sager viser jeg kun i en personlig chat');
    expect(clicked).not.toContain(requesterName);
    // Nothing kept there for proactive cards either.
    expect(await conversations.get('channel', OTHER_CHANNEL)).toBeUndefined();
  });

  it('help is still answered anywhere (it holds no case data)', async () => {
    expect(await say(groupChat, 'hjælp')).toContain('Jeg holder styr på anmodninger fra registrerede');
  });

  it('in the personal chat and the configured DPO channel: the cases', async () => {
    expect(await say(personal, 'sager')).toContain('Side 1, mest presserende først');
    expect(await say(channel(DPO_CHANNEL), 'sager')).toContain('Side 1, mest presserende først');
    expect(await click(channel(DPO_CHANNEL), 'show', { caseId: 'DSAR-2026-0001' })).toContain(requesterName);
  });

  it('without a configured channel, only the personal chat', async () => {
    const bot = new DsarBot({
      handlers: new BotHandlers({ cases: caseService(await freshCaseTable()), company }),
      access: new DpoAccess({ userIds: [DPO] }),
      conversations,
      logger: createLogger('silent'),
      company,
    });
    adapter = new TestAdapter((context) => bot.run(context));
    const reply = await say(channel(DPO_CHANNEL), 'sager');
    expect(reply).toContain('Sager viser jeg kun i en personlig chat med mig – ikke her');
    expect(reply).not.toContain('kanal, der er sat op');
  });
});
