import { TableClient } from '@azure/data-tables';
import { TestAdapter, type Activity } from 'botbuilder';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseService } from '../../src/app/case-service.js';
import { DpoAccess } from '../../src/app/dpo-access.js';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { DsarBot } from '../../src/bot/dsar-bot.js';
import { BotHandlers } from '../../src/bot/handlers.js';
import { loadConfig } from '../../src/config/config.js';
import { ACCOUNTING_DELETE_TASK, ACCOUNTING_TASK, type Case } from '../../src/domain/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';
import { teamsTurn } from '../helpers/teams-turn.js';

/**
 * "Til brevet" on the case card (issue 15 item 1): the DPO answers the accounting question and records an
 * Art. 19 recipient that will not be told, in Teams, through the Bot Framework protocol (TestAdapter) with
 * the real case service on Azurite; the case records both, and a bad date is refused in Danish.
 */

const DPO_ID = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const company = loadConfig({}).company;

let cases: CaseService;
let adapter: TestAdapter;
let c: Case;

const turn = (activity: Partial<Activity>) => teamsTurn(adapter, { id: DPO_ID, name: 'Rasmus Holt Vestergaard' }, activity);
const click = (verb: string, inputs: Record<string, string>) =>
  turn({
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data: { caseId: c.id, ...inputs } } },
  });
const text = (replies: Partial<Activity>[]) => JSON.stringify(replies);

beforeAll(async () => {
  const prefix = uniquePrefix();
  cases = caseService(await freshCaseTable(prefix));
  const conversations = new ConversationTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CONVERSATIONS_TABLE}`, {
      allowInsecureConnection: true,
    }),
  );
  await conversations.init();
  const bot = new DsarBot({
    handlers: new BotHandlers({ cases, company }),
    access: new DpoAccess({ userIds: [DPO_ID] }),
    conversations,
    logger: createLogger('silent'),
    company,
  });
  adapter = new TestAdapter((context) => bot.run(context));
  const opened = await cases.open(newCaseInput({ receivedAt: new Date().toISOString(), rights: ['erasure'] }), DPO);
  c = await cases.act(opened.case.id, { type: 'start' }, DPO);
});

describe('the case card\'s "Til brevet"', () => {
  it('is offered on an erasure case, with the open Art. 19 recipients to choose from', async () => {
    const card = text(await turn({ type: 'message', text: `vis ${c.id}` }));
    expect(card).toContain('Til brevet');
    expect(card).toContain('"verb":"record_accounting"');
    expect(card).toContain('"verb":"record_art19_exempt"');
    expect(card).toContain('"value":"other_recipients"');
  });

  it('refuses a date that is not one, in Danish, and records nothing', async () => {
    const replies = text(await click('record_accounting', { latestRecord: '30/11/2025' }));
    expect(replies).toContain('Skriv datoen for det seneste regnskabsbilag om personen (ÅÅÅÅ-MM-DD), eller ingen.');
    expect((await cases.get(c.id)).facts?.accounting).toBeUndefined();
  });

  it('records the accounting answer: the question ticked, the deletion scheduled as a task', async () => {
    await click('record_accounting', { latestRecord: '2025-11-30' });
    const now = await cases.get(c.id);
    expect(now.facts?.accounting?.latestRecord).toBe('2025-11-30');
    expect(now.tasks.find((t) => t.id === ACCOUNTING_TASK)?.done).toBe(true);
    expect(now.tasks.find((t) => t.id === ACCOUNTING_DELETE_TASK)?.title.da).toContain('den 31. december 2030');
  });

  it('records an Art. 19 recipient that will not be told, with the reason the letter gives', async () => {
    await click('record_art19_exempt', { recipient: 'other_recipients', art19Reason: 'Ingen andre har modtaget oplysningerne.' });
    const now = await cases.get(c.id);
    expect(now.facts?.art19Exempt?.other_recipients?.reason).toBe('Ingen andre har modtaget oplysningerne.');
    expect(now.tasks.find((t) => t.id === 'art19:other_recipients')?.done).toBe(true);
    // The choice no longer offers it.
    expect(text(await turn({ type: 'message', text: `vis ${c.id}` }))).not.toContain('"value":"other_recipients"');
  });

  it('takes the same answer typed in the chat', async () => {
    const opened = await cases.open(newCaseInput({ receivedAt: new Date().toISOString(), rights: ['erasure'] }), DPO);
    await cases.act(opened.case.id, { type: 'start' }, DPO);
    await turn({ type: 'message', text: `regnskabsmateriale ${opened.case.id} ingen` });
    expect((await cases.get(opened.case.id)).facts?.accounting?.none).toBe(true);
  });
});
