import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ItemBody, Message, Recipient } from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startDevTenant } from 'm365-dev-tenant';
import { dsar } from '../helpers/cli.js';
import { eml, smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';

/** The /_dev switchboard: raw delivery (also through `dsar dev deliver`), generated tenants, the clock, persistence. */

let t: TestTenant;
const dir = mkdtempSync(join(tmpdir(), 'dsar-dev-'));
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const RICH = [
  'From: =?UTF-8?Q?S=C3=B8ren_=C3=85berg?= <soren.aberg@example.net>',
  'To: dpa@itguy.dk',
  'Subject: =?UTF-8?Q?Anmodning_om_indsigt_=E2=80=93_s=C3=B8ren?=',
  'Message-ID: <rich-1@example.net>',
  'Date: Mon, 16 Nov 2026 09:15:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="mix"',
  '',
  '--mix',
  'Content-Type: multipart/alternative; boundary="alt"',
  '',
  '--alt',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Jeg vil gerne have indsigt i de oplysninger, I har om mig. Hilsen S=C3=B8ren',
  '--alt',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Jeg vil gerne have <b>indsigt</b> i de oplysninger, I har om mig.</p><p>Hilsen Søren</p>',
  '--alt--',
  '--mix',
  'Content-Type: application/pdf; name="pas.pdf"',
  'Content-Disposition: attachment; filename="pas.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('%PDF-1.4 fake passport').toString('base64'),
  '--mix--',
  '',
].join('\r\n');

describe('POST /_dev/mailboxes/{upn}/deliver', () => {
  it('parses the MIME (encoded words, quoted-printable, HTML, attachments) and keeps the source for $value', async () => {
    const res = await t.dev('/mailboxes/dpa@itguy.dk/deliver', {
      method: 'POST',
      headers: { 'Content-Type': 'message/rfc822' },
      body: RICH,
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const message = (await t.graph.api(`/users/dpa@itguy.dk/messages/${id}`).get()) as Message & { from: Recipient; body: ItemBody };
    expect(message.subject).toBe('Anmodning om indsigt – søren');
    expect(message.from.emailAddress).toEqual({ name: 'Søren Åberg', address: 'soren.aberg@example.net' });
    expect(message.body.contentType).toBe('html');
    expect(message.body.content).toContain('<b>indsigt</b>');
    expect(message.bodyPreview).toContain('Jeg vil gerne have indsigt');
    expect(message.hasAttachments).toBe(true);
    expect(message.internetMessageId).toBe('<rich-1@example.net>');
    expect(message.sentDateTime).toBe('2026-11-16T08:15:00Z');
    expect(message.isRead).toBe(false);
    const attachments = (await t.graph.api(`/users/dpa@itguy.dk/messages/${id}/attachments`).get()) as {
      value: { name: string; contentBytes: string }[];
    };
    expect(attachments.value.map((a) => [a.name, Buffer.from(a.contentBytes, 'base64').toString()])).toEqual([
      ['pas.pdf', '%PDF-1.4 fake passport'],
    ]);
    const mime = await t.raw(`/users/dpa@itguy.dk/messages/${id}/$value`);
    expect(await mime.text()).toBe(RICH);
  });

  it('refuses a non-MIME content type (415), an empty body (400) and an unknown mailbox (404)', async () => {
    expect(
      (await t.dev('/mailboxes/dpa@itguy.dk/deliver', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' })).status,
    ).toBe(415);
    expect(
      (await t.dev('/mailboxes/dpa@itguy.dk/deliver', { method: 'POST', headers: { 'Content-Type': 'message/rfc822' }, body: '' })).status,
    ).toBe(400);
    expect(
      (await t.dev('/mailboxes/nobody@itguy.dk/deliver', { method: 'POST', headers: { 'Content-Type': 'message/rfc822' }, body: RICH }))
        .status,
    ).toBe(404);
  });

  it('`dsar dev deliver` puts a file into the inbox (default dpa@itguy.dk), with clear errors', async () => {
    const file = join(dir, 'request.eml');
    writeFileSync(file, eml({ from: 'anna@example.com', to: 'dpa@itguy.dk', subject: 'Slet mine data', body: 'Slet alt om mig.' }));
    const delivered = await dsar(['dev', 'deliver', file, '--url', t.tenant.url]);
    expect(delivered.code).toBe(0);
    expect(delivered.stdout).toContain('Delivered to dpa@itguy.dk');
    const inbox = (await t.graph.api('/users/dpa@itguy.dk/mailFolders/inbox/messages').filter("subject eq 'Slet mine data'").get()) as {
      value: unknown[];
    };
    expect(inbox.value).toHaveLength(1);
    // The other watched mailbox.
    const toSupport = await dsar(['dev', 'deliver', file, '--to', 'support@itguy.dk', '--url', t.tenant.url]);
    expect(toSupport.code).toBe(0);
    expect(toSupport.stdout).toContain('Delivered to support@itguy.dk');
    const support = (await t.graph
      .api('/users/support@itguy.dk/mailFolders/inbox/messages')
      .filter("subject eq 'Slet mine data'")
      .get()) as {
      value: unknown[];
    };
    expect(support.value).toHaveLength(1);

    const missing = await dsar(['dev', 'deliver', join(dir, 'nope.eml'), '--url', t.tenant.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const down = await dsar(['dev', 'deliver', file, '--url', 'http://127.0.0.1:9']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('is `npm start` running?');
  }, 60_000);
});

describe('generated tenants, the clock and persistence', () => {
  it('generates N users x M messages + files deterministically from a seed', async () => {
    const g = await startTestTenant();
    try {
      const generate = async () => {
        const res = await g.dev('/tenant/generate', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ users: 5, messagesPerUser: 40, filesPerUser: 3, seed: 7 }),
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({
          users: 5,
          messages: 200,
          files: 15,
          chatMessages: 0,
          events: 0,
          contacts: 0,
          channelMessages: 0,
          naming: 0,
        });
        const users = (await g.graph.api('/users').select('displayName,mail').get()) as { value: { displayName: string; mail: string }[] };
        const mail = users.value[2]!.mail;
        const subjects = (await g.graph.api(`/users/${mail}/messages`).select('subject').top(40).get()) as { value: { subject: string }[] };
        return { users: users.value.map((u) => u.displayName), subjects: subjects.value.map((m) => m.subject) };
      };
      const first = await generate();
      expect(first.users).toHaveLength(5);
      expect(first.subjects).toHaveLength(40);
      expect(await generate()).toEqual(first);
      const bad = await g.dev('/tenant/generate', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ users: 0 }),
      });
      expect(bad.status).toBe(400);
    } finally {
      await g.close();
    }
  });

  it('moves its clock forward for tests and back', async () => {
    const before = (await (await t.dev('/clock')).json()) as { now: string };
    const moved = (await (
      await t.dev('/clock', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ advanceMs: 86_400_000 }),
      })
    ).json()) as { now: string };
    expect(Date.parse(moved.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(86_400_000);
    await t.dev('/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ offsetMs: 0 }) });
  });

  it('keeps delivered mail across a restart when given a state file', async () => {
    const stateFile = join(dir, 'tenant.json');
    const options = { tlsDir: inject('devTlsDir'), seed: smallSeed(), stateFile };
    const first = await startDevTenant(options);
    const res = await fetch(`${first.url}/_dev/mailboxes/dpa@itguy.dk/deliver`, {
      method: 'POST',
      headers: { 'Content-Type': 'message/rfc822' },
      body: RICH,
    });
    const { immutableId } = (await res.json()) as { immutableId: string };
    await first.close();
    const second = await startDevTenant(options);
    try {
      const app = (await (await fetch(`${second.url}/_dev/app`)).json()) as { clientId: string; clientSecret: string };
      const token = await fetch(`${second.url}/${second.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: app.clientId,
          client_secret: app.clientSecret,
          scope: 'https://graph.microsoft.com/.default',
        }),
      });
      const { access_token } = (await token.json()) as { access_token: string };
      const message = await fetch(`${second.graphBaseUrl}/users/dpa@itguy.dk/messages/${immutableId}`, {
        headers: { Authorization: `Bearer ${access_token}` },
      });
      expect(message.status).toBe(200);
      expect(((await message.json()) as { subject: string }).subject).toBe('Anmodning om indsigt – søren');
    } finally {
      await second.close();
    }
  });
});
