import fc from 'fast-check';
import { TableClient } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { CaseService } from '../../src/app/case-service.js';
import { DomainError, ITGUY_REGISTER, caseStatistic, isOpen, type Case, type CaseCommand, type CaseId } from '../../src/domain/index.js';
import type { CaseTable, CaseTableOptions, IndexLog } from '../../src/store/case-table.js';
import { lineOf } from '../../src/app/open-line.js';
import { dueKey, OUTBOX_PREFIX } from '../../src/store/open-case-index.js';
import { DPO, newCaseInput } from '../helpers/cases.js';
import { caseService, freshCaseTable, uniquePrefix } from '../helpers/store.js';

/** The open-case index (src/store/open-case-index.ts) against a real Azurite: always what a full scan gives. */

const client = (prefix: string, name: string) =>
  TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${name}`, { allowInsecureConnection: true });

async function indexedTable(prefix = uniquePrefix(), options: Omit<CaseTableOptions, 'indexClient'> = {}): Promise<CaseTable> {
  return freshCaseTable(prefix, {}, { indexClient: client(prefix, 'openidx'), ...options });
}

/** What the index should hold, from a full scan of the cases. */
async function expected(table: CaseTable): Promise<Record<string, string>> {
  const open = (await table.listAll()).filter((c) => isOpen(c.status));
  return Object.fromEntries(open.map((c) => [dueKey(c), JSON.stringify(lineOf(c))]));
}

async function actual(table: CaseTable): Promise<Record<string, string>> {
  const rows = await table.openIndex!.rows();
  return Object.fromEntries(rows.filter((r) => r.rowKey!.startsWith('due|')).map((r) => [r.rowKey!, String(r.line)]));
}

const COMMANDS: CaseCommand[] = [
  { type: 'start' },
  { type: 'assign', assignee: { kind: 'user', id: 'u-2', name: 'Mette' } },
  { type: 'extend', reason: 'many systems to search' },
  { type: 'pause', kind: 'identity', reason: 'need id' },
  { type: 'resume', identityMethod: 'MitID' },
  { type: 'respond', summary: 'sent' },
  { type: 'reject', basis: '12(5)', reason: 'repeated' },
  { type: 'dismiss', reason: 'not a request' },
  { type: 'close', outcome: 'done' },
];

type Step = { kind: 'open' } | { kind: 'act'; which: number; command: number } | { kind: 'purge'; which: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'open' as const }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('act' as const), which: fc.nat(5), command: fc.nat(COMMANDS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('purge' as const), which: fc.nat(5) }) },
);

describe('open-case index', () => {
  // In the background (the server) the writer does not wait for the sync; a list on the same instance does.
  it.each([
    { backgroundSync: false, numRuns: 12 },
    { backgroundSync: true, numRuns: 8 },
  ])(
    'equals a full scan of the open cases after any sequence of case commands (%o)',
    async ({ backgroundSync, numRuns }) => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
          const prefix = uniquePrefix();
          const table = await indexedTable(prefix, { backgroundSync });
          let now = Date.parse('2026-03-05T10:00:00Z');
          const cases = caseService(table, () => new Date(now).toISOString());
          const ids: CaseId[] = [];
          for (const s of steps) {
            now += 86_400_000;
            try {
              if (s.kind === 'open') {
                const receivedAt = new Date(now - 3_600_000).toISOString();
                ids.push(
                  (
                    await cases.open(
                      newCaseInput({ receivedAt, requester: { name: `P${ids.length}`, email: `p${ids.length}@example.com` } }),
                      DPO,
                    )
                  ).case.id,
                );
              } else if (ids.length) {
                const id = ids[s.which % ids.length]!;
                if (s.kind === 'act') await cases.act(id, COMMANDS[s.command]!, DPO);
                else {
                  const c = await table.get(id);
                  if (c) await table.purge(id, caseStatistic(c, new Date(now).toISOString()));
                }
              }
            } catch (error) {
              // The domain refuses commands that do not fit the case's state: that is part of the sequence.
              if (!(error instanceof DomainError)) throw error;
            }
          }
          // The first page, most urgent first, is one query of the same rows (and waits for this instance's syncs).
          const page = await table.openIndex!.page({ kind: 'all' }, 100);
          expect(page.lines.map((l) => l.id).sort()).toEqual(
            Object.values(await expected(table))
              .map((l) => (JSON.parse(l) as Case).id)
              .sort(),
          );
          await table.settled();
          expect(await actual(table)).toEqual(await expected(table));
          // Each sync deleted its outbox row: nothing is left for the repair job.
          expect(await table.openIndex!.repairOutbox()).toBe(0);

          // The case table's own copies agree with a full scan too: the open cases (a status filter, no
          // open| copies), the purge rows of the closed ones, and each case's latest events (the card's).
          const all = await table.listAll();
          expect((await table.listOpen()).map((c) => c.id)).toEqual(all.filter((c) => isOpen(c.status)).map((c) => c.id));
          const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
          expect((await table.closedCases()).sort(byId)).toEqual(
            all
              .filter((c) => !isOpen(c.status))
              .map((c) => ({ id: c.id, deleteAfter: c.deleteAfter }))
              .sort(byId),
          );
          const cold = await freshCaseTable(prefix); // no remembered events: what the rows say
          for (const c of all) {
            const trail = (await table.events(c.id)).map(({ changes: _, ...entry }) => entry);
            expect(await cold.recentEvents(c.id, 5)).toEqual(trail.slice(-5));
            expect(await table.recentEvents(c.id, 5, c.version)).toEqual(trail.slice(-5));
            // More than the row keeps: the rest are point reads of the events by sequence number.
            expect(await cold.recentEvents(c.id, 8)).toEqual(trail.slice(-8));
          }
        }),
        { numRuns },
      );
    },
    300_000,
  );

  it('a failed index sync is logged without personal data and left to the outbox job', async () => {
    const prefix = uniquePrefix();
    const lines: unknown[] = [];
    const log: IndexLog = { warn: (fields, message) => void lines.push({ fields, message }) };
    let failing = false;
    const indexClient = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}openidx`, {
      allowInsecureConnection: true,
      additionalPolicies: [
        {
          position: 'perCall',
          policy: {
            name: 'index-down',
            sendRequest: (request, next) =>
              failing ? Promise.reject(Object.assign(new Error('index table down'), { code: 'ECONNRESET' })) : next(request),
          },
        },
      ],
    });
    const table = await freshCaseTable(prefix, {}, { indexClient, log, backgroundSync: true });
    const cases = caseService(table, () => '2026-03-10T10:00:00Z');
    const { case: c } = await cases.open(newCaseInput({ requester: { name: 'Anna Hansen', email: 'anna@example.com' } }), DPO);
    await table.settled();
    failing = true;
    // The change itself succeeds: it is committed, whatever the index does.
    await expect(cases.act(c.id, { type: 'start' }, DPO)).resolves.toMatchObject({ status: 'in_progress' });
    await table.settled();
    failing = false;
    expect(lines).toEqual([
      {
        fields: { event: 'open_index_sync_failed', caseId: c.id, status: null, code: 'ECONNRESET' },
        message: 'open-case index not updated; the outbox repair job re-syncs the case',
      },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/Anna|anna@/);
    expect(await actual(table)).not.toEqual(await expected(table));
    expect(await table.openIndex!.repairOutbox()).toBe(1);
    expect(await actual(table)).toEqual(await expected(table));
  });

  it('a crash between the case commit and the index write is repaired by the outbox job', async () => {
    const prefix = uniquePrefix();
    const table = await indexedTable(prefix);
    const cases = caseService(table, () => '2026-03-10T10:00:00Z');
    const { case: c } = await cases.open(newCaseInput(), DPO);
    // Crash: the index write after the commit never happens (its sync is lost), the outbox row stays.
    const sync = table.openIndex!.sync.bind(table.openIndex!);
    table.openIndex!.sync = async () => undefined;
    await cases.act(c.id, { type: 'extend', reason: 'complex' }, DPO);
    await cases.act(c.id, { type: 'start' }, DPO);
    table.openIndex!.sync = sync;
    expect(await actual(table)).not.toEqual(await expected(table));
    const outbox = (await table.listAll()).length && (await client(prefix, 'cases').getEntity('dsar', `${OUTBOX_PREFIX}${c.id}`));
    expect(outbox).toBeTruthy();

    expect(await table.openIndex!.repairOutbox()).toBe(1);
    expect(await actual(table)).toEqual(await expected(table));
    // The outbox row is gone once the index is in step.
    expect(await table.openIndex!.repairOutbox()).toBe(0);
  });

  it('the daily full check fixes an index row someone deleted or left behind', async () => {
    const prefix = uniquePrefix();
    const table = await indexedTable(prefix);
    const cases = caseService(table, () => '2026-03-10T10:00:00Z');
    const a = (await cases.open(newCaseInput(), DPO)).case;
    await cases.open(newCaseInput({ requester: { name: 'Bo', email: 'bo@example.com' } }), DPO);
    const index = client(prefix, 'openidx');
    await index.deleteEntity('open', dueKey(a));
    await index.upsertEntity({ partitionKey: 'open', rowKey: 'due|0|2026-01-01|DSAR-2026-0999', caseId: 'DSAR-2026-0999', line: '{}' });
    // One missing row written, one stray row deleted.
    expect(await table.openIndex!.repairAll()).toBe(2);
    expect(await actual(table)).toEqual(await expected(table));
    expect(await table.openIndex!.repairAll()).toBe(0);
  });

  it('pages with continuation tokens, most urgent first', async () => {
    const table = await indexedTable();
    const cases = caseService(table, () => '2026-03-20T10:00:00Z');
    for (let day = 1; day <= 7; day++)
      await cases.open(
        newCaseInput({ receivedAt: `2026-03-${String(day).padStart(2, '0')}T10:00+01:00`, requester: { email: `d${day}@example.com` } }),
        DPO,
      );
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await table.openIndex!.page({ kind: 'all' }, 3, token);
      seen.push(...page.lines.map((l) => l.receivedAt));
      token = page.next;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect([...seen].sort()).toEqual(seen);
  });

  it('serves overdue and due this week as ranges, checked against the clock', async () => {
    const table = await indexedTable();
    const now = '2026-04-08T10:00:00Z'; // a Wednesday: the week ends Sunday 12 April
    const open = (receivedAt: string, email: string) =>
      caseService(table, () => now).open(newCaseInput({ receivedAt, requester: { email } }), DPO);
    const late = (await open('2026-03-01T10:00+01:00', 'late@example.com')).case; // due 1 April: overdue
    const soon = (await open('2026-03-10T10:00+01:00', 'soon@example.com')).case; // due 10 April: this week
    await open('2026-03-30T10:00+02:00', 'later@example.com'); // due 30 April
    const cases = new CaseService({
      repository: table,
      register: ITGUY_REGISTER,
      retentionYears: 3,
      now: () => now,
      openIndex: table.openIndex!,
    });
    const ids = async (filter: 'open' | 'overdue' | 'due_week') =>
      (await cases.openPage({ filter, limit: 10 })).items.map((i) => i.case.id);
    expect(await ids('overdue')).toEqual([late.id]);
    expect(await ids('due_week')).toEqual([soon.id]);
    expect(await ids('open')).toHaveLength(3);
  });
});
