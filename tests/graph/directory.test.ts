import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDirectoryUsers, ping } from '../../src/graph/directory.js';
import { startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';

/** The directory reads against the dev tenant: everyone, sorted the Danish way, and the readiness ping. */

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

describe('directory', () => {
  it('lists every user by display name, with the mail address in lower case', async () => {
    expect(await listDirectoryUsers(t.graph)).toEqual([
      { id: '11111111-1111-4111-8111-111111111111', name: 'Databeskyttelse', email: 'dpa@itguy.dk' },
      { id: '22222222-2222-4222-8222-222222222222', name: 'Mette Ravn', email: 'mette@itguy.dk' },
      { id: '33333333-3333-4333-8333-333333333333', name: 'Support', email: 'support@itguy.dk' },
    ]);
  });

  it('pings Graph with the app credential', async () => {
    await expect(ping(t.graph)).resolves.toBeUndefined();
  });
});
