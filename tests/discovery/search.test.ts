import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedFile, SeedMessage, SeedUser } from 'm365-dev-tenant';
import type { CaseService } from '../../src/app/case-service.js';
import { DiscoveryService } from '../../src/discovery/discovery-service.js';
import type { DiscoveryTable } from '../../src/discovery/discovery-table.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { eml, smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { caseService, freshDiscoveryTable, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/**
 * Searching the tenant through the dev tenant with the product's Graph client: a data subject planted in
 * several mailboxes and OneDrives is found, a person with a similar name is not, and faults and a restart
 * lose and double nothing.
 */

const staff: SeedUser[] = Array.from({ length: 12 }, (_, i) => ({
  id: `aaaaaaaa-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  displayName: `Medarbejder ${i + 1}`,
  mail: `m${i + 1}@itguy.dk`,
  userPrincipalName: `m${i + 1}@itguy.dk`,
  mailboxType: 'user',
}));
const mail = (mailbox: string, subject: string, body: string, from = 'kunde@example.com'): SeedMessage => ({
  mailbox,
  folder: 'inbox',
  receivedAgo: { days: 10 },
  eml: eml({ from, to: mailbox, subject, body }),
});
const file = (owner: string, path: string, content: string): SeedFile => ({ owner, path, modifiedAgo: { days: 5 }, content });

// Planted: Anna Sørensen by e-mail, name and phone (written three ways) in 5 mailboxes and 3 drives.
const planted = {
  messages: [
    mail('m1@itguy.dk', 'Faktura', 'Hej, se vedhæftede. Mvh Anna Sørensen', 'anna.sorensen@example.com'),
    mail('m2@itguy.dk', 'Opkald', 'Ring til Anna Sørensen på 26 84 31 90 i morgen.'),
    mail('m3@itguy.dk', 'Kontakt', 'Hendes nummer er +4526843190.'),
    mail('m4@itguy.dk', 'Møde', 'Mødet med anna.sorensen@example.com er flyttet.'),
    mail('dpa@itguy.dk', 'Indsigt', 'Jeg vil have indsigt. Anna Sørensen, tlf. 26843190', 'anna.sorensen@example.com'),
  ],
  files: [
    file('m1@itguy.dk', 'Kunder/liste.csv', 'navn;telefon\nAnna Sørensen;26843190\n'),
    file('m5@itguy.dk', 'noter.md', 'Kontakt: anna.sorensen@example.com'),
    file('m6@itguy.dk', 'Projekter/plan.txt', 'Ansvarlig hos kunden: Anna Sørensen'),
  ],
};
// Decoys: similar names and numbers that are someone else.
const decoys = {
  messages: [
    mail('m7@itguy.dk', 'Hej', 'Anne Sørensen ringer tilbage.'),
    mail('m8@itguy.dk', 'Kontakt', 'Anna Sørensby, tlf. 26 84 31 91'),
    mail('m9@itguy.dk', 'Kopi', 'sorensen.anna@example.com bad om en kopi'),
  ],
  files: [file('m9@itguy.dk', 'kontakter.csv', 'Anna Sörensen;22 11 33 44')],
};

let tenant: TestTenant;
let cases: CaseService;
let table: DiscoveryTable;

beforeAll(async () => {
  tenant = await startTestTenant({
    seed: smallSeed({
      users: [...smallSeed().users, ...staff],
      messages: [...planted.messages, ...decoys.messages],
      files: [...planted.files, ...decoys.files],
    }),
  });
  const prefix = uniquePrefix();
  cases = caseService(await freshCaseTable(prefix));
  table = await freshDiscoveryTable(prefix);
});
afterAll(() => tenant?.close());

const foundIn = (hits: { kind: string; source: string }[]) => hits.map((h) => `${h.kind}:${h.source}`).sort();
const expected = [
  'file:m1@itguy.dk',
  'file:m5@itguy.dk',
  'file:m6@itguy.dk',
  'message:dpa@itguy.dk',
  'message:m1@itguy.dk',
  'message:m2@itguy.dk',
  'message:m3@itguy.dk',
  'message:m4@itguy.dk',
];

// Both ways of sending first pages: one request per source (the default), and $batch, where the SDK does
// not retry 429/503 sub-responses, so the search must.
describe.each([
  { mode: 'one request per source', batch: false },
  { mode: '$batch', batch: true },
])('searching Microsoft 365 for a data subject ($mode)', ({ batch }) => {
  let caseId: string;
  const service = () => new DiscoveryService({ graph: tenant.graph, table, cases, concurrency: 4, batch, companyDomain: 'itguy.dk' });
  beforeAll(async () => {
    ({
      case: { id: caseId },
    } = await cases.open(
      newCaseInput({
        receivedAt: new Date().toISOString(),
        requester: { name: 'Anna Sørensen', email: 'anna.sorensen@example.com', phone: '+45 26 84 31 90' },
      }),
      DPO,
    ));
  });

  it('finds every planted item and nothing of the similar-named people, and records it on the case', async () => {
    // Mailboxes and OneDrives only here (tests/discovery/all-sources.test.ts searches every kind).
    const result = await service().search(caseId, DPO, { kinds: ['mailbox', 'drive'] });
    // 30 sources: one request each, or four batches (four at a time), plus the user list.
    expect(result.requests).toBe(batch ? 5 : 31);
    expect(result.mailboxesSearched).toBe(15);
    expect(result.drivesSearched).toBe(15);
    expect(foundIn(result.hits)).toEqual(expected);
    const events = await cases.timeline(caseId);
    expect(events.at(-1)).toMatchObject({
      type: 'search_recorded',
      summary: 'Searched 15 mailboxes, 15 OneDrives for 3 identifiers: 8 hits',
    });
  });

  it('under 429s and 503s, and after a restart mid-search, loses nothing and doubles nothing', async () => {
    await tenant.dev('/counters', { method: 'DELETE' });
    await tenant.dev('/faults', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rate429: 0.25, rate503: 0.1, retryAfterSeconds: 0, seed: 7, pathPattern: 'messages|search' }),
    });
    try {
      // The first run is cut off after a few sources, as a crash or a deploy would.
      const aborted = new AbortController();
      const first = service();
      let sources = 0;
      first.events.on('progress', () => (++sources === 6 ? aborted.abort(new Error('restart')) : undefined));
      await expect(first.search(caseId, DPO, { signal: aborted.signal, fresh: true })).rejects.toThrow();
      const partial = await first.progress(caseId);
      expect(partial?.state).toBe('running');
      expect((partial?.mailboxesDone ?? 0) + (partial?.drivesDone ?? 0)).toBeLessThan(30);

      const resumed = await service().search(caseId, DPO);
      // The interrupted run already knew how many sources there are: "4/15", not "4/4".
      expect(partial?.mailboxesTotal).toBe(resumed.mailboxesSearched);
      expect(partial?.drivesTotal).toBe(resumed.drivesSearched);
      // Faults were really injected (and so retried), across the two runs.
      const { injected } = (await (await tenant.dev('/counters')).json()) as { injected: Record<string, number> };
      expect(injected['429']! + injected['503']!).toBeGreaterThan(0);
      expect(foundIn(resumed.hits)).toEqual(expected);
      expect(new Set(resumed.hits.map((h) => h.id)).size).toBe(resumed.hits.length);
      // A second, complete run finds the same items: still one row each.
      const again = await service().search(caseId, DPO);
      expect(again.hits).toHaveLength(expected.length);
    } finally {
      await tenant.dev('/faults', { method: 'DELETE' });
    }
  });

  it('keeps a review when the item is found again, and needs a reason to exclude', async () => {
    const s = service();
    const [first] = await s.hits(caseId);
    await expect(s.review(caseId, first!, { include: false }, DPO)).rejects.toThrow(/reason is required/);
    await s.review(caseId, first!, { include: false, reason: 'intern note om en anden kunde' }, DPO);
    await s.search(caseId, DPO, { fresh: true });
    const after = (await s.hits(caseId)).find((h) => h.id === first!.id);
    expect(after).toMatchObject({ include: false, reason: 'intern note om en anden kunde', reviewedBy: DPO.name });
  });
});

describe('several searches at once', () => {
  it('keep to Graph’s four requests per mailbox together, with nothing throttled and every result complete', async () => {
    // One service, as in the app: its limiter is shared by all of its searches.
    const service = new DiscoveryService({ graph: tenant.graph, table, cases, batch: false, companyDomain: 'itguy.dk' });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { case: c } = await cases.open(
        newCaseInput({
          receivedAt: new Date().toISOString(),
          requester: { name: 'Anna Sørensen', email: 'anna.sorensen@example.com', phone: '+45 26 84 31 90' },
        }),
        DPO,
      );
      ids.push(c.id);
    }
    await tenant.dev('/counters', { method: 'DELETE' });
    await tenant.dev('/faults', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 200 }),
    });
    try {
      const results = await Promise.all(ids.map((id) => service.search(id, DPO)));
      for (const r of results) expect(foundIn(r.hits)).toEqual(expected);
      const counters = (await (await tenant.dev('/counters')).json()) as { throttled429: number; maxConcurrency: Record<string, number> };
      const outlook = Object.entries(counters.maxConcurrency).filter(([key]) => key.startsWith('outlook|'));
      expect(counters.throttled429).toBe(0);
      expect(outlook.length).toBeGreaterThan(0);
      // The searches overlapped on mailboxes (six at once could put six on one), and never beyond four.
      expect(Math.max(...outlook.map(([, n]) => n))).toBeGreaterThan(1);
      expect(Math.max(...outlook.map(([, n]) => n))).toBeLessThanOrEqual(4);
      expect(service.limiter.throttles).toBe(0);
    } finally {
      await tenant.dev('/faults', { method: 'DELETE' });
    }
  });

  it('a 429 lowers the shared limit, and the search still finds everything', async () => {
    const service = new DiscoveryService({ graph: tenant.graph, table, cases, concurrency: 32, companyDomain: 'itguy.dk' });
    const { case: c } = await cases.open(
      newCaseInput({
        receivedAt: new Date().toISOString(),
        requester: { name: 'Anna Sørensen', email: 'anna.sorensen@example.com', phone: '+45 26 84 31 90' },
      }),
      DPO,
    );
    await tenant.dev('/faults', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rate429: 0.3, retryAfterSeconds: 0, seed: 3, pathPattern: 'messages' }),
    });
    try {
      const result = await service.search(c.id, DPO);
      expect(result.throttledRetries).toBeGreaterThan(0);
      expect(service.limiter.throttles).toBeGreaterThan(0);
      expect(service.limiter.limit).toBeLessThan(32);
      expect(foundIn(result.hits).filter((h) => h.startsWith('message:'))).toEqual(expected.filter((h) => h.startsWith('message:')));
    } finally {
      await tenant.dev('/faults', { method: 'DELETE' });
    }
  });
});
