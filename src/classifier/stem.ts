import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as norwegian } from '@orama/stemmers/norwegian';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import type { Lang } from './types.js';

/**
 * Snowball stemmers (Orama's JavaScript builds of the Snowball algorithms) per language, memoised: the same
 * few thousand words come back in every mail.
 */
const STEMMERS: Record<Lang, (word: string) => string> = {
  da: danish,
  en: english,
  de: german,
  sv: swedish,
  no: norwegian,
  nl: dutch,
  fr: french,
};
const cache = Object.fromEntries(Object.keys(STEMMERS).map((l) => [l, new Map<string, string>()])) as Record<Lang, Map<string, string>>;
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
