import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DATA_SUBJECTS } from 'm365-dev-tenant/demo';
import type { CaseService } from '../../src/app/case-service.js';
import { HIT_KINDS, type Hit } from '../../src/domain/hits.js';
import { DiscoveryService } from '../../src/discovery/discovery-service.js';
import type { DiscoveryTable } from '../../src/discovery/discovery-table.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { caseService, freshDiscoveryTable, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/**
 * Every source kind of the demo tenant, through the product's Graph client: each demo data subject's chat,
 * channel message, meeting, contact, Copilot prompt and SharePoint file is found exactly once (with every
 * place it is in), look-alike names are not, the answer package in DSAR/ is never returned, and 429/503 on
 * the new sources with a restart in between lose and double nothing.
 */

let tenant: TestTenant;
let cases: CaseService;
let table: DiscoveryTable;

beforeAll(async () => {
  tenant = await startTestTenant({ seed: 'demo' });
  const prefix = uniquePrefix();
  cases = caseService(await freshCaseTable(prefix));
  table = await freshDiscoveryTable(prefix);
}, 120_000);
afterAll(() => tenant?.close());

const service = () =>
  new DiscoveryService({ graph: tenant.graph, table, cases, batch: false, companyDomain: 'itguy.dk', searchRegion: 'EUR' });
const of = (hits: Hit[], kind: Hit['kind']) => hits.filter((h) => h.kind === kind);

async function caseFor(subject: (typeof DEMO_DATA_SUBJECTS)[number]) {
  const { case: c } = await cases.open(
    newCaseInput({
      receivedAt: new Date().toISOString(),
      requester: { name: subject.name, email: subject.email, ...(subject.phone ? { phone: subject.phone } : {}) },
    }),
    DPO,
  );
  return c.id;
}

describe('searching every Microsoft 365 source of the demo tenant', () => {
  it.each(DEMO_DATA_SUBJECTS.map((s) => [s.name, s] as const))(
    '%s: each planted item once, nothing of a look-alike, no answer package',
    async (_n, subject) => {
      const caseId = await caseFor(subject);
      const result = await service().search(caseId, DPO);
      const { hits } = result;
      // Every kind was searched; only users without a Copilot licence were skipped, and said so.
      for (const kind of HIT_KINDS) {
        expect(result.sources[kind], kind).toMatchObject({ failed: 0 });
        expect(result.sources[kind]!.searched, kind).toBeGreaterThan(0);
        if (kind === 'copilotInteraction') expect(result.sources[kind]!.skipped).toMatch(/Copilot licence.*\(\d+\)$/);
        else expect(result.sources[kind]!.skipped, kind).toBeNull();
      }
      // Chats: one item per planted message, found in every member's chats.
      const chats = of(hits, 'chatMessage');
      expect(
        [
          ...new Set(
            chats.map((h) =>
              h
                .foundIn!.map((p) => p.source)
                .sort()
                .join(','),
            ),
          ),
        ].sort(),
      ).toEqual(subject.expectedChats);
      expect(of(hits, 'channelMessage')).toHaveLength(subject.expectedChannelMessages!.length);
      expect(of(hits, 'event').map((h) => `${h.source}:${h.title}`)).toEqual(subject.expectedEvents);
      expect(of(hits, 'contact').map((h) => `${h.source}:${h.title}`)).toEqual(subject.expectedContacts);
      const copilot = of(hits, 'copilotInteraction');
      expect(copilot.length).toBeGreaterThan(0);
      expect([...new Set(copilot.map((h) => h.source))]).toEqual(subject.expectedCopilot);
      const siteFiles = of(hits, 'siteFile').map((h) => h.title);
      expect(siteFiles.sort()).toEqual(subject.expectedSiteFiles!.map((f) => f.split('/').pop()).sort());
      // Every date is an instant the letters and cards can read (events come from Graph without an offset).
      for (const h of hits) expect(Number.isFinite(Date.parse(h.date)), `${h.kind} ${h.date}`).toBe(true);
      for (const h of of(hits, 'event')) expect(h.date).toMatch(/Z$/);
      // Each item once; no answer package of any case.
      expect(new Set(hits.map((h) => h.dedupeKey)).size).toBe(hits.length);
      for (const h of hits) expect(`${h.snippet} ${h.webUrl ?? ''}`).not.toMatch(/DSAR\/DSAR-\d{4}/);
      // The text kept for the copy names the person.
      for (const h of [...chats, ...of(hits, 'event'), ...copilot]) expect(h.text).toBeTruthy();
      // The case records what each source kind searched.
      const recorded = (await cases.timeline(caseId)).at(-1);
      expect(recorded).toMatchObject({ type: 'search_recorded' });
      expect(recorded?.summary).toMatch(/users' Teams chats/);
    },
    120_000,
  );

  it('only the sources asked for', async () => {
    const caseId = await caseFor(DEMO_DATA_SUBJECTS[0]!);
    const result = await service().search(caseId, DPO, { kinds: ['chats', 'calendar'] });
    expect(Object.keys(result.sources).sort()).toEqual(['chatMessage', 'event']);
    expect(new Set(result.hits.map((h) => h.kind))).toEqual(new Set(['chatMessage', 'event']));
  }, 120_000);

  it('Teams export not enabled: chats and channels are skipped with the reason, the rest is searched', async () => {
    await tenant.dev('/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ teamsExport: 'notApproved' }),
    });
    try {
      const caseId = await caseFor(DEMO_DATA_SUBJECTS[1]!);
      const result = await service().search(caseId, DPO);
      expect(result.sources.chatMessage!.skipped).toMatch(/Teams export APIs/);
      expect(result.sources.channelMessage!.skipped).toMatch(/Teams export APIs/);
      expect(of(result.hits, 'chatMessage')).toHaveLength(0);
      expect(of(result.hits, 'event').length).toBeGreaterThan(0);
    } finally {
      await tenant.dev('/settings', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ teamsExport: 'enabled' }),
      });
    }
  }, 120_000);

  it('429 and 503 on every new source, and a restart mid-search, lose nothing and double nothing', async () => {
    const subject = DEMO_DATA_SUBJECTS[2]!;
    const caseId = await caseFor(subject);
    const clean = await service().search(caseId, DPO);
    await tenant.dev('/counters', { method: 'DELETE' });
    await tenant.dev('/faults', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        rate429: 0.25,
        rate503: 0.1,
        retryAfterSeconds: 0,
        seed: 11,
        pathPattern: 'getAllMessages|events|contacts|interactionHistory|search/query|/teams',
      }),
    });
    try {
      const aborted = new AbortController();
      const first = service();
      let sources = 0;
      first.events.on('progress', () => (++sources === 25 ? aborted.abort(new Error('restart')) : undefined));
      await expect(first.search(caseId, DPO, { signal: aborted.signal, fresh: true })).rejects.toThrow();
      const resumed = await service().search(caseId, DPO);
      const { injected } = (await (await tenant.dev('/counters')).json()) as { injected: Record<string, number> };
      expect((injected['429'] ?? 0) + (injected['503'] ?? 0)).toBeGreaterThan(0);
      const keys = (hits: Hit[]) => hits.map((h) => h.dedupeKey).sort();
      expect(keys(resumed.hits)).toEqual(keys(clean.hits));
    } finally {
      await tenant.dev('/faults', { method: 'DELETE' });
    }
  }, 180_000);
});
