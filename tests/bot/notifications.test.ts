import { TableClient } from '@azure/data-tables';
import { loadConfig } from '../../src/config/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { CaseService } from '../../src/app/case-service.js';
import { BotHandlers } from '../../src/bot/handlers.js';
import { intakeCards } from '../../src/bot/notifications.js';
import { IntakeEvents } from '../../src/intake/intake-events.js';
import { createLogger } from '../../src/logging/logger.js';
import { NOTIFICATIONS_TABLE, NotificationTable } from '../../src/bot/notification-table.js';
import { newCaseInput } from '../helpers/cases.js';
import { dpoWithBot, senderTo } from '../helpers/dpo-chat.js';
import { startConnector } from '../helpers/connector.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/** Intake's events become cards to the DPOs, each once, across two app instances sharing the store. */

const DPO = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
let connector: Awaited<ReturnType<typeof startConnector>>;
let cases: CaseService;
const instances: IntakeEvents[] = [];
const settle = () => new Promise((r) => setTimeout(r, 400));

beforeAll(async () => {
  connector = await startConnector();
  const prefix = uniquePrefix();
  const table = (name: string) =>
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${name}`, { allowInsecureConnection: true });
  cases = caseService(await freshCaseTable(prefix));
  const conversations = await dpoWithBot(prefix, connector.url, DPO);
  const logger = createLogger('silent');
  // Two instances: their own adapters, handlers and event emitters, one store.
  for (let i = 0; i < 2; i++) {
    const ledger = new NotificationTable(table(NOTIFICATIONS_TABLE));
    await ledger.init();
    const events = new IntakeEvents();
    const proactive = senderTo(connector.url, conversations, DPO, logger);
    intakeCards({
      events,
      cases,
      handlers: new BotHandlers({ cases, company: loadConfig({}).company }),
      proactive,
      ledger,
      logger,
      redeliveryEveryMs: 60_000,
      claimStaleMs: 120_000,
    });
    instances.push(events);
  }
});
afterAll(() => connector.close());

describe('intake notifications', () => {
  it('send a new request once, with the phrases that decided it and its actions', async () => {
    const { case: c } = await cases.open(newCaseInput({ receivedAt: new Date(Date.now() - 3600_000).toISOString() }), {
      kind: 'system',
      id: 'intake',
    });
    const event = { caseId: c.id, messageId: 'AAMk-1', evidence: ['jeg vil gerne have indsigt', '[klik](https://evil.example)'] };
    instances[0]!.emit('case_opened', event);
    instances[1]!.emit('case_opened', event);
    instances[0]!.emit('case_opened', event);
    const sent = () => connector.received.filter((r) => JSON.stringify(r.activity).includes(c.id));
    await expect.poll(() => sent().length).toBe(1);
    await settle(); // and no second one follows
    const cards = sent();
    expect(cards).toHaveLength(1);
    const text = JSON.stringify(cards[0]!.activity.attachments![0]!.content);
    expect(text).toContain('Ny GDPR-anmodning');
    expect(text).toContain('jeg vil gerne have indsigt');
    expect(text).toContain('"verb":"start"');
    expect(text).not.toContain('https://evil');
  });

  it('send each follow-up once, mentioning a possible identity document', async () => {
    const { case: c } = await cases.open(
      newCaseInput({ receivedAt: new Date(Date.now() - 7200_000).toISOString(), requester: { email: 'x@example.com' } }),
      { kind: 'system', id: 'intake' },
    );
    connector.received.splice(0);
    const followUp = { caseId: c.id, messageId: 'AAMk-2', possibleIdentityDocument: true };
    instances[0]!.emit('follow_up_received', followUp);
    instances[1]!.emit('follow_up_received', followUp);
    instances[1]!.emit('follow_up_received', { ...followUp, messageId: 'AAMk-3', possibleIdentityDocument: false });
    await expect.poll(() => connector.received.length).toBe(2);
    await settle();
    expect(connector.received).toHaveLength(2);
    const texts = connector.received.map((r) => JSON.stringify(r.activity));
    expect(texts.filter((t) => /Ny henvendelse på DSAR-\d{4}-\d{4}.*ID-bevis/.test(t))).toHaveLength(1);
  });

  it('send an uncertain case as one to confirm or dismiss, with the phrases that left it open', async () => {
    const { case: c } = await cases.open(
      newCaseInput({
        receivedAt: new Date(Date.now() - 5400_000).toISOString(),
        requester: { email: 'y@example.com' },
        intakeVerdict: { verdict: 'uncertain', evidence: ['hvad har I om mig'] },
      }),
      { kind: 'system', id: 'intake' },
    );
    connector.received.splice(0);
    instances[0]!.emit('case_opened', { caseId: c.id, messageId: 'AAMk-4' });
    instances[1]!.emit('case_opened', { caseId: c.id, messageId: 'AAMk-4' });
    await expect.poll(() => connector.received.length).toBe(1);
    await settle();
    expect(connector.received).toHaveLength(1);
    const text = JSON.stringify(connector.received[0]!.activity.attachments![0]!.content);
    expect(text).toContain('Mulig anmodning — bekræft eller afvis');
    expect(text).not.toContain('Ny GDPR-anmodning');
    expect(text).toContain('hvad har I om mig');
    expect(text).toContain('"title":"Bekræft som anmodning","verb":"start"');
    expect(text).toContain('Nyhedsbrev/automatisk');
  });

  it('send a follow-up on a new thread with the rights it adds, once', async () => {
    const { case: c } = await cases.open(
      newCaseInput({ receivedAt: new Date(Date.now() - 9000_000).toISOString(), requester: { email: 'z@example.com' } }),
      { kind: 'system', id: 'intake' },
    );
    connector.received.splice(0);
    const followUp = {
      caseId: c.id,
      messageId: 'AAMk-5',
      possibleIdentityDocument: false,
      newThread: true,
      newRights: ['erasure' as const],
    };
    instances[0]!.emit('follow_up_received', followUp);
    instances[1]!.emit('follow_up_received', followUp);
    await expect.poll(() => connector.received.length).toBe(1);
    await settle();
    expect(connector.received).toHaveLength(1);
    const text = JSON.stringify(connector.received[0]!.activity.attachments![0]!.content);
    expect(text).toContain(`Ny henvendelse på ${c.id}`);
    expect(text).toContain('Den kom i en ny tråd fra samme person.');
    expect(text).toContain(`"title":"Tilføj retten til sagen","verb":"add_rights","data":{"caseId":"${c.id}","rights":"erasure"}`);
  });
});
