import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTenant, walkPages, type TestTenant } from '../helpers/dev-tenant.js';

/** A generated tenant's chats, meetings and contacts, a fraction naming the generated data subject. */

type Page = { value: { body?: { content: string }; emailAddresses?: { address: string }[] }[]; '@odata.nextLink'?: string };
let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

describe('POST /_dev/tenant/generate with the newer sources', () => {
  it('makes chats, events and contacts per user, and names the subject in the asked fraction', async () => {
    const res = await t.dev('/tenant/generate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        users: 10,
        messagesPerUser: 0,
        chatMessagesPerUser: 4,
        eventsPerUser: 3,
        contactsPerUser: 2,
        teams: 2,
        channelMessagesPerChannel: 3,
        subject: { name: 'Vibeke Engholm-Kragh', email: 'vibeke.kragh@example.org' },
        subjectRate: 0.1,
      }),
    });
    const counts = (await res.json()) as Record<string, number>;
    expect(counts).toMatchObject({ users: 10, chatMessages: 40, events: 30, contacts: 20, channelMessages: 12, naming: 10 });
    const upn = ((await (await t.dev('')).json()) as { users: { userPrincipalName: string }[] }).users[0]!.userPrincipalName;
    const chat = (await walkPages<Page>(t, `/users/${upn}/chats/getAllMessages?$top=50`)).flatMap((p) => p.value);
    expect(chat).toHaveLength(8); // own 1:1 chat and the previous user's
    const events = (await walkPages<Page>(t, `/users/${upn}/events?$top=100`)).flatMap((p) => p.value);
    expect(events).toHaveLength(3);
    const contacts = (await walkPages<Page>(t, `/users/${upn}/contacts`)).flatMap((p) => p.value);
    expect(contacts).toHaveLength(2);
    // Teams with their channels' posts, through the same export API the search reads.
    const teams = ((await t.graph.api('/teams?$select=id').get()) as { value: { id: string }[] }).value;
    expect(teams).toHaveLength(2);
    const posts = (await walkPages<Page>(t, `/teams/${teams[0]!.id}/channels/getAllMessages?$top=50`)).flatMap((p) => p.value);
    expect(posts).toHaveLength(6);
  });
});
