import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DpoAccess } from '../../src/app/dpo-access.js';
import { graphGroupMembership } from '../../src/graph/directory.js';
import { smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { expectGraphError } from './graph-docs.js';

/** POST /users/{id}/checkMemberGroups as Graph documents it, and DPO access decided by a group through it. */

const METTE = '22222222-2222-4222-8222-222222222222';
const SUPPORT = '33333333-3333-4333-8333-333333333333';
const DPO_GROUP = '44444444-4444-4444-8444-444444444444';
const OUTER = '55555555-5555-4555-8555-555555555555';
const OTHER = '66666666-6666-4666-8666-666666666666';

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({
    seed: smallSeed({
      groups: [
        { id: DPO_GROUP, displayName: 'Databeskyttelse', members: [METTE] },
        { id: OUTER, displayName: 'Ledelse', members: [DPO_GROUP] },
        { id: OTHER, displayName: 'Support', members: [SUPPORT] },
      ],
    }),
  });
});
afterAll(() => t?.close());

const check = (user: string, groupIds: unknown) =>
  t.raw(`/users/${user}/checkMemberGroups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ groupIds }),
  });

describe('checkMemberGroups', () => {
  it('returns the given groups the user is in, transitively, as a collection of strings', async () => {
    const res = await check(METTE, [DPO_GROUP, OUTER, OTHER]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { '@odata.context': string; value: string[] };
    expect(body['@odata.context']).toMatch(/\$metadata#Collection\(Edm\.String\)$/);
    expect(body.value).toEqual([DPO_GROUP, OUTER]);
    expect(((await (await check(SUPPORT, [DPO_GROUP])).json()) as { value: string[] }).value).toEqual([]);
  });

  it('refuses a malformed request and an unknown user', async () => {
    await expectGraphError(await check(METTE, []), 400);
    await expectGraphError(
      await check(
        METTE,
        Array.from({ length: 21 }, () => DPO_GROUP),
      ),
      400,
    );
    await expectGraphError(await check('77777777-7777-4777-8777-777777777777', [DPO_GROUP]), 404);
  });

  it('decides DPO access for DSAR_DPO_GROUP_ID through the product Graph client', async () => {
    const access = new DpoAccess({ userIds: [], groupId: OUTER }, graphGroupMembership(t.graph));
    expect(await access.isDpo(METTE)).toBe(true);
    expect(await access.isDpo(SUPPORT)).toBe(false);
    expect(await access.isDpo('77777777-7777-4777-8777-777777777777')).toBe(false);
    expect(await access.isDpo(undefined)).toBe(false);
  });
});
