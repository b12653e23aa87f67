import type { Case } from './case.js';

/**
 * What to search Microsoft 365 for on a case: the requester's (and data subject's) e-mail addresses,
 * names and phone numbers, and the identifiers the DPO added (a customer number, a CVR, an old address),
 * as one KQL query. Every value is a quoted phrase with quotes and backslashes removed, so nothing a
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
  for (const person of [c.requester, c.dataSubject]) {
    if (!person) continue;
    add('email', person.email);
    add('name', person.name);
    add('phone', person.phone);
  }
  for (const extra of c.identifiers ?? []) add(/@/.test(extra) ? 'email' : /^\+?[\d\s().-]{8,}$/.test(extra) ? 'phone' : 'other', extra);
  return found;
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
