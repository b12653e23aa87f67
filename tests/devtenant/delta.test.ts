import type { Message } from '@microsoft/microsoft-graph-types';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedMessage } from 'm365-dev-tenant';
import { eml, smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { readDoc } from './graph-docs.js';

/**
 * GET /users/{id}/mailFolders/{id}/messages/delta against the documented contract (graph-docs/message-delta.json):
 * rounds of $skiptoken pages ending in a $deltatoken deltaLink, @removed entries, changeType, $filter on the
 * first round, changes made mid-round, and a property test that replaying every round reproduces the folder.
 */

/** An entry of a delta page: a message with the selected properties, or a removal. */
type DeltaItem = Message & { id: string; '@odata.type'?: string; '@removed'?: { reason: string } };
interface DeltaPage {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  value: DeltaItem[];
}

const deltaDoc = readDoc('message-delta.json');
const docExamples = deltaDoc.examples as { name: string; response: { body: DeltaPage } }[];
const METTE = 'mette@itguy.dk';

const inboxSeed = (mailbox: string, n: number, prefix: string): SeedMessage[] =>
  Array.from({ length: n }, (_, i) => ({
    mailbox,
    folder: 'inbox' as const,
    receivedAgo: { days: i + 1 },
    eml: eml({ from: 'Kunde <kunde@example.com>', to: mailbox, subject: `${prefix} ${i + 1}`, body: `Besked ${i + 1}` }),
  }));

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({
    seed: smallSeed({
      messages: [
        ...inboxSeed(METTE, 8, 'Mette'),
        ...inboxSeed('dpa@itguy.dk', 7, 'Dpa'),
        {
          mailbox: METTE,
          folder: 'archive',
          receivedAgo: { days: 40 },
          eml: eml({ from: 'Kunde <kunde@example.com>', to: METTE, subject: 'Arkiveret', body: 'gammel' }),
        },
      ],
    }),
  });
});
afterAll(async () => {
  await t?.close();
});

const deltaPath = (upn: string, folder = 'inbox') => `/users/${upn}/mailFolders/${folder}/messages/delta`;

/** One delta request to a full URL (nextLink/deltaLink) or a path below /v1.0. */
async function fetchPage(urlOrPath: string, headers: Record<string, string> = {}): Promise<{ res: Response; page: DeltaPage }> {
  const url = urlOrPath.startsWith('https://') ? urlOrPath : `${t.tenant.graphBaseUrl}${urlOrPath}`;
  const res = await fetch(url, { headers: { Authorization: `Bearer ${await t.token()}`, ...headers } });
  expect(res.status).toBe(200);
  const page = (await res.json()) as DeltaPage;
  // Every page: the documented context, exactly one of nextLink/deltaLink, @odata.type on every item.
  expect(page['@odata.context']).toBe(`${t.tenant.graphBaseUrl}/$metadata#Collection(message)`);
  expect(Number(!!page['@odata.nextLink']) + Number(!!page['@odata.deltaLink'])).toBe(1);
  for (const item of page.value) expect(item['@odata.type']).toBe('#microsoft.graph.message');
  return { res, page };
}

/** Follows nextLinks to the end of a round; returns its pages (the last one has the deltaLink). */
async function round(first: string, headers: Record<string, string> = {}): Promise<DeltaPage[]> {
  const pages: DeltaPage[] = [];
  for (let next: string | undefined = first; next; ) {
    const { page } = await fetchPage(next, headers);
    pages.push(page);
    next = page['@odata.nextLink'];
    expect(pages.length).toBeLessThan(500);
  }
  return pages;
}
const items = (pages: DeltaPage[]) => pages.flatMap((p) => p.value);
const deltaLinkOf = (pages: DeltaPage[]) => pages.at(-1)!['@odata.deltaLink']!;

async function deliver(upn: string, subject: string, folder = 'inbox'): Promise<{ id: string; immutableId: string }> {
  const res = await t.dev(`/mailboxes/${upn}/deliver?folder=${folder}`, {
    method: 'POST',
    headers: { 'Content-Type': 'message/rfc822' },
    body: eml({ from: 'Kunde <kunde@example.com>', to: upn, subject, body: subject }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; immutableId: string };
}
async function patch(upn: string, id: string, body: Message): Promise<void> {
  const res = await t.raw(`/users/${upn}/messages/${id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}
async function remove(upn: string, id: string): Promise<void> {
  expect((await t.raw(`/users/${upn}/messages/${id}`, { method: 'DELETE' })).status).toBe(204);
}
async function move(upn: string, id: string, destinationId: string): Promise<{ id: string }> {
  const res = await t.raw(`/users/${upn}/messages/${id}/move`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ destinationId }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}
/** The ids in a folder now, REST or immutable. */
async function folderIds(upn: string, folder: string, immutable = false): Promise<string[]> {
  const res = await t.raw(`/users/${upn}/mailFolders/${folder}/messages?$select=id&$top=1000`, {
    headers: immutable ? { Prefer: 'IdType="ImmutableId"' } : {},
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as DeltaPage).value.map((m) => m.id as string);
}

/** Applies delta items to a client's copy of the folder: ids present. */
function apply(state: Set<string>, entries: DeltaItem[]): void {
  for (const entry of entries) {
    if (entry['@removed']) {
      expect(Object.keys(entry).sort()).toEqual(['@odata.type', '@removed', 'id']);
      expect(entry['@removed']).toEqual({ reason: 'deleted' });
      state.delete(entry.id);
    } else {
      state.add(entry.id);
    }
  }
}

describe('message delta', () => {
  let deltaLink: string;

  it('walks the initial round in pages of odata.maxpagesize via $skiptoken and ends with a $deltatoken deltaLink', async () => {
    const prefer = { Prefer: 'odata.maxpagesize=3' };
    const first = await fetchPage(`${deltaPath(METTE)}?$select=subject,sender,isRead`, prefer);
    expect(first.res.headers.get('preference-applied')).toBe('odata.maxpagesize=3');
    // The documented first page: the same top-level keys and the same item keys for the same $select.
    const documented = deltaDoc.response.body as DeltaPage;
    expect(Object.keys(first.page).sort()).toEqual(Object.keys(documented).sort());
    for (const item of first.page.value) expect(Object.keys(item).sort()).toEqual(Object.keys(documented.value[0]!).sort());
    expect(first.page['@odata.nextLink']).toMatch(/\/messages\/delta\?\$skiptoken=[A-Za-z0-9_-]+$/);

    const rest = await round(first.page['@odata.nextLink']!, prefer);
    const pages = [first.page, ...rest];
    expect(pages.map((p) => p.value.length)).toEqual([3, 3, 2]);
    // $select is not repeated on nextLinks: the token carries it.
    for (const item of items(rest))
      expect(Object.keys(item).sort()).toEqual(['@odata.etag', '@odata.type', 'id', 'isRead', 'sender', 'subject']);
    const final = docExamples.find((e) => e.name.startsWith('final page'))!.response.body;
    expect(Object.keys(pages.at(-1)!).sort()).toEqual(Object.keys(final).sort());
    deltaLink = deltaLinkOf(pages);
    expect(deltaLink).toMatch(
      new RegExp(
        `^${t.tenant.graphBaseUrl.replace(/\./g, '\\.')}/users/mette@itguy\\.dk/mailFolders/inbox/messages/delta\\?\\$deltatoken=[A-Za-z0-9_-]+$`,
      ),
    );
    expect(new Set(items(pages).map((m) => m.id))).toEqual(new Set(await folderIds(METTE, 'inbox')));
    expect(
      items(pages)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(Array.from({ length: 8 }, (_, i) => `Mette ${i + 1}`).sort());
  });

  it('returns exactly the new, changed and deleted messages in the next round, then nothing', async () => {
    const before = await folderIds(METTE, 'inbox');
    const [a, b] = [await deliver(METTE, 'Ny 1'), await deliver(METTE, 'Ny 2')];
    await patch(METTE, before[0]!, { isRead: true });
    await remove(METTE, before[1]!);

    const pages = await round(deltaLink, { Prefer: 'odata.maxpagesize=3' });
    const entries = items(pages);
    expect(entries).toHaveLength(4);
    const byId = new Map(entries.map((e) => [e.id as string, e]));
    expect(byId.get(a.id)).toMatchObject({ subject: 'Ny 1' });
    expect(byId.get(b.id)).toMatchObject({ subject: 'Ny 2' });
    expect(byId.get(before[0]!)).toMatchObject({ isRead: true });
    expect(byId.get(before[1]!)).toEqual({ '@odata.type': '#microsoft.graph.message', id: before[1], '@removed': { reason: 'deleted' } });
    // The round remembers the initial $select.
    expect(Object.keys(byId.get(a.id)!).sort()).toEqual(['@odata.etag', '@odata.type', 'id', 'isRead', 'sender', 'subject']);
    const documentedRemoved = docExamples.find((e) => e.name.startsWith('next round'))!.response.body.value.find((v) => v['@removed'])!;
    expect(Object.keys(byId.get(before[1]!)!).sort()).toEqual(Object.keys(documentedRemoved).sort());

    deltaLink = deltaLinkOf(pages);
    const quiet = await round(deltaLink);
    expect(quiet).toHaveLength(1);
    expect(quiet[0]!.value).toEqual([]);
    expect(deltaLinkOf(quiet)).toMatch(/\$deltatoken=/);
  });

  it('does not lose a change made between the pages of a round: it comes in this round or the next', async () => {
    const upn = 'dpa@itguy.dk';
    const prefer = { Prefer: 'odata.maxpagesize=2' };
    const state = new Set<string>();
    const first = await fetchPage(deltaPath(upn), prefer);
    apply(state, first.page.value);
    const seen = first.page.value.map((m) => m.id as string);
    const notYet = (await folderIds(upn, 'inbox')).filter((id) => !seen.includes(id));
    expect(notYet.length).toBeGreaterThanOrEqual(4);

    // Between page 1 and page 2:
    await patch(upn, seen[0]!, { categories: ['Efter side 1'] });
    await patch(upn, notYet[0]!, { categories: ['Før den blev sendt'] });
    await remove(upn, notYet[1]!);
    await move(upn, notYet[2]!, 'archive');
    const fresh = await deliver(upn, 'Kom midt i runden');

    const rest = await round(first.page['@odata.nextLink']!, prefer);
    apply(state, items(rest));
    const next = await round(deltaLinkOf(rest), prefer);
    apply(state, items(next));
    expect([...state].sort()).toEqual((await folderIds(upn, 'inbox')).sort());

    const after = [...items(rest), ...items(next)];
    const last = (id: string) => after.filter((e) => e.id === id).at(-1);
    expect(last(seen[0]!)).toMatchObject({ categories: ['Efter side 1'] });
    expect(last(notYet[0]!)).toMatchObject({ categories: ['Før den blev sendt'] });
    expect(last(fresh.id)).toMatchObject({ subject: 'Kom midt i runden' });
    expect(state.has(notYet[1]!)).toBe(false);
    expect(state.has(notYet[2]!)).toBe(false);
  });

  it('reports only new arrivals with changeType=created', async () => {
    const upn = 'support@itguy.dk';
    const existing = await deliver(upn, 'Fandtes i forvejen');
    const other = await deliver(upn, 'Slettes');
    const initial = await round(`${deltaPath(upn)}?changeType=created`);
    expect(
      items(initial)
        .map((m) => m.id)
        .sort(),
    ).toEqual([existing.id, other.id].sort());
    expect(deltaLinkOf(initial)).not.toContain('changeType');

    await patch(upn, existing.id, { isRead: true });
    await remove(upn, other.id);
    const created = await deliver(upn, 'Ny ankomst');
    await move(upn, (await deliver(upn, 'Via arkivet', 'archive')).id, 'inbox');
    const next = items(await round(deltaLinkOf(initial)));
    expect(next.map((m) => m.subject).sort()).toEqual(['Ny ankomst', 'Via arkivet']);
    expect(next.map((m) => m.id)).toContain(created.id);
    expect(next.some((m) => m['@removed'])).toBe(false);
  });

  it('limits the initial round with $filter=receivedDateTime ge, and later rounds report changes as usual', async () => {
    const all = (await t.graph
      .api(`/users/${METTE}/mailFolders/inbox/messages`)
      .select('receivedDateTime,subject')
      .top(100)
      .get()) as DeltaPage;
    const since = all.value.find((m) => m.subject === 'Mette 3')!.receivedDateTime as string;
    const wanted = all.value.filter((m) => m.receivedDateTime! >= since).map((m) => m.id as string);
    expect(wanted.length).toBeGreaterThan(0);
    expect(wanted.length).toBeLessThan(all.value.length);
    const initial = await round(`${deltaPath(METTE)}?$filter=receivedDateTime ge ${since}`);
    expect(
      items(initial)
        .map((m) => m.id)
        .sort(),
    ).toEqual(wanted.sort());
    // gt leaves out the message received at exactly that moment.
    const strictly = await round(`${deltaPath(METTE)}?$filter=receivedDateTime gt ${since}`);
    expect(
      items(strictly)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(
      all.value
        .filter((m) => m.receivedDateTime! > since)
        .map((m) => m.subject)
        .sort(),
    );
    expect(items(strictly).map((m) => m.subject)).not.toContain('Mette 3');

    const old = all.value.find((m) => m.subject === 'Mette 8')!;
    await patch(METTE, old.id, { flag: { flagStatus: 'flagged' } });
    const next = items(await round(deltaLinkOf(initial)));
    expect(next).toEqual([expect.objectContaining({ id: old.id, flag: { flagStatus: 'flagged' } })]);

    const bad = await t.raw(`${deltaPath(METTE)}?$filter=${encodeURIComponent("subject eq 'x'")}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('ErrorInvalidUrlQueryFilter');
  });

  it('uses immutable ids, in removed entries too, with Prefer: IdType="ImmutableId"', async () => {
    const upn = 'support@itguy.dk';
    const prefer = { Prefer: 'IdType="ImmutableId"' };
    const initial = await round(deltaPath(upn), prefer);
    const target = await deliver(upn, 'Uforanderlig');
    await remove(upn, target.id);
    const { res, page } = await fetchPage(deltaLinkOf(initial), prefer);
    expect(res.headers.get('preference-applied')).toBe('IdType="ImmutableId"');
    expect(page.value).toEqual([{ '@odata.type': '#microsoft.graph.message', id: target.immutableId, '@removed': { reason: 'deleted' } }]);
  });
});

describe('message delta, property', () => {
  type Op =
    | { kind: 'deliver'; folder: 'inbox' | 'archive' }
    | { kind: 'patch' | 'delete' | 'moveOut' | 'moveIn' | 'bounce'; pick: number }
    | { kind: 'page' };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('deliver' as const), folder: fc.constantFrom('inbox' as const, 'archive' as const) }),
    // bounce: to Archive and straight back, which gives the message a new REST id in the same folder.
    fc.record({
      kind: fc.constantFrom('patch' as const, 'delete' as const, 'moveOut' as const, 'moveIn' as const, 'bounce' as const),
      pick: fc.nat(50),
    }),
    fc.constant({ kind: 'page' as const }),
    fc.constant({ kind: 'page' as const }),
  );
  const upn = 'support@itguy.dk';
  let counter = 0;

  it('replaying every delta round reproduces exactly the messages in the folder', async () => {
    await fc.assert(
      // syncFirst: finish the initial round before the changes, so they land in deltaLink rounds (with tombstones).
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(op, { maxLength: 20 }),
        async (pageSize, immutable, syncFirst, ops) => {
          const headers = { Prefer: [`odata.maxpagesize=${pageSize}`, ...(immutable ? ['IdType="ImmutableId"'] : [])].join(', ') };
          const state = new Set<string>();
          let next = deltaPath(upn);
          let deltaLink: string | undefined;
          const step = async () => {
            const { page } = await fetchPage(deltaLink && !next ? deltaLink : next, headers);
            apply(state, page.value);
            next = page['@odata.nextLink'] ?? '';
            deltaLink = page['@odata.deltaLink'] ?? deltaLink;
          };
          await step();
          while (syncFirst && next) await step();
          for (const o of ops) {
            if (o.kind === 'page') {
              await step();
              continue;
            }
            if (o.kind === 'deliver') {
              await deliver(upn, `Egenskab ${++counter}`, o.folder);
              continue;
            }
            const from = o.kind === 'moveIn' ? 'archive' : 'inbox';
            const ids = await folderIds(upn, from);
            if (ids.length === 0) continue;
            const id = ids[o.pick % ids.length]!;
            if (o.kind === 'patch') await patch(upn, id, { isRead: o.pick % 2 === 0, categories: [`c${o.pick}`] });
            else if (o.kind === 'delete') await remove(upn, id);
            else if (o.kind === 'bounce') {
              const back = await move(upn, id, 'archive');
              await move(upn, back.id, 'inbox');
            } else await move(upn, id, o.kind === 'moveOut' ? 'archive' : 'inbox');
          }
          // Finish the round in progress, then one more full round for what happened after it began.
          while (next) await step();
          next = deltaLink!;
          do await step();
          while (next);
          expect([...state].sort()).toEqual((await folderIds(upn, 'inbox', immutable)).sort());
        },
      ),
      { numRuns: 40 },
    );
  });
});
