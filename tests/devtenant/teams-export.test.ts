import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallSeed, startTestTenant, walkPages, type TestTenant } from '../helpers/dev-tenant.js';
import { expectGraphError, readDoc } from './graph-docs.js';

/**
 * Teams export against the documented contract (graph-docs/chats-getallmessages.json,
 * channel-getallmessages.json, teams-list.json): paging, $filter, model, the protected-API and
 * payment answers, missing permissions, and injected throttling.
 */

type Json = Record<string, unknown>;
type Page = { value: Json[]; '@odata.nextLink'?: string; '@odata.context'?: string };
const chatDoc = readDoc('chats-getallmessages.json');
const channelDoc = readDoc('channel-getallmessages.json');
const teamsDoc = readDoc('teams-list.json');

const seed = smallSeed({
  chats: [
    {
      members: ['mette@itguy.dk', 'support@itguy.dk'],
      messages: Array.from({ length: 7 }, (_, i) => ({ from: 'mette@itguy.dk', ago: { days: 10 - i }, text: `besked ${i}` })),
    },
    { members: ['dpa@itguy.dk', 'support@itguy.dk'], messages: [{ from: 'dpa@itguy.dk', ago: { days: 1 }, text: 'ikke Mettes' }] },
  ],
  teams: [
    {
      displayName: 'Kunder',
      description: 'Kundesager',
      channels: [
        {
          displayName: 'Support',
          posts: [
            {
              from: 'mette@itguy.dk',
              ago: { days: 3 },
              text: 'Ny sag',
              subject: 'Printer',
              replies: [{ from: 'support@itguy.dk', ago: { days: 2 }, text: 'Løst' }],
            },
          ],
        },
        { displayName: 'General', posts: [{ from: 'mette@itguy.dk', ago: { days: 5 }, text: 'Velkommen' }] },
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

const setSettings = (tenant: TestTenant, body: Json) =>
  tenant.dev('/settings', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('GET /users/{id}/chats/getAllMessages (chats-getallmessages.md)', () => {
  it("answers with the documented chatMessage properties, only the user's chats, oldest first", async () => {
    const page = (await t.graph.api('/users/mette@itguy.dk/chats/getAllMessages').get()) as Page;
    const documented = chatDoc.response.body as Page;
    expect(page['@odata.context']).toBe(`${t.tenant.graphBaseUrl}/$metadata#Collection(chatMessage)`);
    for (const key of Object.keys(documented.value[0]!)) expect(page.value[0], key).toHaveProperty(key);
    expect(page.value.map((m) => (m.body as Json).content)).toEqual(Array.from({ length: 7 }, (_, i) => `besked ${i}`));
    expect(page.value[0]).toMatchObject({ messageType: 'message', channelIdentity: null, replyToId: null });
    expect(page.value[0]!.chatId).toMatch(/^19:.+@unq\.gbl\.spaces$/);
    expect((page.value[0]!.from as Json).user).toEqual({
      id: '22222222-2222-4222-8222-222222222222',
      displayName: 'Mette Ravn',
      userIdentityType: 'aadUser',
    });
  });

  it('pages with $top and @odata.nextLink, keeping model and $filter, and refuses $top above 50', async () => {
    const pages = await walkPages<Page>(t, '/users/mette@itguy.dk/chats/getAllMessages?$top=3&model=B');
    expect(pages.map((p) => p.value.length)).toEqual([3, 3, 1]);
    expect(pages[0]!['@odata.nextLink']).toContain('model=B');
    const res = await t.raw('/users/mette@itguy.dk/chats/getAllMessages?$top=51');
    await expectGraphError(res, 400);
  });

  it('filters on a lastModifiedDateTime range', async () => {
    const all = ((await t.graph.api('/users/mette@itguy.dk/chats/getAllMessages').get()) as Page).value;
    const from = all[2]!.lastModifiedDateTime as string;
    const to = all[4]!.lastModifiedDateTime as string;
    const page = (await t.graph
      .api('/users/mette@itguy.dk/chats/getAllMessages')
      .filter(`lastModifiedDateTime gt ${from} and lastModifiedDateTime lt ${to}`)
      .get()) as Page;
    expect(page.value.map((m) => m.id)).toEqual([all[3]!.id]);
    await expectGraphError(await t.raw("/users/mette@itguy.dk/chats/getAllMessages?$filter=subject eq 'x'"), 400);
  });

  it('answers 403 Forbidden when the app is not approved for protected APIs, and 402 with a model but no billing', async () => {
    const [forbidden] = (chatDoc.errors as { status: number; code: string; message: string }[])!;
    await setSettings(t, { teamsExport: 'notApproved' });
    try {
      await expectGraphError(await t.raw('/users/mette@itguy.dk/chats/getAllMessages'), 403, forbidden!.code, forbidden!.message);
      await setSettings(t, { teamsExport: 'noBilling' });
      const error = await expectGraphError(await t.raw('/users/mette@itguy.dk/chats/getAllMessages?model=A'), 402, 'PaymentRequired');
      expect(error.message).toContain('must be associated with an Azure subscription');
      // Evaluation mode (no model) needs no subscription.
      expect((await t.raw('/users/mette@itguy.dk/chats/getAllMessages')).status).toBe(200);
    } finally {
      await setSettings(t, { teamsExport: 'enabled' });
    }
    await expectGraphError(await t.raw('/users/mette@itguy.dk/chats/getAllMessages?model=C'), 400);
  });

  it('answers 403 naming Chat.Read.All without the permission, and 404 for an unknown user', async () => {
    const error = await expectGraphError(await noRoles.raw('/users/mette@itguy.dk/chats/getAllMessages'), 403, 'Forbidden');
    expect(error.message).toContain("API requires one of 'Chat.Read.All, Chat.ReadWrite.All'");
    await expectGraphError(await t.raw('/users/nobody@itguy.dk/chats/getAllMessages'), 404);
  });

  it('is throttled by an injected 429 with Retry-After', async () => {
    await t.dev('/faults', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rate429: 1, pathPattern: 'getAllMessages', retryAfterSeconds: 3 }),
    });
    try {
      const res = await t.raw('/users/mette@itguy.dk/chats/getAllMessages');
      await expectGraphError(res, 429);
      expect(res.headers.get('retry-after')).toBe('3');
      const channel = await t.raw(`/teams/${await teamId()}/channels/getAllMessages`);
      expect(channel.status).toBe(429);
      expect((await t.raw('/teams')).status).toBe(200);
    } finally {
      await t.dev('/faults', { method: 'DELETE' });
    }
  });
});

async function teamId(): Promise<string> {
  const teams = (await t.graph.api('/teams').get()) as Page;
  return teams.value[0]!.id as string;
}

describe('GET /teams (teams-list.md)', () => {
  it('lists teams with only id, displayName and description, and honours $select', async () => {
    const page = (await t.graph.api('/teams').get()) as Page;
    const documented = (teamsDoc.response.body as Page).value[0]!;
    expect(page.value).toHaveLength(1);
    expect(Object.keys(page.value[0]!).sort()).toEqual(Object.keys(documented).sort());
    expect(page.value[0]).toMatchObject({ displayName: 'Kunder', description: 'Kundesager' });
    const selected = (await t.graph.api('/teams').select('id,description').get()) as Page;
    expect(Object.keys(selected.value[0]!).sort()).toEqual(['description', 'id']);
    const error = await expectGraphError(await noRoles.raw('/teams'), 403, 'Forbidden');
    expect(error.message).toContain('Team.ReadBasic.All');
  });
});

describe('GET /teams/{id}/channels/getAllMessages (channel-getallmessages.md)', () => {
  it('returns posts and replies of every channel with channelIdentity, and the documented properties', async () => {
    const id = await teamId();
    const page = (await t.graph.api(`/teams/${id}/channels/getAllMessages`).get()) as Page;
    const documented = (channelDoc.response.body as Page).value[0]!;
    for (const key of Object.keys(documented)) expect(page.value[0], key).toHaveProperty(key);
    expect(page.value.map((m) => (m.body as Json).content)).toEqual(['Velkommen', 'Ny sag', 'Løst']);
    const [welcome, post, reply] = page.value;
    expect(reply!.replyToId).toBe(post!.id);
    expect(post!.subject).toBe('Printer');
    expect((post!.channelIdentity as Json).teamId).toBe(id);
    expect((welcome!.channelIdentity as Json).channelId).not.toBe((post!.channelIdentity as Json).channelId);
    expect(post!.chatId).toBeNull();
    expect(post!.webUrl).toContain(`groupId=${id}`);
  });

  it('pages, answers 404 for an unknown team and 403 without ChannelMessage.Read.All', async () => {
    const id = await teamId();
    const pages = await walkPages<Page>(t, `/teams/${id}/channels/getAllMessages?$top=2`);
    expect(pages.map((p) => p.value.length)).toEqual([2, 1]);
    await expectGraphError(await t.raw('/teams/00000000-0000-4000-8000-000000000000/channels/getAllMessages'), 404);
    const error = await expectGraphError(await noRoles.raw(`/teams/${id}/channels/getAllMessages`), 403, 'Forbidden');
    expect(error.message).toContain('ChannelMessage.Read.All');
  });
});
