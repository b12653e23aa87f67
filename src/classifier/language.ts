import { type Token, tokenize } from './text.js';
import { LANGS, type Lang } from './types.js';

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
  // Norwegian (bokmål): what sets it apart from Danish is mostly spelling ("meg", "dere", "av", "å", "opplysninger").
  no: [
    'meg',
    'deg',
    'dere',
    'deres',
    'hei',
    'hva',
    'hvem',
    'av',
    'å',
    'ikkje',
    'noen',
    'ble',
    'blitt',
    'etter',
    'mye',
    'vennlig',
    'vennligst',
    'hilsen',
    'takk',
    'opplysninger',
    'personopplysninger',
    'personopplysningene',
    'opplysningene',
    'innsyn',
    'sletting',
    'slett',
    'sletter',
    'lagret',
    'lagrer',
    'ber',
    'krever',
    'personvern',
    'personvernforordningen',
    'jf',
    'gjennomført',
    'også',
    'kun',
    'skal',
  ],
  nl: [
    'de',
    'het',
    'een',
    'van',
    'ik',
    'mijn',
    'mij',
    'niet',
    'dat',
    'die',
    'u',
    'uw',
    'zijn',
    'voor',
    'op',
    'met',
    'graag',
    'verzoek',
    'gegevens',
    'persoonsgegevens',
    'hierbij',
    'groet',
    'vriendelijke',
    'beste',
    'geachte',
    'heer',
    'mevrouw',
    'wij',
    'onze',
    'deze',
    'naar',
    'ook',
    'wilt',
    'kunt',
    'heb',
    'heeft',
    'wordt',
    'worden',
    'bedankt',
    'alstublieft',
    'welke',
    'wat',
    'hoe',
    'waarom',
  ],
  fr: [
    'le',
    'la',
    'les',
    'des',
    'du',
    'et',
    'je',
    'mes',
    'mon',
    'ma',
    'vous',
    'votre',
    'vos',
    'pour',
    'que',
    'qui',
    'dans',
    'avec',
    'sur',
    'pas',
    'ne',
    'est',
    'sont',
    'une',
    'un',
    'données',
    'personnelles',
    'bonjour',
    'cordialement',
    'madame',
    'monsieur',
    'merci',
    'demande',
    'au',
    'aux',
    'ce',
    'cette',
    'mais',
    'me',
    'concernant',
    'je',
    "l'article",
    'salutations',
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

/** Letters (and Dutch "ij") that point to a language, counted in one pass over the text. */
interface LetterCounts {
  aeOe: number;
  french: number;
  ij: number;
  aeOeUmlaut: number;
  germanUmlaut: number;
  sharpS: number;
}

const LETTERS: [keyof LetterCounts, Lang, number][] = [
  // Danish and Norwegian share æ and ø; the word lists tell them apart.
  ['aeOe', 'da', 2],
  ['aeOe', 'no', 2],
  ['french', 'fr', 1],
  ['ij', 'nl', 0.3],
  ['aeOeUmlaut', 'sv', 0.6],
  ['germanUmlaut', 'de', 0.6],
  ['sharpS', 'de', 2],
];

function countLetters(lower: string): LetterCounts {
  const n: LetterCounts = { aeOe: 0, french: 0, ij: 0, aeOeUmlaut: 0, germanUmlaut: 0, sharpS: 0 };
  for (let i = 0; i < lower.length; i++) {
    switch (lower[i]) {
      case 'æ':
      case 'ø':
        n.aeOe++;
        break;
      case 'é':
      case 'è':
      case 'ê':
      case 'à':
      case 'ç':
      case 'ù':
        n.french++;
        break;
      case 'ä':
      case 'ö':
        n.aeOeUmlaut++;
        n.germanUmlaut++;
        break;
      case 'ü':
        n.germanUmlaut++;
        break;
      case 'ß':
        n.sharpS++;
        break;
      case 'i':
        if (lower[i + 1] === 'j') n.ij++;
        break;
    }
  }
  return n;
}

export interface LanguageGuess {
  lang: Lang | 'und';
  scores: Record<Lang, number>;
}

const SAMPLE_LENGTH = 6000;

export function detectLanguage(text: string, hint?: string): LanguageGuess {
  const sample = text.slice(0, SAMPLE_LENGTH);
  return guess(
    tokenize(sample).map((t) => t.lower),
    sample,
    hint,
  );
}

/**
 * The language of a sentence already split into tokens: the same guess as detectLanguage(sentence.text),
 * without tokenizing the text again. The words are the tokens as written (the company's name included,
 * which classify() renames to "thecompany" in `lower`).
 */
export function sentenceLanguage(text: string, tokens: readonly Token[]): LanguageGuess {
  if (text.length > SAMPLE_LENGTH) return detectLanguage(text);
  return guess(
    tokens.map((t) => t.raw.toLowerCase()),
    text,
    undefined,
  );
}

function guess(words: readonly string[], sample: string, hint: string | undefined): LanguageGuess {
  const scores = Object.fromEntries(LANGS.map((l) => [l, 0])) as Record<Lang, number>;
  for (const w of words) {
    const langs = LOOKUP.get(w);
    if (!langs) continue;
    for (const l of langs) scores[l] += 1 / langs.length;
  }
  const lower = sample.toLowerCase();
  const letters = countLetters(lower);
  for (const [key, lang, weight] of LETTERS) scores[lang] += Math.min(6, letters[key]) * weight * 0.5;
  // Danish and Swedish both say "jag"/"jeg" apart; "ikke"/"inte", "og"/"och" carry most of it.
  const raw = hint?.toLowerCase().slice(0, 2);
  const h = raw === 'nb' || raw === 'nn' ? 'no' : raw;
  if (h && h in scores) scores[h as Lang] += 1.5;
  // On a tie the older, fuller pack wins (LANGS order): Danish before Norwegian.
  const ranked = [...LANGS].sort((a, b) => scores[b] - scores[a]);
  const best = ranked[0]!;
  if (scores[best] < 1) return { lang: h && h in scores ? (h as Lang) : 'und', scores };
  return { lang: best, scores };
}
