import { TableClient } from '@azure/data-tables';
import { TestAdapter, type Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseService } from '../../src/app/case-service.js';
import { DpoAccess } from '../../src/app/dpo-access.js';
import { IdAttachments } from '../../src/app/id-attachments.js';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { DsarBot } from '../../src/bot/dsar-bot.js';
import { BotHandlers } from '../../src/bot/handlers.js';
import { loadConfig } from '../../src/config/config.js';
import type { Case } from '../../src/domain/index.js';
import { graphMessageAttachments } from '../../src/graph/attachments.js';
import { createLogger } from '../../src/logging/logger.js';
import { emlWithAttachments, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';
import { teamsTurn } from '../helpers/teams-turn.js';

/**
 * "Slet vedhæftning" through the Bot Framework protocol (botbuilder's TestAdapter) with the real CaseService
 * on Azurite and the real Graph client on the dev tenant: only a DPO can click it; Graph failing comes back
 * as a Danish notice on the case card with the task still open; a click that works says so and the file is
 * gone; a second click is refused with a reason.
 */

const DPO_ID = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const STRANGER_ID = '6330d733-bfb8-44d8-ad05-fd50cd09fe4b';
const DPA = 'dpa@itguy.dk';
const company = loadConfig({}).company;

let t: TestTenant;
let cases: CaseService;
let adapter: TestAdapter;
let c: Case;
let messageId: string;
let taskId: string;

const turn = (activity: Partial<Activity>, userId = DPO_ID) =>
  teamsTurn(adapter, { id: userId, name: 'Rasmus Holt Vestergaard' }, activity);
const click = (userId = DPO_ID) =>
  turn(
    {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'remove_attachment', data: { caseId: c.id, task: taskId } } },
    },
    userId,
  );
const cardText = (replies: Partial<Activity>[]) => {
  const invoke = replies.find((r) => r.type === 'invokeResponse');
  return JSON.stringify(invoke ? (invoke.value as { body: { value: unknown } }).body.value : replies);
};
const attachmentNames = async () =>
  ((await t.graph.api(`/users/${DPA}/messages/${messageId}/attachments`).select('name').get()) as { value: { name: string }[] }).value.map(
    (a) => a.name,
  );
const faults = (body: unknown) =>
  t.dev('/faults', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  t = await startTestTenant();
  const prefix = uniquePrefix();
  cases = caseService(await freshCaseTable(prefix));
  const conversations = new ConversationTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CONVERSATIONS_TABLE}`, {
      allowInsecureConnection: true,
    }),
  );
  await conversations.init();
  const bot = new DsarBot({
    handlers: new BotHandlers({
      cases,
      company,
      attachments: new IdAttachments({ cases, attachments: graphMessageAttachments(t.graph) }),
    }),
    access: new DpoAccess({ userIds: [DPO_ID] }),
    conversations,
    logger: createLogger('silent'),
    company,
  });
  adapter = new TestAdapter((context) => bot.run(context));

  const res = await t.dev(`/mailboxes/${DPA}/deliver`, {
    method: 'POST',
    headers: { 'Content-Type': 'message/rfc822' },
    body: emlWithAttachments({
      from: 'Anna Hansen <anna@example.com>',
      to: DPA,
      subject: 'Re: min anmodning',
      body: 'Her er mit pas.',
      attachments: [{ name: 'pas.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 passport') }],
    }),
  });
  messageId = ((await res.json()) as { immutableId: string }).immutableId;
  const [attachment] = (
    (await t.graph.api(`/users/${DPA}/messages/${messageId}/attachments`).select('id,name').get()) as {
      value: { id: string; name: string }[];
    }
  ).value;
  const actor = { kind: 'user' as const, id: DPO_ID, name: 'Rasmus Holt Vestergaard' };
  const opened = (await cases.open(newCaseInput({ receivedAt: new Date(Date.now() - 86_400_000).toISOString() }), actor)).case;
  await cases.act(opened.id, { type: 'start' }, actor);
  await cases.act(opened.id, { type: 'pause', kind: 'identity', reason: 'Adressen stemmer ikke' }, actor);
  await cases.addIdAttachmentTasks(opened.id, { mailbox: DPA, messageId, attachments: [attachment!] }, { kind: 'system', id: 'intake' });
  c = await cases.get(opened.id);
  taskId = c.tasks.find((task) => task.attachment)!.id;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe.sequential('"Slet vedhæftning" on the case card', () => {
  it('is refused to anyone but a DPO, and the attachment stays', async () => {
    const replies = await click(STRANGER_ID);
    expect(cardText(replies)).not.toContain(c.id);
    expect(await attachmentNames()).toEqual(['pas.pdf']);
  });

  it('tells the DPO in Danish when Graph fails, and leaves the task open and the file in place', async () => {
    await faults({ rate500: 1, pathPattern: '/attachments/' });
    try {
      const shown = cardText(await click());
      expect(shown).toContain('Det gik ikke: Microsoft 365 slettede ikke vedhæftningen (500); den ligger stadig i postkassen');
      expect(shown).toContain('"verb":"remove_attachment"');
    } finally {
      await faults({});
    }
    expect((await cases.get(c.id)).tasks.find((task) => task.id === taskId)!.done).toBe(false);
    expect(await attachmentNames()).toEqual(['pas.pdf']);
  });

  it('removes the file when Graph answers, says so on the card, and refuses a second click with the reason', async () => {
    const shown = cardText(await click());
    expect(shown).toMatch(/Vedhæftningen »pas\.pdf« er slettet fra mailen af Rasmus Holt Vestergaard kl\. \d{2}\.\d{2}/);
    expect(shown).not.toContain('"verb":"remove_attachment"');
    expect(await attachmentNames()).toEqual([]);
    expect((await cases.get(c.id)).tasks.find((task) => task.id === taskId)).toMatchObject({
      done: true,
      attachment: { removal: 'removed' },
    });
    expect(cardText(await click())).toContain(`Det gik ikke: Vedhæftningen på ${c.id} er allerede registreret som slettet.`);
  });
});
