import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { calendarFailingCard, sendCalendarFailingCard, type CalendarFailingDeps } from '../../src/bot/calendar-failing.js';
import { NOTIFICATIONS_TABLE, NotificationTable } from '../../src/bot/notification-table.js';
import { createLogger } from '../../src/logging/logger.js';
import { dpoWithBot, senderTo } from '../helpers/dpo-chat.js';
import { startConnector } from '../helpers/connector.js';
import { uniquePrefix } from '../helpers/store.js';

/** The card a DPO gets when the deadlines cannot be written to Outlook: once a Copenhagen day, across two instances. */

const DPO = '9e0c3b7a-1f2d-4c5e-8a6b-7d8e9f0a1b2c';
const logger = createLogger('silent');

describe('the calendar-failing card', () => {
  it('says which calendar, how many cases, whom to ask, and that Teams is unaffected, in Danish and English', () => {
    const da = JSON.stringify(calendarFailingCard({ failed: 3, mailbox: 'dpa@itguy.dk' }, 'da'));
    expect(da).toContain('Fristerne kan ikke skrives i kalenderen for dpa@itguy.dk: 3 sager er ikke ajour.');
    expect(da).toContain('Calendars.ReadWrite');
    expect(da).toContain('Fristerne i Teams og påmindelserne er ikke berørt');
    const en = JSON.stringify(calendarFailingCard({ failed: 1, mailbox: 'dpa@itguy.dk' }, 'en'));
    expect(en).toContain('1 case is not up to date');
  });
});

describe('sending it', () => {
  let connector: Awaited<ReturnType<typeof startConnector>>;
  const instances: CalendarFailingDeps[] = [];

  beforeAll(async () => {
    connector = await startConnector();
    const prefix = uniquePrefix();
    const conversations = await dpoWithBot(prefix, connector.url, DPO);
    for (let i = 0; i < 2; i++) {
      const ledger = new NotificationTable(
        TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${NOTIFICATIONS_TABLE}`, {
          allowInsecureConnection: true,
        }),
      );
      await ledger.init();
      instances.push({ ledger, proactive: senderTo(connector.url, conversations, DPO, logger), logger, mailbox: 'dpa@itguy.dk' });
    }
  });
  afterAll(() => connector.close());

  it('goes out once per Copenhagen day from two instances, and again the next day', async () => {
    const morning = new Date('2026-12-07T08:00:00Z');
    const sent = await Promise.all(instances.map((deps) => sendCalendarFailingCard(deps, 2, morning)));
    expect(sent.sort()).toEqual([false, true]);
    expect(await sendCalendarFailingCard(instances[1]!, 5, new Date('2026-12-07T21:00:00Z'))).toBe(false);
    expect(await sendCalendarFailingCard(instances[0]!, 5, new Date('2026-12-08T08:00:00Z'))).toBe(true);
    expect(connector.received).toHaveLength(2);
    expect(JSON.stringify(connector.received[0]!.activity.attachments![0]!.content)).toContain('2 sager er ikke ajour');
  });
});
