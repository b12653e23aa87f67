import { randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshCaseTable, storeEnv, uniquePrefix } from '../helpers/store.js';
import { startAppInstance, type AppInstance } from '../helpers/app-instance.js';
import { eml, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import type { CaseTable } from '../../src/store/case-table.js';
import { needsConfirmation, type Case } from '../../src/domain/index.js';
import { IntakeTable } from '../../src/intake/intake-table.js';
import { freePort } from '../../src/local/azurite.js';

// Answered and closed with the checklist open: what is tested here is not the checklist.
const OVERRIDE = 'checklist kept outside the product';

/**
 * Intake end to end: the real app (production entry point, child process) watching dpa@ and support@ (the
 * default DSAR_INTAKE_MAILBOXES) in the dev tenant, with cases in a real Azurite.
 */

let t: TestTenant;
let app: AppInstance;
let table: CaseTable;
let env: Record<string, string>;
let port: number;
const prefix = uniquePrefix();

beforeAll(async () => {
  t = await startTestTenant();
  table = await freshCaseTable(prefix);
  port = await freePort();
  env = {
    ...storeEnv(prefix),
    DSAR_GRAPH_BASE_URL: t.tenant.authorityHost,
    DSAR_GRAPH_AUTHORITY_HOST: t.tenant.authorityHost,
    DSAR_GRAPH_TENANT_ID: t.tenant.tenantId,
    DSAR_GRAPH_CLIENT_ID: t.tenant.clientId,
    DSAR_GRAPH_CLIENT_SECRET: t.tenant.clientSecret,
    DSAR_PUBLIC_URL: `http://127.0.0.1:${port}`,
    DSAR_WEBHOOK_CLIENT_STATE: randomBytes(24).toString('base64url'),
  };
  app = await startAppInstance(env, port);
  await waitFor(async () => ((await fetch(`${app.url}/readyz`)).status === 200 ? true : undefined), 15_000);
}, 60_000);
afterAll(async () => {
  await app?.stop();
  await t?.close();
});

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const deliver = async (raw: string, to = 'dpa@itguy.dk') => {
  const res = await t.dev(`/mailboxes/${to}/deliver`, { method: 'POST', headers: { 'Content-Type': 'message/rfc822' }, body: raw });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; immutableId: string; internetMessageId: string; receivedDateTime: string };
};
const caseFor = (internetMessageId: string) => table.findBySource({ kind: 'internetMessageId', value: internetMessageId });
/** The app's Graph subscription on a mailbox's inbox, as Graph has it. */
const subscriptionOn = async (mailbox: string) => {
  const subs = (await t.graph.api('/subscriptions').get()) as { value: { id: string; resource: string; expirationDateTime: string }[] };
  return subs.value.find((s) => s.resource === `users/${mailbox}/mailFolders('Inbox')/messages`);
};
const lifecycleEvent = (subscriptionId: string, event: string) =>
  t.dev(`/subscriptions/${subscriptionId}/lifecycle`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ event }),
  });
const intakeTable = () =>
  new IntakeTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}intake`, { allowInsecureConnection: true }),
  );
const refetchAck = async (caseId: string) => {
  const drafts = (await t.graph.api('/users/dpa@itguy.dk/mailFolders/drafts/messages').select('body,toRecipients').top(200).get()) as {
    value: { body: { content: string }; toRecipients: { emailAddress: { address: string } }[] }[];
  };
  return drafts.value.find((d) => d.body.content.includes(caseId));
};
const faults = (body: unknown) =>
  t.dev('/faults', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

const REQUEST = (id: string, from = 'Anna Hansen <anna.hansen@example.com>') =>
  eml({
    from,
    to: 'dpa@itguy.dk',
    subject: 'Indsigt i mine oplysninger',
    id,
    body: 'Hej\n\nJeg vil gerne have en kopi af alle de personoplysninger, I har om mig, jf. artikel 15.\n\nVenlig hilsen\nAnna Hansen',
  });

describe.sequential('intake', () => {
  it('a delivered request becomes a case with the right fields within 5 seconds, tagged and acknowledged', async () => {
    const started = Date.now();
    const m = await deliver(REQUEST('req-1'));
    const c = (await waitFor(() => caseFor(m.internetMessageId), 5000)) as Case;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(c).toMatchObject({
      channel: 'email',
      status: 'received',
      requester: { email: 'anna.hansen@example.com', name: 'Anna Hansen' },
      language: 'da',
      receivedAt: m.receivedDateTime,
    });
    expect(c.rights).toContain('access');
    // Tagging and the draft follow the case: wait for the draft (the last step).
    const ack = await waitFor(() => refetchAck(c.id));
    const message = (await t.graph.api(`/users/dpa@itguy.dk/messages/${m.immutableId}`).get()) as { categories: string[] };
    expect(message.categories).toContain(c.id);
    expect(ack?.toRecipients[0]?.emailAddress.address).toBe('anna.hansen@example.com');
    expect(ack?.body.content).toMatch(/senest den/);
  });

  it('the same message notified twice gives one case', async () => {
    await faults({ notifications: { duplicate: 1 } });
    try {
      const m = await deliver(REQUEST('req-dup', 'Dorte Dam <dorte.dam@example.com>'));
      await waitFor(() => caseFor(m.internetMessageId));
      await t.dev('/notifications/idle', { method: 'POST' });
      await new Promise((r) => setTimeout(r, 500));
      const all = (await table.listAll()).filter((c) => c.sourceMessages.some((s) => s.internetMessageId === m.internetMessageId));
      expect(all).toHaveLength(1);
    } finally {
      await faults({});
    }
  });

  it('a dropped notification is caught up through delta (after missed)', async () => {
    await faults({ notifications: { drop: 1 } });
    const m = await deliver(REQUEST('req-dropped', 'Bo Berg <bo.berg@example.net>'));
    await new Promise((r) => setTimeout(r, 300));
    expect(await caseFor(m.internetMessageId)).toBeUndefined();
    await faults({});
    await lifecycleEvent((await subscriptionOn('dpa@itguy.dk'))!.id, 'missed');
    const c = await waitFor(() => caseFor(m.internetMessageId), 5000);
    expect(c.requester.email).toBe('bo.berg@example.net');
  });

  it('a notification naming an id Graph never issues is refused, and the mailbox is caught up through delta', async () => {
    await faults({ notifications: { drop: 1 } });
    const m = await deliver(REQUEST('req-garbled', 'Cai Holm <cai.holm@example.net>'));
    await new Promise((r) => setTimeout(r, 300));
    expect(await caseFor(m.internetMessageId)).toBeUndefined();
    await faults({});
    // Authentic (our clientState and subscription) but garbled on the way: the id cannot be read.
    const res = await fetch(`${app.url}/api/notifications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        value: [
          {
            subscriptionId: (await subscriptionOn('dpa@itguy.dk'))!.id,
            clientState: env.DSAR_WEBHOOK_CLIENT_STATE,
            changeType: 'created',
            resourceData: { id: `${m.immutableId.slice(0, 10)}/../${m.immutableId.slice(10)}` },
          },
        ],
      }),
    });
    expect(res.status).toBe(202);
    const c = await waitFor(() => caseFor(m.internetMessageId), 5000);
    expect(c.requester.email).toBe('cai.holm@example.net');
  });

  it('watches support@ too: its own subscription, and ready only with both', async () => {
    const dpa = await subscriptionOn('dpa@itguy.dk');
    const support = await subscriptionOn('support@itguy.dk');
    expect(dpa && support && dpa.id !== support.id).toBe(true);
    expect(await (await fetch(`${app.url}/readyz`)).json()).toMatchObject({
      checks: { 'subscription:dpa@itguy.dk': 'ok', 'subscription:support@itguy.dk': 'ok' },
    });
  });

  it("a request to support@ becomes a case received at support@'s arrival, tagged and acknowledged in support@", async () => {
    const m = await deliver(
      eml({
        from: 'Dorte Krag <dorte.krag@example.com>',
        to: 'support@itguy.dk',
        subject: 'Afmeld nyhedsbrev',
        id: 'support-optout',
        body: 'Hej\n\nJeg ønsker ikke længere at modtage jeres nyhedsbrev og markedsføring. Afmeld mig venligst.\n\nVenlig hilsen\nDorte Krag',
      }),
      'support@itguy.dk',
    );
    const c = (await waitFor(() => caseFor(m.internetMessageId), 5000)) as Case;
    expect(c).toMatchObject({ receivedAt: m.receivedDateTime, requester: { email: 'dorte.krag@example.com' } });
    expect(c.rights).toContain('marketing_opt_out');
    expect(c.sourceMessages).toEqual([expect.objectContaining({ mailbox: 'support@itguy.dk', internetMessageId: m.internetMessageId })]);
    // The case is written first; tagging and the draft follow it, so wait for the draft (the last step).
    await waitFor(async () => {
      const drafts = (await t.graph.api('/users/support@itguy.dk/mailFolders/drafts/messages').select('body').get()) as {
        value: { body: { content: string } }[];
      };
      return drafts.value.some((d) => d.body.content.includes(c.id)) ? true : undefined;
    });
    const message = (await t.graph.api(`/users/support@itguy.dk/messages/${m.immutableId}`).get()) as { categories: string[] };
    expect(message.categories).toContain(c.id);
  });

  it('the same request forwarded from support@ to dpa@ two days later gives no second case and no later date', async () => {
    const twoDays = 2 * 86_400_000;
    await t.dev('/clock', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ offsetMs: -twoDays }),
    });
    let original: Awaited<ReturnType<typeof deliver>>;
    try {
      original = await deliver(
        eml({
          from: 'Ib Holm <ib.holm@example.com>',
          to: 'support@itguy.dk',
          subject: 'Slet mine oplysninger',
          id: 'support-erase',
          date: new Date(Date.now() - twoDays).toUTCString(),
          body: 'Hej\n\nJeg vil gerne have slettet alle mine personoplysninger hos jer.\n\nIb Holm',
        }),
        'support@itguy.dk',
      );
    } finally {
      await t.dev('/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ offsetMs: 0 }) });
    }
    const c = await waitFor(() => caseFor(original.internetMessageId));
    expect(c.receivedAt).toBe(original.receivedDateTime);
    const before = (await table.listAll()).length;
    const forward = await deliver(
      eml({
        from: 'Karin Lund <kla@itguy.dk>',
        to: 'dpa@itguy.dk',
        subject: 'VS: Slet mine oplysninger',
        id: 'forward-erase',
        body: [
          'Til jer på dpa@ — denne kom ind på support.',
          '',
          '-----Oprindelig meddelelse-----',
          'Fra: Ib Holm <ib.holm@example.com>',
          `Sendt: ${new Date(Date.parse(original.receivedDateTime)).toUTCString()}`,
          'Til: support@itguy.dk',
          'Emne: Slet mine oplysninger',
          '',
          'Hej',
          '',
          'Jeg vil gerne have slettet alle mine personoplysninger hos jer.',
          '',
          'Ib Holm',
        ].join('\n'),
      }),
    );
    await waitFor(async () =>
      app.logs().some((l) => l.msg === 'intake: message processed' && l.outcome === `follow-up ${c.id}`) ? true : undefined,
    );
    expect(await caseFor(forward.internetMessageId)).toBeUndefined();
    expect((await table.listAll()).length).toBe(before);
    expect((await table.get(c.id))?.receivedAt).toBe(original.receivedDateTime);
  });

  it("a request a colleague forwards is received at the original's date and acknowledged to the writer", async () => {
    const sent = new Date(Date.now() - 3 * 86_400_000);
    const m = await deliver(
      eml({
        from: 'Karin Lund <kla@itguy.dk>',
        to: 'dpa@itguy.dk',
        subject: 'Fwd: Indsigt',
        id: 'forward-access',
        body: [
          'Kan I tage jer af denne? Den lå i min indbakke.',
          '',
          '---------- Forwarded message ---------',
          'From: Lise Vang <lise.vang@example.org>',
          `Date: ${sent.toUTCString()}`,
          'Subject: Indsigt',
          'To: Karin Lund <kla@itguy.dk>',
          '',
          'Hej Karin. Jeg vil gerne have indsigt i de personoplysninger, ITGuy har om mig, jf. GDPR artikel 15.',
          '',
          'Lise Vang',
        ].join('\n'),
      }),
    );
    const c = await waitFor(() => caseFor(m.internetMessageId));
    expect(c.requester.email).toBe('lise.vang@example.org');
    expect(Date.parse(c.receivedAt)).toBe(Math.floor(sent.getTime() / 1000) * 1000);
    expect(c.receiptBasis?.kind).toBe('forwarded_original');
    const ack = await waitFor(() => refetchAck(c.id));
    expect(ack.toRecipients.map((r) => r.emailAddress.address)).toEqual(['lise.vang@example.org']);
  });

  it('an uncertain mail gets a case needing confirmation, and dismissing it keeps the record', async () => {
    const m = await deliver(
      eml({
        from: 'Mads Vinter <mads.vinter@example.net>',
        to: 'dpa@itguy.dk',
        subject: 'Spørgsmål',
        id: 'uncertain-1',
        body: 'Hej, hvad har I egentlig liggende om mig? Mvh Mads',
      }),
    );
    const c = await waitFor(() => caseFor(m.internetMessageId));
    expect(['uncertain', 'request']).toContain(c.intakeVerdict?.verdict);
    const { CaseService } = await import('../../src/app/case-service.js');
    const { ITGUY_REGISTER } = await import('../../src/domain/register/itguy.js');
    const service = new CaseService({ repository: table, register: ITGUY_REGISTER, retentionYears: 3 });
    await service.act(c.id, { type: 'dismiss', reason: 'not about his own data after all' }, { kind: 'user', id: 'dpo-1', name: 'DPO' });
    const kept = await table.get(c.id);
    expect(kept).toMatchObject({ status: 'dismissed', decision: { kind: 'dismissed', reason: 'not about his own data after all' } });
    expect((await table.events(c.id)).at(-1)).toMatchObject({ type: 'dismissed', actor: { id: 'dpo-1' } });
  });

  it('a new request naming a closed case is a new case that lists the earlier one', async () => {
    const first = await deliver(REQUEST('req-closed', 'Nina Nord <nina.nord@example.com>'));
    const c = await waitFor(() => caseFor(first.internetMessageId));
    const { CaseService } = await import('../../src/app/case-service.js');
    const { ITGUY_REGISTER } = await import('../../src/domain/register/itguy.js');
    const service = new CaseService({ repository: table, register: ITGUY_REGISTER, retentionYears: 3 });
    const dpo = { kind: 'user' as const, id: 'dpo-1' };
    await service.act(c.id, { type: 'start', identity: { notNeeded: true } }, dpo);
    await service.act(c.id, { type: 'respond', summary: 'copy sent', override: OVERRIDE }, dpo);
    await service.act(c.id, { type: 'close', outcome: 'answered', override: OVERRIDE }, dpo);
    const again = await deliver(
      eml({
        from: 'Nina Nord <nina.nord@example.com>',
        to: 'dpa@itguy.dk',
        subject: `Re: ${c.id}`,
        id: 'req-after-closed',
        body: `Tak for svaret på ${c.id}. Nu vil jeg gerne have slettet alle mine personoplysninger hos jer.\n\nNina`,
      }),
    );
    const second = await waitFor(() => caseFor(again.internetMessageId));
    expect(second.id).not.toBe(c.id);
    expect(second.earlierCases).toEqual([c.id]);
    expect(second.rights).toContain('erasure');
  });

  it("a lawyer's request for a second client is a case of its own; a status question naming nobody goes to the open case", async () => {
    const forClient = (id: string, client: string) =>
      eml({
        from: 'Advokat Ulla Ravn <ulla@ravn-advokater.example>',
        to: 'dpa@itguy.dk',
        subject: 'Indsigt for klient',
        id,
        body: `På vegne af min klient ${client} anmoder jeg om indsigt i alle personoplysninger, I behandler om hende, jf. artikel 15. Fuldmagt vedlagt.\n\nUlla Ravn, advokat`,
      });
    const a = await waitFor(() => deliver(forClient('lawyer-a', 'Bente Bak')).then((m) => caseFor(m.internetMessageId)));
    const b = await deliver(forClient('lawyer-b', 'Carla Dal'));
    const second = await waitFor(() => caseFor(b.internetMessageId));
    expect(second.id).not.toBe(a.id);
    expect([a.dataSubject?.name, second.dataSubject?.name]).toEqual(['Bente Bak', 'Carla Dal']);
    const before = (await table.listAll()).length;
    await deliver(
      eml({
        from: 'Advokat Ulla Ravn <ulla@ravn-advokater.example>',
        to: 'dpa@itguy.dk',
        subject: 'Status',
        id: 'lawyer-status',
        body: 'Hvor langt er I med min anmodning? Jeg har ikke hørt fra jer.\n\nUlla Ravn',
      }),
    );
    const noted = async (id: string) => (await table.events(id)).some((e) => e.type === 'note_added');
    await waitFor(async () => ((await noted(a.id)) || (await noted(second.id)) ? true : undefined));
    expect((await table.listAll()).length).toBe(before);
  });

  it('a missed notification on support@ is caught up on support@', async () => {
    await faults({ notifications: { drop: 1 } });
    const m = await deliver(
      REQUEST('support-dropped', 'Eva Friis <eva.friis@example.net>').replace('To: dpa@', 'To: support@'),
      'support@itguy.dk',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await caseFor(m.internetMessageId)).toBeUndefined();
    await faults({});
    await lifecycleEvent((await subscriptionOn('support@itguy.dk'))!.id, 'missed');
    const c = await waitFor(() => caseFor(m.internetMessageId), 5000);
    expect(c.sourceMessages[0]?.mailbox).toBe('support@itguy.dk');
    expect(app.logs().some((l) => l.msg === 'intake: catch-up queued messages' && l.mailbox === 'support@itguy.dk')).toBe(true);
  });

  it('one request sent to both dpa@ and support@ gives one case, tagged in both', async () => {
    const raw = REQUEST('both-mailboxes', 'Finn Holm <finn.holm@example.org>').replace(
      'To: dpa@itguy.dk',
      'To: dpa@itguy.dk\r\nCc: support@itguy.dk',
    );
    const [toDpa, toSupport] = await Promise.all([deliver(raw, 'dpa@itguy.dk'), deliver(raw, 'support@itguy.dk')]);
    const c = await waitFor(() => caseFor(toDpa.internetMessageId));
    const categories = async (mailbox: string, id: string) =>
      ((await t.graph.api(`/users/${mailbox}/messages/${id}`).get()) as { categories: string[] }).categories;
    // Whichever copy is processed second finds the case by its Message-ID and only tags its own copy.
    for (const [mailbox, m] of [
      ['dpa@itguy.dk', toDpa],
      ['support@itguy.dk', toSupport],
    ] as const)
      await waitFor(async () => ((await categories(mailbox, m.immutableId)).includes(c.id) ? true : undefined));
    expect(
      (await table.listAll()).filter((x) => x.sourceMessages.some((s) => s.internetMessageId === toDpa.internetMessageId)),
    ).toHaveLength(1);
  });

  it('a follow-up quoting the case number adds to that case and opens none', async () => {
    const first = await deliver(REQUEST('req-follow', 'Ejnar Eg <ejnar.eg@example.com>'));
    const c = await waitFor(() => caseFor(first.internetMessageId));
    const before = (await table.listAll()).length;
    const m = await deliver(
      eml({
        from: 'Anna Hansen <anna.hansen@example.com>',
        to: 'dpa@itguy.dk',
        subject: `Re: ${c.id}`,
        id: 'follow-1',
        body: `Hej, hvor langt er I med min sag ${c.id}?`,
      }),
    );
    await waitFor(async () => ((await table.events(c.id)).some((e) => e.type === 'note_added') ? true : undefined));
    expect((await table.listAll()).length).toBe(before);
    const message = (await t.graph.api(`/users/dpa@itguy.dk/messages/${m.immutableId}`).get()) as { categories: string[] };
    expect(message.categories).toContain(c.id);
  });

  it('an auto-reply opens nothing', async () => {
    const before = (await table.listAll()).length;
    const m = await deliver(
      eml({
        from: 'Anna Hansen <anna.hansen@example.com>',
        to: 'dpa@itguy.dk',
        subject: 'Automatisk svar: Indsigt',
        id: 'auto-1',
        body: 'Jeg er på ferie og læser ikke mail. Jeg vil gerne have indsigt når jeg kommer hjem.',
        extraHeaders: 'Auto-Submitted: auto-replied',
      }),
    );
    await waitFor(async () =>
      app.logs().some((l) => l.msg === 'intake: message processed' && l.outcome === 'set aside (auto_reply)') ? true : undefined,
    );
    expect(await caseFor(m.internetMessageId)).toBeUndefined();
    expect((await table.listAll()).length).toBe(before);
  });

  it('a newsletter is set aside with its reason, and nothing else is', async () => {
    const m = await deliver(
      eml({
        from: 'Nyhedsbrevet <news@vendor.example>',
        to: 'dpa@itguy.dk',
        subject: 'Månedens nyheder om databeskyttelse',
        id: 'news-1',
        body: 'Læs om de nye regler for cookies og persondata.\n\nAfmeld nyhedsbrevet her: https://vendor.example/unsub',
        extraHeaders: 'List-Unsubscribe: <https://vendor.example/unsub>\r\nPrecedence: bulk',
      }),
    );
    const record = await waitFor(async () =>
      (await intakeTable().setAsideSince(new Date(Date.now() - 60_000))).find((r) => r.messageId === m.immutableId),
    );
    expect(record).toMatchObject({
      mailbox: 'dpa@itguy.dk',
      from: { address: 'news@vendor.example' },
      subject: 'Månedens nyheder om databeskyttelse',
    });
    expect(record.reason).not.toBe('');
    // Kept so the digest can open it in Outlook on the web.
    expect(record.webLink).toMatch(/^https:\/\/outlook\.office365\.com\//);
    expect(await caseFor(m.internetMessageId)).toBeUndefined();
  });

  it('the same person writing again on a new thread gets one case with a follow-up, and no second acknowledgement', async () => {
    const first = await deliver(REQUEST('req-again', 'Frida Fog <frida.fog@example.com>'));
    const c = await waitFor(() => caseFor(first.internetMessageId));
    const before = (await table.listAll()).length;
    const again = await deliver(
      eml({
        from: 'Frida Fog <frida.fog@example.com>',
        to: 'dpa@itguy.dk',
        subject: 'Mine oplysninger',
        id: 'req-again-2',
        body: 'Hej igen. Jeg skrev til jer for et par dage siden om mine oplysninger og vil også gerne have dem slettet bagefter.\n\nFrida',
      }),
    );
    await waitFor(async () =>
      app.logs().some((l) => l.msg === 'intake: message processed' && l.outcome === `follow-up ${c.id}`) ? true : undefined,
    );
    expect((await table.listAll()).length).toBe(before);
    expect(await caseFor(again.internetMessageId)).toBeUndefined();
    const notes = (await table.events(c.id)).filter((e) => e.type === 'note_added');
    expect(notes.map((e) => JSON.stringify(e.changes))).toEqual([expect.stringContaining('new thread')]);
    const message = (await t.graph.api(`/users/dpa@itguy.dk/messages/${again.immutableId}`).get()) as { categories: string[] };
    expect(message.categories).toContain(c.id);
    const drafts = (await t.graph.api('/users/dpa@itguy.dk/mailFolders/drafts/messages').select('toRecipients').top(100).get()) as {
      value: { toRecipients: { emailAddress: { address: string } }[] }[];
    };
    expect(drafts.value.filter((d) => d.toRecipients[0]?.emailAddress.address === 'frida.fog@example.com')).toHaveLength(1);
  });

  it('a status question that matches no case reaches the DPO as a case needing confirmation', async () => {
    const m = await deliver(
      eml({
        from: 'Gunnar Gram <gunnar.gram@example.org>',
        to: 'dpa@itguy.dk',
        subject: 'Hvor langt er I?',
        id: 'status-unmatched',
        body: 'Hej. Jeg har skrevet til jer om mine personoplysninger for tre uger siden og har ikke hørt noget. Hvor langt er I med min sag?\n\nGunnar',
      }),
    );
    const c = await waitFor(() => caseFor(m.internetMessageId));
    expect(c.intakeVerdict?.verdict).toBe('uncertain');
    expect(needsConfirmation(c)).toBe(true);
    // "for tre uger siden": received when he says he first wrote, from that day's first moment, for the DPO to confirm.
    expect(c.receiptBasis?.kind).toBe('stated_by_requester');
    const daysBefore = (Date.parse(m.receivedDateTime) - Date.parse(c.receivedAt)) / 86_400_000;
    expect(daysBefore).toBeGreaterThan(21);
    expect(daysBefore).toBeLessThan(22.1);
  });

  it('an app killed mid-processing finishes after restart, with exactly one case', async () => {
    // Graph answers slowly, so the app is killed after persisting the notification but before the case.
    await faults({ latencyMs: 1500, pathPattern: '/messages/[^/]+$' });
    const m = await deliver(REQUEST('req-crash', 'Carl Dahl <carl.dahl@example.org>'));
    const intake = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}intake`, {
      allowInsecureConnection: true,
    });
    await waitFor(async () => {
      for await (const row of intake.listEntities({ queryOptions: { filter: "RowKey ge 'queue|' and RowKey lt 'queue}'" } }))
        return row ? true : undefined;
      return undefined;
    });
    await app.stop('SIGKILL');
    expect(await caseFor(m.internetMessageId)).toBeUndefined();
    await faults({});
    app = await startAppInstance(env, port);
    // The dead instance's claim on the message runs out (30 s) before the new one may take it.
    await waitFor(() => caseFor(m.internetMessageId), 50_000);
    await new Promise((r) => setTimeout(r, 500));
    expect((await table.listAll()).filter((c) => c.sourceMessages.some((s) => s.internetMessageId === m.internetMessageId))).toHaveLength(
      1,
    );
  }, 90_000);
});

describe('two instances watching both mailboxes', () => {
  it('make one subscription per mailbox between them (each mailbox has its own leased job)', async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    // Behind one public URL, as App Service's load balancer; a store of their own.
    const shared = { ...env, ...storeEnv(uniquePrefix()), DSAR_PUBLIC_URL: `http://127.0.0.1:${portA}` };
    const [a, b] = await Promise.all([startAppInstance(shared, portA), startAppInstance(shared, portB)]);
    try {
      // Ready once each mailbox has its subscription. Two app processes start at once beside the rest of the
      // suite on two cores: 20 s was too little once in CI, so this waits up to a minute.
      for (const i of [a, b]) await waitFor(async () => ((await fetch(`${i.url}/readyz`)).status === 200 ? true : undefined), 60_000);
      const subs = (await t.graph.api('/subscriptions').get()) as { value: { resource: string; notificationUrl: string }[] };
      const theirs = subs.value.filter((s) => s.notificationUrl === `${shared.DSAR_PUBLIC_URL}/api/notifications`).map((s) => s.resource);
      expect(theirs.sort()).toEqual([
        "users/dpa@itguy.dk/mailFolders('Inbox')/messages",
        "users/support@itguy.dk/mailFolders('Inbox')/messages",
      ]);
      const created = [a, b].flatMap((i) =>
        i
          .logs()
          .filter((l) => l.msg === 'intake: subscription created')
          .map((l) => l.mailbox),
      );
      expect(created.sort()).toEqual(['dpa@itguy.dk', 'support@itguy.dk']);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 150_000);
});
