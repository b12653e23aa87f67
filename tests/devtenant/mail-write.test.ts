import type { GraphError } from '@microsoft/microsoft-graph-client';
import type { ItemBody } from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedMessage } from 'm365-dev-tenant';
import { eml, smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { MESSAGE_KEYS, expectGraphError, readDoc, type GraphErrorBody } from './graph-docs.js';

/**
 * Writing mail against the documented Graph contract (graph-docs/message-update.json, message-createreply.json,
 * user-sendmail.json): PATCH, drafts, createReply, send, sendMail, and the 400s around them.
 */

/** A Graph resource as JSON; a test casts the fields it reads deeper into. */
type Json = Record<string, unknown>;
interface Page {
  value: Json[];
}

const METTE = 'mette@itguy.dk';
const DPA = 'dpa@itguy.dk';
const updateDoc = readDoc('message-update.json');
const replyDoc = readDoc('message-createreply.json');
const sendMailDoc = readDoc('user-sendmail.json');

const KAREN = 'Karen Kunde <karen@kunde.example>';
const seeded = (subject: string, days: number, extraHeaders?: string): SeedMessage => ({
  mailbox: METTE,
  folder: 'inbox',
  receivedAgo: { days },
  eml: eml({
    from: KAREN,
    to: `Mette Ravn <${METTE}>`,
    subject,
    body: `Hej Mette, ${subject.toLowerCase()}. Mvh Karen`,
    ...(extraHeaders !== undefined ? { extraHeaders } : {}),
  }),
});

let t: TestTenant;
let readOnly: TestTenant;
beforeAll(async () => {
  [t, readOnly] = await Promise.all([
    startTestTenant({
      seed: smallSeed({
        messages: [
          seeded('Spørgsmål om faktura', 1),
          seeded('Ændring af aftale', 2),
          seeded('RE: Tidligere tråd', 3),
          seeded('Svar til kontoret', 4, 'Reply-To: Kundeservice <service@kunde.example>'),
          seeded('Læst eller ej', 5),
        ],
      }),
    }),
    startTestTenant({ app: { roles: ['Mail.ReadWrite'] } }),
  ]);
});
afterAll(async () => {
  await Promise.all([t?.close(), readOnly?.close()]);
});

const context = (fragment: string) => `${t.tenant.graphBaseUrl}/$metadata#${fragment}`;
const documentedKeys = (m: Json) => Object.keys(m).filter((k) => k !== '@odata.context' && k !== 'conversationIndex');

const send = (path: string, method: string, body?: unknown, headers: Record<string, string> = {}) =>
  t.raw(path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

async function inFolder(upn: string, folder: string): Promise<Json[]> {
  return ((await t.graph.api(`/users/${upn}/mailFolders/${folder}/messages`).top(100).get()) as Page).value;
}
const bySubject = async (upn: string, folder: string, subject: string) =>
  (await inFolder(upn, folder)).filter((m) => m.subject === subject);

async function received(subject: string): Promise<Json> {
  const [m] = await bySubject(METTE, 'inbox', subject);
  expect(m).toBeDefined();
  return m!;
}

async function folderId(upn: string, name: string): Promise<string> {
  return ((await t.graph.api(`/users/${upn}/mailFolders/${name}`).get()) as Json).id as string;
}

describe('PATCH /messages/{id}', () => {
  it('updates categories and isRead and returns the full message with a new changeKey (200)', async () => {
    const before = await received('Spørgsmål om faktura');
    const res = await send(`/users/${METTE}/messages/${before.id}`, 'PATCH', { categories: ['GDPR', 'Indsigt'], isRead: true });
    expect(res.status).toBe(updateDoc.response.status);
    const after = (await res.json()) as Json;
    expect(after['@odata.context']).toBe(context(`users('mette%40itguy.dk')/messages/$entity`));
    expect(documentedKeys(after)).toEqual(MESSAGE_KEYS);
    // The documented (truncated) example's properties are all there.
    expect(Object.keys(after)).toEqual(expect.arrayContaining(Object.keys(updateDoc.response.body as object)));
    expect(after).toMatchObject({ id: before.id, categories: ['GDPR', 'Indsigt'], isRead: true, subject: before.subject });
    expect(after.changeKey).not.toBe(before.changeKey);
    expect(after['@odata.etag']).toBe(`W/"${after.changeKey}"`);
    expect((after.lastModifiedDateTime as string) >= (before.lastModifiedDateTime as string)).toBe(true);
    const again = (await t.graph.api(`/users/${METTE}/messages/${before.id}`).get()) as Json;
    expect(again).toMatchObject({ categories: ['GDPR', 'Indsigt'], isRead: true, changeKey: after.changeKey });
  });

  it('updates flag and importance through the SDK', async () => {
    const before = await received('Ændring af aftale');
    const after = (await t.graph
      .api(`/users/${METTE}/messages/${before.id}`)
      .patch({ flag: { flagStatus: 'flagged' }, importance: 'high' })) as Json;
    expect(after).toMatchObject({ flag: { flagStatus: 'flagged' }, importance: 'high' });
    expect(after.changeKey).not.toBe(before.changeKey);
  });

  it('refuses to change the subject, body or recipients of a received message (400) and leaves it as it was', async () => {
    const before = await received('Læst eller ej');
    const subject = await send(`/users/${METTE}/messages/${before.id}`, 'PATCH', { subject: 'Ny emnelinje' });
    await expectGraphError(subject, 400, 'ErrorInvalidPropertyUpdateSentMessage');
    await expectGraphError(
      await send(`/users/${METTE}/messages/${before.id}`, 'PATCH', { toRecipients: [] }),
      400,
      'ErrorInvalidPropertyUpdateSentMessage',
    );
    await expectGraphError(await send(`/users/${METTE}/messages/${before.id}`, 'PATCH', { shoeSize: 42 }), 400, 'ErrorInvalidProperty');
    await expectGraphError(await send(`/users/${METTE}/messages/${before.id}`, 'PATCH', { isRead: 'yes' }), 400, 'ErrorInvalidProperty');
    const after = (await t.graph.api(`/users/${METTE}/messages/${before.id}`).get()) as Json;
    expect(after).toMatchObject({ subject: 'Læst eller ej', isRead: false, changeKey: before.changeKey });
  });

  it('answers an unreadable JSON body with 400', async () => {
    const m = await received('Læst eller ej');
    await expectGraphError(await send(`/users/${METTE}/messages/${m.id}`, 'PATCH', '{"isRead": tru'), 400, 'BadRequest');
    await expectGraphError(await send(`/users/${METTE}/messages/${m.id}`, 'PATCH', '[1,2]'), 400, 'BadRequest');
  });
});

describe('createReply', () => {
  it('creates a 201 draft in Drafts with RE: subject, the sender as To and the same conversation', async () => {
    const original = await received('Spørgsmål om faktura');
    const res = await send(`/users/${METTE}/messages/${original.id}/createReply`, 'POST', { comment: 'Tak, vi vender tilbage i morgen.' });
    expect(res.status).toBe(replyDoc.response.status);
    const draft = (await res.json()) as Json & { body: ItemBody };
    // Same properties, in the same order, as the documented example (which includes conversationIndex).
    expect(Object.keys(draft)).toEqual(Object.keys(replyDoc.response.body as object));
    expect(draft['@odata.context']).toBe(context(`users('mette%40itguy.dk')/messages/$entity`));
    expect(draft).toMatchObject({
      isDraft: true,
      isRead: true,
      subject: 'RE: Spørgsmål om faktura',
      conversationId: original.conversationId,
      parentFolderId: await folderId(METTE, 'drafts'),
      toRecipients: [{ emailAddress: { name: 'Karen Kunde', address: 'karen@kunde.example' } }],
      from: { emailAddress: { address: METTE } },
    });
    expect(draft.id).not.toBe(original.id);
    expect(draft.bodyPreview).toContain('Tak, vi vender tilbage i morgen.');
    expect(draft.body.content).toContain('Spørgsmål om faktura');
    expect((await bySubject(METTE, 'drafts', 'RE: Spørgsmål om faktura')).map((m) => m.id)).toEqual([draft.id]);
  });

  it('does not stack RE: prefixes, and answers the Reply-To address when there is one', async () => {
    const thread = await received('RE: Tidligere tråd');
    const again = (await t.graph.api(`/users/${METTE}/messages/${thread.id}/createReply`).post({})) as Json;
    expect(again.subject).toBe('RE: Tidligere tråd');
    const office = await received('Svar til kontoret');
    const reply = (await t.graph.api(`/users/${METTE}/messages/${office.id}/createReply`).post({})) as Json;
    expect(reply.toRecipients).toEqual([{ emailAddress: { name: 'Kundeservice', address: 'service@kunde.example' } }]);
  });

  it('refuses a comment together with message.body (documented 400), and takes message fields otherwise', async () => {
    const original = await received('Ændring af aftale');
    const both = await send(`/users/${METTE}/messages/${original.id}/createReply`, 'POST', {
      comment: 'Hej',
      message: { body: { contentType: 'Text', content: 'Også hej' } },
    });
    expect(both.status).toBe(400);
    const withCc = (await t.graph
      .api(`/users/${METTE}/messages/${original.id}/createReply`)
      .post({ comment: 'Se kopi', message: { ccRecipients: [{ emailAddress: { address: DPA } }] } })) as Json;
    expect(withCc).toMatchObject({
      subject: 'RE: Ændring af aftale',
      ccRecipients: [{ emailAddress: { address: DPA } }],
      toRecipients: [{ emailAddress: { address: 'karen@kunde.example' } }],
    });
  });
});

describe('drafts and send', () => {
  it('creates a draft (201), edits it, and sends it (202): recipient inbox, sender Sent Items, no draft left', async () => {
    const create = await send(`/users/${METTE}/messages`, 'POST', {
      subject: 'Udkast om databehandling',
      body: { contentType: 'HTML', content: '<p>Se <b>vedlagte</b> aftale.</p>' },
      toRecipients: [{ emailAddress: { name: 'Databeskyttelse', address: DPA } }],
    });
    expect(create.status).toBe(201);
    const draft = (await create.json()) as Json;
    expect(draft).toMatchObject({
      isDraft: true,
      parentFolderId: await folderId(METTE, 'drafts'),
      body: { contentType: 'html' },
      bodyPreview: 'Se vedlagte aftale.',
    });
    const edited = (await t.graph
      .api(`/users/${METTE}/messages/${draft.id}`)
      .patch({ subject: 'Databehandlingsaftale til underskrift' })) as Json;
    expect(edited.subject).toBe('Databehandlingsaftale til underskrift');

    const sent = await send(`/users/${METTE}/messages/${draft.id}/send`, 'POST');
    expect(sent.status).toBe(202);
    expect(await sent.text()).toBe('');

    const [delivered] = await bySubject(DPA, 'inbox', 'Databehandlingsaftale til underskrift');
    expect(delivered).toMatchObject({
      isDraft: false,
      isRead: false,
      from: { emailAddress: { address: METTE } },
      body: { contentType: 'html' },
    });
    const [copy] = await bySubject(METTE, 'sentitems', 'Databehandlingsaftale til underskrift');
    expect(copy).toMatchObject({ isDraft: false, internetMessageId: delivered!.internetMessageId });
    expect(await bySubject(METTE, 'drafts', 'Databehandlingsaftale til underskrift')).toEqual([]);
    // The sent copy never arrived as MIME; /$value composes it.
    const mime = await t.raw(`/users/${METTE}/messages/${copy!.id}/$value`);
    expect(mime.headers.get('content-type')).toBe('text/plain');
    const text = await mime.text();
    expect(text).toMatch(/^Subject: Databehandlingsaftale til underskrift\r?$/m);
    expect(text).toMatch(/^To: .*dpa@itguy\.dk/m);
  });

  it('refuses to send a draft without recipients, and a message that is not a draft', async () => {
    const draft = (await t.graph.api(`/users/${METTE}/messages`).post({ subject: 'Ingen modtagere' })) as Json;
    await expectGraphError(await send(`/users/${METTE}/messages/${draft.id}/send`, 'POST'), 400, 'ErrorInvalidRecipients');
    const receivedOne = await received('Ændring af aftale');
    await expectGraphError(await send(`/users/${METTE}/messages/${receivedOne.id}/send`, 'POST'), 400, 'ErrorInvalidOperation');
  });
});

describe('sendMail', () => {
  const documented = sendMailDoc.request.body as { message: Json; saveToSentItems: unknown };
  const examples = sendMailDoc.examples as { name: string; request: { body: { message: Json } } }[];

  it('takes the documented request (saveToSentItems "false"): 202, empty body, inbox inside the tenant, outbox outside, no Sent Items copy', async () => {
    const body = structuredClone(documented);
    body.message.ccRecipients = [{ emailAddress: { address: DPA } }];
    const outboxBefore = ((await (await t.dev('/outbox')).json()) as Page).value.length;
    const res = await send(`/users/${METTE}/sendMail`, 'POST', body);
    expect(res.status).toBe(sendMailDoc.response.status);
    expect(await res.text()).toBe('');

    const [delivered] = await bySubject(DPA, 'inbox', 'Meet for lunch?');
    expect(delivered).toMatchObject({
      body: { contentType: 'text', content: 'The new cafeteria is open.' },
      from: { emailAddress: { address: METTE } },
      toRecipients: [{ emailAddress: { address: 'frannis@contoso.com' } }],
      ccRecipients: [{ emailAddress: { address: DPA } }],
    });
    const outbox = ((await (await t.dev('/outbox')).json()) as Page).value;
    expect(outbox.slice(outboxBefore)).toEqual([
      expect.objectContaining({
        from: METTE,
        to: ['frannis@contoso.com'],
        subject: 'Meet for lunch?',
        internetMessageId: delivered!.internetMessageId,
      }),
    ]);
    expect(await bySubject(METTE, 'sentitems', 'Meet for lunch?')).toEqual([]);
    expect(await bySubject(METTE, 'drafts', 'Meet for lunch?')).toEqual([]);
  });

  it('saves to Sent Items by default, and not with saveToSentItems: false', async () => {
    const message = (subject: string) => ({
      subject,
      body: { contentType: 'Text', content: 'Hej' },
      toRecipients: [{ emailAddress: { address: DPA } }],
    });
    expect((await send(`/users/${METTE}/sendMail`, 'POST', { message: message('Gemmes i Sendt post') })).status).toBe(202);
    expect(await bySubject(METTE, 'sentitems', 'Gemmes i Sendt post')).toHaveLength(1);
    expect((await send(`/users/${METTE}/sendMail`, 'POST', { message: message('Gemmes ikke'), saveToSentItems: false })).status).toBe(202);
    expect(await bySubject(METTE, 'sentitems', 'Gemmes ikke')).toEqual([]);
    expect(await bySubject(DPA, 'inbox', 'Gemmes ikke')).toHaveLength(1);
  });

  it('takes the documented examples with a file attachment and custom internet message headers', async () => {
    const withAttachment = structuredClone(examples.find((e) => e.name === 'with file attachment')!.request.body);
    withAttachment.message.toRecipients = [{ emailAddress: { address: 'support@itguy.dk' } }];
    expect((await send(`/users/${METTE}/sendMail`, 'POST', withAttachment)).status).toBe(202);
    const [delivered] = await bySubject('support@itguy.dk', 'inbox', 'Meet for lunch?');
    expect(delivered!.hasAttachments).toBe(true);
    const attachments = ((await t.graph.api(`/users/support@itguy.dk/messages/${delivered!.id}/attachments`).get()) as Page).value;
    expect(attachments).toEqual([
      expect.objectContaining({ name: 'attachment.txt', contentType: 'text/plain', size: 12, contentBytes: 'SGVsbG8gV29ybGQh' }),
    ]);

    const withHeaders = structuredClone(examples.find((e) => e.name === 'with internetMessageHeaders')!.request.body);
    withHeaders.message.toRecipients = [{ emailAddress: { address: 'support@itguy.dk' } }];
    expect((await send(`/users/${METTE}/sendMail`, 'POST', withHeaders)).status).toBe(202);
    const [concert] = await bySubject('support@itguy.dk', 'inbox', '9/9/2018: concert');
    const headers = ((await t.graph.api(`/users/support@itguy.dk/messages/${concert!.id}`).select('internetMessageHeaders').get()) as Json)
      .internetMessageHeaders;
    expect(headers).toEqual(
      expect.arrayContaining([
        { name: 'x-custom-header-group-name', value: 'Nevada' },
        { name: 'x-custom-header-group-id', value: 'NV001' },
      ]),
    );
    withHeaders.message.internetMessageHeaders = [{ name: 'Subject', value: 'forged' }];
    await expectGraphError(await send(`/users/${METTE}/sendMail`, 'POST', withHeaders), 400, 'InvalidInternetMessageHeader');
  });

  it('sends base64 MIME with Content-Type: text/plain (documented), and refuses bad base64 with the documented error', async () => {
    const source = eml({
      from: 'Nogen Andre <spoof@example.com>',
      to: `Databeskyttelse <${DPA}>`,
      subject: 'Sendt som MIME',
      body: 'Hej fra MIME',
      id: 'mime-send-1',
    });
    const res = await t.raw(`/users/${METTE}/sendMail`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: Buffer.from(source).toString('base64'),
    });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    const [delivered] = await bySubject(DPA, 'inbox', 'Sendt som MIME');
    expect(delivered).toMatchObject({
      internetMessageId: '<mime-send-1@example.net>',
      from: { emailAddress: { address: METTE } },
      bodyPreview: 'Hej fra MIME',
    });
    const [copy] = await bySubject(METTE, 'sentitems', 'Sendt som MIME');
    expect(await (await t.raw(`/users/${METTE}/messages/${copy!.id}/$value`)).text()).toBe(source);
    const documented = (sendMailDoc.errors as { status: number; body: GraphErrorBody }[])[0]!;
    const bad = await t.raw(`/users/${METTE}/sendMail`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'this is not base64!',
    });
    await expectGraphError(bad, documented.status, documented.body.error.code, documented.body.error.message);
  });

  it('never shows Bcc recipients to the people who receive the mail', async () => {
    const res = await send(`/users/${METTE}/sendMail`, 'POST', {
      message: {
        subject: 'Skjult kopi',
        body: { content: 'Hej' },
        toRecipients: [{ emailAddress: { address: DPA } }],
        bccRecipients: [{ emailAddress: { address: 'support@itguy.dk' } }],
      },
    });
    expect(res.status).toBe(202);
    const [toCopy] = await bySubject(DPA, 'inbox', 'Skjult kopi');
    const [bccCopy] = await bySubject('support@itguy.dk', 'inbox', 'Skjult kopi');
    expect(toCopy!.bccRecipients).toEqual([]);
    expect(bccCopy!.bccRecipients).toEqual([]);
    const [sentCopy] = await bySubject(METTE, 'sentitems', 'Skjult kopi');
    expect(sentCopy!.bccRecipients).toEqual([{ emailAddress: { name: 'support@itguy.dk', address: 'support@itguy.dk' } }]);
  });

  it('answers bad JSON, a missing message and no recipients with 400', async () => {
    await expectGraphError(
      await send(`/users/${METTE}/sendMail`, 'POST', '{"message": {'),
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
    await expectGraphError(await send(`/users/${METTE}/sendMail`, 'POST', { saveToSentItems: true }), 400, 'ErrorInvalidParameter');
    await expectGraphError(
      await send(`/users/${METTE}/sendMail`, 'POST', { message: { subject: 'Til ingen', body: { content: 'x' } } }),
      400,
      'ErrorInvalidRecipients',
    );
    await expectGraphError(
      await send(`/users/${METTE}/sendMail`, 'POST', { message: { subject: 'Til ingen', toRecipients: [] } }),
      400,
      'ErrorInvalidRecipients',
    );
    await expectGraphError(
      await send(`/users/${METTE}/sendMail`, 'POST', {
        message: { subject: 'Ugyldig', toRecipients: [{ emailAddress: { address: 'not an address' } }] },
      }),
      400,
      'ErrorInvalidRecipients',
    );
    const error = (await t.graph
      .api(`/users/${METTE}/sendMail`)
      .post({ message: { subject: 'Til ingen' } })
      .catch((e: unknown) => e)) as GraphError;
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('ErrorInvalidRecipients');
    expect(await bySubject(METTE, 'drafts', 'Til ingen')).toEqual([]);
  });

  it('needs Mail.Send', async () => {
    const res = await readOnly.raw(`/users/${METTE}/sendMail`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(documented),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as GraphErrorBody).error.code).toBe('ErrorAccessDenied');
  });
});
