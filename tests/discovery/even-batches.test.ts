import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evenBatches } from '../../src/discovery/search-engine.js';

/** How a search splits its sources into $batch requests. */

describe('evenBatches', () => {
  it('puts every source in exactly one batch, in order, at most 20 to a batch, sizes within one of each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 64 }), (n, slots) => {
        const items = Array.from({ length: n }, (_, i) => i);
        const batches = evenBatches(items, slots);
        expect(batches.flat()).toEqual(items);
        const sizes = batches.map((b) => b.length);
        if (n === 0) {
          expect(batches).toEqual([]);
          return;
        }
        expect(Math.max(...sizes)).toBeLessThanOrEqual(20);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        // Every round of `slots` concurrent batches is full, unless there are fewer sources than that.
        if (n >= slots) expect(batches.length % slots).toBe(0);
        // No more batches than rounds of full ones need.
        expect(batches.length).toBeLessThanOrEqual(Math.ceil(Math.ceil(n / 20) / slots) * slots);
      }),
    );
  });

  it('splits 1,000 sources for 16 concurrent batches into 64 batches of 15 or 16', () => {
    const sizes = evenBatches(
      Array.from({ length: 1000 }, (_, i) => i),
      16,
    ).map((b) => b.length);
    expect(sizes).toHaveLength(64);
    expect(new Set(sizes)).toEqual(new Set([15, 16]));
  });
});
