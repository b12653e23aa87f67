import { TableClient } from '@azure/data-tables';
import { TestAdapter, type Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DpoAccess } from '../../src/app/dpo-access.js';
import type { CaseService } from '../../src/app/case-service.js';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { DsarBot } from '../../src/bot/dsar-bot.js';
import { BotHandlers } from '../../src/bot/handlers.js';
import { loadConfig } from '../../src/config/config.js';
import { all } from '../../src/graph/pages.js';
import { directoryColleagues } from '../../src/graph/directory.js';
import { createLogger } from '../../src/logging/logger.js';
import { newCaseInput } from '../helpers/cases.js';
import { startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';
import { teamsTurn } from '../helpers/teams-turn.js';

/**
 * The case card's assignee picker in a tenant of 5,000 people, through botbuilder's TestAdapter and the
 * directory of the dev tenant: the card lists none of them (a typeahead, Input.ChoiceSet with a Data.Query,
 * asks the bot's application/search invoke as the DPO types), so it stays far under Teams' size limit; the
 * invoke answers only DPOs where cases may be shown; the chosen colleague is assigned by name.
 *
 * The limit: "Format your bot messages" (learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages)
 * puts a bot message at about 100 KB counted as UTF-16 and recommends staying within 80 KB; older versions
 * of that page said 40 KB, and Power Automate's Teams connector posts at most ~28 KB. The card must fit
 * the smallest of these.
 */

const STRICTEST_LIMIT = 28 * 1024;
const NOW = '2026-03-20T09:00:00Z';
const company = loadConfig({}).company;

let tenant: TestTenant;
let cases: CaseService;
let adapter: TestAdapter;
let handlers: BotHandlers;
let people: { id: string; displayName: string; mail: string }[];
let dpo: { id: string; displayName: string };
let stranger: string;
let caseId: string;

const turn = (activity: Partial<Activity>, userId: string, conversationType = 'personal') =>
  teamsTurn(adapter, { id: userId, name: 'DPO' }, activity, { conversationType, conversationId: `a:${userId}:${conversationType}` });
const invokeResponse = (replies: Partial<Activity>[]) =>
  replies.find((r) => r.type === 'invokeResponse')?.value as { status: number; body: Record<string, unknown> };
const search = (queryText: string, userId = dpo.id, dataset = 'colleagues', conversationType = 'personal') =>
  turn(
    { type: 'invoke', name: 'application/search', value: { queryText, queryOptions: { skip: 0, top: 15 }, dataset } },
    userId,
    conversationType,
  ).then(invokeResponse);
const act = (verb: string, data: Record<string, unknown>) =>
  turn({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } }, dpo.id).then(
    (r) => invokeResponse(r).body.value,
  );

interface Element {
  type?: string;
  id?: string;
  [key: string]: unknown;
}
/** Every element of a card, nested cards (Action.ShowCard) included. */
function elements(node: unknown): Element[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== 'object') return [];
  return [node as Element, ...Object.values(node).flatMap(elements)];
}
const picker = (card: unknown) => elements(card).find((e) => e.type === 'Input.ChoiceSet' && e.id === 'assignee');

beforeAll(async () => {
  tenant = await startTestTenant();
  const generated = await tenant.dev('/tenant/generate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ users: 5000, messagesPerUser: 0, filesPerUser: 0, seed: 5 }),
  });
  expect(generated.status).toBeLessThan(300);
  people = await all(tenant.graph, '/users?$select=id,displayName,mail&$top=999');
  expect(people).toHaveLength(5000);
  dpo = people[0]!;
  stranger = people[1]!.id;
  const prefix = uniquePrefix();
  cases = caseService(await freshCaseTable(prefix), () => NOW);
  const conversations = new ConversationTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CONVERSATIONS_TABLE}`, {
      allowInsecureConnection: true,
    }),
  );
  await conversations.init();
  handlers = new BotHandlers({ cases, company, colleagues: directoryColleagues(tenant.graph), now: () => NOW });
  const bot = new DsarBot({
    handlers,
    access: new DpoAccess({ userIds: [dpo.id] }),
    conversations,
    logger: createLogger('silent'),
    company,
  });
  adapter = new TestAdapter((context) => bot.run(context));
  ({
    case: { id: caseId },
  } = await cases.open(
    newCaseInput({ receivedAt: '2026-03-10T10:00+01:00', requester: { name: 'Karen Blixen', email: 'karen@example.com' } }),
    { kind: 'system', id: 'test' },
  ));
}, 120_000);
afterAll(() => tenant?.close());

describe('the assignee picker in a tenant of 5,000 people', () => {
  it('keeps the case card far under Teams’ size limit: no one is listed, a typeahead asks the bot', async () => {
    const card = await handlers.caseCard(await cases.get(caseId), 'da');
    const size = Buffer.byteLength(JSON.stringify(card), 'utf16le');
    expect(size).toBeLessThan(STRICTEST_LIMIT);
    const input = picker(card);
    expect(input).toMatchObject({ style: 'filtered', 'choices.data': { type: 'Data.Query', dataset: 'colleagues' } });
    // Works without typing: "me" is a choice; nobody from the directory is.
    expect(input?.choices).toEqual([{ title: 'Mig selv', value: 'me' }]);
    expect(JSON.stringify(card)).not.toContain(people[42]!.displayName);
  });

  it('answers the typeahead with at most 15 matching colleagues, in Teams’ searchResponse shape', async () => {
    const someone = people[1234]!;
    const response = await search(someone.displayName);
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('application/vnd.microsoft.search.searchResponse');
    const results = (response.body.value as { results: { title: string; value: string }[] }).results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(15);
    expect(results.map((r) => r.value)).toContain(someone.id);
    expect(results.find((r) => r.value === someone.id)?.title).toBe(`${someone.displayName} <${someone.mail.toLowerCase()}>`);
    // A common first name matches many; still 15 at most.
    const first = someone.displayName.split(' ')[0]!;
    const many = (await search(first)).body.value as { results: unknown[] };
    expect(many.results.length).toBeLessThanOrEqual(15);
    // A dataset the cards do not use, and nothing typed: no choices.
    expect(((await search(first, dpo.id, 'something-else')).body.value as { results: unknown[] }).results).toEqual([]);
    expect(((await search('')).body.value as { results: unknown[] }).results).toEqual([]);
  });

  it('answers no one but a DPO, and no DPO outside a place for cases', async () => {
    for (const response of [await search('a', stranger), await search('a', dpo.id, 'colleagues', 'groupChat')]) {
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ type: 'application/vnd.microsoft.error', value: { code: 'Forbidden' } });
      expect(JSON.stringify(response.body)).not.toContain('results');
    }
  });

  it('assigns the colleague picked (by object id) under their directory name, and "me" to whoever acts', async () => {
    const someone = people[4321]!;
    const card = await act('assign', { caseId, assignee: someone.id });
    expect(JSON.stringify(card)).toContain(someone.displayName);
    expect((await cases.get(caseId)).assignee).toEqual({ kind: 'user', id: someone.id, name: someone.displayName });
    // The current owner becomes a static choice, selected.
    const after = picker(card);
    expect(after?.value).toBe(someone.id);
    expect(after?.choices).toEqual([
      { title: someone.displayName, value: someone.id },
      { title: 'Mig selv', value: 'me' },
    ]);
    await act('assign', { caseId, assignee: 'me' });
    expect((await cases.get(caseId)).assignee).toMatchObject({ kind: 'user', id: dpo.id });
  });
});
