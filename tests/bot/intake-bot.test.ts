import { TableClient } from '@azure/data-tables';
import { TestAdapter, type Activity } from 'botbuilder';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { DpoAccess } from '../../src/app/dpo-access.js';
import type { CaseService } from '../../src/app/case-service.js';
import type { SetAsideLog, SetAsideMail } from '../../src/app/ports.js';
import { loadConfig } from '../../src/config/config.js';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { DsarBot } from '../../src/bot/dsar-bot.js';
import { BotHandlers } from '../../src/bot/handlers.js';
import { createLogger } from '../../src/logging/logger.js';
import { parseText } from '../../src/bot/intents.js';
import type { Reply } from '../../src/bot/reply.js';
import { notFound, type Actor, type Case } from '../../src/domain/index.js';
import { newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/**
 * Issue 18 through the bot's handlers with the real CaseService on Azurite: confirming and dismissing an
 * uncertain case (audited with who), correcting the receipt, adding a follow-up's rights, earlier cases,
 * and what intake set aside (a test double of the SetAsideLog port that opens cases through the service).
 */

const NOW = '2026-12-04T09:00:00Z';
const company = loadConfig({}).company;
const DPO: Actor = { kind: 'user', id: 'f42480b8-dde4-4295-bd1e-b7dd4383ea03', name: 'Rasmus Holt Vestergaard' };
const INTAKE: Actor = { kind: 'system', id: 'intake' };

/** What intake will keep; openCase opens (or finds) the case through the service, as intake's will. */
class SetAsideDouble implements SetAsideLog {
  constructor(
    private readonly cases: CaseService,
    readonly mails: SetAsideMail[],
  ) {}
  async list({ since, limit }: { since: Date; limit?: number }) {
    return this.mails.filter((m) => Date.parse(m.setAsideAt) >= since.getTime()).slice(0, limit ?? this.mails.length);
  }
  async find(mailbox: string, messageId: string) {
    return this.mails.find((m) => m.mailbox === mailbox && m.messageId === messageId);
  }
  async openCase(key: string, actor: Actor): Promise<Case> {
    const mail = this.mails.find((m) => m.key === key);
    if (!mail) throw notFound(`nothing set aside as ${key}`);
    const { case: c } = await this.cases.open(
      {
        receivedAt: mail.receivedAt,
        channel: 'email',
        requester: { email: mail.from.address ?? 'unknown@example.com', ...(mail.from.name ? { name: mail.from.name } : {}) },
        rights: ['access'],
        sourceMessages: [{ graphId: mail.messageId, mailbox: mail.mailbox }],
      },
      actor,
    );
    mail.caseId = c.id;
    return c;
  }
}

let cases: CaseService;
let handlers: BotHandlers;
let setAside: SetAsideDouble;
const json = (r: Reply) => JSON.stringify(r.card ?? r.text);
const open = async (overrides: Parameters<typeof newCaseInput>[0]) => (await cases.open(newCaseInput(overrides), INTAKE)).case;

beforeAll(async () => {
  cases = caseService(await freshCaseTable(), () => NOW);
  setAside = new SetAsideDouble(cases, [
    {
      key: 'k-1',
      mailbox: 'dpa@itguy.dk',
      messageId: 'AAMk-set-aside-1',
      receivedAt: '2026-12-01T08:00:00Z',
      from: { address: 'karen@example.com', name: 'Karen Juul' },
      subject: 'Hvad ved I om mig?',
      kind: 'newsletter',
      reason: 'List-Unsubscribe header',
      setAsideAt: '2026-12-01T08:01:00Z',
    },
  ]);
  handlers = new BotHandlers({ cases, company, now: () => NOW, setAside });
});

const uncertainInput = (email: string) =>
  newCaseInput({
    receivedAt: '2026-12-02T10:00+01:00',
    requester: { email },
    intakeVerdict: { verdict: 'uncertain', evidence: ['mine data'] },
  });

describe('an uncertain case', () => {
  it('confirmed: the audit trail says who did it', async () => {
    const { case: c } = await cases.open(uncertainInput('a@example.com'), INTAKE);
    const reply = await handlers.handle({ kind: 'act', caseId: c.id, action: 'start', inputs: {} }, DPO, 'da');
    expect(json(reply)).toContain('Bekræftet og startet af Rasmus Holt Vestergaard');
    expect(json(reply)).not.toContain('Mulig anmodning');
    const started = (await cases.timeline(c.id)).find((e) => e.type === 'started');
    expect(started?.actor).toEqual(DPO);
  });

  it('dismissed with a picked reason, or "Andet" and a text: audited with who and why', async () => {
    const { case: c } = await cases.open(uncertainInput('b@example.com'), INTAKE);
    const card = handlers.fromCard('dismiss', { caseId: c.id, dismissReason: 'Nyhedsbrev/automatisk', dismissOther: '' });
    const reply = await handlers.handle(card, DPO, 'da');
    expect(json(reply)).toContain('Afvist som ikke en anmodning af Rasmus Holt Vestergaard');
    const dismissed = (await cases.timeline(c.id)).find((e) => e.type === 'dismissed');
    expect(dismissed).toMatchObject({ actor: DPO, summary: 'Not a data-subject request: Nyhedsbrev/automatisk' });
    expect((await cases.get(c.id)).decision).toMatchObject({ kind: 'dismissed', by: DPO, reason: 'Nyhedsbrev/automatisk' });

    const { case: other } = await cases.open(uncertainInput('c@example.com'), INTAKE);
    const missing = await handlers.handle(handlers.fromCard('dismiss', { caseId: other.id, dismissReason: 'other' }), DPO, 'da');
    expect(missing.text).toMatch(/Ikke en anmodning: skriv også begrundelse/);
    expect((await cases.get(other.id)).status).toBe('received');
    await handlers.handle(
      handlers.fromCard('dismiss', { caseId: other.id, dismissReason: 'other', dismissOther: 'Spørgsmål om en faktura' }),
      DPO,
      'en',
    );
    expect((await cases.get(other.id)).decision?.reason).toBe('Spørgsmål om en faktura');
  });
});

describe('receipt and rights', () => {
  it('a typed correction moves the deadline and is audited', async () => {
    const c = await open({
      receivedAt: '2026-12-02T10:00+01:00',
      receiptBasis: { kind: 'forwarded_original' },
      requester: { email: 'd@example.com' },
    });
    expect(c.deadlines.due).toBe('2027-01-04');
    const reply = await handlers.handle(parseText(`ret modtaget ${c.id} 2026-11-27 Originalen er fra 27. november`).intent, DPO, 'da');
    expect(json(reply)).toContain('Modtagelsesdato rettet af Rasmus');
    expect(json(reply)).toContain('27.\u00A0november 2026 (rettet: Originalen er fra 27. november)');
    const corrected = await cases.get(c.id);
    // 27 December is a Sunday: the deadline moves earlier, to Monday the 28th.
    expect(corrected.deadlines).toMatchObject({ receivedDate: '2026-11-27', due: '2026-12-28' });
    expect((await cases.timeline(c.id)).at(-1)).toMatchObject({ type: 'receipt_corrected', actor: DPO });
    const future = await handlers.handle(parseText(`ret modtaget ${c.id} 2026-12-05 fejl`).intent, DPO, 'da');
    expect(future.text).toMatch(/Det gik ikke: Modtagelsen den \d{1,2}\. \p{L}+ \d{4} ligger i fremtiden\./u);
  });

  it("the follow-up's button adds the rights, keeping the ticks", async () => {
    const c = await open({ requester: { email: 'e@example.com' }, receivedAt: '2026-12-01T10:00+01:00' });
    await cases.act(c.id, { type: 'set_task', taskId: 'acknowledge', done: true }, DPO);
    const reply = await handlers.handle(handlers.fromCard('add_rights', { caseId: c.id, rights: 'erasure,objection' }), DPO, 'da');
    expect(json(reply)).toContain('Tilføjet til sagen af Rasmus');
    const updated = await cases.get(c.id);
    expect(updated.rights).toEqual(['access', 'erasure', 'objection']);
    expect(updated.tasks.find((t) => t.id === 'acknowledge')?.done).toBe(true);
    expect((await cases.timeline(c.id)).at(-1)).toMatchObject({ type: 'rights_added', actor: DPO });
  });
});

describe('earlier cases of the same person', () => {
  it('are counted from their receipt: within the 12 months before this one', async () => {
    const old = await open({ receivedAt: '2025-06-01T10:00+02:00', requester: { email: 'f@example.com' } });
    const a = await open({ receivedAt: '2026-01-10T10:00+01:00', requester: { email: 'f@example.com' } });
    const b = await open({ receivedAt: '2026-05-10T10:00+02:00', requester: { email: 'f@example.com' } });
    const c = await open({
      receivedAt: '2026-12-03T10:00+01:00',
      requester: { email: 'f@example.com' },
      earlierCases: [b.id, a.id, old.id, 'DSAR-2020-0001'],
    });
    const card = json(await handlers.handle({ kind: 'show', caseId: c.id }, DPO, 'da'));
    expect(card).toContain(`3.\u00A0anmodning på 12 måneder (${a.id}, ${b.id})`);
    const en = json(await handlers.handle({ kind: 'show', caseId: c.id }, DPO, 'en'));
    expect(en).toContain(`3rd request in 12 months (${a.id}, ${b.id})`);
  });
});

describe('what intake set aside', () => {
  it('is listed on demand, and "Opret sag" opens a case once and answers with its card', async () => {
    const list = await handlers.handle(parseText('lagt til side').intent, DPO, 'da');
    expect(json(list)).toContain('Det har jeg lagt til side de seneste 7 dage: 1 mail — 1 nyhedsbrev');
    const data = { key: 'k-1', list: 'recent' };
    expect(json(list)).toContain(`"verb":"open_set_aside","data":${JSON.stringify(data)}`);

    // Clicked on the list: the list stays, showing the mail's case, and the case card comes below it.
    const opened = await handlers.handle(handlers.fromCard('open_set_aside', data), DPO, 'da');
    const id = setAside.mails[0]!.caseId!;
    expect(id).toMatch(/^DSAR-2026-\d{4}$/);
    expect(json(opened)).toContain('Det har jeg lagt til side de seneste 7 dage: 1 mail');
    expect(json(opened)).toContain(`"title":"Sag ${id}","verb":"show"`);
    expect(JSON.stringify(opened.also)).toContain(`${id}: Oprettet af Rasmus Holt Vestergaard`);
    expect(JSON.stringify(opened.also)).toContain('karen@example.com');
    // Without the list (typed, or an old card): the case card alone; the same case, not a second one.
    const again = await handlers.handle(handlers.fromCard('open_set_aside', { key: 'k-1' }), DPO, 'en');
    expect(json(again)).toContain(`${id}: Created by Rasmus`);
    expect(again.also).toBeUndefined();
    expect((await cases.overview()).filter((o) => o.case.requester.email === 'karen@example.com')).toHaveLength(1);
    // Now it has a case, the list opens that instead.
    expect(json(await handlers.handle({ kind: 'set_aside' }, DPO, 'da'))).toContain(`"title":"Sag ${id}","verb":"show"`);
  });

  it('says so when the record is gone, and when intake keeps none', async () => {
    expect((await handlers.handle({ kind: 'open_set_aside', key: 'nope' }, DPO, 'da')).text).toBe(
      'Den mail er ikke lagt til side (længere).',
    );
    const without = new BotHandlers({ cases, company, now: () => NOW });
    expect((await without.handle({ kind: 'set_aside' }, DPO, 'en')).text).toMatch(/intake is not running/);
    expect((await without.handle({ kind: 'open_set_aside', key: 'k-1' }, DPO, 'da')).text).toMatch(/intake kører ikke/);
    const empty = new BotHandlers({ cases, company, now: () => NOW, setAside: new SetAsideDouble(cases, []) });
    expect((await empty.handle({ kind: 'set_aside' }, DPO, 'da')).text).toBe('Jeg har ikke lagt noget til side de seneste 7 dage.');
  });
});

describe('"Opret sag" clicked in Teams', () => {
  it('updates the list in place and sends the case card below it', async () => {
    const prefix = uniquePrefix();
    const conversations = new ConversationTable(
      TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CONVERSATIONS_TABLE}`, {
        allowInsecureConnection: true,
      }),
    );
    await conversations.init();
    const log = new SetAsideDouble(cases, [
      { ...setAside.mails[0]!, key: 'k-2', messageId: 'AAMk-set-aside-2', from: { address: 'ole@example.com', name: null } },
    ]);
    delete log.mails[0]!.caseId;
    const bot = new DsarBot({
      handlers: new BotHandlers({ cases, company, now: () => NOW, setAside: log }),
      access: new DpoAccess({ userIds: [DPO.id] }),
      conversations,
      logger: createLogger('silent'),
      company,
    });
    const adapter = new TestAdapter((context) => bot.run(context));
    await adapter.processActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      channelId: 'msteams',
      locale: 'da-DK',
      conversation: { id: `a:${DPO.id}`, conversationType: 'personal', isGroup: false },
      from: { id: `29:${DPO.id}`, name: DPO.name, aadObjectId: DPO.id },
      value: { action: { type: 'Action.Execute', verb: 'open_set_aside', data: { key: 'k-2', list: 'recent' } } },
    } as Partial<Activity>);
    const sent = [...adapter.activeQueue];
    const id = log.mails[0]!.caseId!;
    const message = sent.find((a) => a.type === 'message');
    expect(JSON.stringify(message?.attachments?.[0]?.content)).toContain(`${id}: Oprettet af Rasmus`);
    const response = sent.find((a) => a.type === 'invokeResponse');
    expect(JSON.stringify(response?.value)).toContain(`"title":"Sag ${id}","verb":"show"`);
  });
});
