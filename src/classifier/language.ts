import { tokenize } from './text.js';
import type { Lang } from './types.js';

/**
 * Language of a mail by its function words: each language's most frequent small words, minus the ones it
 * shares with a neighbour (Danish/Swedish/Norwegian share many). Letters only one language uses break ties.
 */

const WORDS: Record<Lang, string[]> = {
  da: [
    'og',
    'jeg',
    'ikke',
    'af',
    'på',
    'til',
    'med',
    'mig',
    'mine',
    'min',
    'mit',
    'er',
    'det',
    'den',
    'de',
    'har',
    'en',
    'et',
    'i',
    'jer',
    'jeres',
    'om',
    'vil',
    'venlig',
    'hilsen',
    'tak',
    'hej',
    'kære',
    'gerne',
    'hvad',
    'hvor',
    'hvordan',
    'hvilke',
    'også',
    'eller',
    'kan',
    'skal',
    'være',
    'bliver',
    'nu',
    'fra',
    'oplysninger',
    'efter',
    'hvis',
    'mvh',
    'venligst',
    'sletning',
    'slet',
    'vores',
    'sig',
    'dig',
    'jo',
    'bare',
    'fik',
    'får',
    'får',
    'ønsker',
    'anmoder',
    'hermed',
    'vedrørende',
    'derfor',
    'selvfølgelig',
    'noget',
    'nogen',
    'ingen',
  ],
  en: [
    'the',
    'and',
    'of',
    'to',
    'you',
    'your',
    'my',
    'me',
    'is',
    'are',
    'that',
    'this',
    'for',
    'with',
    'on',
    'have',
    'be',
    'please',
    'would',
    'like',
    'data',
    'about',
    'regards',
    'dear',
    'kind',
    'thanks',
    'thank',
    'hello',
    'hi',
    'not',
    'any',
    'all',
    'from',
    'we',
    'our',
    'it',
    'which',
    'what',
    'how',
    'request',
    'personal',
    'delete',
    'could',
    'will',
    'can',
    'do',
    'an',
    'a',
    'as',
    'by',
    'if',
    'or',
    'hold',
  ],
  de: [
    'und',
    'ich',
    'die',
    'der',
    'das',
    'nicht',
    'mit',
    'mich',
    'mir',
    'meine',
    'meiner',
    'meinen',
    'sie',
    'ihre',
    'ihr',
    'zu',
    'von',
    'den',
    'dem',
    'ist',
    'sind',
    'bitte',
    'daten',
    'auf',
    'für',
    'über',
    'eine',
    'einen',
    'ein',
    'auch',
    'oder',
    'wie',
    'welche',
    'grüßen',
    'freundlichen',
    'sehr',
    'geehrte',
    'geehrter',
    'damen',
    'herren',
    'hallo',
    'hiermit',
    'gemäß',
    'sowie',
    'werden',
    'wurde',
    'haben',
  ],
  sv: [
    'och',
    'jag',
    'inte',
    'att',
    'är',
    'på',
    'av',
    'för',
    'med',
    'mig',
    'mina',
    'mitt',
    'ni',
    'er',
    'era',
    'om',
    'vill',
    'hej',
    'tack',
    'hälsningar',
    'vänliga',
    'uppgifter',
    'personuppgifter',
    'vilka',
    'hur',
    'har',
    'det',
    'den',
    'som',
    'till',
    'från',
    'eller',
    'också',
    'kan',
    'ska',
    'skulle',
    'vänligen',
    'någon',
    'några',
    'inga',
    'ingen',
    'mvh',
    'därför',
    'eftersom',
    'sedan',
    'nu',
    'än',
  ],
};

// Words two of the languages share (as written) count for none: they tell nothing between them.
const SHARED = new Set(['på', 'mig', 'det', 'den', 'har', 'om', 'nu', 'kan', 'er', 'i', 'en', 'et', 'min', 'mvh', 'till', 'med', 'sig']);

const LOOKUP = new Map<string, Lang[]>();
for (const lang of Object.keys(WORDS) as Lang[]) {
  for (const w of WORDS[lang]) {
    if (SHARED.has(w)) continue;
    const list = LOOKUP.get(w) ?? [];
    if (!list.includes(lang)) list.push(lang);
    LOOKUP.set(w, list);
  }
}

const LETTERS: [RegExp, Lang, number][] = [
  [/[æø]/g, 'da', 2],
  [/ä|ö/g, 'sv', 0.6],
  [/[äöü]/g, 'de', 0.6],
  [/ß/g, 'de', 2],
];

export interface LanguageGuess {
  lang: Lang | 'und';
  scores: Record<Lang, number>;
}

export function detectLanguage(text: string, hint?: string): LanguageGuess {
  const scores: Record<Lang, number> = { da: 0, en: 0, de: 0, sv: 0 };
  const sample = text.slice(0, 6000);
  for (const t of tokenize(sample)) {
    const langs = LOOKUP.get(t.lower);
    if (!langs) continue;
    for (const l of langs) scores[l] += 1 / langs.length;
  }
  const lower = sample.toLowerCase();
  for (const [re, lang, weight] of LETTERS) scores[lang] += Math.min(6, lower.match(re)?.length ?? 0) * weight * 0.5;
  // Danish and Swedish both say "jag"/"jeg" apart; "ikke"/"inte", "og"/"och" carry most of it.
  const h = hint?.toLowerCase().slice(0, 2);
  if (h && h in scores) scores[h as Lang] += 1.5;
  const ranked = (Object.keys(scores) as Lang[]).sort((a, b) => scores[b] - scores[a]);
  const best = ranked[0]!;
  if (scores[best] < 1) return { lang: h && h in scores ? (h as Lang) : 'und', scores };
  return { lang: best, scores };
}
