import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { altMatches, type Slot, slotMatch } from '../../src/classifier/matcher.js';
import { packs } from '../../src/classifier/rights/index.js';
import { tokenize } from '../../src/classifier/text.js';
import type { Lang } from '../../src/classifier/types.js';

/**
 * slotMatch finds a slot's first matching alternative through maps of folded forms and stems instead of
 * trying each alternative in turn: it must pick exactly the alternative the walk picks (the tag it carries
 * decides @ME/@THEM), for any word, including stems, typos, prefixes, suffixes and numbers.
 */
describe('slotMatch', () => {
  const slots: { slot: Slot; lang: Lang }[] = packs().flatMap((pack) =>
    [...pack.rights.map((c) => c.pattern), ...pack.frames, ...pack.statusChase, pack.firstPerson, pack.thirdPerson].flatMap((p) =>
      p.slots.map((slot) => ({ slot, lang: p.lang })),
    ),
  );
  const words = [...new Set(slots.flatMap(({ slot }) => slot.alts.map((a) => a.fold)).filter((w) => w.length > 0))];
  // A word of the patterns, changed a little (a typo, an inflection, a compound), or any word at all.
  const word = fc.oneof(
    fc.constantFrom(...words),
    fc
      .tuple(fc.constantFrom(...words), fc.nat(12), fc.constantFrom('', 'e', 'er', 'en', 'ing', 'ede', 's', 'kunde', '2'))
      .map(([w, at, add]) => `${w.slice(0, at)}${add}${w.slice(at + 1)}`),
    fc.tuple(fc.constantFrom(...words), fc.constantFrom(...words)).map(([a, b]) => `${a}${b}`),
    fc.stringMatching(/^[a-zæøå0-9]{1,12}$/),
  );

  it('picks the same alternative as trying every alternative in order', () => {
    fc.assert(
      fc.property(fc.nat(slots.length - 1), word, (i, text) => {
        const { slot, lang } = slots[i]!;
        const [token] = tokenize(text);
        if (!token) return;
        const walked = slot.alts.find((alt) => altMatches(tokenize(text)[0]!, alt, lang));
        expect(slotMatch(token, slot, lang)).toBe(walked);
      }),
      { numRuns: 20_000 },
    );
  });
});
