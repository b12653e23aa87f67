import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, findAll, findAllOffered, findFirst, findFirstOffered, type Pattern, PatternIndex } from '../../src/classifier/matcher.js';
import { parseEmail } from '../../src/classifier/parse-email.js';
import { activeIndexes, packs, packsFor } from '../../src/classifier/rights/index.js';
import { splitSentences, tokenize } from '../../src/classifier/text.js';

/**
 * The matcher's prefilter and PatternIndex skip what cannot match: a word matched only by its stem, a typo,
 * a prefix, a suffix or a number must still be found, and the index must offer every cue that matches.
 */
describe('pattern prefilter and index', () => {
  const cases: [pattern: string, text: string][] = [
    ['sletning _3 =data', 'Jeg beder om sletningen af mine data'], // stem only
    ['sletning~ _3 =data', 'Jeg beder om sletnnig af mine data'], // typo (transposition)
    ['indsigtsret* _3 =nu', 'Min indsigtsretten nu'], // prefix
    ['*oplysninger', 'Slet kundeoplysninger'], // suffix, no key
    ['# _2 =dage', 'Det er 30 dage siden'], // number
    ['?jeg slet~ _3 =mig', 'Slet mig venligst'], // optional first slot
    ['af* _2 =mig', 'Afmeld mig nu'], // a prefix shorter than its key: tried as it is
    ['slette~ _3 =mig', 'Slettte mig venligst'], // a typo whose stem is short: keyed by its length too
    ['afmeldelse* _3 =mig', 'Afmeldelsen af mig'], // a prefix keyed by its first four letters
  ];

  it.each(cases)('"%s" matches "%s", and the index offers it', (source, text) => {
    const p = compile(source, 'da');
    const tokens = tokenize(text);
    expect(findAll(p, tokens).length).toBeGreaterThan(0);
    const other = compile('=zebra _1 =giraf', 'da');
    const index = new PatternIndex([other, p, other], (x) => x);
    expect(index.candidates(tokens)).toEqual([p]);
  });

  it('offers no pattern whose first words are absent', () => {
    const index = new PatternIndex([compile('slet~ _3 =mig', 'da'), compile('=unsubscribe', 'en')], (x) => x);
    expect(index.candidates(tokenize('Tak for hjælpen i går'))).toEqual([]);
  });

  it('offers, over the whole corpus, every right cue that matches a sentence, in the pack order', async () => {
    const dir = 'tests/fixtures/classifier/';
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    let matched = 0;
    for (const f of files) {
      const email = await parseEmail(readFileSync(dir + f));
      for (const sentence of splitSentences(`${email.subject}\n\n${email.text}`, 'own')) {
        for (const pack of packs()) {
          const offered = pack.rightsIndex.candidates(sentence.tokens);
          const matching = pack.rights.filter((cue) => findAll(cue.pattern, sentence.tokens).length > 0);
          matched += matching.length;
          expect(offered.filter((cue) => matching.includes(cue))).toEqual(matching);
        }
      }
    }
    expect(matched).toBeGreaterThan(100);
  });

  it("offers, over the whole corpus, the active packs' cues and frames from one index exactly as pack by pack", async () => {
    const dir = 'tests/fixtures/classifier/';
    for (const f of readdirSync(dir).filter((name) => name.endsWith('.eml'))) {
      const email = await parseEmail(readFileSync(dir + f));
      for (const lang of ['da', 'fr'] as const) {
        const active = activeIndexes(lang);
        for (const sentence of splitSentences(`${email.subject}\n\n${email.text}`, 'own')) {
          const byPack = packsFor(lang);
          const matches = (p: Pattern) => findAll(p, sentence.tokens).length > 0;
          expect(active.rights.candidates(sentence.tokens).filter((c) => matches(c.pattern))).toEqual(
            byPack.flatMap((p) => p.rights.filter((c) => matches(c.pattern))),
          );
          expect(active.frames.candidates(sentence.tokens).filter(matches)).toEqual(byPack.flatMap((p) => p.frames.filter(matches)));
        }
      }
    }
  });
  it('finds, over the whole corpus, for every cue the index offers, what findAll and findFirst find', async () => {
    const dir = 'tests/fixtures/classifier/';
    let offeredCount = 0;
    let found = 0;
    for (const f of readdirSync(dir).filter((name) => name.endsWith('.eml'))) {
      const email = await parseEmail(readFileSync(dir + f));
      for (const sentence of splitSentences(`${email.subject}\n\n${email.text}`, 'own')) {
        for (const pack of packs()) {
          for (const cue of pack.rightsIndex.candidates(sentence.tokens)) {
            offeredCount++;
            const all = findAllOffered(cue.pattern, sentence.tokens);
            found += all.length;
            expect(all).toEqual(findAll(cue.pattern, sentence.tokens));
            expect(findFirstOffered(cue.pattern, sentence.tokens)).toEqual(findFirst(cue.pattern, sentence.tokens));
          }
        }
      }
    }
    // Offered cues that match nowhere are what the prefilter would have refused: both kinds are exercised.
    expect(found).toBeGreaterThan(100);
    expect(offeredCount).toBeGreaterThan(found);
  });
});
