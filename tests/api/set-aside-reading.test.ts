import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseFromMessage } from '../../src/api/case-from-message.js';
import { openIntakeTable, type IntakeTable } from '../../src/intake/intake-table.js';
import { setAsideRecords } from '../../src/intake/set-aside-log.js';
import { caseService, freshCaseTable, testTarget, uniquePrefix } from '../helpers/store.js';
import { eml, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';

/**
 * The add-in pane for a message intake set aside: the reading says when, as what and why, so the DPO
 * sees that the assistant ignored it (and can log it after all). Real Graph client against the dev tenant,
 * real intake table on Azurite.
 */

let t: TestTenant;
let intake: IntakeTable;
let logic: CaseFromMessage;
beforeAll(async () => {
  t = await startTestTenant();
  const prefix = uniquePrefix();
  intake = await openIntakeTable({ tables: testTarget(), tablePrefix: prefix });
  logic = new CaseFromMessage({ graph: t.graph, cases: caseService(await freshCaseTable(prefix)), setAside: setAsideRecords(intake) });
}, 60_000);
afterAll(async () => t?.close());

const deliver = async (raw: string) => {
  const res = await t.dev('/mailboxes/dpa@itguy.dk/deliver', { method: 'POST', headers: { 'Content-Type': 'message/rfc822' }, body: raw });
  return (await res.json()) as { immutableId: string; receivedDateTime: string };
};

describe('the add-in reading of a message', () => {
  it('says that intake set it aside, as what and why', async () => {
    const m = await deliver(
      eml({
        from: 'Nyt <news@vendor.example>',
        to: 'dpa@itguy.dk',
        subject: 'Nyheder',
        body: 'Månedens nyheder.',
        extraHeaders: 'Precedence: bulk',
      }),
    );
    const { messageKey } = await import('../../src/intake/intake-table.js');
    await intake.setAside(messageKey(m.immutableId), {
      mailbox: 'dpa@itguy.dk',
      messageId: m.immutableId,
      receivedAt: m.receivedDateTime,
      from: { address: 'news@vendor.example', name: 'Nyt' },
      subject: 'Nyheder',
      kind: 'newsletter',
      reason: 'Precedence: bulk',
      setAsideAt: '2026-12-01T08:00:00.000Z',
    });
    const found = await logic.lookup('dpa@itguy.dk', m.immutableId);
    expect(found).toMatchObject({
      logged: false,
      reading: { verdict: 'not_request', setAside: { at: '2026-12-01T08:00:00.000Z', kind: 'newsletter', reason: 'Precedence: bulk' } },
    });
  });

  it('says nothing of the kind for a message intake never set aside', async () => {
    const m = await deliver(eml({ from: 'Ole <ole@example.com>', to: 'dpa@itguy.dk', subject: 'Hej', body: 'Hvad har I gemt om mig?' }));
    const found = await logic.lookup('dpa@itguy.dk', m.immutableId);
    expect(found.logged).toBe(false);
    if (!found.logged) expect(found.reading.setAside).toBeUndefined();
  });
});
