import type { SearchIdentifier } from './search-terms.js';

/**
 * Whether a text names the data subject, for the sources Graph cannot search with application permissions
 * (Teams chats and channels, calendars, contacts, Copilot: the product lists them and looks itself). The
 * same rules as the mailbox search's phrases, written down: an address as a whole address, a name or other
 * identifier as whole words in order (so "Jens Møller" is not found in "Jens Møllerup"), Danish letters the
 * way people type them without (ø = oe, å = aa, æ = ae) and case ignored, a phone number by its digits
 * whatever the spacing, with or without +45/0045.
 */

/** Lower case, Danish letters spelled out, other accents dropped, whitespace single. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A phone number's national digits: "+45 21 43 65 87", "0045 21436587" and "21436587" are one number. */
export function phoneDigits(value: string): string {
  let d = value.replace(/\D/g, '');
  if (d.startsWith('00')) d = d.slice(2);
  if (d.length === 10 && d.startsWith('45')) d = d.slice(2);
  return d;
}

// Runs of digits with the separators people write numbers with: "+45 21 43 65 87", "2143-6587", "(0)20 7946 0958".
const NUMBER_RUN = /\+?\d[\d ().-]{5,}\d/g;

export interface IdentifierMatcher {
  /** The identifiers the text names (empty: it does not name the person). */
  matches(text: string): SearchIdentifier[];
}

export function identifierMatcher(identifiers: readonly SearchIdentifier[]): IdentifierMatcher {
  const tests = identifiers.map((identifier): ((folded: string, raw: string) => boolean) | undefined => {
    const value = identifier.value.trim();
    if (!value) return undefined;
    if (identifier.kind === 'phone') {
      const want = phoneDigits(value);
      if (want.length < 6) return undefined;
      return (_f, raw) => [...raw.matchAll(NUMBER_RUN)].some((m) => phoneDigits(m[0]) === want);
    }
    const folded = fold(value);
    if (identifier.kind === 'email') {
      const re = new RegExp(`(?<![\\w.+-])${escapeRe(folded)}(?![\\w-]|\\.[\\w-])`);
      return (f) => re.test(f);
    }
    // Whole words in order; any run of spaces between them.
    const words = folded.split(/[\s]+/).filter(Boolean).map(escapeRe);
    if (!words.length) return undefined;
    // A hyphen joins names: "Hans-Jens Møller" and "Jens Møller-Hansen" are other people.
    const re = new RegExp(`(?<![\\p{L}\\p{N}]|[\\p{L}]-)${words.join('\\s+')}(?![\\p{L}\\p{N}]|-[\\p{L}])`, 'u');
    return (f) => re.test(f);
  });
  return {
    matches(text) {
      if (!text) return [];
      const folded = fold(text);
      return identifiers.filter((_, i) => tests[i]?.(folded, text));
    },
  };
}
