import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SeedMessage } from 'm365-dev-tenant';
import { pages, all, type GraphPage } from '../../src/graph/pages.js';
import { eml, smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';

/** The paging helper through the real Graph client against the dev tenant: nextLinks, headers on every page, deltaLink. */

const DPA = 'dpa@itguy.dk';
const users = Array.from({ length: 7 }, (_, i) => ({
  id: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`,
  displayName: `Bruger ${i}`,
  mail: `bruger${i}@itguy.dk`,
  userPrincipalName: `bruger${i}@itguy.dk`,
  mailboxType: 'user' as const,
}));
const inbox = (n: number): SeedMessage[] =>
  Array.from({ length: n }, (_, i) => ({
    mailbox: DPA,
    folder: 'inbox' as const,
    receivedAgo: { days: i + 1 },
    eml: eml({ from: 'kunde@example.com', to: DPA, subject: `Besked ${i + 1}`, body: 'Hej' }),
  }));

let t: TestTenant;
beforeAll(async () => {
  const base = smallSeed();
  t = await startTestTenant({ seed: { ...base, users: [...base.users, ...users], messages: inbox(7) } });
});
afterAll(async () => {
  await t?.close();
});

const requests = async () => ((await (await t.dev('/counters')).json()) as { requests: number }).requests;
const deltaPath = `/users/${encodeURIComponent(DPA)}/mailFolders/inbox/messages/delta?$select=id`;

describe('pages', () => {
  beforeEach(async () => {
    await t.dev('/counters', { method: 'DELETE' });
  });

  it('follows @odata.nextLink to the end, in order, one request per page', async () => {
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const page of pages<{ id: string }>(t.graph, '/users?$select=id&$top=3')) {
      sizes.push(page.value.length);
      ids.push(...page.value.map((u) => u.id));
    }
    // 3 seeded users and 7 more: pages of 3, 3, 3, 1.
    expect(sizes).toEqual([3, 3, 3, 1]);
    expect(new Set(ids).size).toBe(10);
    expect(await requests()).toBe(4);
    expect(await all<{ id: string }>(t.graph, '/users?$select=id&$top=3')).toHaveLength(10);
  });

  it('sends the headers on every page, not only the first', async () => {
    const sizes: number[] = [];
    for await (const page of pages(t.graph, deltaPath, { headers: { Prefer: 'odata.maxpagesize=2' } })) sizes.push(page.value.length);
    // Without Prefer on the nextLink requests the later pages would come in the default size.
    expect(sizes).toEqual([2, 2, 2, 1]);
  });

  it('gives the deltaLink after the last page, and the next round from it has only what changed', async () => {
    const first = pages<{ id: string }>(t.graph, deltaPath, { headers: { Prefer: 'odata.maxpagesize=3' } });
    expect(first.deltaLink).toBeUndefined();
    let count = 0;
    for await (const page of first) count += page.value.length;
    expect(count).toBe(7);
    expect(first.deltaLink).toMatch(/^https:\/\/.*\$deltatoken=/);

    const delivered = (await (
      await t.dev(`/mailboxes/${DPA}/deliver`, {
        method: 'POST',
        headers: { 'Content-Type': 'message/rfc822' },
        body: eml({ from: 'ny@example.com', to: DPA, subject: 'Ny', body: 'Hej' }),
      })
    ).json()) as { id: string };
    const next = pages<{ id: string }>(t.graph, first.deltaLink!);
    const changed: string[] = [];
    for await (const page of next) changed.push(...page.value.map((m) => m.id));
    expect(changed).toEqual([delivered.id]);
    expect(next.deltaLink).toMatch(/\$deltatoken=/);
    expect(next.deltaLink).not.toBe(first.deltaLink);
  });

  it('starts from a page already fetched without asking for it again', async () => {
    const firstPage = (await t.graph.api('/users?$select=id&$top=4').get()) as GraphPage<{ id: string }>;
    await t.dev('/counters', { method: 'DELETE' });
    const seen: GraphPage<{ id: string }>[] = [];
    for await (const page of pages(t.graph, firstPage)) seen.push(page);
    expect(seen[0]).toBe(firstPage);
    expect(seen.map((p) => p.value.length)).toEqual([4, 4, 2]);
    expect(await requests()).toBe(2);
  });

  it('sends no more requests once the loop is left', async () => {
    for await (const page of pages(t.graph, '/users?$select=id&$top=3')) {
      expect(page.value).toHaveLength(3);
      break;
    }
    expect(await requests()).toBe(1);
  });

  it('stops before the next request when the signal is aborted', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const page of pages(t.graph, '/users?$select=id&$top=3', { signal: controller.signal })) {
          seen.push(page.value.length);
          controller.abort(new Error('stopped'));
        }
      })(),
    ).rejects.toThrow('stopped');
    expect(seen).toEqual([3]);
    expect(await requests()).toBe(1);
  });

  it('passes Graph errors on', async () => {
    await expect(all(t.graph, '/users/nobody@itguy.dk/messages')).rejects.toMatchObject({ statusCode: 404 });
  });
});
