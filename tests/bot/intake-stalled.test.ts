import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { sendStalledCard, stalledCard, intakeStalledCards, type StalledDeps } from '../../src/bot/intake-stalled.js';
import { NOTIFICATIONS_TABLE, NotificationTable } from '../../src/bot/notification-table.js';
import { IntakeEvents } from '../../src/intake/intake-events.js';
import { createLogger } from '../../src/logging/logger.js';
import { dpoWithBot, senderTo } from '../helpers/dpo-chat.js';
import { startConnector } from '../helpers/connector.js';
import { uniquePrefix } from '../helpers/store.js';

/** The card a DPO gets when intake cannot read a mailbox: once per mailbox per day, across two instances. */

const DPO = '5b1d9f3e-8c1a-4a57-9d0b-0c6a1f2e7a41';
const logger = createLogger('silent');
const stalled = { mailbox: 'dpa@itguy.dk', waiting: 14, oldestSince: '2026-12-07T07:12:00Z' };

describe('the intake-stalled card', () => {
  it('says which mailbox, how many wait since when, and whom to ask, in Danish and English', () => {
    const da = JSON.stringify(stalledCard(stalled, 'da'));
    expect(da).toContain('Indbakken dpa@itguy.dk kan ikke læses: 14 mails venter siden 7. dec.');
    expect(da).toContain('Bed IT tjekke appens adgang til Microsoft Graph.');
    const en = JSON.stringify(stalledCard({ ...stalled, waiting: 1 }, 'en'));
    expect(en).toContain('The mailbox dpa@itguy.dk cannot be read: 1 message has been waiting since');
    expect(en).toContain("Ask IT to check the app's access to Microsoft Graph.");
  });
});

describe('sending it', () => {
  let connector: Awaited<ReturnType<typeof startConnector>>;
  const instances: StalledDeps[] = [];
  const events = new IntakeEvents();

  beforeAll(async () => {
    connector = await startConnector();
    const prefix = uniquePrefix();
    const table = (name: string) =>
      TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${name}`, { allowInsecureConnection: true });
    const conversations = await dpoWithBot(prefix, connector.url, DPO);
    for (let i = 0; i < 2; i++) {
      const ledger = new NotificationTable(table(NOTIFICATIONS_TABLE));
      await ledger.init();
      const proactive = senderTo(connector.url, conversations, DPO, logger);
      instances.push({ events, ledger, proactive, logger });
    }
  });
  afterAll(() => connector.close());

  it('goes out once per mailbox per Copenhagen day from two instances', async () => {
    const morning = new Date('2026-12-07T08:00:00Z');
    const outcomes = await Promise.all(instances.map((deps) => sendStalledCard(deps, stalled, morning)));
    expect(outcomes.sort()).toEqual(['sent', 'settled']);
    expect(await sendStalledCard(instances[1]!, stalled, new Date('2026-12-07T20:00:00Z'))).toBe('settled');
    // Another mailbox is its own card; the next day is a new one.
    expect(await sendStalledCard(instances[0]!, { ...stalled, mailbox: 'support@itguy.dk' }, morning)).toBe('sent');
    expect(await sendStalledCard(instances[0]!, stalled, new Date('2026-12-08T08:00:00Z'))).toBe('sent');
    expect(connector.received).toHaveLength(3);
    expect(JSON.stringify(connector.received[0]!.activity.attachments![0]!.content)).toContain('Indbakken dpa@itguy.dk kan ikke læses');
  });

  it('the feature sends it when intake emits intake_stalled', async () => {
    connector.received.splice(0);
    intakeStalledCards(instances[0]!);
    events.emit('intake_stalled', { ...stalled, mailbox: 'privacy@itguy.dk' });
    const until = Date.now() + 5000;
    while (!connector.received.length && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    expect(JSON.stringify(connector.received[0]?.activity)).toContain('Indbakken privacy@itguy.dk kan ikke læses');
  });
});
