import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesKql, parseKql, searchable } from 'm365-dev-tenant/testing';
import { eml, smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';

/** $search narrowed by the word index finds exactly what matching every message finds. */

const WORDS = ['anna', 'sørensen', 'faktura', 'møde', 'kontakt', 'nummer', '26843190', 'hansen', 'ole', 'kjær', 'backup', 'server'];
let t: TestTenant;

beforeAll(async () => {
  let seed = 7;
  const pick = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return WORDS[seed % WORDS.length]!;
  };
  const messages = Array.from({ length: 120 }, (_, i) => ({
    mailbox: i % 2 ? 'mette@itguy.dk' : 'dpa@itguy.dk',
    folder: 'inbox' as const,
    receivedAgo: { days: 1 + (i % 30) },
    eml: eml({
      from: `${pick()}.${pick()}@example.com`,
      to: 'x@itguy.dk',
      subject: `${pick()} ${pick()}`,
      body: Array.from({ length: 12 }, pick).join(' '),
    }),
  }));
  t = await startTestTenant({ seed: smallSeed({ messages }) });
});
afterAll(() => t?.close());

describe('the $search word index', () => {
  it.each([
    '"anna sørensen"',
    'anna OR faktura',
    '"ole kjær" OR 26843190',
    'møde AND kontakt',
    'NOT backup',
    'subject:faktura',
    'hans',
    'from:anna',
    '"kontakt nummer" OR "server backup"',
  ])('%s', async (query) => {
    const mailbox = t.tenant.services.tenant.mail.mailboxes.get('22222222-2222-4222-8222-222222222222')!;
    const node = parseKql(query);
    const expected = mailbox.messages
      .filter((m) => matchesKql(node, searchable(m)))
      .map((m) => m.id)
      .sort();
    const ids: string[] = [];
    for (
      let url: string | undefined =
        `/users/mette@itguy.dk/messages?$search=${encodeURIComponent(JSON.stringify(query))}&$select=id&$top=50`;
      url;
    ) {
      const page = (await t.graph.api(url).get()) as { value: { id: string }[]; '@odata.nextLink'?: string };
      ids.push(...page.value.map((m) => m.id));
      url = page['@odata.nextLink'];
    }
    expect(ids.sort()).toEqual(expected);
  });
});
