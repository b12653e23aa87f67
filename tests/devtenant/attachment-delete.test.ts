import type { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emlWithAttachments, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { expectGraphError, readDoc } from './graph-docs.js';

/**
 * Removing a message's attachment against the documented contract (graph-docs/attachment-delete.json):
 * 204 with no body, the attachment gone from the list, /$value and hasAttachments, 404 for one already
 * gone, and Mail.ReadWrite needed (Mail.Read is refused).
 */

type Json = Record<string, unknown>;
const doc = readDoc('attachment-delete.json');
const DPA = 'dpa@itguy.dk';
const passport = Buffer.from('%PDF-1.4 passport scan (test bytes)');
const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);

let t: TestTenant;
let readOnly: TestTenant;
beforeAll(async () => {
  [t, readOnly] = await Promise.all([startTestTenant(), startTestTenant({ app: { roles: ['Mail.Read'] } })]);
});
afterAll(async () => {
  await Promise.all([t?.close(), readOnly?.close()]);
});

async function deliver(tenant: TestTenant, attachments: { name: string; contentType: string; content: Buffer }[]): Promise<string> {
  const source = emlWithAttachments({
    from: 'Karen Kunde <karen@kunde.example>',
    to: `Databeskyttelse <${DPA}>`,
    subject: 'Re: DSAR-2026-0042 identitet',
    body: 'Hej, her er kopi af mit pas.',
    attachments,
  });
  const res = await tenant.dev(`/mailboxes/${DPA}/deliver`, {
    method: 'POST',
    headers: { 'Content-Type': 'message/rfc822' },
    body: source,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const listed = async (tenant: TestTenant, id: string) =>
  ((await tenant.graph.api(`/users/${DPA}/messages/${id}/attachments`).select('id,name').get()) as { value: Json[] }).value;

describe('DELETE /users/{id}/messages/{id}/attachments/{id}', () => {
  it('answers the documented 204 with no body, and the attachment is gone from the list, the MIME and the message', async () => {
    const id = await deliver(t, [
      { name: 'pas.pdf', contentType: 'application/pdf', content: passport },
      { name: 'kort.jpg', contentType: 'image/jpeg', content: photo },
    ]);
    const before = (await t.graph.api(`/users/${DPA}/messages/${id}`).get()) as Json;
    const [pas, kort] = await listed(t, id);
    expect(pas!.name).toBe('pas.pdf');

    expect(doc.request.method).toBe('DELETE');
    const res = await t.raw(`/users/${DPA}/messages/${id}/attachments/${pas!.id}`, { method: doc.request.method });
    expect(res.status).toBe(doc.response.status);
    expect(await res.text()).toBe('');

    expect((await listed(t, id)).map((a) => a.name)).toEqual(['kort.jpg']);
    const mime = await (await t.raw(`/users/${DPA}/messages/${id}/$value`)).text();
    expect(mime).not.toContain('pas.pdf');
    expect(mime).not.toContain(passport.toString('base64').slice(0, 20));
    const after = (await t.graph.api(`/users/${DPA}/messages/${id}`).get()) as Json;
    expect(after.hasAttachments).toBe(true);
    expect(after.changeKey).not.toBe(before.changeKey);
    expect(after.body).toEqual(before.body);

    // Through a folder, as documented, and the last one gone: hasAttachments turns false.
    const viaFolder = await t.raw(`/users/${DPA}/mailFolders/inbox/messages/${id}/attachments/${kort!.id}`, { method: 'DELETE' });
    expect(viaFolder.status).toBe(204);
    expect(await listed(t, id)).toEqual([]);
    expect(((await t.graph.api(`/users/${DPA}/messages/${id}`).get()) as Json).hasAttachments).toBe(false);
  });

  it('answers 404 ErrorItemNotFound for an attachment already gone or a message that does not exist, through the SDK too', async () => {
    const id = await deliver(t, [{ name: 'pas.pdf', contentType: 'application/pdf', content: passport }]);
    const [pas] = await listed(t, id);
    await t.graph.api(`/users/${DPA}/messages/${id}/attachments/${pas!.id}`).delete();
    await expectGraphError(
      await t.raw(`/users/${DPA}/messages/${id}/attachments/${pas!.id}`, { method: 'DELETE' }),
      404,
      'ErrorItemNotFound',
      'The specified object was not found in the store.',
    );
    await expectGraphError(
      await t.raw(`/users/${DPA}/messages/AAMkAGI2Tm9uZXhpc3RlbnRNZXNzYWdl/attachments/${pas!.id}`, { method: 'DELETE' }),
      404,
      'ErrorItemNotFound',
    );
    const error = (await t.graph
      .api(`/users/${DPA}/messages/${id}/attachments/${pas!.id}`)
      .delete()
      .catch((e: unknown) => e)) as GraphError;
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('ErrorItemNotFound');
  });

  it('needs Mail.ReadWrite: an app with only Mail.Read gets 403 ErrorAccessDenied and the attachment stays', async () => {
    const id = await deliver(readOnly, [{ name: 'pas.pdf', contentType: 'application/pdf', content: passport }]);
    const [pas] = await listed(readOnly, id);
    await expectGraphError(
      await readOnly.raw(`/users/${DPA}/messages/${id}/attachments/${pas!.id}`, { method: 'DELETE' }),
      403,
      'ErrorAccessDenied',
    );
    expect((await listed(readOnly, id)).map((a) => a.name)).toEqual(['pas.pdf']);
  });
});
