import { TableClient } from '@azure/data-tables';
import { TestAdapter, type Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseService } from '../../src/app/case-service.js';
import { DpoAccess } from '../../src/app/dpo-access.js';
import { createBotAdapter } from '../../src/bot/bot-app.js';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { DsarBot } from '../../src/bot/dsar-bot.js';
import { BotHandlers } from '../../src/bot/handlers.js';
import { NOTIFICATIONS_TABLE, NotificationTable } from '../../src/bot/notification-table.js';
import { intakeCards, type IntakeCards } from '../../src/bot/notifications.js';
import { ProactiveSender } from '../../src/bot/proactive.js';
import { loadConfig } from '../../src/config/config.js';
import { IntakeEvents } from '../../src/intake/intake-events.js';
import { createLogger } from '../../src/logging/logger.js';
import { newCaseInput } from '../helpers/cases.js';
import { senderTo } from '../helpers/dpo-chat.js';
import { startConnector, personalChat } from '../helpers/connector.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/**
 * Intake cards are never lost: two instances (their own ledgers, senders and event emitters) on one
 * Azurite store and a connector on loopback. A claim left `sending` (what a crash between claiming and
 * sending leaves) is resent by the other instance's sweep once its lease ran out; a card nobody could
 * receive waits and goes out once a DPO installed the bot; reminder claims keep their own semantics.
 */

const DPO = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const STALE_MS = 400;
const company = loadConfig({}).company;
const logger = createLogger('silent');

let connector: Awaited<ReturnType<typeof startConnector>>;
let cases: CaseService;
let conversations: ConversationTable;
const ledgers: NotificationTable[] = [];
const events: IntakeEvents[] = [];
const instances: IntakeCards[] = [];
let people = 0;
let notificationsClient: () => TableClient;

const dpoReference = () => personalChat(connector.url, DPO);
const cardsFor = (caseId: string) => connector.received.filter((r) => JSON.stringify(r.activity).includes(caseId));
// Opened by hand unless a test says intake: the sweep sends the card of an intake case nobody claimed.
const openCase = async (extra: Parameters<typeof newCaseInput>[0] = {}, by = 'test') =>
  (
    await cases.open(
      newCaseInput({
        receivedAt: new Date(Date.now() - 3600_000).toISOString(),
        requester: { email: `p${++people}@example.com` },
        ...extra,
      }),
      { kind: 'system', id: by },
    )
  ).case;
const stale = () => new Promise((r) => setTimeout(r, STALE_MS + 100));

beforeAll(async () => {
  connector = await startConnector();
  const prefix = uniquePrefix();
  const table = (name: string) =>
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${name}`, { allowInsecureConnection: true });
  cases = caseService(await freshCaseTable(prefix));
  notificationsClient = () => table(NOTIFICATIONS_TABLE);
  conversations = new ConversationTable(table(CONVERSATIONS_TABLE));
  await conversations.init();
  for (let i = 0; i < 2; i++) {
    const ledger = new NotificationTable(table(NOTIFICATIONS_TABLE), STALE_MS);
    await ledger.init();
    const emitter = new IntakeEvents();
    const proactive = senderTo(connector.url, conversations, DPO, logger);
    ledgers.push(ledger);
    events.push(emitter);
    instances.push(
      intakeCards({
        events: emitter,
        cases,
        handlers: new BotHandlers({ cases, company }),
        proactive,
        ledger,
        logger,
        redeliveryEveryMs: 1000,
        claimStaleMs: STALE_MS,
      }),
    );
  }
});
afterAll(() => connector.close());

describe('intake card redelivery', () => {
  it('waits while no DPO has installed the bot, and sends once after the install', async () => {
    const c = await openCase();
    events[0]!.emit('case_opened', { caseId: c.id, messageId: 'AAMk-w', evidence: ['jeg vil have indsigt'] });
    await expect.poll(async () => (await ledgers[0]!.unsent()).map((u) => u.key)).toContain(`new_request|${c.id}`);
    expect(connector.received).toHaveLength(0);

    // The install handler tells the sender (BotApp.whenInstalled in the app).
    let told = 0;
    const bot = new DsarBot({
      handlers: new BotHandlers({ cases, company }),
      access: new DpoAccess({ userIds: [DPO] }),
      conversations,
      logger,
      company,
      onInstalled: () => told++,
    });
    await new TestAdapter((context) => bot.run(context)).processActivity({
      type: 'installationUpdate',
      action: 'add',
      channelId: 'msteams',
      conversation: { id: `a:${DPO}`, conversationType: 'personal' },
      from: { id: '29:u', aadObjectId: DPO },
    } as Partial<Activity>);
    expect(told).toBe(1);
    // The stored reference is the connector's (the TestAdapter's own is no service URL the bot talks to).
    await conversations.save({ scope: 'personal', key: DPO, reference: dpoReference(), language: 'da' });
    instances[1]!.installed();
    await expect.poll(() => cardsFor(c.id).length).toBe(1);
    expect(JSON.stringify(cardsFor(c.id)[0]!.activity)).toContain('Ny GDPR-anmodning');
    // Further sweeps (the install's may still be finishing) send it no more.
    await Promise.all(instances.map((i) => i.redeliver()));
    expect(await Promise.all(instances.map((i) => i.redeliver()))).toEqual([0, 0]);
    expect(cardsFor(c.id)).toHaveLength(1);
  });

  it('resends a card whose sender crashed after claiming it, once its lease ran out, with what the case kept', async () => {
    const c = await openCase({ intakeVerdict: { verdict: 'request', evidence: ['anmoder om indsigt efter artikel 15'] } });
    // What instance 0 leaves when it dies between its claim and the connector call.
    expect(await ledgers[0]!.claimCard(`new_request|${c.id}`, new Date(), { kind: 'new_request', caseId: c.id })).toBeDefined();
    expect(await instances[1]!.redeliver()).toBe(0);
    await stale();
    expect(await instances[1]!.redeliver()).toBe(1);
    const text = JSON.stringify(cardsFor(c.id).map((r) => r.activity));
    expect(cardsFor(c.id)).toHaveLength(1);
    expect(text).toContain('anmoder om indsigt efter artikel 15');
    expect(text).toContain('"verb":"start"');
    expect(await ledgers[0]!.settled(`new_request|${c.id}`)).toBe(true);
  });

  it('a dead letter says the mail could not be read, on the first send and on a resend after a crash', async () => {
    const read = 'Mailen kunne ikke læses automatisk. Åbn den i Outlook';
    const first = await openCase({ intakeVerdict: { verdict: 'uncertain', evidence: ['could not be read automatically (5 attempts)'] } });
    events[0]!.emit('case_opened', { caseId: first.id, messageId: 'AAMk-d1', deadLetter: true });
    await expect.poll(() => cardsFor(first.id).length).toBe(1);
    expect(JSON.stringify(cardsFor(first.id)[0]!.activity)).toContain(read);
    // Claimed with the flag by an instance that then died: the resend keeps it.
    const second = await openCase({ intakeVerdict: { verdict: 'uncertain', evidence: ['could not be read automatically'] } });
    await ledgers[0]!.claimCard(`new_request|${second.id}`, new Date(), { kind: 'new_request', caseId: second.id, deadLetter: true });
    await stale();
    expect(await instances[1]!.redeliver()).toBe(1);
    expect(JSON.stringify(cardsFor(second.id)[0]!.activity)).toContain(read);
    // An ordinary uncertain case has no such line.
    const ordinary = await openCase({ intakeVerdict: { verdict: 'uncertain', evidence: ['jeg vil gerne vide'] } });
    events[0]!.emit('case_opened', { caseId: ordinary.id, messageId: 'AAMk-d3' });
    await expect.poll(() => cardsFor(ordinary.id).length).toBe(1);
    expect(JSON.stringify(cardsFor(ordinary.id)[0]!.activity)).not.toContain(read);
  });

  it('two instances sweeping the same stuck claims send each card once', async () => {
    const opened = await Promise.all([1, 2, 3, 4, 5].map(() => openCase()));
    for (const c of opened) await ledgers[0]!.claimCard(`new_request|${c.id}`, new Date(), { kind: 'new_request', caseId: c.id });
    const f = await openCase();
    await ledgers[1]!.claimCard(`follow_up|${f.id}|AAMk-f`, new Date(), {
      kind: 'follow_up',
      caseId: f.id,
      messageId: 'AAMk-f',
      possibleIdentityDocument: false,
      unknownSender: true,
    });
    await stale();
    const [a, b] = await Promise.all(instances.map((i) => i.redeliver()));
    expect(a! + b!).toBe(6);
    for (const c of [...opened, f]) expect(cardsFor(c.id), c.id).toHaveLength(1);
    // The follow-up was rebuilt with its warning.
    expect(JSON.stringify(cardsFor(f.id)[0]!.activity)).toContain('En person, der ikke er sagens anmoder, har citeret sagsnummeret');
  });

  it('warns on a follow-up from someone who is not the requester but quoted the case number', async () => {
    const c = await openCase();
    events[1]!.emit('follow_up_received', { caseId: c.id, messageId: 'AAMk-u', possibleIdentityDocument: false, unknownSender: true });
    await expect.poll(() => cardsFor(c.id).length).toBe(1);
    const card = cardsFor(c.id)[0]!.activity.attachments![0]!.content as { body: { text?: string; color?: string }[] };
    expect(card.body[1]).toMatchObject({
      text: 'Advarsel: En person, der ikke er sagens anmoder, har citeret sagsnummeret. Tjek, hvem afsenderen er, før du svarer eller udleverer noget.',
      color: 'Attention',
    });
    // An ordinary follow-up has no warning.
    events[1]!.emit('follow_up_received', { caseId: c.id, messageId: 'AAMk-v', possibleIdentityDocument: false });
    await expect.poll(() => cardsFor(c.id).length).toBe(2);
    expect(JSON.stringify(cardsFor(c.id)[1]!.activity)).not.toContain('Advarsel');
  });

  it('sends the card of a case intake opened when its opener died before claiming it, once', async () => {
    const c = await openCase({}, 'intake');
    const byHand = await openCase();
    // Younger than a claim's lease: its opener may still be about to claim it.
    expect(await instances[0]!.redeliver()).toBe(0);
    await stale();
    expect(await Promise.all(instances.map((i) => i.redeliver()))).toEqual(expect.arrayContaining([0, 1]));
    expect(cardsFor(c.id)).toHaveLength(1);
    expect(JSON.stringify(cardsFor(c.id)[0]!.activity)).toContain('Ny GDPR-anmodning');
    // A case opened by hand gets no new-request card (the DPO made it).
    expect(cardsFor(byHand.id)).toHaveLength(0);
    expect(await instances[1]!.redeliver()).toBe(0);
  });

  it('records who got a card: a DPO hit by 429/503 gets it from the sweep, the others never twice, a removed one counts as done', async () => {
    const [ok, flaky, gone] = [
      'a1b2c3d4-0000-4000-8000-000000000001',
      'a1b2c3d4-0000-4000-8000-000000000002',
      'a1b2c3d4-0000-4000-8000-000000000003',
    ];
    for (const id of [ok, flaky, gone])
      await conversations.save({
        scope: 'personal',
        key: id,
        reference: {
          ...dpoReference(),
          conversation: { id: `a:${id}`, conversationType: 'personal' },
          user: { id: `29:${id}`, aadObjectId: id },
        },
        language: 'da',
      });
    const emitter = new IntakeEvents();
    const ledger = new NotificationTable(notificationsClient(), STALE_MS);
    const team = intakeCards({
      events: emitter,
      cases,
      handlers: new BotHandlers({ cases, company }),
      proactive: new ProactiveSender({
        adapter: createBotAdapter(undefined, logger, [connector.url]),
        appId: '',
        conversations,
        logger,
        isRecipient: async (id) => [ok, flaky, gone].includes(id),
      }),
      ledger,
      logger,
      redeliveryEveryMs: 1000,
      claimStaleMs: STALE_MS,
    });
    const c = await openCase();
    const key = `new_request|${c.id}`;
    const inChat = (id: string) => cardsFor(c.id).filter((r) => r.conversationId === `a:${id}`).length;
    connector.refuse(`a:${flaky}`, 429);
    connector.refuse(`a:${gone}`, 403);
    emitter.emit('case_opened', { caseId: c.id, messageId: 'AAMk-p' });
    await expect.poll(async () => (await ledger.unsent()).map((u) => u.key)).toContain(key);
    expect([inChat(ok), inChat(flaky), inChat(gone)]).toEqual([1, 0, 0]);
    expect(await conversations.get('personal', gone)).toBeUndefined();
    // Still failing: still waiting, and the DPO who has it gets nothing more.
    connector.refuse(`a:${flaky}`, 503);
    expect(await team.redeliver()).toBe(0);
    expect(await ledger.settled(key)).toBe(false);
    connector.refuse(`a:${flaky}`, 0);
    expect(await team.redeliver()).toBe(1);
    expect([inChat(ok), inChat(flaky)]).toEqual([1, 1]);
    expect(await ledger.settled(key)).toBe(true);
    expect(await team.redeliver()).toBe(0);
    for (const id of [ok, flaky]) await conversations.remove('personal', id);
  });

  it('a sender whose claim went stale and was taken over cannot turn the new holder’s `sent` back into `waiting`', async () => {
    const key = `follow_up|DSAR-2026-9998|AAMk-stale`;
    const card = { kind: 'follow_up', caseId: 'DSAR-2026-9998', messageId: 'AAMk-stale', possibleIdentityDocument: false };
    const slow = await ledgers[0]!.claimCard(key, new Date(), card);
    expect(slow).toBeDefined();
    await stale();
    const taker = await ledgers[1]!.claimCard(key, new Date());
    expect(taker).toBeDefined();
    expect(await ledgers[1]!.sentOver(key, taker!)).toBe(true);
    expect(await ledgers[0]!.wait(key, slow!, [])).toBe(false);
    expect(await ledgers[0]!.settled(key)).toBe(true);
    expect((await ledgers[0]!.unsent()).map((u) => u.key)).not.toContain(key);
  });

  it('nor mark `sent` what the new holder left `waiting` for a target still missing', async () => {
    const key = `follow_up|DSAR-2026-9997|AAMk-stale2`;
    const card = { kind: 'follow_up', caseId: 'DSAR-2026-9997', messageId: 'AAMk-stale2', possibleIdentityDocument: false };
    const slow = await ledgers[0]!.claimCard(key, new Date(), card);
    await stale();
    const taker = await ledgers[1]!.claimCard(key, new Date());
    expect(await ledgers[1]!.wait(key, taker!, ['dpo-a'])).toBe(true);
    expect(await ledgers[0]!.sentOver(key, slow!)).toBe(false);
    expect((await ledgers[0]!.unsent()).map((u) => u.key)).toContain(key);
    // Its case does not exist: gone, so the later sweeps here count only their own cards.
    await ledgers[1]!.release(key);
  });

  it('a dead-letter case intake opened whose card was never claimed is sent as a dead letter', async () => {
    const c = await openCase(
      { intakeVerdict: { verdict: 'uncertain', evidence: ['could not be read automatically (5 attempts): x'] } },
      'intake',
    );
    await stale();
    expect(await Promise.all(instances.map((i) => i.redeliver()))).toEqual(expect.arrayContaining([0, 1]));
    expect(cardsFor(c.id)).toHaveLength(1);
    expect(JSON.stringify(cardsFor(c.id)[0]!.activity)).toContain('Mailen kunne ikke læses automatisk. Åbn den i Outlook');
  });

  it('leaves reminder claims to the reminders pass: not swept, taken over after the lease as before', async () => {
    const key = 'reminder|DSAR-2026-9999|due_soon|2026-12-01';
    expect(await ledgers[0]!.claim(key)).toBe(true);
    expect(await ledgers[1]!.claim(key)).toBe(false);
    await stale();
    expect((await ledgers[1]!.unsent()).map((u) => u.key)).not.toContain(key);
    expect(await ledgers[1]!.claim(key)).toBe(true);
    await ledgers[1]!.release(key);
    expect(await ledgers[0]!.settled(key)).toBe(false);
  });
});
