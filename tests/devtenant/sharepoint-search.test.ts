import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { expectGraphError, readDoc } from './graph-docs.js';

/**
 * SharePoint sites, drives by id and app-only /search/query (graph-docs/search-query-driveitem.json):
 * the search covers site libraries and OneDrives, pages with from/size, needs region, refuses
 * non-SharePoint entity types, and a hit's driveId and id download the file.
 */

type Json = Record<string, unknown>;
const searchDoc = readDoc('search-query-driveitem.json');

const seed = smallSeed({
  files: [{ owner: 'mette@itguy.dk', path: 'Kunder/noter.md', modifiedAgo: { days: 1 }, content: 'Ring til Jens Møller om tilbud' }],
  sites: [
    {
      name: 'Kunder',
      displayName: 'Kunder',
      description: 'Kontrakter og kundesager',
      files: [
        { path: 'Kontrakter/Møller VVS.md', modifiedAgo: { days: 3 }, content: 'Kontrakt med jens.moeller@moeller-vvs.example.net' },
        { path: 'Kontrakter/Andet.md', modifiedAgo: { days: 4 }, content: 'Jens Møllerup, anden kunde' },
      ],
    },
  ],
});

let t: TestTenant;
let noRoles: TestTenant;
beforeAll(async () => {
  [t, noRoles] = await Promise.all([startTestTenant({ seed }), startTestTenant({ seed, app: { roles: ['Mail.Read'] } })]);
});
afterAll(async () => {
  await Promise.all([t?.close(), noRoles?.close()]);
});

const search = (tenant: TestTenant, request: Json) =>
  tenant.raw('/search/query', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ requests: [request] }),
  });
const QUERY = {
  entityTypes: ['driveItem'],
  query: { queryString: '"jens.moeller@moeller-vvs.example.net" OR "Jens Møller"' },
  region: 'EUR',
};

describe('GET /sites, /sites/{id}, /sites/{id}/drive(s), /drives/{id}/…', () => {
  it('lists the site and its Documents library, and walks it by drive id', async () => {
    const sites = (await t.graph.api('/sites').get()) as { value: Json[] };
    expect(sites.value.map((s) => s.name)).toEqual(['Kunder']);
    const site = sites.value[0]!;
    expect(site.id).toMatch(/^itguy\.sharepoint\.com,[0-9a-f-]{36},[0-9a-f-]{36}$/);
    expect(site.webUrl).toBe('https://itguy.sharepoint.com/sites/Kunder');
    expect(((await t.graph.api(`/sites/${site.id as string}`).get()) as Json).displayName).toBe('Kunder');
    const drive = (await t.graph.api(`/sites/${site.id as string}/drive`).get()) as Json;
    expect(drive).toMatchObject({ driveType: 'documentLibrary', name: 'Documents' });
    const drives = (await t.graph.api(`/sites/${site.id as string}/drives`).get()) as { value: Json[] };
    expect(drives.value.map((d) => d.id)).toEqual([drive.id]);
    const root = (await t.graph.api(`/drives/${drive.id as string}/root/children`).get()) as { value: Json[] };
    expect(root.value.map((i) => i.name)).toEqual(['Kontrakter']);
    await expectGraphError(await t.raw('/sites/itguy.sharepoint.com,nope,nope'), 404, 'itemNotFound');
    await expectGraphError(await noRoles.raw('/sites'), 403);
  });
});

describe('POST /search/query (app-only)', () => {
  it('finds files in site libraries and OneDrives, in the documented searchResponse shape, and not the look-alike', async () => {
    const res = await search(t, QUERY);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: { searchTerms: string[]; hitsContainers: Json[] }[] };
    const container = body.value[0]!.hitsContainers[0]! as { hits: { hitId: string; resource: Json }[]; total: number };
    const documented = (searchDoc.response.body as typeof body).value[0]!.hitsContainers[0] as typeof container;
    expect(Object.keys(container).sort()).toEqual(Object.keys(documented).sort());
    for (const key of Object.keys(documented.hits[0]!.resource)) expect(container.hits[0]!.resource, key).toHaveProperty(key);
    expect(container.total).toBe(2);
    expect(container.hits.map((h) => h.resource.name)).toEqual(['noter.md', 'Møller VVS.md']);
    const [onedrive, site] = container.hits.map((h) => h.resource);
    expect(onedrive!['@odata.type']).toBe('#microsoft.graph.driveItem');
    expect(site!.webUrl).toBe('https://itguy.sharepoint.com/sites/Kunder/Shared%20Documents/Kontrakter/M%C3%B8ller%20VVS.md');
    expect((site!.parentReference as Json).siteId).toMatch(/^itguy\.sharepoint\.com,/);
    expect((onedrive!.parentReference as Json).siteId).toMatch(/^itguy-my\.sharepoint\.com,/);
    // The hit downloads through /drives/{driveId}/items/{id}/content.
    const ref = site!.parentReference as { driveId: string };
    const content = await t.raw(`/drives/${ref.driveId}/items/${site!.id as string}/content`, { redirect: 'manual' });
    expect(content.status).toBe(302);
    const file = await fetch(content.headers.get('location')!);
    expect(await file.text()).toContain('jens.moeller@moeller-vvs.example.net');
  });

  it('pages with from and size, and answers listItem hits when asked for listItem only', async () => {
    const first = (await (await search(t, { ...QUERY, size: 1 })).json()) as { value: { hitsContainers: Json[] }[] };
    expect(first.value[0]!.hitsContainers[0]).toMatchObject({ total: 2, moreResultsAvailable: true });
    const second = (await (await search(t, { ...QUERY, from: 1, size: 1 })).json()) as { value: { hitsContainers: Json[] }[] };
    expect(second.value[0]!.hitsContainers[0]).toMatchObject({ total: 2, moreResultsAvailable: false });
    const list = (await (await search(t, { ...QUERY, entityTypes: ['listItem'] })).json()) as {
      value: { hitsContainers: { hits: { resource: Json }[] }[] }[];
    };
    expect(list.value[0]!.hitsContainers[0]!.hits[0]!.resource['@odata.type']).toBe('#microsoft.graph.listItem');
  });

  it('needs region app-only, refuses message, and needs Sites.Read.All or Files.Read.All', async () => {
    const documented = (searchDoc.errors as { status: number; code: string; message: string }[])[0]!;
    const { region: _region, ...noRegion } = QUERY;
    await expectGraphError(await search(t, noRegion), documented.status, documented.code, documented.message);
    await expectGraphError(await search(t, { ...QUERY, region: 'NAM' }), 400, 'BadRequest', /Only valid regions are EUR/);
    await expectGraphError(await search(t, { ...QUERY, entityTypes: ['message'] }), 400, 'BadRequest', /message/);
    await expectGraphError(await search(noRoles, QUERY), 403, 'accessDenied');
  });

  it('is throttled by an injected 429', async () => {
    await t.dev('/faults', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rate429: 1, pathPattern: '^/(search|sites|drives)/', retryAfterSeconds: 2 }),
    });
    try {
      await expectGraphError(await search(t, QUERY), 429);
      expect((await t.raw('/sites')).status).toBe(200);
    } finally {
      await t.dev('/faults', { method: 'DELETE' });
    }
  });
});
