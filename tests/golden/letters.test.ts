import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { letterFor, renderLetterText } from '../../src/domain/index.js';
import { DEMOS, demoIn, goldenName } from './letters/demo-cases.js';

/**
 * Every letter kind rendered from a fixed demo case, compared with the file a person on the team read once.
 * A change shows up as a diff to review. To accept changes: `npm run golden:update` (UPDATE_GOLDEN=1).
 */

const dir = join(import.meta.dirname, 'letters');
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden letters', () => {
  const expected = new Set<string>();
  for (const demo of DEMOS) {
    for (const lang of demo.langs) {
      const name = goldenName(demo, lang);
      expected.add(name);
      it(name, () => {
        const { case: c, facts } = demoIn(demo, lang);
        const text = renderLetterText(letterFor(c, demo.template, lang, facts));
        const file = join(dir, name);
        if (update) writeFileSync(file, text);
        expect(text).toBe(readFileSync(file, 'utf8'));
      });
    }
  }

  it('has no golden file without a demo (a removed kind leaves nothing stale behind)', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
    expect(files.filter((f) => !expected.has(f))).toEqual([]);
  });
});
