import { TableClient } from '@azure/data-tables';
import { TestAdapter, type Activity } from 'botbuilder';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseService } from '../../src/app/case-service.js';
import { DpoAccess } from '../../src/app/dpo-access.js';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { DsarBot } from '../../src/bot/dsar-bot.js';
import { BotHandlers } from '../../src/bot/handlers.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/**
 * The case card's "Forhåndsvis brev" through botbuilder's TestAdapter and the real CaseService on Azurite: the
 * letter the case's state gives now, as a card, and the reason when the state supports no letter yet.
 */

const DPO_ID = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const NOW = '2026-03-20T09:00:00Z';
const SYSTEM = { kind: 'system', id: 'test' } as const;
const company = loadConfig({}).company;
let cases: CaseService;
let adapter: TestAdapter;

async function invoke(verb: string, data: Record<string, unknown>): Promise<string> {
  adapter.activeQueue.splice(0);
  await adapter.processActivity({
    channelId: 'msteams',
    locale: 'da-DK',
    conversation: { id: `a:${DPO_ID}`, conversationType: 'personal', isGroup: false },
    from: { id: `29:${DPO_ID}`, name: 'Lasse', aadObjectId: DPO_ID },
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
  } as Partial<Activity>);
  const response = adapter.activeQueue.find((a) => a.type === 'invokeResponse');
  if (!response) throw new Error('no invoke response');
  return JSON.stringify((response.value as { body: { value: unknown } }).body.value);
}

beforeAll(async () => {
  const prefix = uniquePrefix();
  cases = caseService(await freshCaseTable(prefix), () => NOW);
  const client = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CONVERSATIONS_TABLE}`, {
    allowInsecureConnection: true,
  });
  const conversations = new ConversationTable(client);
  await conversations.init();
  const bot = new DsarBot({
    handlers: new BotHandlers({ cases, company, now: () => NOW }),
    access: new DpoAccess({ userIds: [DPO_ID] }),
    conversations,
    logger: createLogger('silent'),
    company,
  });
  adapter = new TestAdapter((context) => bot.run(context));
  await cases.open(
    newCaseInput({
      receivedAt: '2026-03-05T10:00+01:00',
      rights: ['erasure'],
      requester: { name: 'Bo Rasmussen', email: 'bo@example.com' },
    }),
    SYSTEM,
  );
  await cases.open(
    newCaseInput({ receivedAt: '2026-03-06T10:00+01:00', rights: ['objection'], requester: { name: 'Eva', email: 'eva@example.com' } }),
    SYSTEM,
  );
  await cases.act('DSAR-2026-0001', { type: 'set_task', taskId: 'erasure:microsoft_365', done: true }, SYSTEM);
});

describe('Forhåndsvis brev', () => {
  it('the case card offers it, and it shows the letter the ticked tasks give, in Danish', async () => {
    expect(await invoke('show', { caseId: 'DSAR-2026-0001' })).toContain('"title":"Forhåndsvis brev","verb":"letter"');
    const card = await invoke('letter', { caseId: 'DSAR-2026-0001' });
    expect(card).toContain('Brevet, som sag DSAR-2026-0001 ser ud nu (intet er sendt)');
    expect(card).toContain('Kære Bo Rasmussen,');
    expect(card).toContain('Hillerød, den 20. marts 2026');
    expect(card).toContain('- Microsoft 365: slettet');
    expect(card).toContain('- Microsoft Azure: under behandling');
    expect(card).toContain('Vi giver besked til Microsoft 365');
    expect(card).not.toContain('Vi har givet alle');
    expect(card).toContain('"verb":"show"');
  });

  it('a case whose state supports no letter yet gets the reason, not a letter', async () => {
    const card = await invoke('letter', { caseId: 'DSAR-2026-0002' });
    expect(card).toContain('Indsigelsen i DSAR-2026-0002 er ikke afgjort');
    expect(card).not.toContain('Kære Eva');
  });
});
