import { nameWords } from '../other-people.js';
import type { Span } from './cpr.js';

/**
 * Names of people in an item: known names (the tenant's directory, the mail's own headers) wherever they
 * occur, and capitalised names right after a greeting ("Hej Anna", "Kære Peter Hansen", "Dear John Smith")
 * or on the line after a sign-off ("Venlig hilsen\nAnna Jensen", "Mvh", "Best regards").
 */

export type NameSource = 'directory' | 'headers' | 'greeting' | 'signature' | 'address';

const WORD = String.raw`\p{Lu}[\p{Ll}'’-]+`;
const NAME = `${WORD}(?:[ ]${WORD}){0,2}`;
const GREETING = new RegExp(String.raw`(?:^|[\n.!?]\s*)(?:Hej|Hejsa|Hi|Hello|Kære|Dear|Goddag|Davs)[ ]+(${NAME})`, 'gu');
const SIGN_OFF = new RegExp(
  String.raw`(?:^|\n)[ \t]*(?:Med venlig hilsen|Venlig hilsen|Venlige hilsner|De bedste hilsner|Bedste hilsner|Mange hilsner|Hilsen|Mvh\.?|Vh\.?|Best regards|Kind regards|Regards|Best wishes|Sincerely)[ \t,]*\n+[ \t]*(${NAME})[ \t]*(?=\n|$)`,
  'gu',
);
const BESIDE_ADDRESS = new RegExp(String.raw`(${NAME})[ ]*[<(\[][ ]*(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+`, 'gu');
/** Capitalised words after a greeting that are not names ("Hej Alle", "Dear Sir"). */
const NOT_NAMES = new Set(['alle', 'all', 'sir', 'madam', 'team', 'kunde', 'customer', 'there', 'everyone', 'jer', 'du', 'you']);

export interface NameCandidate {
  name: string;
  source: NameSource;
}

/** Names a greeting or sign-off gives. */
export function namesInText(text: string): NameCandidate[] {
  const out: NameCandidate[] = [];
  for (const [re, source] of [
    [GREETING, 'greeting'],
    [SIGN_OFF, 'signature'],
    [BESIDE_ADDRESS, 'address'],
  ] as const)
    for (const m of text.matchAll(re)) {
      const name = m[1]!.trim();
      if (!NOT_NAMES.has(name.split(' ')[0]!.toLowerCase())) out.push({ name, source });
    }
  // A name whose words make an address in the same text ("Lene Dahl;lene.dahl@…" in a list) is that person's.
  const locals = new Set(
    [...text.matchAll(/([\p{L}\d]+(?:[._-][\p{L}\d]+)+)@[\w-]+(?:\.[\w-]+)+/gu)].map((m) =>
      nameWords(m[1]!.replace(/[._-]/g, ' ')).join(' '),
    ),
  );
  if (locals.size) for (const m of text.matchAll(FULL_NAME)) if (locals.has(nameKey(m[0]))) out.push({ name: m[0], source: 'address' });
  return out;
}

const FULL_NAME = new RegExp(`${WORD}(?:[ ]${WORD}){1,2}`, 'gu');

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every occurrence of the name as whole words (spaces and line breaks between its words count alike). */
export function occurrences(text: string, name: string): Span[] {
  const pattern = name.trim().split(/\s+/).map(escapeRe).join(String.raw`\s+`);
  const re = new RegExp(String.raw`(?<![\p{L}\p{N}@._-])${pattern}(?![\p{L}\p{N}@]|[._-][\p{L}\p{N}])`, 'gu');
  return [...text.matchAll(re)].map((m) => ({ value: m[0], start: m.index, end: m.index + m[0].length }));
}

/** A name's key: its words, lower case, ASCII-folded ("Søren Ærø" -> "soeren aeroe"). */
export const nameKey = (name: string): string => nameWords(name).join(' ');

/** Whether the name is (part of) one of the data subject's names: "Jens" or "Møller" of "Jens Møller". */
export function isOwnName(name: string, own: readonly (readonly string[])[]): boolean {
  const words = nameWords(name);
  return words.length > 0 && own.some((o) => words.every((w) => o.includes(w)));
}
