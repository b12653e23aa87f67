import type { Case } from './case.js';
import { personConcerned } from './representative.js';

/**
 * What to search Microsoft 365 for on a case: the person the case is about (the requester, or the data
 * subject when a representative asks for them) by e-mail address, name, phone number, postal address and
 * customer number, and the identifiers the DPO added (a CVR, an old address, the representative's own
 * address where it matters), as one KQL query. A representative's identifiers are never searched by
 * themselves: they would pull the lawyer's other matters into the person's copy. Every value is a quoted phrase with quotes and backslashes removed, so nothing a
 * requester wrote can change the query's meaning; phone numbers in the ways people write them.
 */

export interface SearchIdentifier {
  kind: 'email' | 'name' | 'phone' | 'other';
  value: string;
}

export function searchIdentifiers(c: Pick<Case, 'requester' | 'dataSubject' | 'identifiers'>): SearchIdentifier[] {
  const found: SearchIdentifier[] = [];
  const add = (kind: SearchIdentifier['kind'], value: string | undefined) => {
    const v = value?.trim();
    if (v && v.length >= 3 && !found.some((f) => f.kind === kind && f.value.toLowerCase() === v.toLowerCase()))
      found.push({ kind, value: v });
  };
  const person = personConcerned(c);
  add('email', person.email);
  add('name', person.name);
  add('phone', person.phone);
  if (c.dataSubject) {
    add('other', c.dataSubject.address);
    add('other', c.dataSubject.customerNumber);
  }
  for (const extra of c.identifiers ?? []) add(/@/.test(extra) ? 'email' : /^\+?[\d\s().-]{8,}$/.test(extra) ? 'phone' : 'other', extra);
  return found;
}

/**
 * Identifiers that are not "another person" in the copy (Art. 15(4)): the data subject's, the ones searched
 * for, and the requester's own (a representative's address in the copy goes back to them).
 */
export function ownIdentifiers(c: Pick<Case, 'requester' | 'dataSubject' | 'identifiers'>): SearchIdentifier[] {
  const own = searchIdentifiers(c);
  for (const [kind, value] of [
    ['email', c.requester.email],
    ['name', c.requester.name],
    ['phone', c.requester.phone],
    ['email', c.dataSubject?.email],
    ['phone', c.dataSubject?.phone],
  ] as const) {
    const v = value?.trim();
    if (v && !own.some((o) => o.kind === kind && o.value.toLowerCase() === v.toLowerCase())) own.push({ kind, value: v });
  }
  return own;
}

/** The forms a (Danish or international) phone number is written in: "+45 26 84 31 90", "26843190", ... */
export function phoneVariants(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  const national = digits.length === 10 && digits.startsWith('45') ? digits.slice(2) : digits.length === 8 ? digits : undefined;
  if (!national) return [phone.trim()];
  const pairs = national.match(/../g)!.join(' ');
  return [
    ...new Set([national, pairs, `+45${national}`, `+45 ${pairs}`, `0045${national}`, `${national.slice(0, 4)} ${national.slice(4)}`]),
  ];
}

/** A KQL phrase: the value without the characters that could end or escape it. */
export function kqlPhrase(value: string): string {
  return `"${value.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim()}"`;
}

/** The terms each identifier is searched by (phrases; a phone number in all its forms). */
export function searchPhrases(identifiers: readonly SearchIdentifier[]): string[] {
  const phrases = identifiers
    .flatMap((i) => (i.kind === 'phone' ? phoneVariants(i.value) : [i.value]))
    .map(kqlPhrase)
    .filter((p) => p !== '""');
  return [...new Set(phrases)];
}

/** One KQL query matching any identifier. */
export function kqlQuery(identifiers: readonly SearchIdentifier[]): string {
  return searchPhrases(identifiers).join(' OR ');
}
