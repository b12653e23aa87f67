import type { GraphError } from '@microsoft/microsoft-graph-client';
import type { ItemBody } from '@microsoft/microsoft-graph-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedMessage } from 'm365-dev-tenant';
import { eml, smallSeed, startTestTenant, type TestTenant, walkPages } from '../helpers/dev-tenant.js';
import { MESSAGE_KEYS, expectGraphError, readDoc, type GraphErrorBody } from './graph-docs.js';

/**
 * Reading mail against the documented Graph contract (graph-docs/message-*.json, attachment-*.json): lists with
 * OData options, KQL $search, immutable ids, single messages, MIME and attachments, 401/403. Read-only tests
 * use mette@'s seeded mailbox; tests that deliver or move mail use support@ and dpa@ so counts stay fixed.
 */

/** A Graph resource as JSON; a test casts the fields it reads deeper into. */
type Json = Record<string, unknown>;
interface Page {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: Json[];
}

const METTE = 'mette@itguy.dk';
const INBOX = `/users/${METTE}/mailFolders/inbox/messages`;
const ALL = `/users/${METTE}/messages`;
const DOC_BASE = 'https://graph.microsoft.com/v1.0';
const getDoc = readDoc('message-get.json');
const listDoc = readDoc('message-list.json');
const searchDoc = readDoc('message-search.json');
const mimeDoc = readDoc('message-get-mime.json');
const attachmentListDoc = readDoc('attachment-list.json');
const attachmentGetDoc = readDoc('attachment-get.json');

const ANNA = 'Anna Kunde <anna@kunde.example>';
function seeded(
  folder: SeedMessage['folder'],
  receivedAgo: SeedMessage['receivedAgo'],
  o: { from: string; to: string; subject: string; body: string; cc?: string },
  extra: Partial<SeedMessage> = {},
): SeedMessage {
  return { mailbox: METTE, folder, receivedAgo, eml: eml({ ...o, ...(o.cc ? { extraHeaders: `Cc: ${o.cc}` } : {}) }), ...extra };
}
const INBOX_SUBJECTS = [
  'Tilbud på servicetjek',
  'Indsigtsanmodning efter GDPR',
  'Æbleskiver til julefrokosten',
  'Faktura 1234',
  'Databehandleraftale',
  ...Array.from({ length: 20 }, (_, i) => `Nyhedsbrev uge ${i + 6}`),
];
const messages: SeedMessage[] = [
  seeded(
    'inbox',
    { days: 1 },
    {
      from: ANNA,
      to: METTE,
      subject: INBOX_SUBJECTS[0]!,
      body: 'Hej Mette, her er vores tilbud på årligt servicetjek. Faktura følger efter besøget. Mvh Anna',
    },
  ),
  seeded(
    'inbox',
    { days: 2 },
    {
      from: 'Bo Hansen <bo@example.com>',
      to: METTE,
      cc: 'Databeskyttelse <dpa@itguy.dk>',
      subject: INBOX_SUBJECTS[1]!,
      body: 'Jeg ønsker indsigt i de oplysninger, I har om mig. Venlig hilsen Bo Hansen',
    },
    { isRead: true, categories: ['GDPR'] },
  ),
  seeded(
    'inbox',
    { days: 3 },
    {
      from: 'Søren Ørsted <soren@orsted.example>',
      to: METTE,
      subject: INBOX_SUBJECTS[2]!,
      body: 'Vi medbringer æbleskiver og gløgg til alle. Hilsen Søren',
    },
  ),
  seeded(
    'inbox',
    { days: 4 },
    { from: ANNA, to: METTE, subject: INBOX_SUBJECTS[3]!, body: 'Vedhæftet faktura for oktober måned.' },
    { isRead: true },
  ),
  seeded(
    'inbox',
    { days: 5 },
    {
      from: 'Lone Lund <lone@leverandor.example>',
      to: `Mette Ravn <${METTE}>, Databeskyttelse <dpa@itguy.dk>`,
      subject: INBOX_SUBJECTS[4]!,
      body: 'Underskrevet databehandleraftale vedlagt.',
    },
  ),
  ...Array.from({ length: 20 }, (_, i) =>
    seeded(
      'inbox',
      { days: i + 6 },
      { from: 'Nyhedsbrev <news@nyheder.example>', to: METTE, subject: INBOX_SUBJECTS[i + 5]!, body: 'Ugens nyheder fra branchen.' },
    ),
  ),
  seeded(
    'sentitems',
    { days: 0, hours: 12 },
    { from: `Mette Ravn <${METTE}>`, to: ANNA, subject: 'SV: Tilbud på servicetjek', body: 'Tak Anna, det lyder godt.' },
  ),
  seeded(
    'archive',
    { days: 30 },
    { from: 'Bo Hansen <bo@example.com>', to: METTE, subject: 'Gammel sag', body: 'Arkiveret korrespondance.' },
  ),
];

let t: TestTenant;
let limited: TestTenant;
let big: TestTenant;
beforeAll(async () => {
  [t, limited, big] = await Promise.all([
    startTestTenant({ seed: smallSeed({ messages }) }),
    startTestTenant({ seed: smallSeed({ messages: messages.slice(0, 1) }), app: { roles: ['User.Read.All'] } }),
    startTestTenant({ seed: 'empty' }),
  ]);
});
afterAll(async () => {
  await Promise.all([t?.close(), limited?.close(), big?.close()]);
});

const context = (fragment: string) => `${t.tenant.graphBaseUrl}/$metadata#${fragment}`;
const subjects = (items: Json[]) => items.map((m) => m.subject as string);
const get = async (path: string, init: RequestInit = {}) => t.raw(path, init);

async function json<T = Json>(res: Response, status = 200): Promise<T> {
  expect(res.status).toBe(status);
  return (await res.json()) as T;
}

const walk = (tenant: TestTenant, first: string, headers: Record<string, string> = {}) => walkPages<Page>(tenant, first, headers);

/** A message's keys minus the optional conversationIndex, which older docs do not show. */
const documentedKeys = (m: Json) => Object.keys(m).filter((k) => k !== 'conversationIndex');

async function deliver(
  tenant: TestTenant,
  upn: string,
  source: string,
  folder?: string,
): Promise<{ id: string; immutableId: string; internetMessageId: string }> {
  const res = await tenant.dev(`/mailboxes/${upn}/deliver${folder ? `?folder=${folder}` : ''}`, {
    method: 'POST',
    headers: { 'Content-Type': 'message/rfc822' },
    body: source,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; immutableId: string; internetMessageId: string };
}

describe('listing messages', () => {
  it('pages the inbox 10 at a time with $skip nextLinks, newest first, each message exactly once', async () => {
    const pages = await walk(t, INBOX);
    expect(pages.map((p) => p.value.length)).toEqual([10, 10, 5]);
    expect(pages[0]!['@odata.nextLink']).toBe(`${t.tenant.graphBaseUrl}${INBOX}?$skip=10`);
    expect(pages[1]!['@odata.nextLink']).toBe(`${t.tenant.graphBaseUrl}${INBOX}?$skip=20`);
    expect(pages[2]).not.toHaveProperty('@odata.nextLink');
    for (const page of pages) expect(page['@odata.context']).toBe(context(`users('mette%40itguy.dk')/mailFolders('inbox')/messages`));
    const all = pages.flatMap((p) => p.value);
    expect(subjects(all)).toEqual(INBOX_SUBJECTS);
    expect(new Set(all.map((m) => m.id)).size).toBe(25);
    for (const m of all) {
      expect(documentedKeys(m)).toEqual(MESSAGE_KEYS);
      expect(m['@odata.etag']).toBe(`W/"${m.changeKey}"`);
    }
    const received = all.map((m) => m.receivedDateTime as string);
    expect([...received].sort().reverse()).toEqual(received);
  });

  it('lists every folder under /messages, with the documented context form', async () => {
    const pages = await walk(t, ALL);
    expect(pages.map((p) => p.value.length)).toEqual([10, 10, 7]);
    expect(pages[0]!['@odata.context']).toBe(context(`users('mette%40itguy.dk')/messages`));
    const documented = String((listDoc.response.body as Page)['@odata.context']);
    expect(documented.replace(DOC_BASE, '')).toMatch(/^\/\$metadata#users\('[^']+'\)\/messages\(sender,subject\)$/);
    expect(subjects(pages.flatMap((p) => p.value))).toEqual(
      expect.arrayContaining(['SV: Tilbud på servicetjek', 'Gammel sag', ...INBOX_SUBJECTS]),
    );
  });

  it('uses $top as the page size and keeps it in the nextLink', async () => {
    const pages = await walk(t, `${INBOX}?$top=4`);
    expect(pages.map((p) => p.value.length)).toEqual([4, 4, 4, 4, 4, 4, 1]);
    expect(pages[0]!['@odata.nextLink']).toBe(`${t.tenant.graphBaseUrl}${INBOX}?$top=4&$skip=4`);
    expect(subjects(pages.flatMap((p) => p.value))).toEqual(INBOX_SUBJECTS);
    await expectGraphError(await get(`${INBOX}?$top=0`), 400, 'ErrorInvalidParameter');
    await expectGraphError(await get(`${INBOX}?$top=1001`), 400, 'ErrorInvalidParameter');
  });

  it('honours Prefer: odata.maxpagesize and says so in Preference-Applied', async () => {
    const res = await get(INBOX, { headers: { Prefer: 'odata.maxpagesize=6' } });
    expect(res.headers.get('preference-applied')).toBe('odata.maxpagesize=6');
    const first = await json<Page>(res);
    expect(first.value).toHaveLength(6);
    const pages = await walk(t, first['@odata.nextLink']!, { Prefer: 'odata.maxpagesize=6' });
    expect(pages.map((p) => p.value.length)).toEqual([6, 6, 6, 1]);
    expect(subjects([...first.value, ...pages.flatMap((p) => p.value)])).toEqual(INBOX_SUBJECTS);
    // Without the preference there is no Preference-Applied header; a page size of 0 is not honoured.
    expect((await get(INBOX)).headers.get('preference-applied')).toBeNull();
    const zero = await get(INBOX, { headers: { Prefer: 'odata.maxpagesize=0' } });
    expect(zero.headers.get('preference-applied')).toBeNull();
    expect((await json<Page>(zero)).value).toHaveLength(10);
  });

  it('returns only the selected properties plus id and @odata.etag, and lists them in the context', async () => {
    const page = (await t.graph.api(INBOX).select(['sender', 'subject']).top(3).get()) as Page;
    expect(page['@odata.context']).toBe(context(`users('mette%40itguy.dk')/mailFolders('inbox')/messages(sender,subject)`));
    const documentedItem = (listDoc.response.body as Page).value[0]!;
    for (const m of page.value) expect(Object.keys(m).sort()).toEqual(Object.keys(documentedItem).sort());
    expect(page.value[0]).toMatchObject({
      subject: INBOX_SUBJECTS[0],
      sender: { emailAddress: { name: 'Anna Kunde', address: 'anna@kunde.example' } },
    });
    await expectGraphError(await get(`${INBOX}?$select=subject,shoeSize`), 400, 'RequestBroker--ParseUri');
  });

  it('filters on receivedDateTime (ge, gt), isRead, subject and from/emailAddress/address', async () => {
    const all = ((await t.graph.api(INBOX).top(25).get()) as Page).value;
    const at = (subject: string) => all.find((m) => m.subject === subject)!.receivedDateTime as string;
    const filter = async (expr: string) => subjects(((await t.graph.api(INBOX).filter(expr).top(50).get()) as Page).value);
    expect(await filter(`receivedDateTime ge ${at(INBOX_SUBJECTS[2]!)}`)).toEqual(INBOX_SUBJECTS.slice(0, 3));
    expect(await filter(`receivedDateTime gt ${at(INBOX_SUBJECTS[1]!)}`)).toEqual(INBOX_SUBJECTS.slice(0, 1));
    expect(await filter('isRead eq true')).toEqual(['Indsigtsanmodning efter GDPR', 'Faktura 1234']);
    expect(await filter("subject eq 'faktura 1234'")).toEqual(['Faktura 1234']);
    expect(await filter("from/emailAddress/address eq 'anna@kunde.example'")).toEqual(['Tilbud på servicetjek', 'Faktura 1234']);
    expect(await filter("categories/any(c:c eq 'GDPR')")).toEqual(['Indsigtsanmodning efter GDPR']);
    expect(await filter("isRead eq false and from/emailAddress/address eq 'anna@kunde.example'")).toEqual(['Tilbud på servicetjek']);
    await expectGraphError(await get(`${INBOX}?$filter=${encodeURIComponent('subject eq')}`), 400, 'BadRequest');
  });

  it('filters on conversationId, a folder at a time, as a lookup of drafts by conversation does', async () => {
    const all = ((await t.graph.api(ALL).top(100).get()) as Page).value;
    const conversations = [...new Set(all.map((m) => m.conversationId as string))];
    expect(conversations.length).toBeGreaterThan(1);
    const inboxId = ((await t.graph.api(`/users/${METTE}/mailFolders/inbox`).get()) as Json).id;
    for (const c of conversations) {
      const expected = all.filter((m) => m.conversationId === c);
      const found = ((await t.graph.api(ALL).filter(`conversationId eq '${c}'`).top(100).get()) as Page).value;
      // The same messages, whole (every documented property), newest first.
      expect(found).toEqual(expected);
      const inbox = ((await t.graph.api(INBOX).filter(`conversationId eq '${c}'`).top(100).get()) as Page).value;
      expect(inbox.map((m) => m.id)).toEqual(expected.filter((m) => m.parentFolderId === inboxId).map((m) => m.id));
    }
    // A property the view does not copy (bodyPreview) is read from the rendered message.
    const first = all[0]!;
    const byPreview = (
      (await t.graph
        .api(ALL)
        .filter(`bodyPreview eq '${String(first.bodyPreview).replace(/'/g, "''")}'`)
        .top(100)
        .get()) as Page
    ).value;
    expect(byPreview.map((m) => m.id)).toContain(first.id);
  });

  it("sorts with $orderby receivedDateTime asc/desc and applies Exchange's $filter + $orderby rule", async () => {
    const asc = ((await t.graph.api(INBOX).orderby('receivedDateTime asc').top(25).get()) as Page).value;
    expect(subjects(asc)).toEqual([...INBOX_SUBJECTS].reverse());
    const desc = ((await t.graph.api(INBOX).orderby('receivedDateTime desc').top(25).get()) as Page).value;
    expect(subjects(desc)).toEqual(INBOX_SUBJECTS);
    const since = asc[20]!.receivedDateTime as string; // the 5th newest
    const ok = (await t.graph
      .api(INBOX)
      .filter(`receivedDateTime ge ${since} and isRead eq false`)
      .orderby('receivedDateTime asc')
      .get()) as Page;
    expect(subjects(ok.value)).toEqual(['Databehandleraftale', 'Æbleskiver til julefrokosten', 'Tilbud på servicetjek']);
    const documented = (listDoc.errors as { body: GraphErrorBody }[])[0]!.body.error;
    await expectGraphError(
      await get(`${INBOX}?$filter=${encodeURIComponent('isRead eq false')}&$orderby=receivedDateTime desc`),
      400,
      documented.code,
      documented.message,
    );
    await expectGraphError(
      await get(
        `${INBOX}?$filter=${encodeURIComponent(`isRead eq false and receivedDateTime ge ${since}`)}&$orderby=receivedDateTime desc`,
      ),
      400,
      'InefficientFilter',
    );
  });

  it('adds @odata.count with $count=true', async () => {
    const page = (await t.graph.api(INBOX).count(true).get()) as Page;
    expect(page['@odata.count']).toBe(25);
    expect(page.value).toHaveLength(10);
    const filtered = (await t.graph.api(INBOX).count(true).filter('isRead eq true').get()) as Page;
    expect(filtered['@odata.count']).toBe(2);
    expect((await t.graph.api(INBOX).get()) as Page).not.toHaveProperty('@odata.count');
  });
});

describe('$search', () => {
  const search = async (query: string, path = ALL) => subjects(((await t.graph.api(path).search(query).top(100).get()) as Page).value);

  it('finds free terms (word prefixes) in subject, body and sender, newest first, as a normal message collection', async () => {
    const page = (await t.graph.api(ALL).search('"faktura"').get()) as Page;
    expect(page['@odata.context']).toBe(context(`users('mette%40itguy.dk')/messages`));
    expect(String((searchDoc.response.body as Page)['@odata.context'])).toMatch(/#users\('[^']+'\)\/messages$/);
    expect(subjects(page.value)).toEqual(['Tilbud på servicetjek', 'Faktura 1234']);
    expect(await search('"faktu"')).toEqual(['Tilbud på servicetjek', 'Faktura 1234']);
    // Sender name (Anna Kunde) or body ("Tak Anna"), never recipients: Mette's reply is found by its body.
    expect(await search('"anna"')).toEqual(['SV: Tilbud på servicetjek', 'Tilbud på servicetjek', 'Faktura 1234']);
    expect(await search('"mette"', INBOX)).toEqual(['Tilbud på servicetjek']); // "Hej Mette"; being a recipient is not enough
    expect(await search('"servicetjek"')).toEqual(['SV: Tilbud på servicetjek', 'Tilbud på servicetjek']);
    expect(await search('"servicetjek"', INBOX)).toEqual(['Tilbud på servicetjek']);
  });

  it('matches a quoted phrase only as consecutive words', async () => {
    expect(await search('"\\"årligt servicetjek\\""')).toEqual(['Tilbud på servicetjek']);
    expect(await search('"\\"servicetjek årligt\\""')).toEqual([]);
    expect(await search('"servicetjek årligt"')).toEqual(['Tilbud på servicetjek']); // two free terms
  });

  it('restricts to from:, to:, participants:, subject: and body:', async () => {
    expect(await search('"from:anna@kunde.example"')).toEqual(['Tilbud på servicetjek', 'Faktura 1234']);
    expect(await search('"to:dpa@itguy.dk"')).toEqual(['Databehandleraftale']);
    expect(await search('"participants:dpa@itguy.dk"')).toEqual(['Indsigtsanmodning efter GDPR', 'Databehandleraftale']);
    expect(await search('"to:anna@kunde.example"')).toEqual(['SV: Tilbud på servicetjek']);
    expect(await search('"subject:faktura"')).toEqual(['Faktura 1234']);
    expect(await search('"body:faktura"')).toEqual(['Tilbud på servicetjek', 'Faktura 1234']);
    expect(await search('"subject:servicetjek"')).toEqual(['SV: Tilbud på servicetjek', 'Tilbud på servicetjek']);
  });

  it('combines with AND and OR', async () => {
    expect(await search('"faktura AND tilbud"')).toEqual(['Tilbud på servicetjek']);
    expect(await search('"æbleskiver OR indsigtsanmodning"')).toEqual(['Indsigtsanmodning efter GDPR', 'Æbleskiver til julefrokosten']);
    expect(await search('"from:anna@kunde.example AND subject:faktura"')).toEqual(['Faktura 1234']);
    expect(await search('"subject:faktura OR subject:gammel"')).toEqual(['Faktura 1234', 'Gammel sag']);
  });

  it('handles Danish letters (æ, ø, å) in any case, in subject, body and sender name', async () => {
    expect(await search('"æbleskiver"')).toEqual(['Æbleskiver til julefrokosten']);
    expect(await search('"ÆBLESKIVER"')).toEqual(['Æbleskiver til julefrokosten']);
    expect(await search('"gløgg"')).toEqual(['Æbleskiver til julefrokosten']);
    expect(await search('"ørsted"')).toEqual(['Æbleskiver til julefrokosten']);
    expect(await search('"Søren"')).toEqual(['Æbleskiver til julefrokosten']);
    expect(await search('"måned"')).toEqual(['Faktura 1234']);
    expect(await search('"blåbær"')).toEqual([]);
  });

  it('sorts by the time the message was sent, not received', async () => {
    const now = Date.now();
    // The one sent first arrives last.
    await deliver(
      t,
      'support@itguy.dk',
      eml({
        from: ANNA,
        to: 'support@itguy.dk',
        subject: 'Rækkefølge nyere',
        body: 'rækkefølge',
        date: new Date(now - 3_600_000).toUTCString(),
      }),
    );
    await t.dev('/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 60_000 }) });
    await deliver(
      t,
      'support@itguy.dk',
      eml({
        from: ANNA,
        to: 'support@itguy.dk',
        subject: 'Rækkefølge ældre',
        body: 'rækkefølge',
        date: new Date(now - 5 * 3_600_000).toUTCString(),
      }),
    );
    const inbox = '/users/support@itguy.dk/mailFolders/inbox/messages';
    expect(await search('"rækkefølge"', inbox)).toEqual(['Rækkefølge nyere', 'Rækkefølge ældre']);
    expect(subjects(((await t.graph.api(inbox).filter("startswith(subject,'Rækkefølge')").get()) as Page).value)).toEqual([
      'Rækkefølge ældre',
      'Rækkefølge nyere',
    ]);
  });

  it('refuses $filter and $orderby next to $search with the observed errors', async () => {
    const [withFilter, withOrderBy] = (searchDoc.errors as { status: number; body: GraphErrorBody }[]).map((e) => ({
      status: e.status,
      ...e.body.error,
    }));
    await expectGraphError(
      await get(`${ALL}?$search="faktura"&$filter=isRead eq true`),
      withFilter!.status,
      withFilter!.code,
      withFilter!.message,
    );
    await expectGraphError(
      await get(`${ALL}?$search="faktura"&$orderby=receivedDateTime desc`),
      withOrderBy!.status,
      withOrderBy!.code,
      withOrderBy!.message,
    );
  });

  it('returns at most 1,000 results, the most recently sent ones, over $skiptoken pages', async () => {
    const generated = await big.dev('/tenant/generate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ users: 1, messagesPerUser: 1100, seed: 7 }),
    });
    expect(await generated.json()).toMatchObject({ users: 1, messages: 1100 });
    const [user] = ((await big.graph.api('/users').get()) as Page).value;
    const everything = (await walk(big, `/users/${user!.userPrincipalName}/messages?$top=1000&$select=sentDateTime`)).flatMap(
      (p) => p.value,
    );
    expect(everything).toHaveLength(1100);
    // Every generated body ends with the owner's name, so this term matches all 1,100.
    const pages = await walk(
      big,
      `/users/${user!.userPrincipalName}/messages?$search="${String(user!.surname).toLowerCase()}"&$top=400&$select=sentDateTime`,
    );
    expect(pages.map((p) => p.value.length)).toEqual([400, 400, 200]);
    expect(pages[0]!['@odata.nextLink']).toMatch(/\$skiptoken=/);
    expect(pages[0]!['@odata.nextLink']).not.toMatch(/\$skip=/);
    const found = pages.flatMap((p) => p.value);
    const newest = [...everything].sort((a, b) => String(b.sentDateTime).localeCompare(String(a.sentDateTime))).slice(0, 1000);
    expect(found.map((m) => m.id)).toEqual(newest.map((m) => m.id));
  });
});

describe('immutable ids', () => {
  it('returns immutable ids with Prefer: IdType="ImmutableId" and echoes it in Preference-Applied', async () => {
    const rest = await json<Page>(await get(`${INBOX}?$top=5&$select=subject`));
    const res = await get(`${INBOX}?$top=5&$select=subject`, { headers: { Prefer: 'IdType="ImmutableId"' } });
    expect(res.headers.get('preference-applied')).toBe('IdType="ImmutableId"');
    const immutable = await json<Page>(res);
    expect(subjects(immutable.value)).toEqual(subjects(rest.value));
    for (const [i, m] of immutable.value.entries()) expect(m.id).not.toBe(rest.value[i]!.id);
    // Either id finds the message; the preference decides which one comes back.
    const byImmutable = await json(await get(`/users/${METTE}/messages/${immutable.value[0]!.id}`));
    expect(byImmutable.id).toBe(rest.value[0]!.id);
    const both = await get(`${INBOX}?$top=2`, { headers: { Prefer: 'IdType="ImmutableId", odata.maxpagesize=1' } });
    expect(both.headers.get('preference-applied')).toBe('IdType="ImmutableId", odata.maxpagesize=1');
    expect((await json<Page>(both)).value.map((m) => m.id)).toEqual([immutable.value[0]!.id]);
  });

  it('keeps the immutable id when a message moves, while the REST id changes', async () => {
    const delivered = await deliver(
      t,
      'dpa@itguy.dk',
      eml({ from: ANNA, to: 'dpa@itguy.dk', subject: 'Flyttes til arkiv', body: 'flyt mig' }),
    );
    const archive = (await t.graph.api('/users/dpa@itguy.dk/mailFolders/archive').get()) as Json;
    const res = await t.raw(`/users/dpa@itguy.dk/messages/${delivered.id}/move`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ destinationId: 'archive' }),
    });
    const moved = await json(res, 201);
    expect(moved.id).not.toBe(delivered.id);
    expect(moved.parentFolderId).toBe(archive.id);
    expect(moved['@odata.context']).toBe(context(`users('dpa%40itguy.dk')/messages/$entity`));
    await expectGraphError(
      await get(`/users/dpa@itguy.dk/messages/${delivered.id}`),
      404,
      'ErrorItemNotFound',
      'The specified object was not found in the store.',
    );
    const viaImmutable = await get(`/users/dpa@itguy.dk/messages/${delivered.immutableId}`, {
      headers: { Prefer: 'IdType="ImmutableId"' },
    });
    expect(viaImmutable.headers.get('preference-applied')).toBe('IdType="ImmutableId"');
    expect(await json(viaImmutable)).toMatchObject({ id: delivered.immutableId, subject: 'Flyttes til arkiv', parentFolderId: archive.id });
    // Moving back again, asking for immutable ids: still the same one.
    const back = (await t.graph
      .api(`/users/dpa@itguy.dk/messages/${delivered.immutableId}/move`)
      .header('Prefer', 'IdType="ImmutableId"')
      .post({ destinationId: 'inbox' })) as Json;
    expect(back.id).toBe(delivered.immutableId);
    const inboxIds = ((await t.graph.api('/users/dpa@itguy.dk/mailFolders/inbox/messages').get()) as Page).value.map((m) => m.id);
    expect(inboxIds).not.toContain(moved.id);
  });
});

describe('GET one message', () => {
  let first: Json;
  beforeAll(async () => {
    first = ((await t.graph.api(INBOX).top(1).get()) as Page).value[0]!;
  });

  it('returns the documented properties and entity context', async () => {
    const res = await get(`/users/${METTE}/messages/${first.id}`);
    expect(res.headers.get('content-type')).toBe(
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    );
    const m = await json(res);
    expect(m['@odata.context']).toBe(context(`users('mette%40itguy.dk')/messages/$entity`));
    expect(documentedKeys(m)).toEqual(['@odata.context', ...MESSAGE_KEYS]);
    expect(m).toMatchObject({
      id: first.id,
      subject: 'Tilbud på servicetjek',
      isRead: false,
      isDraft: false,
      hasAttachments: false,
      importance: 'normal',
      body: { contentType: 'text' },
      from: { emailAddress: { name: 'Anna Kunde', address: 'anna@kunde.example' } },
      toRecipients: [{ emailAddress: { address: METTE } }],
      flag: { flagStatus: 'notFlagged' },
    });
    expect(m.bodyPreview).toBe('Hej Mette, her er vores tilbud på årligt servicetjek. Faktura følger efter besøget. Mvh Anna');
    expect(m).not.toHaveProperty('internetMessageHeaders');
    // Through a folder too.
    expect(((await t.graph.api(`${INBOX}/${first.id}`).get()) as Json).id).toBe(first.id);
  });

  it('supports $select, including internetMessageHeaders', async () => {
    const m = (await t.graph.api(`/users/${METTE}/messages/${first.id}`).select(['subject', 'internetMessageHeaders']).get()) as Json;
    expect(m['@odata.context']).toBe(context(`users('mette%40itguy.dk')/messages(subject,internetMessageHeaders)/$entity`));
    const documented = (getDoc.examples as { response: { body: Json } }[])[0]!.response.body;
    expect(Object.keys(m).sort()).toEqual([...Object.keys(documented), 'subject'].sort());
    const headers = m.internetMessageHeaders as { name: string; value: string }[];
    expect(headers.find((h) => h.name === 'Subject')?.value).toBeTruthy();
    expect(headers.find((h) => h.name === 'From')?.value).toBe(ANNA);
    expect(headers.find((h) => h.name === 'MIME-Version')?.value).toBe('1.0');
  });

  it('answers an unknown id with 404 ErrorItemNotFound and a malformed one with 400 ErrorInvalidIdMalformed', async () => {
    await expectGraphError(
      await get(`/users/${METTE}/messages/AAMkAGI2${'A'.repeat(68)}`),
      404,
      'ErrorItemNotFound',
      'The specified object was not found in the store.',
    );
    await expectGraphError(await get(`/users/${METTE}/messages/not-an-id`), 400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
    // A message of another mailbox is not found in this one.
    await expectGraphError(await get(`/users/dpa@itguy.dk/messages/${first.id}`), 404, 'ErrorItemNotFound');
    // Nor through the wrong folder.
    await expectGraphError(await get(`/users/${METTE}/mailFolders/archive/messages/${first.id}`), 404, 'ErrorItemNotFound');
    const error = (await t.graph
      .api(`/users/${METTE}/messages/not-an-id`)
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('ErrorInvalidIdMalformed');
  });
});

describe('MIME and attachments', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 700 }, (_, i) => (i * 37 + 11) % 256))]);
  const source = [
    'From: =?utf-8?Q?S=C3=B8ren_=C3=98rsted?= <soren@orsted.example>',
    'To: Support <support@itguy.dk>',
    'Subject: =?utf-8?Q?Sp=C3=B8rgsm=C3=A5l_om_kontrakt?=',
    'Message-ID: <mime-contract-1@orsted.example>',
    `Date: ${new Date(Date.now() - 7_200_000).toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mixed-0001"',
    '',
    '--mixed-0001',
    'Content-Type: multipart/alternative; boundary="alt-0001"',
    '',
    '--alt-0001',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'K=C3=A6re Support, jeg har et sp=C3=B8rgsm=C3=A5l om kontrakten p=C3=A5 bl=C3=A5b=C3=A6r=',
    'kager.',
    '',
    '--alt-0001',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<html><body><p>K=C3=A6re Support, jeg har et <b>sp=C3=B8rgsm=C3=A5l</b> om kontrakten p=C3=A5 bl=C3=',
    '=A5b=C3=A6rkager.</p></body></html>',
    '',
    '--alt-0001--',
    '',
    '--mixed-0001',
    'Content-Type: application/pdf; name="kontrakt.pdf"',
    'Content-Disposition: attachment; filename="kontrakt.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    ...(pdf.toString('base64').match(/.{1,76}/g) ?? []),
    '',
    '--mixed-0001--',
    '',
  ].join('\r\n');
  let id: string;
  const base = () => `/users/support@itguy.dk/messages/${id}`;

  beforeAll(async () => {
    ({ id } = await deliver(t, 'support@itguy.dk', source));
  });

  it('parses the quoted-printable Danish text, the HTML part and the attachment', async () => {
    const m = (await t.graph.api(base()).get()) as Json & { body: ItemBody };
    expect(m.subject).toBe('Spørgsmål om kontrakt');
    expect(m.from).toEqual({ emailAddress: { name: 'Søren Ørsted', address: 'soren@orsted.example' } });
    expect(m.body.contentType).toBe('html');
    expect(m.body.content).toContain('<b>spørgsmål</b> om kontrakten på blåbærkager.');
    expect(m.bodyPreview).toBe('Kære Support, jeg har et spørgsmål om kontrakten på blåbærkager.');
    expect(m.hasAttachments).toBe(true);
    const text = await t.raw(base(), { headers: { Prefer: 'outlook.body-content-type="text"' } });
    expect(text.headers.get('preference-applied')).toBe('outlook.body-content-type="text"');
    expect((await json(text)).body).toEqual({
      contentType: 'text',
      content: 'Kære Support, jeg har et spørgsmål om kontrakten på blåbærkager.',
    });
    expect(subjects(((await t.graph.api('/users/support@itguy.dk/messages').search('"blåbærkager"').get()) as Page).value)).toEqual([
      'Spørgsmål om kontrakt',
    ]);
  });

  it('returns the original MIME from /$value as text/plain', async () => {
    const res = await t.raw(`${base()}/$value`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(mimeDoc.response.headers!['Content-type']);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(source, 'utf8'))).toBe(true);
    // Through a folder as well.
    expect(await (await t.raw(`/users/support@itguy.dk/mailFolders/inbox/messages/${id}/$value`)).text()).toBe(source);
  });

  it('lists the attachments with the documented fileAttachment properties', async () => {
    const res = await t.raw(`${base()}/attachments`);
    const page = await json<Page>(res);
    expect(page['@odata.context']).toBe(context(`users('support%40itguy.dk')/messages('${encodeURIComponent(id)}')/attachments`));
    expect(page.value).toHaveLength(1);
    const [a] = page.value;
    const documented = Object.keys((attachmentListDoc.response.body as Page).value[0]!);
    // @odata.mediaContentType is an annotation real responses add; the documented properties must all be there.
    expect(
      Object.keys(a!)
        .filter((k) => k !== '@odata.mediaContentType')
        .sort(),
    ).toEqual(documented.sort());
    expect(a).toMatchObject({
      '@odata.type': '#microsoft.graph.fileAttachment',
      name: 'kontrakt.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      isInline: false,
      contentLocation: null,
    });
    expect(Buffer.from(a!.contentBytes as string, 'base64').equals(pdf)).toBe(true);
  });

  it('gets one attachment in the documented shape, and its raw bytes from /$value', async () => {
    const [listed] = ((await t.graph.api(`${base()}/attachments`).get()) as Page).value;
    const one = (await t.graph.api(`${base()}/attachments/${listed!.id}`).get()) as Json;
    const documented = attachmentGetDoc.response.body as Json;
    expect(Object.keys(one).filter((k) => k !== '@odata.mediaContentType')).toEqual(Object.keys(documented));
    expect(one['@odata.context']).toBe(context(`users('support%40itguy.dk')/messages('${encodeURIComponent(id)}')/attachments/$entity`));
    expect(one.contentBytes).toBe(pdf.toString('base64'));
    const raw = await t.raw(`${base()}/attachments/${listed!.id}/$value`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await raw.arrayBuffer()).equals(pdf)).toBe(true);
    await expectGraphError(await t.raw(`${base()}/attachments/AAMkAGI2AttIdbm9wZS1ub3BlLW5vcGU=`), 404, 'ErrorItemNotFound');
  });
});

describe('authentication and permissions', () => {
  it('answers a request without a token with 401 InvalidAuthenticationToken', async () => {
    const res = await t.raw(INBOX, { token: null });
    await expectGraphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
  });

  it('answers an app without mail permissions with 403 ErrorAccessDenied, while the directory still works', async () => {
    expect((await limited.raw('/users')).status).toBe(200);
    const documented = (readDoc('errors-common.json').examples as { name: string; body: GraphErrorBody }[]).find((e) =>
      e.name.startsWith('403 Outlook'),
    )!.body.error;
    await expectGraphError(await limited.raw(`/users/${METTE}/messages`), 403, documented.code, documented.message);
    await expectGraphError(await limited.raw(`/users/${METTE}/mailFolders/inbox/messages/delta`), 403, 'ErrorAccessDenied');
    const error = (await limited.graph
      .api(`/users/${METTE}/messages`)
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(error.statusCode).toBe(403);
  });
});
