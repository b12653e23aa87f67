import { TableClient } from '@azure/data-tables';
import { loadConfig } from '../../src/config/config.js';
import { TestAdapter, type Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DpoAccess } from '../../src/app/dpo-access.js';
import type { CaseService } from '../../src/app/case-service.js';
import { DsarBot } from '../../src/bot/dsar-bot.js';
import { BotHandlers } from '../../src/bot/handlers.js';
import { createLogger } from '../../src/logging/logger.js';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';
import { teamsTurn } from '../helpers/teams-turn.js';

/**
 * The bot through botbuilder's own TestAdapter (the Bot Framework protocol without a network), with the
 * real CaseService on Azurite: who gets answers, what the cards hold, and what actions change.
 */

const DPO_ID = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const STRANGER_ID = '6330d733-bfb8-44d8-ad05-fd50cd09fe4b';
const NOW = '2026-03-20T09:00:00Z'; // a Friday
/** The company as the default configuration names it (ITGuy). */
const company = loadConfig({}).company;

let cases: CaseService;
let conversations: ConversationTable;
let adapter: TestAdapter;

/** One turn: what the bot sent back (messages, and the invoke response for card actions). */
const turn = (activity: Partial<Activity>, userId = DPO_ID, name = 'Rasmus Holt Vestergaard') =>
  teamsTurn(adapter, { id: userId, name }, activity);

const text = (t: string, userId?: string) => turn({ type: 'message', text: t }, userId);
const invoke = (verb: string, data: Record<string, unknown>, userId?: string) =>
  turn({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } }, userId);

/** The parts of an Adaptive Card the tests read; the rest they compare as JSON text. */
interface CardElement {
  type: string;
  style?: string;
  selectAction?: { data: { caseId: string } };
}
/** A row of a case list: a container that opens its case. */
type CardRow = CardElement & Required<Pick<CardElement, 'selectAction'>>;
interface Card {
  body: CardElement[];
  actions?: unknown[];
}
const isRow = (b: CardElement): b is CardRow => Boolean(b.selectAction);

function cardOf(replies: Partial<Activity>[]): Card {
  for (const r of replies) {
    if (r.type === 'invokeResponse') return (r.value as { body: { value: Card } }).body.value;
    const card = r.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    if (card) return card.content;
  }
  throw new Error(`no card in ${JSON.stringify(replies).slice(0, 300)}`);
}
const json = (x: unknown) => JSON.stringify(x);

beforeAll(async () => {
  const prefix = uniquePrefix();
  cases = caseService(await freshCaseTable(prefix), () => NOW);
  const client = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CONVERSATIONS_TABLE}`, {
    allowInsecureConnection: true,
  });
  conversations = new ConversationTable(client);
  await conversations.init();
  const logger = createLogger('silent');
  const bot = new DsarBot({
    handlers: new BotHandlers({ cases, company, now: () => NOW }),
    access: new DpoAccess({ userIds: [DPO_ID] }),
    conversations,
    logger,
    company,
  });
  adapter = new TestAdapter((context) => bot.run(context));
  // 12 open cases: one overdue, two due next week, the rest later; one paused for identity.
  const received = [
    '2026-02-10',
    '2026-02-23',
    '2026-02-24',
    '2026-03-02',
    '2026-03-03',
    '2026-03-04',
    '2026-03-05',
    '2026-03-09',
    '2026-03-10',
    '2026-03-11',
    '2026-03-12',
    '2026-03-13',
  ];
  for (const [i, day] of received.entries()) {
    await cases.open(
      newCaseInput({ receivedAt: `${day}T10:00+01:00`, requester: { name: `Person ${i + 1}`, email: `p${i + 1}@example.com` } }),
      { kind: 'system', id: 'test' },
    );
  }
  await cases.act('DSAR-2026-0012', { type: 'pause', kind: 'identity', reason: 'navnet passer ikke' }, { kind: 'system', id: 'test' });
});

describe('who may talk to the bot', () => {
  it('refuses anyone but a DPO politely, saying nothing about cases', async () => {
    const replies = await text('sager', STRANGER_ID);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/kun hjælpe databeskyttelsesansvarlige/);
    expect(json(replies)).not.toContain('DSAR-2026');
    const card = cardOf(await invoke('show', { caseId: 'DSAR-2026-0001' }, STRANGER_ID));
    expect(json(card)).not.toContain('DSAR-2026-0001');
    expect(await conversations.get('personal', STRANGER_ID)).toBeUndefined();
  });

  it('remembers a DPO’s conversation and language for proactive messages', async () => {
    await text('cases');
    expect(await conversations.get('personal', DPO_ID)).toMatchObject({
      language: 'en',
      reference: { conversation: { id: `a:${DPO_ID}` } },
    });
    await text('sager');
    expect((await conversations.get('personal', DPO_ID))?.language).toBe('da');
  });

  it('forgets the conversation when the bot is uninstalled', async () => {
    await text('hjælp');
    await turn({ type: 'installationUpdate', action: 'remove' });
    expect(await conversations.get('personal', DPO_ID)).toBeUndefined();
    await turn({ type: 'installationUpdate', action: 'add' });
    expect(await conversations.get('personal', DPO_ID)).toBeDefined();
  });
});

describe('case lists', () => {
  it('pages open cases by effective due date, ten at a time, marking overdue and paused ones', async () => {
    const card = cardOf(await text('sager'));
    expect(json(card)).toContain('Åbne sager');
    expect(json(card)).toContain('Side 1, mest presserende først');
    const rows = card.body.filter((b): b is CardRow => b.type === 'Container' && isRow(b));
    expect(rows).toHaveLength(10);
    expect(rows[0]!.selectAction.data.caseId).toBe('DSAR-2026-0001');
    expect(rows[0]!.style).toBe('attention');
    expect(json(rows[0])).toContain('dage over fristen');
    // The "more" button carries where the first page left off (a continuation token).
    const more = (card as unknown as { actions: { verb?: string; data: Record<string, string> }[] }).actions.find(
      (a) => a.verb === 'list' && a.data.token,
    );
    expect(Number(more?.data.page)).toBe(2);
    const next = cardOf(await invoke('list', more!.data));
    const rest = next.body.filter((b): b is CardRow => b.type === 'Container' && isRow(b));
    expect(rest.map((r) => r.selectAction.data.caseId)).toContain('DSAR-2026-0012');
    expect(json(rest.find((r) => r.selectAction.data.caseId === 'DSAR-2026-0012'))).toContain('Pauset');
  });

  it('shows what is overdue and what falls due this week', async () => {
    const overdue = cardOf(await text('overskredet'));
    expect(overdue.body.filter(isRow).map((r) => r.selectAction.data.caseId)).toEqual(['DSAR-2026-0001']);
    // Friday 20 March: this week ends Sunday 22 March. Received 23 Feb is due 23 March (next week).
    const week = cardOf(await text('due this week'));
    expect(json(week)).toContain('Due this week');
    expect(week.body.filter(isRow)).toHaveLength(0);
  });
});

describe('acting on a case', () => {
  // The bot answers card actions in the language the DPO last wrote in.
  beforeAll(() => text('sager'));

  it('extends from the card and returns the updated card saying who did it', async () => {
    const card = cardOf(await invoke('extend', { caseId: 'DSAR-2026-0005', reason: 'Mange systemer' }));
    expect(json(card)).toContain('Forlænget af Rasmus Holt Vestergaard');
    expect(json(card.actions)).not.toContain('"verb":"extend"');
    expect((await cases.get('DSAR-2026-0005')).extension?.reason).toBe('Mange systemer');
  });

  it('refuses an extension after the first deadline, with the reason', async () => {
    const card = cardOf(await invoke('extend', { caseId: 'DSAR-2026-0001', reason: 'for sent' }));
    expect(json(card)).toMatch(/Det gik ikke: Den første frist den 10\. marts 2026 er overskredet/);
    expect((await cases.get('DSAR-2026-0001')).extension).toBeUndefined();
  });

  it('asks for what is missing instead of guessing', async () => {
    const replies = await text('forlæng DSAR-2026-0006');
    expect(json(replies)).toMatch(/Forlæng: skriv også begrundelse/);
    expect((await cases.get('DSAR-2026-0006')).extension).toBeUndefined();
  });

  it('takes typed actions: confirm, ask for identity, identity confirmed with the method', async () => {
    // The first typed action on a case not shown here yet: one line, then its card.
    const first = await text('bekræft DSAR-2026-0007');
    expect(first[0]!.text).toMatch(/^DSAR-2026-0007: Bekræftet og startet af Rasmus/);
    expect(json(cardOf(first))).toContain('DSAR-2026-0007');
    expect((await cases.get('DSAR-2026-0007')).status).toBe('in_progress');
    await text('bed om identitet DSAR-2026-0007 adressen passer ikke');
    expect((await cases.get('DSAR-2026-0007')).status).toBe('awaiting_identity');
    // Later ones: one line; the card already in the chat is updated in place (tests/bot/chat-commands.test.ts).
    const last = await text('identitet bekræftet DSAR-2026-0007 ringede op på kendt nummer');
    expect(last.map((r) => r.attachments?.length ?? 0)).toEqual([0]);
    expect(last[0]!.text).toMatch(/^DSAR-2026-0007: Identitet bekræftet/);
    expect((await cases.get('DSAR-2026-0007')).identity).toMatchObject({ status: 'verified', method: 'ringede op på kendt nummer' });
  });

  it('ticks a task by its number and assigns by name', async () => {
    await invoke('set_task', { caseId: 'DSAR-2026-0008', task: '1' });
    expect((await cases.get('DSAR-2026-0008')).tasks[0]!.done).toBe(true);
    await invoke('assign', { caseId: 'DSAR-2026-0008', assignee: 'sdn@itguy.dk' });
    expect((await cases.get('DSAR-2026-0008')).assignee?.id).toBe('sdn@itguy.dk');
  });

  it('offers only the actions the state allows', async () => {
    const card = cardOf(await text('DSAR-2026-0009'));
    const verbs = json(card.actions).match(/"verb":"\w+"/g)!;
    expect(verbs).toContain('"verb":"start"');
    expect(verbs).not.toContain('"verb":"close"');
    expect(verbs).not.toContain('"verb":"respond"');
    // Overdue and never extended: the law no longer allows an extension, so the card does not offer one.
    const overdue = cardOf(await text('DSAR-2026-0001'));
    expect(json(overdue.actions)).not.toContain('"verb":"extend"');
  });
});

describe('anything else', () => {
  it('suggests the id meant when one is mistyped', async () => {
    const replies = await text('DSAR-2026-0O10');
    expect(replies[0]!.text).toMatch(/Der er ingen sag .*Mente du DSAR-2026-0010/);
    const missing = await text('DSAR-2026-0099');
    expect(missing[0]!.text).toMatch(/Der er ingen sag DSAR-2026-0099/);
  });

  it('says what it did not understand and offers help', async () => {
    const card = cardOf(await text('hvad med vejret?'));
    expect(json(card)).toContain('Jeg forstod ikke');
    expect(json(card)).toContain('"verb":"list"');
  });

  it('opens a case from the new-case form (a phone call)', async () => {
    const form = cardOf(await text('ny sag'));
    expect(json(form)).toContain('"id":"rights"');
    const bad = cardOf(await invoke('create_case', { channel: 'phone', receivedDate: '2026-03-19', rights: 'access' }));
    expect(json(bad)).toMatch(/Det gik ikke: Skriv mindst anmoderens navn/);
    const card = cardOf(
      await invoke('create_case', {
        channel: 'phone',
        receivedDate: '2026-03-19',
        receivedTime: '15:30',
        name: 'Ole Sørensen',
        phone: '+45 20 30 40 50',
        rights: 'access,erasure',
        language: 'da',
      }),
    );
    const id = /Sag (DSAR-2026-\d{4}) er oprettet. Svarfrist 20. april 2026/.exec(json(card))?.[1];
    expect(id).toBeDefined();
    const created = await cases.get(id!);
    expect(created).toMatchObject({
      channel: 'phone',
      rights: ['access', 'erasure'],
      requester: { name: 'Ole Sørensen', phone: '+45 20 30 40 50' },
      receivedAt: '2026-03-19T14:30:00Z',
    });
    expect(created.createdBy).toMatchObject({ kind: 'user', id: DPO_ID });
  });

  it('warns when the person has a case open: "Åbn sagen" or "Opret alligevel"', async () => {
    const { case: open } = await cases.open(
      { receivedAt: '2026-03-02T10:00+01:00', channel: 'email', requester: { email: 'vera@example.com' }, rights: ['access'] },
      { kind: 'system', id: 'test' },
    );
    const values = {
      channel: 'phone',
      receivedDate: '2026-03-19',
      name: 'Vera Holm',
      email: 'Vera@Example.com',
      rights: 'erasure',
      language: 'da',
    };
    const before = (await cases.overview()).length;
    const warning = cardOf(await invoke('create_case', values));
    const text = json(warning);
    expect(text).toContain(`${open.id} er åben for denne person (modtaget 2. marts 2026)`);
    expect(text).toContain('"value":"Vera Holm"'); // the form comes back filled in
    const actions = (warning as unknown as { actions: { title: string; verb: string; data: Record<string, string> }[] }).actions;
    expect(actions.map((a) => [a.title, a.verb, a.data])).toEqual([
      ['Åbn sagen', 'show', { caseId: open.id }],
      ['Opret alligevel', 'create_case', { force: 'true' }],
    ]);
    expect((await cases.overview()).length).toBe(before);

    // What Teams sends for "Opret alligevel": the inputs merged with the action's data.
    const card = cardOf(await invoke('create_case', { ...values, force: 'true' }));
    const id = /Sag (DSAR-2026-\d{4}) er oprettet/.exec(json(card))?.[1];
    expect(id).toBeDefined();
    expect(await cases.get(id!)).toMatchObject({ requester: { email: 'vera@example.com' }, rights: ['erasure'] });
  });
});
