import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userPath } from '../../src/graph/paths.js';
import { smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';

/** /users/{id} segments: whatever the address holds, it stays one path segment. */

const ODD = 'søren+dsar#1/ærø@itguy.dk';

describe('userPath', () => {
  it('encodes +, #, /, @ and non-ASCII letters', () => {
    expect(userPath(ODD)).toBe('/users/s%C3%B8ren%2Bdsar%231%2F%C3%A6r%C3%B8%40itguy.dk');
  });

  it('leaves an object id as it is', () => {
    expect(userPath('22222222-2222-4222-8222-222222222222')).toBe('/users/22222222-2222-4222-8222-222222222222');
  });

  it('round-trips through decodeURIComponent', () => {
    for (const user of [ODD, 'a?b=c&d@x.dk', 'per%20cent@x.dk', '💼@x.dk'])
      expect(decodeURIComponent(userPath(user).slice('/users/'.length))).toBe(user);
  });
});

describe('userPath through the Graph client', () => {
  // The dev tenant splits its path before decoding the segments, so an encoded / cannot reach it: that case is above.
  const address = 'søren+dsar#1@itguy.dk';
  let t: TestTenant;
  beforeAll(async () => {
    const base = smallSeed();
    t = await startTestTenant({
      seed: {
        ...base,
        users: [
          ...base.users,
          {
            id: '44444444-4444-4444-8444-444444444444',
            displayName: 'Søren',
            mail: address,
            userPrincipalName: address,
            mailboxType: 'user',
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reaches the user whose address holds +, # and non-ASCII', async () => {
    const user = (await t.graph.api(userPath(address)).select('id,userPrincipalName').get()) as { id: string; userPrincipalName: string };
    expect(user).toMatchObject({ id: '44444444-4444-4444-8444-444444444444', userPrincipalName: address });
  });
});
