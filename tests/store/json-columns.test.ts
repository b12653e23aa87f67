import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromJsonColumns, toJsonColumns } from '../../src/store/json-columns.js';

/** JSON over numbered columns: each within a string property, valid UTF-16 on its own, read back as written. */

const isHigh = (s: string) => /[\uD800-\uDBFF]$/.test(s);

describe('toJsonColumns', () => {
  it('never ends a column inside a surrogate pair (an emoji on the edge)', () => {
    // JSON.stringify adds a leading quote: the emoji's high surrogate is the 30,000th character.
    const value = `${'x'.repeat(29_998)}🙂 og resten`;
    const columns = toJsonColumns(value, 'test');
    expect(columns.chunks).toBe(2);
    expect(isHigh(columns.d0!)).toBe(false);
    expect(columns.d1!.startsWith('\uD83D')).toBe(true);
    expect(fromJsonColumns<string>(columns)).toBe(value);
  });

  it('round-trips any text, every column at most 30,000 characters and none ending in half a pair (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 70_000 }), (text) => {
        const columns = toJsonColumns({ text }, 'test');
        for (let i = 0; i < columns.chunks; i++) {
          expect(columns[`d${i}`]!.length).toBeLessThanOrEqual(30_000);
          if (i < columns.chunks - 1) expect(isHigh(columns[`d${i}`]!)).toBe(false);
        }
        expect(fromJsonColumns<{ text: string }>(columns).text).toBe(text);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses what no row can hold, naming it', () => {
    expect(() => toJsonColumns('x'.repeat(460_000), 'A found item')).toThrow(/A found item is too large to store/);
  });
});
