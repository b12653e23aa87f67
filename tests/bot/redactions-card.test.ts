import { TableClient } from '@azure/data-tables';
import { TestAdapter, type Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DiscoveryPort } from '../../src/app/ports.js';
import { DpoAccess } from '../../src/app/dpo-access.js';
import { CONVERSATIONS_TABLE, ConversationTable } from '../../src/bot/conversation-table.js';
import { PROPOSALS_SHOWN, redactionsView } from '../../src/bot/cards/redactions-view.js';
import { renderCard } from '../../src/bot/cards/render.js';
import { DsarBot } from '../../src/bot/dsar-bot.js';
import { BotHandlers } from '../../src/bot/handlers.js';
import { loadConfig } from '../../src/config/config.js';
import { DiscoveryService } from '../../src/discovery/discovery-service.js';
import type { ItemRedactions } from '../../src/domain/redaction/item.js';
import { createLogger } from '../../src/logging/logger.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { eml, smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { caseService, freshDiscoveryTable, freshCaseTable, uniquePrefix } from '../helpers/store.js';
import { teamsTurn } from '../helpers/teams-turn.js';

/**
 * The redaction review in Teams (Art. 15(4)), through the Bot Framework protocol (TestAdapter) with the real
 * discovery service on Azurite and the dev tenant: "andres oplysninger <sag>" lists the other person's data
 * found in the included items with why; "Behold" keeps one value, "Udelad alt om personen" decides for the
 * person in every item, and the card shows the decision and who made it. The card stays within Teams' size.
 */

const DPO_ID = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const company = loadConfig({}).company;
const SUBJECT = { name: 'Jens Møller', email: 'jens.moeller@moeller-vvs.example.net' };

let tenant: TestTenant;
let adapter: TestAdapter;
let caseId: string;
let service: DiscoveryService;

const turn = (activity: Partial<Activity>) => teamsTurn(adapter, { id: DPO_ID, name: 'Rasmus Holt Vestergaard' }, activity);
const click = (verb: string, data: Record<string, string>) =>
  turn({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { caseId, ...data } } } });
const text = (replies: Partial<Activity>[]) => JSON.stringify(replies);

beforeAll(async () => {
  tenant = await startTestTenant({
    seed: smallSeed({
      messages: [
        {
          mailbox: 'mette@itguy.dk',
          folder: 'inbox',
          receivedAgo: { days: 3 },
          eml: eml({
            from: `${SUBJECT.name} <${SUBJECT.email}>`,
            to: 'mette@itguy.dk',
            subject: 'Tilbud',
            body: 'Hej Mette\n\nMin nabo Lene Dahl (lene.dahl@dahl-el.example.com, 22 33 44 55) vil også have et tilbud.\n\nVenlig hilsen\nJens Møller',
          }),
        },
      ],
    }),
  });
  const prefix = uniquePrefix();
  const cases = caseService(await freshCaseTable(prefix));
  const table = await freshDiscoveryTable(prefix);
  const conversations = new ConversationTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CONVERSATIONS_TABLE}`, {
      allowInsecureConnection: true,
    }),
  );
  await conversations.init();
  service = new DiscoveryService({ graph: tenant.graph, table, cases, companyDomain: 'itguy.dk' });
  ({
    case: { id: caseId },
  } = await cases.open(newCaseInput({ receivedAt: new Date().toISOString(), requester: SUBJECT }), DPO));
  await service.search(caseId, DPO, { kinds: ['mailbox'] });
  const discovery: DiscoveryPort = {
    start: () => undefined,
    progress: (id) => service.progress(id),
    hits: (id) => service.hits(id),
    review: (id, hit, decision, actor) => service.review(id, hit, decision, actor),
    thirdPartyIdentifiers: (id) => service.thirdPartyIdentifiers(id),
    redactions: (id) => service.redactions(id),
    decideRedaction: (id, target, decision, actor) => service.decideRedaction(id, target, decision, actor),
    exportPackage: () => Promise.reject(new Error('not in this test')),
  };
  const bot = new DsarBot({
    handlers: new BotHandlers({ cases, company, discovery }),
    access: new DpoAccess({ userIds: [DPO_ID] }),
    conversations,
    logger: createLogger('silent'),
    company,
  });
  adapter = new TestAdapter((context) => bot.run(context));
}, 120_000);
afterAll(() => tenant?.close());

describe('reviewing other people’s data in Teams', () => {
  it('lists the other person’s address, phone and name with why, all to be redacted by default', async () => {
    const card = text(await turn({ type: 'message', text: `andres oplysninger ${caseId}` }));
    expect(card).toContain('Andres oplysninger');
    expect(card).toContain('lene.dahl@dahl-el.example.com');
    expect(card).toContain('22 33 44 55');
    expect(card).toContain('Lene Dahl');
    expect(card).toContain('Udelades (standard)');
    expect(card).not.toContain(SUBJECT.email);
  });

  it('"Behold" keeps one value; "Udelad alt om personen" decides for the person everywhere; the card says who', async () => {
    const items = await service.redactions(caseId);
    const phone = items.flatMap((i) => i.proposals.map((p) => ({ ...p, hitKey: i.hitKey }))).find((p) => p.kind === 'phone')!;
    const kept = text(await click('redact', { hitKey: phone.hitKey, proposal: phone.id, decision: 'keep', page: '1' }));
    expect(kept).toContain('Beholdes (Rasmus Holt Vestergaard)');
    expect((await service.redactions(caseId)).flatMap((i) => i.proposals).find((p) => p.id === phone.id)?.decision).toBe('keep');
    const email = (await service.redactions(caseId)).flatMap((i) => i.proposals).find((p) => p.kind === 'email')!;
    await click('redact', { person: email.person, decision: 'keep', page: '1' });
    const after = (await service.redactions(caseId)).flatMap((i) => i.proposals).filter((p) => p.person === email.person);
    expect(after.every((p) => p.decision === 'keep')).toBe(true);
    // A click without a decision or target is no redaction decision at all.
    const before = JSON.stringify(await service.redactions(caseId));
    await click('redact', { proposal: phone.id, decision: 'maybe', page: '1' });
    expect(JSON.stringify(await service.redactions(caseId))).toBe(before);
  });

  it('a card with many long proposals stays under Teams’ 28 KB, the rest counted', () => {
    const many: ItemRedactions[] = Array.from({ length: 3 }, (_, i) => ({
      hitKey: `hit|${i}`,
      title: 'x'.repeat(200),
      kind: 'message',
      proposals: Array.from({ length: 60 }, (_, n) => ({
        id: `p${i}-${n}`,
        kind: 'email' as const,
        value: `person${n}@${'e'.repeat(60)}.example.com`,
        person: `email:person${n}`,
        start: 0,
        end: 1,
        reason: { da: 'y'.repeat(200), en: 'y'.repeat(200) },
        decision: 'redact' as const,
      })),
    }));
    const card = renderCard('redactions', redactionsView({ id: 'DSAR-2026-0001' }, many, { lang: 'da', page: 1 }));
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28_000);
    expect(JSON.stringify(card)).toContain(`og ${60 - PROPOSALS_SHOWN} til`);
  });
});
