import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupPlaces } from '../../src/domain/hit-groups.js';
import type { Hit } from '../../src/domain/hits.js';

const place = (source: string, id: string, extra: Partial<Hit> = {}): Hit => ({
  kind: 'message',
  source,
  id,
  title: 't',
  date: '2026-11-01',
  snippet: '',
  ...extra,
});

describe('one item per thing found, with every place', () => {
  it('keeps a mail found in four mailboxes once, copied from the first place, listing all four', () => {
    const places = ['dpa@x', 'cjm@x', 'hbp@x', 'sdn@x'].map((s, i) => place(s, `id${i}`, { dedupeKey: 'msg:<a@b>' }));
    const { hits, duplicates } = groupPlaces(places);
    expect(hits).toHaveLength(1);
    expect(duplicates).toBe(3);
    expect(hits[0]!.source).toBe('cjm@x');
    expect(hits[0]!.foundIn!.map((p) => p.source)).toEqual(['cjm@x', 'dpa@x', 'hbp@x', 'sdn@x']);
  });

  it('joins byte-identical files and a file found by both searches, and keeps it a OneDrive file', () => {
    const { hits } = groupPlaces([
      place('tenant', 'f1', { kind: 'siteFile', dedupeKey: 'drive:d1:f1' }),
      place('cjm@x', 'f1', { kind: 'file', dedupeKey: 'drive:d1:f1', contentHash: '10:abc' }),
      place('hbp@x', 'f2', { kind: 'file', dedupeKey: 'drive:d2:f2', contentHash: '10:abc' }),
      place('hbp@x', 'f3', { kind: 'file', dedupeKey: 'drive:d2:f3', contentHash: '11:def' }),
    ]);
    expect(hits).toHaveLength(2);
    const joined = hits.find((h) => h.foundIn!.length === 3)!;
    expect(joined.kind).toBe('file');
    expect(joined.source).toBe('cjm@x');
  });

  it('a review on any place holds for the item, the latest winning', () => {
    const { hits } = groupPlaces([
      place('a@x', '1', { dedupeKey: 'k', include: true, reviewedAt: '2026-11-01T10:00:00Z' }),
      place('b@x', '2', { dedupeKey: 'k', include: false, reason: 'other person', reviewedAt: '2026-11-02T10:00:00Z' }),
    ]);
    expect(hits[0]).toMatchObject({ include: false, reason: 'other person' });
  });

  it('property: the grouping does not depend on order, and no place is lost or counted twice', () => {
    const arb = fc.array(
      fc.record({
        source: fc.constantFrom('a@x', 'b@x', 'c@x', 'tenant'),
        id: fc.stringMatching(/^[a-d]$/),
        key: fc.constantFrom('k1', 'k2', 'k3', undefined),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(arb, fc.integer(), (raw, seed) => {
        const unique = [...new Map(raw.map((r) => [`${r.source}|${r.id}`, r])).values()];
        const places = unique.map((r) => place(r.source, r.id, r.key ? { dedupeKey: r.key } : {}));
        const shuffled = [...places].sort((x, y) => ((x.id.charCodeAt(0) * seed) % 7) - ((y.id.charCodeAt(0) * seed) % 7));
        const a = groupPlaces(places);
        const b = groupPlaces(shuffled);
        const norm = (hits: Hit[]) => hits.map((h) => h.foundIn!.map((p) => `${p.source}|${p.id}`).join(',')).sort();
        expect(norm(a.hits)).toEqual(norm(b.hits));
        expect(a.hits.reduce((n, h) => n + h.foundIn!.length, 0)).toBe(places.length);
        expect(a.duplicates).toBe(places.length - a.hits.length);
      }),
    );
  });
});
