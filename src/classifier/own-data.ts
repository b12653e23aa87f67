import { sentenceLanguage } from './language.js';
import { matches } from './matcher.js';
import { packs } from './rights/index.js';
import type { Sentence } from './text.js';
import type { Lang } from './types.js';

/**
 * A person writing about their own data, in words no right's phrase catches ("do you guys keep my info?",
 * "er mine oplysninger blevet misbrugt?"): first person and a word about data, storing, deleting,
 * privacy or unsubscribing, in any supported language. Not a request on its own; enough to surface the
 * mail as uncertain rather than drop it.
 */

const CONCERN = new RegExp(
  String.raw`\b(?:` +
    [
      // Danish / Norwegian
      String.raw`oplysning\w*|opplysning\w*|personoplysning\w*|persondata|data|dataene|info|informationer?|informasjon|gemt|gemmer|gemme|opbevar\w*|oppbevar\w*|registrer\w*|lagret|lagrer|slet\w*|sletting|afmeld\w*|avmeld\w*|privatliv\w*|personvern|misbrugt|misbrukt|lækket|lekket`,
      // English
      String.raw`personal|privacy|stored?|storing|keep(?:ing)?|kept|delet\w*|eras\w*|unsubscrib\w*|records?|details|leaked|misused`,
      // Being somewhere in the company's systems or on its lists
      String.raw`systemer|systems?|database\w*|kartotek\w*|registre?|liste|listen|lists?|listan|lijst`,
      // German
      String.raw`daten|gespeichert|speicher\w*|lösch\w*|abmeld\w*|datenschutz`,
      // Swedish
      String.raw`uppgifter\w*|personuppgifter\w*|sparar|sparat|lagrar|lagrat|radera\w*|avregistrera\w*|integritet`,
      // Dutch
      String.raw`gegevens|persoonsgegevens|bewaar\w*|verwijder\w*|uitschrijven|afmelden`,
      // French
      String.raw`données|personnelles|supprim\w*|effac\w*|désinscri\w*|conserv\w*`,
      // The law's names
      String.raw`gdpr|dsgvo|rgpd|avg|databeskyttelse\w*`,
    ].join('|') +
    String.raw`)\b`,
  'iu',
);

const ADDRESS = /\S+@\S+|\bhttps?:\/\/\S+/g;

/**
 * The writer says "I", "me", "my" (not in quotation marks), in the mail's language: the Danish "I" is "you",
 * so the English pack only speaks for English mail (and for mail whose language is unknown).
 */
export function firstPersonIn(sentence: Sentence, lang: Lang | 'und'): boolean {
  let found = cache.get(sentence);
  if (found === undefined) {
    // Mixed mail (an English request under a Danish invitation): a sentence in a language of its own speaks for itself.
    const own = sentenceLanguage(sentence.text, sentence.tokens).lang;
    const read = own !== 'und' && sentence.tokens.length >= 2 ? own : lang;
    // The sentence's own list when nothing is quoted: the matcher keeps its word sets per list.
    const words = sentence.tokens.some((t) => t.quoted) ? sentence.tokens.filter((t) => !t.quoted) : sentence.tokens;
    found = packs().some((p) => (read === 'und' || p.lang === read) && matches(p.firstPerson, words));
    cache.set(sentence, found);
  }
  return found;
}

const cache = new WeakMap<Sentence, boolean>();

/** The writer's own words that speak about their own data, as short excerpts (at most three). */
export function ownDataSentences(sentences: readonly Sentence[], lang: Lang | 'und'): string[] {
  const out: string[] = [];
  for (const s of sentences) {
    if (s.source === 'quoted') continue;
    if (!firstPersonIn(s, lang)) continue;
    if (!CONCERN.test(s.text.replace(ADDRESS, ' '))) continue;
    out.push(s.text.length > 140 ? `${s.text.slice(0, 137)}…` : s.text);
    if (out.length >= 3) break;
  }
  return out;
}
