import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxOwner } from '../../src/graph/directory.js';
import { smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { expectGraphError, readDoc } from './graph-docs.js';

/**
 * GET /users/{address}?$select=id,userPrincipalName,mail, the add-in API's "whose mailbox is this", through
 * the product's Graph client against the documented contract (graph-docs/user-get.json): a person, a shared
 * mailbox (a user object of its own), an address that is only someone's mail, nobody, and Graph failing.
 */

const KARL = {
  id: 'bbbbbbbb-0000-4000-8000-000000000001',
  displayName: 'Karl Kunde',
  mail: 'karl@itguy.dk',
  userPrincipalName: 'karl@itguy.onmicrosoft.com',
  mailboxType: 'user' as const,
};

let t: TestTenant;
beforeAll(async () => {
  const seed = smallSeed();
  seed.users.push(KARL);
  t = await startTestTenant({ seed });
});
afterAll(async () => {
  await t?.close();
});

const setFaults = (faults: Record<string, unknown>) => t.dev('/faults', { method: 'PUT', body: JSON.stringify(faults) });

describe('whose mailbox an address is', () => {
  it('answers exactly the selected properties, as documented for $select', async () => {
    const doc = readDoc('user-get.json');
    expect(JSON.stringify(doc.examples)).toContain('$select=');
    const res = await t.raw('/users/mette%40itguy.dk?$select=id,userPrincipalName,mail');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['@odata.context', 'id', 'mail', 'userPrincipalName']);
    expect(body['@odata.context']).toMatch(/\$metadata#users\(id,userPrincipalName,mail\)\/\$entity$/);
  });

  it('finds a person and a shared mailbox by userPrincipalName, each with its own object id', async () => {
    expect(await mailboxOwner(t.graph, 'Mette@ITGuy.dk')).toEqual({
      id: '22222222-2222-4222-8222-222222222222',
      userPrincipalName: 'mette@itguy.dk',
      mail: 'mette@itguy.dk',
    });
    expect(await mailboxOwner(t.graph, 'support@itguy.dk')).toMatchObject({ id: '33333333-3333-4333-8333-333333333333' });
  });

  it('finds a user whose mail differs from the userPrincipalName (Graph answers 404 to GET /users/{mail})', async () => {
    await expectGraphError(await t.raw('/users/karl%40itguy.dk'), 404, 'Request_ResourceNotFound');
    expect(await mailboxOwner(t.graph, 'karl@itguy.dk')).toEqual({
      id: KARL.id,
      userPrincipalName: KARL.userPrincipalName,
      mail: KARL.mail,
    });
  });

  it('says nobody for an address no user has, also one with an apostrophe (escaped in $filter)', async () => {
    expect(await mailboxOwner(t.graph, 'nobody@itguy.dk')).toBeUndefined();
    expect(await mailboxOwner(t.graph, "o'brien@itguy.dk")).toBeUndefined();
  });

  it('throws when Graph fails, so "could not ask" is never read as "nobody"', async () => {
    expect((await setFaults({ rate500: 1, pathPattern: '^/users' })).status).toBe(200);
    try {
      await expect(mailboxOwner(t.graph, 'mette@itguy.dk')).rejects.toMatchObject({ statusCode: 500 });
      // An unknown address is 404 before the fault; the search by mail then fails, and that is thrown too.
      await expect(mailboxOwner(t.graph, 'nobody@itguy.dk')).rejects.toMatchObject({ statusCode: 500 });
    } finally {
      await setFaults({});
    }
  });
});
