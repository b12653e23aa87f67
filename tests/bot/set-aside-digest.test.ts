import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { SetAsideLog, SetAsideMail } from '../../src/app/ports.js';
import { BotHandlers } from '../../src/bot/handlers.js';
import { NOTIFICATIONS_TABLE, NotificationTable } from '../../src/bot/notification-table.js';
import { digestWeek, sendSetAsideDigest, setAsideDigest, type DigestDeps } from '../../src/bot/set-aside-digest.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { dpoWithBot, senderTo } from '../helpers/dpo-chat.js';
import { startConnector } from '../helpers/connector.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/** The weekly card of what intake set aside: once per ISO week across two app instances sharing the ledger. */

const DPO = 'f42480b8-dde4-4295-bd1e-b7dd4383ea03';
const logger = createLogger('silent');

/** A list of what was set aside; openCase is not used by the digest. */
class Listed implements SetAsideLog {
  constructor(readonly mails: SetAsideMail[]) {}
  async list({ since, limit }: { since: Date; limit?: number }) {
    return this.mails.filter((m) => Date.parse(m.setAsideAt) >= since.getTime()).slice(0, limit ?? this.mails.length);
  }
  async find() {
    return undefined;
  }
  async openCase(): Promise<never> {
    throw new Error('not used');
  }
}

const mail = (i: number, kind: string, setAsideAt: string): SetAsideMail => ({
  key: `k${i}`,
  mailbox: 'dpa@itguy.dk',
  messageId: `AAMk-${i}`,
  receivedAt: setAsideAt,
  from: { address: `sender${i}@example.com`, name: null },
  subject: `Subject ${i}`,
  kind,
  reason: 'reason',
  setAsideAt,
});

describe('which week a digest is for', () => {
  it('is due from Monday 08:00 Copenhagen time and covers the seven days before', () => {
    // 7 December 2026 is a Monday; Copenhagen is UTC+1 in winter.
    expect(digestWeek(new Date('2026-12-07T07:00:00Z'))).toEqual({
      week: '2026-W50',
      since: new Date('2026-11-30T07:00:00Z'),
      until: new Date('2026-12-07T07:00:00Z'),
    });
    expect(digestWeek(new Date('2026-12-07T06:59:00Z')).week).toBe('2026-W49');
    expect(digestWeek(new Date('2026-12-13T22:00:00Z')).week).toBe('2026-W50');
    // ISO weeks cross the new year: Monday 4 January 2027 is in 2027-W01, 28 December 2026 in 2026-W53.
    expect(digestWeek(new Date('2027-01-03T12:00:00Z')).week).toBe('2026-W53');
    expect(digestWeek(new Date('2027-01-04T09:00:00Z')).week).toBe('2027-W01');
  });
});

describe('the set-aside digest', () => {
  let connector: Awaited<ReturnType<typeof startConnector>>;
  const instances: DigestDeps[] = [];
  const log = new Listed([
    ...Array.from({ length: 7 }, (_, i) => mail(i, 'newsletter', `2026-12-0${1 + (i % 5)}T10:00:00Z`)),
    ...Array.from({ length: 3 }, (_, i) => mail(10 + i, 'auto_reply', '2026-12-03T11:00:00Z')),
    ...Array.from({ length: 2 }, (_, i) => mail(20 + i, 'invoice', '2026-12-04T12:00:00Z')),
    // Set aside after the Monday 08:00 the digest was due: next week's.
    mail(30, 'bounce', '2026-12-07T09:00:00Z'),
  ]);

  beforeAll(async () => {
    connector = await startConnector();
    const prefix = uniquePrefix();
    const table = (name: string) =>
      TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${name}`, { allowInsecureConnection: true });
    const conversations = await dpoWithBot(prefix, connector.url, DPO);
    const cases = caseService(await freshCaseTable(prefix));
    for (let i = 0; i < 2; i++) {
      const ledger = new NotificationTable(table(NOTIFICATIONS_TABLE));
      await ledger.init();
      const proactive = senderTo(connector.url, conversations, DPO, logger);
      instances.push({ setAside: log, ledger, proactive, handlers: new BotHandlers({ cases, company: loadConfig({}).company }), logger });
    }
  });
  afterAll(() => connector.close());

  it('goes out once a week from two instances, as one card', async () => {
    const monday = new Date('2026-12-07T07:05:00Z');
    const outcomes = await Promise.all(instances.map((deps) => sendSetAsideDigest(deps, monday)));
    expect(outcomes.sort()).toEqual(['sent', 'settled']);
    // Later the same week, on either instance: nothing more.
    expect(await sendSetAsideDigest(instances[1]!, new Date('2026-12-09T12:00:00Z'))).toBe('settled');
    expect(await sendSetAsideDigest(instances[0]!, new Date('2026-12-13T22:00:00Z'))).toBe('settled');
    expect(connector.received).toHaveLength(1);
    const card = JSON.stringify(connector.received[0]!.activity.attachments![0]!.content);
    expect(card).toContain('Det har jeg lagt til side i denne uge: 12 mails — 7 nyhedsbreve, 3 autosvar, 2 fakturaer');
    expect(card).toContain('"verb":"open_set_aside","data":{"key":"k20","list":"2026-12-07T07:00:00Z"}');
    expect(card).not.toContain('k30');
  });

  it("the next week's is its own, and a week with nothing sends no card", async () => {
    connector.received.splice(0);
    expect(await sendSetAsideDigest(instances[0]!, new Date('2026-12-14T07:30:00Z'))).toBe('sent');
    expect(JSON.stringify(connector.received[0]!.activity)).toContain('1 mail — 1 returmail');
    expect(await sendSetAsideDigest(instances[1]!, new Date('2026-12-21T07:30:00Z'))).toBe('empty');
    expect(await sendSetAsideDigest(instances[0]!, new Date('2026-12-21T09:30:00Z'))).toBe('settled');
    expect(connector.received).toHaveLength(1);
  });

  it('is a job of its own feature', () => {
    const feature = setAsideDigest(instances[0]!);
    expect(feature.jobs?.map((j) => j.name)).toEqual(['set-aside-digest']);
  });
});
