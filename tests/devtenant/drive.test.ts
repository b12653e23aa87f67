import { randomBytes } from 'node:crypto';
import { ResponseType } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { expectGraphError, readDoc } from './graph-docs.js';

/** OneDrive against the documented contract: drive, items by id and path, children, content, search, uploads. */

const DPA_ID = '11111111-1111-4111-8111-111111111111';
const FRAGMENT = 320 * 1024;
// A PNG header with a word in it: binary files are not searched by content.
const PNG = Uint8Array.from([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0x00,
  0xff,
  ...Buffer.from('Nordlys'),
  0x00,
  0x01,
  0x02,
  0xfe,
]);
const KUNDELISTE = 'navn;email\nSøren Åberg;soren.aberg@example.net\n';

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({
    seed: smallSeed({
      files: [
        { owner: 'dpa@itguy.dk', path: 'Kunder/kundeliste.csv', modifiedAgo: { days: 3 }, content: KUNDELISTE },
        {
          owner: 'dpa@itguy.dk',
          path: 'Kunder/Kontrakter/databehandleraftale.txt',
          modifiedAgo: { days: 10 },
          content: 'Aftale med Nordlys Rengøring ApS om behandling af personoplysninger.',
        },
        { owner: 'dpa@itguy.dk', path: 'Notater.md', modifiedAgo: { days: 1 }, content: '# Møde\nIntet om kunder her.' },
        { owner: 'dpa@itguy.dk', path: 'logo.png', modifiedAgo: { days: 20 }, content: PNG },
        {
          owner: 'dpa@itguy.dk',
          path: 'scan.pdf',
          modifiedAgo: { days: 2 },
          content: '%PDF-1.4 binary',
          searchText: 'Pas for Søren Åberg',
        },
        { owner: 'mette@itguy.dk', path: 'Privat/nordlys.txt', modifiedAgo: { days: 1 }, content: 'Mettes fil om Nordlys' },
      ],
    }),
  });
});
afterAll(() => t?.close());

type Json = Record<string, unknown>;
/** A driveItem as JSON, with the facets the tests read into typed. */
interface Item extends Json {
  createdBy: { user: unknown };
  parentReference: { path?: string };
  file?: { mimeType: string };
  folder?: { childCount: number };
}
/** A page of driveItems. */
interface Page extends Json {
  value: Item[];
  '@odata.nextLink'?: string;
}
/** A drive as JSON. */
interface Drive extends Json {
  owner: { user: unknown };
  quota: { used: number; remaining: number; total: number; deleted: number };
}
const D = '/users/dpa@itguy.dk/drive';
const get = async <T extends Json = Item>(path: string): Promise<T> => {
  const res = await t.raw(path);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
};
const names = (items: Item[]) => items.map((i) => i.name as string).sort();

/** What the docs' notes list for every driveItem in a real response. */
const ITEM_PROPERTIES = [
  'id',
  'name',
  'size',
  'createdDateTime',
  'lastModifiedDateTime',
  'eTag',
  'cTag',
  'webUrl',
  'parentReference',
  'createdBy',
  'lastModifiedBy',
  'fileSystemInfo',
];

function expectDriveItem(item: Item) {
  for (const key of ITEM_PROPERTIES) expect(item, key).toHaveProperty(key);
  expect(item.eTag).toMatch(/^".+"$/);
  expect(item.cTag).toMatch(/^".+"$/);
  expect(item.createdBy.user).toMatchObject({ id: DPA_ID, displayName: 'Databeskyttelse' });
  expect(Boolean(item.file) !== Boolean(item.folder)).toBe(true);
  if (item.file) {
    expect(item.file.mimeType).toEqual(expect.any(String));
    expect(item['@microsoft.graph.downloadUrl']).toMatch(/^https:\/\//);
  } else {
    expect(item.folder!.childCount).toEqual(expect.any(Number));
    expect(item).not.toHaveProperty('@microsoft.graph.downloadUrl');
  }
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('GET /users/{id}/drive', () => {
  it('returns the drive with the documented properties', async () => {
    const doc = readDoc('drive-get.json').response.body as Record<string, unknown>;
    const drive = await get<Drive>(D);
    for (const key of [
      ...Object.keys(doc),
      'createdDateTime',
      'description',
      'lastModifiedDateTime',
      'name',
      'webUrl',
      'createdBy',
      'lastModifiedBy',
    ])
      expect(drive, key).toHaveProperty(key);
    expect(drive['@odata.context']).toBe(`${t.tenant.graphBaseUrl}/$metadata#users('dpa%40itguy.dk')/drive/$entity`);
    expect(drive.driveType).toBe('business');
    expect(drive.id).toMatch(/^b!/);
    expect(drive.owner.user).toMatchObject({ id: DPA_ID, displayName: 'Databeskyttelse' });
    for (const key of [...Object.keys(doc.quota as object), 'used']) expect(drive.quota).toHaveProperty(key);
    const seeded =
      Buffer.byteLength(KUNDELISTE) +
      Buffer.byteLength('Aftale med Nordlys Rengøring ApS om behandling af personoplysninger.') +
      Buffer.byteLength('# Møde\nIntet om kunder her.') +
      PNG.length +
      Buffer.byteLength('%PDF-1.4 binary');
    expect(drive.quota.used).toBe(seeded);
    expect(drive.quota.remaining).toBe(drive.quota.total - drive.quota.used - drive.quota.deleted);
    // The same drive by object id.
    expect((await get(`/users/${DPA_ID}/drive`)).id).toBe(drive.id);
  });

  it('answers 404 for an unknown user', async () => {
    expect((await t.raw('/users/nobody@itguy.dk/drive')).status).toBe(404);
  });
});

describe('driveItems by id, by path and as children', () => {
  it('lists root children (folders and files) with the documented driveItem properties and parentReference.path', async () => {
    const drive = await get(D);
    const root = await get(`${D}/root`);
    const page = await get<Page>(`${D}/root/children`);
    expect(page['@odata.context']).toBe(`${t.tenant.graphBaseUrl}/$metadata#users('dpa%40itguy.dk')/drive/root/children`);
    expect(names(page.value)).toEqual(['Kunder', 'logo.png', 'Notater.md', 'scan.pdf'].sort());
    expect(page).not.toHaveProperty('@odata.nextLink');
    for (const item of page.value as Item[]) {
      expectDriveItem(item);
      expect(item.parentReference).toMatchObject({ driveId: drive.id, driveType: 'business', id: root.id, path: '/drive/root:' });
    }
    const kunder = (page.value as Item[]).find((i) => i.name === 'Kunder')!;
    expect(kunder.folder).toEqual({ childCount: 2 });
    expect(kunder.size).toBe(
      Buffer.byteLength(KUNDELISTE) + Buffer.byteLength('Aftale med Nordlys Rengøring ApS om behandling af personoplysninger.'),
    );
    const logo = (page.value as Item[]).find((i) => i.name === 'logo.png')!;
    expect(logo).toMatchObject({ size: PNG.length, file: { mimeType: 'image/png' } });
    expect(logo.lastModifiedDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.now() - Date.parse(logo.lastModifiedDateTime as string)).toBeGreaterThan(19 * 24 * 3600_000);

    const nested = await get<Page>(`${D}/items/${kunder.id}/children`);
    expect(nested['@odata.context']).toBe(
      `${t.tenant.graphBaseUrl}/$metadata#users('dpa%40itguy.dk')/drive/items('${kunder.id}')/children`,
    );
    expect(names(nested.value)).toEqual(['Kontrakter', 'kundeliste.csv']);
    for (const item of nested.value as Item[])
      expect(item.parentReference).toMatchObject({ id: kunder.id, name: 'Kunder', path: '/drive/root:/Kunder' });
    const deeper = await get<Page>(`${D}/root:/Kunder/Kontrakter:/children`);
    expect(deeper.value.map((i: Item) => i.parentReference.path)).toEqual(['/drive/root:/Kunder/Kontrakter']);
  });

  it('pages children with $top and a nextLink', async () => {
    const first = await get<Page>(`${D}/root/children?$top=3`);
    expect(first.value).toHaveLength(3);
    expect(first['@odata.nextLink']).toMatch(new RegExp(`^${t.tenant.graphBaseUrl.replace(/[.]/g, '\\.')}/`));
    const next = await get<Page>((first['@odata.nextLink'] as string).slice(t.tenant.graphBaseUrl.length));
    expect(next.value).toHaveLength(1);
    expect(next).not.toHaveProperty('@odata.nextLink');
    expect(names([...first.value, ...next.value])).toEqual(['Kunder', 'logo.png', 'Notater.md', 'scan.pdf'].sort());
  });

  it('gets the root (root facet) and an item by id, the same as in the listing', async () => {
    const root = await get(`${D}/root`);
    expect(root.root).toEqual({});
    expect(root.folder).toEqual({ childCount: 4 });
    for (const key of Object.keys(readDoc('driveitem-get.json').response.body as object).filter((k) => k !== 'name'))
      expect(root, key).toHaveProperty(key);
    const listed = ((await get(`${D}/root/children`)).value as Item[]).find((i) => i.name === 'Notater.md')!;
    const byId = await get(`${D}/items/${listed.id}`);
    expect(byId['@odata.context']).toMatch(/\$metadata#users\('dpa%40itguy\.dk'\)\/drive\/items\/\$entity$/);
    expectDriveItem(byId);
    expect(byId).toMatchObject({
      id: listed.id,
      name: 'Notater.md',
      size: listed.size,
      eTag: listed.eTag,
      parentReference: { path: '/drive/root:' },
    });
  });

  it('gets an item by path (root:/path, with or without the closing colon, case-insensitive, encoded names) and below an item', async () => {
    const byPath = await get(`${D}/root:/Kunder/kundeliste.csv`);
    expectDriveItem(byPath);
    expect(byPath).toMatchObject({
      name: 'kundeliste.csv',
      parentReference: { path: '/drive/root:/Kunder' },
      file: { mimeType: 'text/csv' },
    });
    expect((await get(`${D}/root:/Kunder/kundeliste.csv:`)).id).toBe(byPath.id);
    expect((await get(`${D}/root:/kunder/KUNDELISTE.csv`)).id).toBe(byPath.id);
    expect((await get(`${D}/items/${byPath.id}`)).id).toBe(byPath.id);
    const kunder = await get(`${D}/root:/Kunder`);
    expect((await get(`${D}/items/${kunder.id}:/kundeliste.csv`)).id).toBe(byPath.id);
    expect(
      (
        await get(
          `${D}/root:/${encodeURIComponent('Kunder')}/${encodeURIComponent('Kontrakter')}/${encodeURIComponent('databehandleraftale.txt')}`,
        )
      ).name,
    ).toBe('databehandleraftale.txt');
  });

  it('answers 404 itemNotFound with Graph’s error body for an unknown item, path, children or content', async () => {
    await expectGraphError(
      await t.raw(`${D}/items/01UNKNOWNITEM000000000000000000000`),
      404,
      'itemNotFound',
      'The resource could not be found.',
    );
    await expectGraphError(await t.raw(`${D}/items/01UNKNOWNITEM000000000000000000000/children`), 404, 'itemNotFound');
    await expectGraphError(await t.raw(`${D}/items/01UNKNOWNITEM000000000000000000000/content`), 404, 'itemNotFound');
    await expectGraphError(await t.raw(`${D}/root:/Kunder/nothing.txt`), 404, 'itemNotFound');
    await expectGraphError(await t.raw(`${D}/root:/Nowhere:/children`), 404, 'itemNotFound');
    // Another user's item is not in this drive.
    const mettes = await get('/users/mette@itguy.dk/drive/root:/Privat/nordlys.txt');
    await expectGraphError(await t.raw(`${D}/items/${mettes.id}`), 404, 'itemNotFound');
  });
});

describe('GET …/content', () => {
  it('answers 302 with a Location that serves the bytes without authentication', async () => {
    const logo = await get(`${D}/root:/logo.png`);
    const res = await t.raw(`${D}/items/${logo.id}/content`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^https:\/\/localhost:\d+\//);
    expect(await res.text()).toBe('');
    const download = await fetch(location);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);
    // The item's @microsoft.graph.downloadUrl works the same way.
    const direct = await fetch(logo['@microsoft.graph.downloadUrl'] as string);
    expect(Buffer.from(await direct.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);
    // By path, too.
    const byPath = await t.raw(`${D}/root:/Kunder/kundeliste.csv:/content`, { redirect: 'manual' });
    expect(byPath.status).toBe(302);
    expect(await (await fetch(byPath.headers.get('location')!)).text()).toBe(KUNDELISTE);
  });

  it('the download URL is signed and short-lived: a tampered or expired one is 404', async () => {
    const logo = await get(`${D}/root:/logo.png`);
    const url = logo['@microsoft.graph.downloadUrl'] as string;
    const tampered = url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await fetch(tampered)).status).toBe(404);
    await t.dev('/clock', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceMs: 2 * 3600_000 }),
    });
    try {
      expect((await fetch(url)).status).toBe(404);
    } finally {
      await t.dev('/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ offsetMs: 0 }) });
    }
  });

  it("the SDK's getStream() and get() follow the redirect and return the bytes", async () => {
    const logo = await get(`${D}/root:/logo.png`);
    const stream = (await t.graph.api(`${D}/items/${logo.id}/content`).getStream()) as ReadableStream<Uint8Array>;
    expect((await bytesOf(stream)).equals(Buffer.from(PNG))).toBe(true);
    const buffer = (await t.graph.api(`${D}/items/${logo.id}/content`).responseType(ResponseType.ARRAYBUFFER).get()) as ArrayBuffer;
    expect(Buffer.from(buffer).equals(Buffer.from(PNG))).toBe(true);
    const text = (await t.graph.api(`${D}/root:/Kunder/kundeliste.csv:/content`).responseType(ResponseType.TEXT).get()) as string;
    expect(text).toBe(KUNDELISTE);
  });
});

describe("GET …/root/search(q='…')", () => {
  const search = async (q: string, extra = '') => get<Page>(`${D}/root/search(q='${encodeURIComponent(q.replace(/'/g, "''"))}')${extra}`);

  it('matches file names', async () => {
    const page = await search('kundeliste');
    expect(page['@odata.context']).toMatch(/\$metadata#Collection\(driveItem\)$/);
    expect(names(page.value)).toEqual(['kundeliste.csv']);
    expectDriveItem(page.value[0]!);
    // Each hit has the documented searchResult facet.
    expect(page.value[0]).toHaveProperty('searchResult');
  });

  it('matches text content (and searchText of non-text files), not bytes of binary files, and only in this drive', async () => {
    expect(names((await search('Nordlys')).value)).toEqual(['databehandleraftale.txt']);
    expect(names((await search('Åberg')).value)).toEqual(['kundeliste.csv', 'scan.pdf']);
    // Name and content together: 'aftale' is in the name, 'Nordlys' in the text.
    expect(names((await search('Nordlys databehandleraftale')).value)).toEqual(['databehandleraftale.txt']);
    expect(names((await t.graph.api("/users/mette@itguy.dk/drive/root/search(q='Nordlys')").get()).value as Item[])).toEqual([
      'nordlys.txt',
    ]);
  });

  it('searches what a file holds now: replaced content is found by its new words, not its old ones', async () => {
    const put = (text: string) =>
      t.raw(`${D}/root:/Kunder/opfoelgning.txt:/content`, { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: text });
    expect((await put('Ring til Kragelund om fakturaen.')).status).toBe(201);
    // Searched once, so its text is indexed before it changes.
    expect(names((await search('Kragelund')).value)).toEqual(['opfoelgning.txt']);
    expect((await put('Ring til Bøgelund om fakturaen.')).status).toBe(200);
    expect((await search('Kragelund')).value).toEqual([]);
    expect(names((await search('Bøgelund')).value)).toEqual(['opfoelgning.txt']);
    expect((await t.raw(`${D}/root:/Kunder/opfoelgning.txt`, { method: 'DELETE' })).status).toBe(204);
  });

  it('answers 200 with an empty value when nothing matches, and pages with $top', async () => {
    expect((await search('zebrafisk')).value).toEqual([]);
    const first = await search('Åberg', '?$top=1');
    expect(first.value).toHaveLength(1);
    const next = await get<Page>((first['@odata.nextLink'] as string).slice(t.tenant.graphBaseUrl.length));
    expect(names([...first.value, ...next.value])).toEqual(['kundeliste.csv', 'scan.pdf']);
  });
});

describe('PUT …:/content (simple upload)', () => {
  const put = (path: string, body: string | Buffer, query = '') =>
    t.raw(`${D}/root:/${path}:/content${query}`, { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body });

  it('creates a file (201, folders as needed), replaces it (200, same id), and fails on conflict when asked (409)', async () => {
    const doc = readDoc('driveitem-put-content.json');
    const content = (doc.request as { body_text?: string }).body_text!;
    const created = await put('Folder/new.txt', content);
    expect(created.status).toBe(201);
    const item = (await created.json()) as Item;
    expect(item).toMatchObject({
      name: 'new.txt',
      size: 35,
      file: { mimeType: 'text/plain' },
      parentReference: { path: '/drive/root:/Folder' },
    });
    for (const key of Object.keys(doc.response.body as object)) expect(item).toHaveProperty(key);
    expect((await get(`${D}/root:/Folder`)).folder).toEqual({ childCount: 1 });

    const replaced = await put('Folder/new.txt', 'Shorter now.');
    expect(replaced.status).toBe(200);
    const again = (await replaced.json()) as Item;
    expect(again).toMatchObject({ id: item.id, name: 'new.txt', size: 12 });
    expect(again.eTag).not.toBe(item.eTag);
    expect(await (await fetch(again['@microsoft.graph.downloadUrl'] as string)).text()).toBe('Shorter now.');

    await expectGraphError(await put('Folder/new.txt', 'x', '?@microsoft.graph.conflictBehavior=fail'), 409, 'nameAlreadyExists');
    const renamed = await put('Folder/new.txt', 'y', '?@microsoft.graph.conflictBehavior=rename');
    expect(renamed.status).toBe(201);
    expect(((await renamed.json()) as Item).name).toBe('new 1.txt');
    expect((await put('Folder/new.txt', 'z', '?@microsoft.graph.conflictBehavior=sometimes')).status).toBe(400);
    expect(item.webUrl).toBe('https://itguy-my.sharepoint.com/personal/dpa_itguy_dk/Documents/Folder/new.txt');
    expect(names((await get<Page>(`${D}/root:/Folder:/children`)).value)).toEqual(['new 1.txt', 'new.txt']);
  });

  it('names with spaces and Danish letters: created by an encoded path, percent-encoded in webUrl', async () => {
    const res = await put(`${encodeURIComponent('Mine filer')}/${encodeURIComponent('Ærø ny fil.txt')}`, 'hej');
    expect(res.status).toBe(201);
    const item = (await res.json()) as Item;
    expect(item).toMatchObject({ name: 'Ærø ny fil.txt', parentReference: { path: '/drive/root:/Mine filer' } });
    expect(item.webUrl).toBe('https://itguy-my.sharepoint.com/personal/dpa_itguy_dk/Documents/Mine%20filer/%C3%86r%C3%B8%20ny%20fil.txt');
    expect((await get(`${D}/root:/${encodeURIComponent('Mine filer')}/${encodeURIComponent('ærø NY fil.txt')}`)).id).toBe(item.id);
  });

  it('replaces content by item id (PUT /items/{id}/content → 200)', async () => {
    const created = (await (await put('ById/file.bin', Buffer.from([1, 2, 3]))).json()) as Item;
    const res = await t.raw(`${D}/items/${created.id}/content`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: Buffer.from([9, 8, 7, 6]),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Item).size).toBe(4);
    const bytes = (await t.graph.api(`${D}/items/${created.id}/content`).responseType(ResponseType.ARRAYBUFFER).get()) as ArrayBuffer;
    expect([...new Uint8Array(bytes)]).toEqual([9, 8, 7, 6]);
  });
});

describe('upload sessions', () => {
  const createSession = (path: string, item: Record<string, unknown> = {}) =>
    t.raw(`${D}/root:/${path}:/createUploadSession`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ item }),
    });
  // No Authorization header: the uploadUrl is pre-authenticated.
  const putRange = (url: string, data: Buffer, start: number, end: number, total = data.length) =>
    fetch(url, { method: 'PUT', headers: { 'Content-Range': `bytes ${start}-${end}/${total}` }, body: data.subarray(start, end + 1) });

  async function session(
    path: string,
    item: Record<string, unknown> = {},
  ): Promise<{ uploadUrl: string; expirationDateTime: string; nextExpectedRanges: string[] }> {
    const res = await createSession(path, item);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as { uploadUrl: string; expirationDateTime: string; nextExpectedRanges: string[] };
  }

  it('uploads ~1 MB in 320 KiB fragments: 200 session, 202s with nextExpectedRanges, 201 with the driveItem; bytes round-trip exactly', async () => {
    const doc = readDoc('driveitem-createuploadsession.json');
    const s = await session('Uploads/big.bin', { '@microsoft.graph.conflictBehavior': 'rename', name: 'big.bin' });
    for (const key of Object.keys(doc.response.body as object)) expect(s).toHaveProperty(key);
    expect(s.uploadUrl).toMatch(/^https:\/\/localhost:\d+\//);
    expect(Date.parse(s.expirationDateTime)).toBeGreaterThan(Date.now());
    expect(s.nextExpectedRanges).toEqual(['0-']);

    const data = randomBytes(1_000_000);
    let start = 0;
    while (start + FRAGMENT < data.length) {
      const res = await putRange(s.uploadUrl, data, start, start + FRAGMENT - 1);
      expect(res.status).toBe(202);
      const body = (await res.json()) as { expirationDateTime: string; nextExpectedRanges: string[] };
      expect(Object.keys(body).sort()).toEqual(['expirationDateTime', 'nextExpectedRanges']);
      start += FRAGMENT;
      expect(body.nextExpectedRanges).toEqual([`${start}-`]);
      // The session's status says the same.
      const status = (await (await fetch(s.uploadUrl)).json()) as { nextExpectedRanges: string[] };
      expect(status.nextExpectedRanges).toEqual([`${start}-`]);
    }
    const last = await putRange(s.uploadUrl, data, start, data.length - 1);
    expect(last.status).toBe(201);
    const item = (await last.json()) as Item;
    expect(item).toMatchObject({ name: 'big.bin', size: 1_000_000, file: {}, parentReference: { path: '/drive/root:/Uploads' } });
    expectDriveItem(item);

    const stream = (await t.graph.api(`${D}/items/${item.id}/content`).getStream()) as ReadableStream<Uint8Array>;
    expect((await bytesOf(stream)).equals(data)).toBe(true);
    // The session is gone once complete.
    expect((await fetch(s.uploadUrl)).status).toBe(404);
  });

  it('refuses a non-final fragment that is not a multiple of 320 KiB (400), an out-of-order or repeated range (416), and a changed total (400); the session survives', async () => {
    const s = await session('Uploads/strict.bin');
    const data = randomBytes(3 * FRAGMENT + 1_000);
    expect((await putRange(s.uploadUrl, data, 0, FRAGMENT - 1)).status).toBe(202);

    const odd = await putRange(s.uploadUrl, data, FRAGMENT, FRAGMENT + 100_000 - 1);
    expect(odd.status).toBe(400);
    expect(((await odd.json()) as { error: { code: string } }).error.code).toBe('invalidRequest');
    const ahead = await putRange(s.uploadUrl, data, 2 * FRAGMENT, 3 * FRAGMENT - 1);
    expect(ahead.status).toBe(416);
    expect(((await ahead.json()) as { error: { code: string } }).error.code).toBe('invalidRange');
    expect((await putRange(s.uploadUrl, data, 0, FRAGMENT - 1)).status).toBe(416);
    expect((await putRange(s.uploadUrl, data, FRAGMENT, 2 * FRAGMENT - 1, data.length + 1)).status).toBe(400);
    expect((await fetch(s.uploadUrl, { method: 'PUT', body: data.subarray(FRAGMENT, 2 * FRAGMENT) })).status).toBe(400);
    expect(((await (await fetch(s.uploadUrl)).json()) as { nextExpectedRanges: string[] }).nextExpectedRanges).toEqual([`${FRAGMENT}-`]);

    for (let start = FRAGMENT; start < data.length; start += FRAGMENT) {
      const res = await putRange(s.uploadUrl, data, start, Math.min(start + FRAGMENT, data.length) - 1);
      expect(res.status).toBe(start + FRAGMENT < data.length ? 202 : 201);
    }
    const bytes = (await t.graph.api(`${D}/root:/Uploads/strict.bin:/content`).responseType(ResponseType.ARRAYBUFFER).get()) as ArrayBuffer;
    expect(Buffer.from(bytes).equals(data)).toBe(true);
  });

  it('DELETE on the uploadUrl cancels the session (204), after which it is 404', async () => {
    const s = await session('Uploads/cancelled.bin');
    const data = randomBytes(FRAGMENT + 10);
    expect((await putRange(s.uploadUrl, data, 0, FRAGMENT - 1)).status).toBe(202);
    const del = await fetch(s.uploadUrl, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    const put = await putRange(s.uploadUrl, data, FRAGMENT, data.length - 1);
    expect(put.status).toBe(404);
    expect(((await put.json()) as { error: { code: string } }).error.code).toBe('itemNotFound');
    expect((await fetch(s.uploadUrl)).status).toBe(404);
    expect((await fetch(s.uploadUrl, { method: 'DELETE' })).status).toBe(404);
    expect((await t.raw(`${D}/root:/Uploads/cancelled.bin`)).status).toBe(404);
  });

  it('name conflicts: the default (fail) refuses an existing name with 409 nameAlreadyExists; replace overwrites (200, same id)', async () => {
    const existing = await get(`${D}/root:/Notater.md`);
    await expectGraphError(await createSession('Notater.md'), 409, 'nameAlreadyExists');
    await expectGraphError(await createSession('Notater.md', { '@microsoft.graph.conflictBehavior': 'fail' }), 409, 'nameAlreadyExists');
    const s = await session('Notater.md', { '@microsoft.graph.conflictBehavior': 'replace' });
    const data = Buffer.from('# Nyt møde\n');
    const res = await putRange(s.uploadUrl, data, 0, data.length - 1);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Item).id).toBe(existing.id);
  });

  it('a name taken while the session was open is a 409 nameAlreadyExists on the last fragment', async () => {
    const s = await session('Uploads/late.txt');
    expect(
      (await t.raw(`${D}/root:/Uploads/late.txt:/content`, { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: 'first' }))
        .status,
    ).toBe(201);
    const data = Buffer.from('second');
    const res = await putRange(s.uploadUrl, data, 0, data.length - 1);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('nameAlreadyExists');
  });

  it('an upload session on an existing item (POST /items/{id}/createUploadSession) replaces its content', async () => {
    const existing = await get(`${D}/root:/Kunder/Kontrakter/databehandleraftale.txt`);
    const res = await t.raw(`${D}/items/${existing.id}/createUploadSession`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    const s = (await res.json()) as { uploadUrl: string };
    const data = Buffer.from('Opsagt.');
    const done = await putRange(s.uploadUrl, data, 0, data.length - 1);
    expect(done.status).toBe(200);
    expect(((await done.json()) as Item).id).toBe(existing.id);
    expect(await (await fetch((await get(`${D}/items/${existing.id}`))['@microsoft.graph.downloadUrl'] as string)).text()).toBe('Opsagt.');
  });
});

describe('deleting drive items (DELETE /users/{id}/drive/items/{id} or by path)', () => {
  it('answers 204 and removes the folder with everything in it; again 404; the root cannot go', async () => {
    await t.graph.api('/users/mette@itguy.dk/drive/root:/Slet/Under/a.txt:/content').header('Content-Type', 'text/plain').put('a');
    await t.graph.api('/users/mette@itguy.dk/drive/root:/Slet/b.txt:/content').header('Content-Type', 'text/plain').put('b');
    const folder = await get('/users/mette@itguy.dk/drive/root:/Slet');
    const byId = await t.raw(`/users/mette@itguy.dk/drive/items/${folder.id}`, { method: 'DELETE' });
    expect(byId.status).toBe(204);
    expect((await t.raw('/users/mette@itguy.dk/drive/root:/Slet/Under/a.txt')).status).toBe(404);
    await expectGraphError(await t.raw(`/users/mette@itguy.dk/drive/items/${folder.id}`, { method: 'DELETE' }), 404, 'itemNotFound');
    await t.graph.api('/users/mette@itguy.dk/drive/root:/Igen/c.txt:/content').header('Content-Type', 'text/plain').put('c');
    expect((await t.raw('/users/mette@itguy.dk/drive/root:/Igen', { method: 'DELETE' })).status).toBe(204);
    const root = await get('/users/mette@itguy.dk/drive/root');
    expect((await t.raw(`/users/mette@itguy.dk/drive/items/${root.id}`, { method: 'DELETE' })).status).toBe(403);
  });
});
