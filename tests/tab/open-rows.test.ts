import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineOf } from '../../src/app/open-line.js';
import { legalDate, readClock, type Case } from '../../src/domain/index.js';
import { matchesSearch, openQuerySchema, queryRows, rowOf, type OpenRow } from '../../src/tab/open-rows.js';
import { openedCase, run } from '../helpers/cases.js';

/** The tab's table: rows from index lines, filters, search and sort (pure). */

const TODAY = legalDate('2026-03-20T12:00:00+01:00');
const ME = '00000000-0000-0000-0000-0000000000d1';
const rowFrom = (c: Case): OpenRow => rowOf(lineOf(c), readClock(c, TODAY));
const query = (q: Record<string, string> = {}) => openQuerySchema.parse(q);

const jens = openedCase({ requester: { name: 'Jens Møller', email: 'jens@example.com' }, rights: ['access', 'erasure'] });
const freja = run(openedCase({ requester: { name: 'Freja Lindholm', email: 'freja@example.dk' }, receivedAt: '2026-02-10T09:00+01:00' }), [
  '2026-02-11T10:00:00Z',
  { type: 'assign', assignee: { kind: 'user', id: ME, name: 'Lasse' } },
]);
const paused = run(openedCase({ requester: { name: 'José Álvarez', email: 'jose@example.es' }, receivedAt: '2026-03-01T09:00+01:00' }), [
  '2026-03-02T10:00:00Z',
  { type: 'pause', kind: 'identity', reason: 'ID needed' },
]);
const rows = [
  { ...rowFrom(jens), id: 'DSAR-2026-0001' },
  { ...rowFrom(freja), id: 'DSAR-2026-0002' },
  { ...rowFrom(paused), id: 'DSAR-2026-0010' },
];

describe('the open-case table', () => {
  it('a row carries the clock as of today: binding deadline, days left, overdue, paused, owner', () => {
    expect(rows[1]).toMatchObject({ owner: { id: ME, name: 'Lasse' }, due: '2026-03-10', overdue: true, paused: false });
    expect(rows[1]!.daysLeft).toBe(-10);
    expect(rows[2]).toMatchObject({ paused: true, status: 'awaiting_identity' });
    expect(rows[0]).toMatchObject({ rights: ['access', 'erasure'], needsConfirmation: false });
  });

  it('filters by status, right, owner (me / none), paused, overdue and days left', () => {
    const ids = (q: Record<string, string>) => queryRows(rows, query(q), ME).rows.map((r) => r.id);
    expect(ids({ status: 'awaiting_identity' })).toEqual(['DSAR-2026-0010']);
    expect(ids({ right: 'erasure' })).toEqual(['DSAR-2026-0001']);
    expect(ids({ owner: 'me' })).toEqual(['DSAR-2026-0002']);
    expect(ids({ owner: 'none' }).sort()).toEqual(['DSAR-2026-0001', 'DSAR-2026-0010']);
    expect(ids({ paused: 'true' })).toEqual(['DSAR-2026-0010']);
    expect(ids({ overdue: 'true' })).toEqual(['DSAR-2026-0002']);
    expect(ids({ daysLeft: '-1' })).toEqual(['DSAR-2026-0002']);
  });

  it('searches names, e-mail and case number, every word, case and accents folded', () => {
    const ids = (q: string) => queryRows(rows, query({ q }), ME).rows.map((r) => r.id);
    expect(ids('jens møller')).toEqual(['DSAR-2026-0001']);
    expect(ids('JOSE')).toEqual(['DSAR-2026-0010']);
    expect(ids('example.dk')).toEqual(['DSAR-2026-0002']);
    expect(ids('2026-0010')).toEqual(['DSAR-2026-0010']);
    expect(ids('møller freja')).toEqual([]);
  });

  it('sorts by due date, then case number; desc reverses; ids sort numerically', () => {
    expect(queryRows(rows, query({ sort: 'due' }), ME).rows.map((r) => r.id)[0]).toBe('DSAR-2026-0002');
    expect(queryRows(rows, query({ sort: 'id', dir: 'desc' }), ME).rows.map((r) => r.id)).toEqual([
      'DSAR-2026-0010',
      'DSAR-2026-0002',
      'DSAR-2026-0001',
    ]);
  });

  it('refuses a bad parameter with its name and what it accepts', () => {
    for (const [bad, says] of [
      [{ status: 'open' }, 'status must be one of'],
      [{ sort: 'size' }, 'sort must be one of'],
      [{ limit: '0' }, 'limit'],
      [{ paused: 'yes' }, 'must be true or false'],
      [{ owner: 'bob' }, 'owner must be me, none or an object id'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const result = openQuerySchema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toContain(says);
    }
  });

  it('a page is the matching rows, sorted, cut by offset and limit; total counts them all (property)', () => {
    const arbitraryRow = fc.record({
      n: fc.integer({ min: 1, max: 9999 }),
      due: fc.integer({ min: 0, max: 90 }).map((d) => TODAY.add({ days: d - 30 }).toString()),
      paused: fc.boolean(),
      name: fc.constantFrom('Anna', 'Bo', 'Cæcilie', 'Dorte'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryRow, { selector: (r) => r.n, maxLength: 40 }),
        fc.record({
          paused: fc.constantFrom(undefined, 'true', 'false'),
          limit: fc.integer({ min: 1, max: 50 }),
          offset: fc.integer({ min: 0, max: 50 }),
        }),
        (drawn, q) => {
          const all: OpenRow[] = drawn.map((d) => ({
            ...rows[0]!,
            id: `DSAR-2026-${String(d.n).padStart(4, '0')}`,
            due: d.due,
            paused: d.paused,
            requester: { name: d.name },
          }));
          const parsed = query({ limit: String(q.limit), offset: String(q.offset), ...(q.paused ? { paused: q.paused } : {}) });
          const result = queryRows(all, parsed, ME);
          const matching = all.filter((r) => q.paused === undefined || String(r.paused) === q.paused);
          expect(result.total).toBe(matching.length);
          expect(result.open).toBe(all.length);
          expect(result.rows.length).toBe(Math.max(0, Math.min(q.limit, matching.length - q.offset)));
          for (let i = 1; i < result.rows.length; i++) expect(result.rows[i - 1]!.due <= result.rows[i]!.due).toBe(true);
          expect(result.rows.every((r) => matchesSearch(r, '') && matching.includes(r))).toBe(true);
        },
      ),
    );
  });
});
