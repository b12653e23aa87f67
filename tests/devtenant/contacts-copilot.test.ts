import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallSeed, startTestTenant, walkPages, type TestTenant } from '../helpers/dev-tenant.js';
import { expectGraphError, readDoc } from './graph-docs.js';

/**
 * Outlook contacts (graph-docs/contact-list.json) and Copilot interaction export
 * (graph-docs/aiinteraction-getallenterpriseinteractions.json): shapes, $filter, $select, paging,
 * missing permission, the unlicensed user, and injected 503.
 */

type Json = Record<string, unknown>;
type Page = { value: Json[]; '@odata.nextLink'?: string };
const contactDoc = readDoc('contact-list.json');
const copilotDoc = readDoc('aiinteraction-getallenterpriseinteractions.json');

const base = smallSeed();
const seed = smallSeed({
  users: base.users.map((u) => (u.userPrincipalName === 'mette@itguy.dk' ? { ...u, copilotLicensed: true } : u)),
  contacts: Array.from({ length: 12 }, (_, i) => ({
    owner: 'mette@itguy.dk',
    givenName: `Kunde${String(i).padStart(2, '0')}`,
    surname: 'Hansen',
    email: `kunde${i}@example.com`,
    modifiedAgo: { days: i + 1 },
  })),
  copilot: [
    { user: 'mette@itguy.dk', ago: { days: 4 }, prompt: 'Opsummer mødet med Jens', answer: 'Jens ønsker et tilbud.' },
    {
      user: 'mette@itguy.dk',
      ago: { days: 2 },
      prompt: 'Skriv et udkast',
      answer: 'Her er udkastet.',
      appClass: 'IPM.SkypeTeams.Message.Copilot.Word',
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

describe('GET /users/{id}/contacts (user-list-contacts.md)', () => {
  it('answers contacts with the documented properties, ten to a page by default', async () => {
    const pages = await walkPages<Page>(t, '/users/mette@itguy.dk/contacts');
    expect(pages.map((p) => p.value.length)).toEqual([10, 2]);
    const first = pages[0]!.value[0]!;
    for (const key of Object.keys((contactDoc.response.body as Page).value[0]!)) expect(first, key).toHaveProperty(key);
    expect(first).toMatchObject({
      displayName: 'Kunde00 Hansen',
      emailAddresses: [{ name: 'Kunde00 Hansen', address: 'kunde0@example.com' }],
    });
  });

  it("filters on emailAddresses/any(a:a/address eq '…') and honours $select", async () => {
    const page = (await t.graph
      .api('/users/mette@itguy.dk/contacts')
      .filter("emailAddresses/any(a:a/address eq 'KUNDE7@example.com')")
      .select('displayName,emailAddresses')
      .get()) as Page;
    expect(page.value).toHaveLength(1);
    expect(
      Object.keys(page.value[0]!)
        .filter((k) => !k.startsWith('@'))
        .sort(),
    ).toEqual(['displayName', 'emailAddresses', 'id']);
    await expectGraphError(await t.raw("/users/mette@itguy.dk/contacts?$filter=displayName eq 'x'"), 400);
    await expectGraphError(await t.raw('/users/mette@itguy.dk/contacts?$select=nope'), 400);
  });

  it('answers 403 ErrorAccessDenied without Contacts.Read, and 404 for an unknown mailbox', async () => {
    await expectGraphError(await noRoles.raw('/users/mette@itguy.dk/contacts'), 403, 'ErrorAccessDenied');
    await expectGraphError(await t.raw('/users/nobody@itguy.dk/contacts'), 404);
  });
});

describe('GET /copilot/users/{id}/interactionHistory/getAllEnterpriseInteractions', () => {
  const path = '/copilot/users/mette@itguy.dk/interactionHistory/getAllEnterpriseInteractions';

  it('answers prompts and responses with the documented aiInteraction properties, oldest first', async () => {
    const page = (await t.graph.api(path).get()) as Page;
    const documented = (copilotDoc.response.body as Page).value[0]!;
    for (const key of Object.keys(documented)) expect(page.value[0], key).toHaveProperty(key);
    expect(page.value.map((i) => [i.interactionType, (i.body as Json).content])).toEqual([
      ['userPrompt', 'Opsummer mødet med Jens'],
      ['aiResponse', 'Jens ønsker et tilbud.'],
      ['userPrompt', 'Skriv et udkast'],
      ['aiResponse', 'Her er udkastet.'],
    ]);
    expect(page.value[0]!.requestId).toBe(page.value[1]!.requestId);
    expect(((page.value[0]!.from as Json).user as Json).id).toBe('22222222-2222-4222-8222-222222222222');
  });

  it('filters on appClass and a createdDateTime range, and pages with $top', async () => {
    const word = (await t.graph.api(path).filter("appClass eq 'IPM.SkypeTeams.Message.Copilot.Word'").get()) as Page;
    expect(word.value).toHaveLength(2);
    const all = ((await t.graph.api(path).get()) as Page).value;
    const recent = (await t.graph
      .api(path)
      .filter(`createdDateTime gt ${all[1]!.createdDateTime as string}`)
      .get()) as Page;
    expect(recent.value).toHaveLength(2);
    const pages = await walkPages<Page>(t, `${path}?$top=3`);
    expect(pages.map((p) => p.value.length)).toEqual([3, 1]);
    await expectGraphError(await t.raw(`${path}?$filter=locale eq 'da'`), 400);
  });

  it('answers 403 for a user without a Copilot licence and without AiEnterpriseInteraction.Read.All', async () => {
    await expectGraphError(await t.raw('/copilot/users/dpa@itguy.dk/interactionHistory/getAllEnterpriseInteractions'), 403, 'Forbidden');
    const error = await expectGraphError(await noRoles.raw(path), 403, 'Forbidden');
    expect(error.message).toContain('AiEnterpriseInteraction.Read.All');
  });

  it('is hit by an injected 503 with Retry-After', async () => {
    await t.dev('/faults', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rate503: 1, pathPattern: '^/(copilot|users/[^/]+/contacts)', retryAfterSeconds: 5 }),
    });
    try {
      for (const p of [path, '/users/mette@itguy.dk/contacts']) {
        const res = await t.raw(p);
        await expectGraphError(res, 503);
        expect(res.headers.get('retry-after')).toBe('5');
      }
    } finally {
      await t.dev('/faults', { method: 'DELETE' });
    }
  });
});
