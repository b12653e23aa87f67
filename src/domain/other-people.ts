import type { Case } from './case.js';
import { personConcerned } from './representative.js';
import { fold } from './identifier-match.js';
import { ownIdentifiers } from './search-terms.js';

/**
 * Other people's e-mail addresses and phone numbers in the items going into a copy, for the DPO to redact
 * (Art. 15(4)). What is never proposed:
 * - the data subject's own identifiers: every one recorded on the case (set_data_subject, add_identifier),
 *   and an address the items themselves show as theirs: written after their name ("Freja Lindholm
 *   <freja.lindholm@…>") or made of their name ("freja.lindholm@…"). Intake often records a represented
 *   person by name only, and their mail address is then in their own mails;
 * - the requester's own (for a representative: the lawyer's or parent's). The copy goes to them, so blacking
 *   out their own address protects nobody, and a list full of it hides the addresses that do need it;
 * - the company's own addresses (dpa@, support@).
 */

export interface OtherPeopleInput {
  c: Pick<Case, 'requester' | 'dataSubject' | 'identifiers'>;
  /** The included items' text (title and excerpt). */
  texts: readonly string[];
  /** The company's mail domain ("itguy.dk"). */
  companyDomain: string;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /(\+\d{2}\s?)?(\d{2}\s?){3}\d{2}\b/g;

const digits = (s: string) => s.replace(/\D/g, '');

/** A name's words as letters a mail address can hold: "Søren Ærø" -> ["soeren", "aeroe"]; "Advokat" dropped. */
export function nameWords(name: string): string[] {
  return fold(name)
    .split(/[^a-z]+/)
    .filter((w) => w.length > 1 && !TITLES.has(w));
}

const TITLES = new Set(['advokat', 'advokatfuldmaegtig', 'hr', 'fru', 'mr', 'mrs', 'ms', 'dr', 'lawyer', 'attorney']);

/** Whether an address's local part is the name, in its words' order ("freja.lindholm", "freja_lindholm", "frejalindholm"). */
export function addressIsName(email: string, words: readonly string[]): boolean {
  if (words.length < 2) return false;
  const local = email.slice(0, email.indexOf('@')).toLowerCase();
  const parts = local.split(/[._-]+/).filter(Boolean);
  const alternatives = new Set([words.join(''), `${words[0]}${words.at(-1)}`]);
  return alternatives.has(parts.join('')) && (parts.length === 1 ? local.length >= 8 : true);
}

/** Addresses the text writes right after the name: "Freja Lindholm <freja@…>", "Freja Lindholm (freja@…)". */
export function addressesAfterName(text: string, words: readonly string[]): Set<string> {
  const found = new Set<string>();
  if (words.length === 0) return found;
  for (const m of text.matchAll(/([\p{L}'’. -]{2,80}?)\s*[<([]\s*(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*[>)\]]/gu)) {
    const before = nameWords(m[1]!);
    // The display name ends with the person's name (a "Fra: " or "From: " before it is not part of it).
    if (before.length >= words.length && words.every((w, i) => before[before.length - words.length + i] === w))
      found.add(m[2]!.toLowerCase());
  }
  return found;
}

export function otherPeopleIdentifiers({ c, texts, companyDomain }: OtherPeopleInput): string[] {
  const recorded = ownIdentifiers(c);
  const ownEmails = new Set(recorded.filter((i) => i.kind !== 'phone').map((i) => i.value.trim().toLowerCase()));
  const ownPhones = new Set(recorded.filter((i) => i.kind === 'phone').map((i) => digits(i.value).slice(-8)));
  // Every name the data subject (or, without one, the requester) goes by on the case.
  const person = personConcerned(c);
  const names = [person.name, ...recorded.filter((i) => i.kind === 'name').map((i) => i.value)]
    .filter((n): n is string => Boolean(n))
    .map(nameWords)
    .filter((w) => w.length > 0);
  const companySuffix = `@${companyDomain.toLowerCase()}`;
  const found = new Set<string>();
  for (const text of texts) {
    const named = new Set(names.flatMap((w) => [...addressesAfterName(text, w)]));
    for (const raw of text.match(EMAIL) ?? []) {
      const email = raw.toLowerCase();
      if (ownEmails.has(email) || email.endsWith(companySuffix) || named.has(email)) continue;
      if (names.some((w) => addressIsName(email, w))) continue;
      found.add(email);
    }
    for (const phone of text.match(PHONE) ?? []) if (!ownPhones.has(digits(phone).slice(-8))) found.add(phone.trim());
  }
  return [...found].sort();
}
