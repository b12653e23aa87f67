import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDirectoryUser, ping, searchDirectoryUsers } from '../../src/graph/directory.js';
import { startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';

/** The directory reads against the dev tenant: a few users for what was typed, one by id, and the readiness ping. */

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

describe('directory', () => {
  it('searches by the start of words in the name or the mail address, a few at a time', async () => {
    const names = async (text: string, top?: number) => (await searchDirectoryUsers(t.graph, text, top)).map((u) => u.name);
    expect(await names('mette')).toEqual(['Mette Ravn']);
    expect(await names('RAVN')).toEqual(['Mette Ravn']);
    expect(await names('dpa')).toEqual(['Databeskyttelse']);
    // Words match from their start only, as the directory's $search does.
    expect(await names('avn')).toEqual([]);
    expect(await names('s')).toEqual(['Support']);
    // Quotes cannot break out of the search clause; blank is no one (and no request).
    expect(await names('me"tte')).toEqual([]);
    expect(await names('"mette"')).toEqual(['Mette Ravn']);
    expect(await names('   ')).toEqual([]);
    expect(await searchDirectoryUsers(t.graph, 'mette')).toEqual([
      { id: '22222222-2222-4222-8222-222222222222', name: 'Mette Ravn', email: 'mette@itguy.dk' },
    ]);
  });

  it('reads one user by object id, and no one for an id the directory does not have', async () => {
    expect(await getDirectoryUser(t.graph, '22222222-2222-4222-8222-222222222222')).toEqual({
      id: '22222222-2222-4222-8222-222222222222',
      name: 'Mette Ravn',
      email: 'mette@itguy.dk',
    });
    expect(await getDirectoryUser(t.graph, '99999999-9999-4999-8999-999999999999')).toBeUndefined();
  });

  it('pings Graph with the app credential', async () => {
    await expect(ping(t.graph)).resolves.toBeUndefined();
  });
});
