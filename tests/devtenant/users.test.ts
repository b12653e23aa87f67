import type { GraphError } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedUser } from 'm365-dev-tenant';
import { smallSeed, startTestTenant, type TestTenant, walkPages } from '../helpers/dev-tenant.js';
import { expectGraphError, readDoc } from './graph-docs.js';

/** GET /users and /users/{id | userPrincipalName} against the documented Graph contract (graph-docs/user-*.json). */

interface UserPage {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: Record<string, unknown>[];
}

const listDoc = readDoc('user-list.json');
const getDoc = readDoc('user-get.json');
const DOC_BASE = 'https://graph.microsoft.com/v1.0';
const DEFAULT_KEYS = Object.keys((listDoc.response.body as UserPage).value[0]!);

// 120 numbered users, plus people whose mail and userPrincipalName differ or whose names need folding.
const bulk: SeedUser[] = Array.from({ length: 120 }, (_, i) => ({
  id: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`,
  displayName: `Bruger ${i}`,
  givenName: 'Bruger',
  surname: String(i),
  mail: `bruger${i}@itguy.dk`,
  userPrincipalName: `bruger${i}@itguy.dk`,
  mailboxType: 'user' as const,
}));
const special: SeedUser[] = [
  {
    id: 'bbbbbbbb-0000-4000-8000-000000000001',
    displayName: 'Karl Kunde',
    givenName: 'Karl',
    surname: 'Kunde',
    mail: 'karl@itguy.dk',
    userPrincipalName: 'karl@itguy.onmicrosoft.com',
    businessPhones: ['+45 70 20 30 40'],
    preferredLanguage: 'da-DK',
    mailboxType: 'user',
  },
  {
    id: 'bbbbbbbb-0000-4000-8000-000000000002',
    displayName: 'Åse Ødegård',
    givenName: 'Åse',
    surname: 'Ødegård',
    mail: 'aase@itguy.dk',
    userPrincipalName: 'aase@itguy.dk',
    officeLocation: 'Aarhus',
    mailboxType: 'user',
  },
];
const seed = smallSeed();
seed.users.push(...bulk, ...special);
const ALL_IDS = seed.users.map((u) => u.id);

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({ seed });
});
afterAll(async () => {
  await t?.close();
});

/** The documented context URL, on the dev tenant's host. */
const context = (fragment: string) => `${t.tenant.graphBaseUrl}/$metadata#${fragment}`;
const docContext = (value: unknown) => String(value).replace(DOC_BASE, t.tenant.graphBaseUrl);

async function getJson<T>(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; body: T }> {
  const res = await t.raw(path, { headers });
  return { res, body: (await res.json()) as T };
}

const walk = (first: string, headers: Record<string, string> = {}) => walkPages<UserPage>(t, first, headers);

describe('GET /users', () => {
  it('returns the documented default properties, context and OData headers', async () => {
    const { res, body } = await getJson<UserPage>('/users');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    );
    expect(res.headers.get('odata-version')).toBe('4.0');
    expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(body['@odata.context']).toBe(docContext((listDoc.response.body as UserPage)['@odata.context']));
    expect(body.value).toHaveLength(100); // the documented default page size
    for (const user of body.value) expect(Object.keys(user)).toEqual(DEFAULT_KEYS);
    const karl = (await getJson<UserPage>(`/users?$filter=${encodeURIComponent("mail eq 'karl@itguy.dk'")}`)).body.value[0];
    expect(karl).toEqual({
      businessPhones: ['+45 70 20 30 40'],
      displayName: 'Karl Kunde',
      givenName: 'Karl',
      jobTitle: null,
      mail: 'karl@itguy.dk',
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: 'da-DK',
      surname: 'Kunde',
      userPrincipalName: 'karl@itguy.onmicrosoft.com',
      id: 'bbbbbbbb-0000-4000-8000-000000000001',
    });
  });

  it('pages with @odata.nextLink ($skiptoken) through every user exactly once', async () => {
    const pages = await walk('/users');
    expect(pages.map((p) => p.value.length)).toEqual([100, ALL_IDS.length - 100]);
    expect(pages[0]!['@odata.nextLink']).toMatch(
      new RegExp(`^${t.tenant.graphBaseUrl.replace(/[.]/g, '\\.')}/users\\?\\$skiptoken=[A-Za-z0-9_-]+$`),
    );
    expect(pages.at(-1)!['@odata.nextLink']).toBeUndefined();
    const ids = pages.flatMap((p) => p.value.map((u) => u.id));
    expect(ids).toHaveLength(ALL_IDS.length);
    expect(new Set(ids)).toEqual(new Set(ALL_IDS));
  });

  it('honours $top on every page of the walk and keeps the other options in nextLink', async () => {
    const pages = await walk('/users?$top=7&$select=id,mail');
    expect(pages).toHaveLength(Math.ceil(ALL_IDS.length / 7));
    for (const page of pages) {
      expect(page.value.length).toBeLessThanOrEqual(7);
      expect(page['@odata.context']).toBe(context('users(id,mail)'));
      for (const user of page.value) expect(Object.keys(user)).toEqual(['mail', 'id']);
    }
    expect(pages[0]!['@odata.nextLink']).toContain('$top=7');
    expect(pages[0]!['@odata.nextLink']).toContain('$select=id,mail');
    expect(new Set(pages.flatMap((p) => p.value.map((u) => u.id)))).toEqual(new Set(ALL_IDS));
  });

  it('accepts $top up to 999 and refuses 1000 and 0 with the observed message', async () => {
    const { body } = await getJson<UserPage>('/users?$top=999');
    expect(body.value).toHaveLength(ALL_IDS.length);
    expect(body['@odata.nextLink']).toBeUndefined();
    await expectGraphError(
      await t.raw('/users?$top=1000'),
      400,
      'Request_UnsupportedQuery',
      "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    );
    await expectGraphError(
      await t.raw('/users?$top=0'),
      400,
      'Request_UnsupportedQuery',
      "Invalid page size specified: '0'. Must be between 1 and 999 inclusive.",
    );
  });

  it('does not support $skip on directory objects', async () => {
    await expectGraphError(await t.raw('/users?$skip=5'), 400, 'Request_BadRequest', "'$skip' is not supported by the service.");
  });

  it('returns only the selected properties with $select (no id unless selected) and names them in the context', async () => {
    const page = (await t.graph.api('/users').select(['displayName', 'mail']).top(5).get()) as UserPage;
    expect(page['@odata.context']).toBe(context('users(displayName,mail)'));
    expect(page.value).toHaveLength(5);
    for (const user of page.value) expect(Object.keys(user)).toEqual(['displayName', 'mail']);
    // The documented example: $select=displayName,id returns exactly those two.
    const withId = (await t.graph.api('/users').select('displayName,id').top(1).get()) as UserPage;
    expect(Object.keys(withId.value[0]!).sort()).toEqual(['displayName', 'id']);
    await expectGraphError(
      await t.raw('/users?$select=displayName,shoeSize'),
      400,
      'Request_BadRequest',
      "Could not find a property named 'shoeSize' on type 'Microsoft.DirectoryServices.User'.",
    );
  });

  it('filters on mail and userPrincipalName with eq, case-insensitively', async () => {
    const byMail = (await t.graph.api('/users').filter("mail eq 'METTE@ITGUY.DK'").get()) as UserPage;
    expect(byMail.value.map((u) => u.userPrincipalName)).toEqual(['mette@itguy.dk']);
    const byUpn = (await t.graph.api('/users').filter("userPrincipalName eq 'Karl@ITGuy.onmicrosoft.com'").get()) as UserPage;
    expect(byUpn.value.map((u) => u.id)).toEqual(['bbbbbbbb-0000-4000-8000-000000000001']);
    // Karl's mail is not his UPN: each property is compared on its own.
    const mailIsNotUpn = (await t.graph.api('/users').filter("mail eq 'karl@itguy.onmicrosoft.com'").get()) as UserPage;
    expect(mailIsNotUpn.value).toEqual([]);
    const either = (await t.graph
      .api('/users')
      .filter("mail eq 'karl@itguy.onmicrosoft.com' or userPrincipalName eq 'KARL@itguy.onmicrosoft.com'")
      .get()) as UserPage;
    expect(either.value).toHaveLength(1);
  });

  it('filters with startswith, case-insensitively', async () => {
    const names = (await walk(`/users?$filter=${encodeURIComponent("startswith(displayName,'bruger 1')")}`)).flatMap((p) =>
      p.value.map((u) => u.displayName),
    );
    // Bruger 1, 10..19, 100..119
    expect(names).toHaveLength(31);
    expect(names.every((n) => String(n).startsWith('Bruger 1'))).toBe(true);
    const mails = (await t.graph.api('/users').filter("startswith(mail,'BRUGER11')").get()) as UserPage;
    expect(mails.value.map((u) => u.mail).sort()).toEqual(
      ['bruger11@itguy.dk', ...Array.from({ length: 10 }, (_, i) => `bruger11${i}@itguy.dk`)].sort(),
    );
  });

  it('requires advanced query parameters for endsWith and ne, with the documented message', async () => {
    const endsWith = encodeURIComponent("endswith(mail,'@itguy.dk')");
    const error = await expectGraphError(await t.raw(`/users?$filter=${endsWith}`), 400, 'Request_UnsupportedQuery');
    expect(error.message).toBe(
      "Operator 'endsWith' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information",
    );
    await expectGraphError(
      await t.raw(`/users?$filter=${encodeURIComponent("mail ne 'x@itguy.dk'")}&$count=true`),
      400,
      'Request_UnsupportedQuery',
    );
    const { body } = await getJson<UserPage>(
      `/users?$filter=${encodeURIComponent("endswith(userPrincipalName,'.onmicrosoft.com')")}&$count=true`,
      { ConsistencyLevel: 'eventual' },
    );
    expect(body['@odata.count']).toBe(1);
    expect(body.value.map((u) => u.displayName)).toEqual(['Karl Kunde']);
  });

  it('ignores $count without ConsistencyLevel and counts on the first page only with it', async () => {
    const ignored = (await t.graph.api('/users').count(true).top(2).get()) as UserPage;
    expect(ignored).not.toHaveProperty('@odata.count');
    const pages = await walk('/users?$count=true&$top=50', { ConsistencyLevel: 'eventual' });
    expect(pages).toHaveLength(3);
    expect(pages[0]!['@odata.count']).toBe(ALL_IDS.length);
    expect(pages[1]).not.toHaveProperty('@odata.count');
    expect(pages[2]).not.toHaveProperty('@odata.count');
    const filtered = (await t.graph
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .count(true)
      .filter("startswith(displayName,'Bruger 11')")
      .top(1)
      .get()) as UserPage;
    expect(filtered['@odata.count']).toBe(11);
    expect(filtered.value).toHaveLength(1);
  });

  it('answers /users/$count as text/plain with ConsistencyLevel, and refuses it without', async () => {
    await expectGraphError(await t.raw('/users/$count'), 400, 'Request_BadRequest', '$count is not currently supported.');
    const res = await t.raw('/users/$count', { headers: { ConsistencyLevel: 'eventual' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toBe(String(ALL_IDS.length));
  });

  it('searches with "property:value" only with ConsistencyLevel: eventual', async () => {
    await expectGraphError(
      await t.raw(`/users?$search=${encodeURIComponent('"displayName:karl"')}`),
      400,
      'Request_UnsupportedQuery',
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
    const search = async (q: string) =>
      (await getJson<UserPage>(`/users?$search=${encodeURIComponent(q)}&$count=true`, { ConsistencyLevel: 'eventual' })).body;
    expect((await search('"displayName:karl"')).value.map((u) => u.displayName)).toEqual(['Karl Kunde']);
    expect((await search('"displayName:ase"')).value.map((u) => u.displayName)).toEqual(['Åse Ødegård']);
    expect((await search('"displayName:ødeg"')).value.map((u) => u.displayName)).toEqual(['Åse Ødegård']);
    expect((await search('"displayName:bruger 11"'))['@odata.count']).toBe(11);
    expect((await search('"displayName:karl" OR "mail:aase"')).value.map((u) => u.displayName).sort()).toEqual([
      'Karl Kunde',
      'Åse Ødegård',
    ]);
    expect((await search('"displayName:karl" AND "mail:aase"')).value).toEqual([]);
  });

  it('sorts by displayName by default and needs advanced parameters to sort a filtered result', async () => {
    const page = (await t.graph.api('/users').orderby('displayName desc').top(3).select('displayName').get()) as UserPage;
    expect(page.value.map((u) => u.displayName)).toEqual(['Åse Ødegård', 'Support', 'Mette Ravn']);
    const filter = encodeURIComponent("startswith(displayName,'bruger 10')");
    await expectGraphError(
      await t.raw(`/users?$filter=${filter}&$orderby=displayName`),
      400,
      'Request_UnsupportedQuery',
      'Sorting not supported for current query.',
    );
    const { body } = await getJson<UserPage>(`/users?$filter=${filter}&$orderby=displayName desc&$count=true`, {
      ConsistencyLevel: 'eventual',
    });
    expect(body.value.map((u) => u.displayName)).toEqual([
      'Bruger 109',
      'Bruger 108',
      'Bruger 107',
      'Bruger 106',
      'Bruger 105',
      'Bruger 104',
      'Bruger 103',
      'Bruger 102',
      'Bruger 101',
      'Bruger 100',
      'Bruger 10',
    ]);
  });
});

describe('GET /users/{id | userPrincipalName}', () => {
  it('returns the documented default properties by id and by userPrincipalName (any case)', async () => {
    const { res, body } = await getJson<Record<string, unknown>>('/users/22222222-2222-4222-8222-222222222222');
    expect(res.status).toBe(200);
    expect(body['@odata.context']).toBe(context('users/$entity'));
    const { '@odata.context': _context, ...entity } = body;
    expect(Object.keys(entity)).toEqual(Object.keys(getDoc.response.body as object));
    expect(entity).toMatchObject({
      id: '22222222-2222-4222-8222-222222222222',
      displayName: 'Mette Ravn',
      jobTitle: 'Direktør',
      mail: 'mette@itguy.dk',
    });
    const byUpn = (await t.graph.api('/users/Mette@ITGuy.dk').get()) as Record<string, unknown>;
    expect(byUpn).toEqual(body);
  });

  it('names the selected properties in the context and returns only those', async () => {
    const body = (await t.graph.api('/users/karl@itguy.onmicrosoft.com').select(['displayName', 'givenName']).get()) as Record<
      string,
      unknown
    >;
    const documented = (getDoc.examples as { response: { body: Record<string, unknown> } }[])[0]!.response.body['@odata.context'];
    expect(String(documented)).toMatch(/#users\(displayName,givenName,postalCode,identities\)\/\$entity$/);
    expect(body).toEqual({
      '@odata.context': context('users(displayName,givenName)/$entity'),
      displayName: 'Karl Kunde',
      givenName: 'Karl',
    });
  });

  it('answers an unknown id or UPN with 404 Request_ResourceNotFound', async () => {
    const id = '99999999-9999-4999-8999-999999999999';
    await expectGraphError(
      await t.raw(`/users/${id}`),
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    );
    await expectGraphError(
      await t.raw('/users/nobody@itguy.dk'),
      404,
      'Request_ResourceNotFound',
      "Resource 'nobody@itguy.dk' does not exist or one of its queried reference-property objects are not present.",
    );
    const error = (await t.graph
      .api('/users/nobody@itguy.dk')
      .get()
      .catch((e: unknown) => e)) as GraphError;
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('Request_ResourceNotFound');
  });
});
