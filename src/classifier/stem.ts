import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import type { Lang } from './types.js';

/**
 * Snowball stemmers (Orama's JavaScript builds of the Snowball algorithms) per language, memoised: the same
 * few thousand words come back in every mail.
 */
const STEMMERS: Record<Lang, (word: string) => string> = { da: danish, en: english, de: german, sv: swedish };
const cache: Record<Lang, Map<string, string>> = { da: new Map(), en: new Map(), de: new Map(), sv: new Map() };
const CACHE_LIMIT = 50_000;

export function stem(word: string, lang: Lang): string {
  const memo = cache[lang];
  let s = memo.get(word);
  if (s === undefined) {
    s = STEMMERS[lang](word);
    if (memo.size >= CACHE_LIMIT) memo.clear();
    memo.set(word, s);
  }
  return s;
}
