import { invalidInput } from './errors.js';
import type { Right } from './rights.js';
import type { Text } from './text.js';

/**
 * The grounds on which a request may be refused in whole or in part (gdpr-rules §2 and §4). Every
 * refusal must still be answered within the deadline with the reasons and the right to complain to
 * Datatilsynet and to a judicial remedy (Art. 12(4)).
 */
export const REFUSAL_BASES = ['11(2)', '12(4)', '12(5)', '12(6)', '15(4)', '17(3)', '21(1)', 'DBL §22'] as const;

export type RefusalBasis = (typeof REFUSAL_BASES)[number];

export const REFUSAL_BASIS_INFO: Record<RefusalBasis, Text> = {
  '11(2)': {
    da: 'Artikel 11, stk. 2: vi kan ikke identificere den registrerede i vores data.',
    en: 'Art. 11(2): we cannot identify the data subject in our data.',
  },
  '12(4)': {
    da: 'Artikel 12, stk. 4: vi foretager os ikke noget på anmodningen; begrundelse og klageadgang gives.',
    en: 'Art. 12(4): we are not acting on the request; reasons and the right to complain are given.',
  },
  '12(5)': {
    da: 'Artikel 12, stk. 5: anmodningen er åbenbart grundløs eller overdreven (fx gentagen); bevisbyrden er vores.',
    en: 'Art. 12(5): the request is manifestly unfounded or excessive (e.g. repetitive); the burden of proof is ours.',
  },
  '12(6)': {
    da: 'Artikel 12, stk. 6: identiteten kunne ikke bekræftes trods rimelig tvivl og anmodning om oplysninger.',
    en: 'Art. 12(6): identity could not be confirmed despite reasonable doubt and a request for information.',
  },
  '15(4)': {
    da: 'Artikel 15, stk. 4: en kopi ville krænke andres rettigheder (overstreg hellere end afvis).',
    en: "Art. 15(4): a copy would adversely affect others' rights (redact rather than refuse).",
  },
  '17(3)': {
    da: 'Artikel 17, stk. 3: sletning undtaget, fx retlig forpligtelse til opbevaring (bogføringsloven).',
    en: 'Art. 17(3): erasure exempted, e.g. a legal obligation to keep the data (Danish Bookkeeping Act).',
  },
  '21(1)': {
    da: 'Artikel 21, stk. 1: vægtige legitime grunde til behandlingen, som går forud for personens interesser.',
    en: "Art. 21(1): compelling legitimate grounds for the processing that override the person's interests.",
  },
  'DBL §22': {
    da: 'Databeskyttelseslovens § 22: undtagelse fra indsigt af hensyn til afgørende private eller offentlige interesser.',
    en: 'Danish Data Protection Act § 22: exemption from access for overriding private or public interests.',
  },
};

/**
 * The rights each basis can refuse (gdpr-rules §2): a refusal of a case must rest on a basis that applies to
 * every right it asks for. 'any' applies to every right.
 */
export const REFUSAL_SCOPE: Record<RefusalBasis, 'any' | readonly Right[]> = {
  // Art. 11(2): Articles 15 to 20 do not apply; an objection (21) still does.
  '11(2)': ['access', 'rectification', 'erasure', 'restriction', 'portability'],
  // Not acting on a request: never for a rectification (no refusal grounds) or an opt-out (absolute, 21(3)).
  '12(4)': ['access', 'information', 'erasure', 'restriction', 'portability', 'objection'],
  // Never met by a first request (checked on the case: it needs an earlier request of the person).
  '12(5)': 'any',
  // Identity in doubt: an opt-out is honoured for the address it came from all the same.
  '12(6)': ['access', 'information', 'rectification', 'erasure', 'restriction', 'portability', 'objection'],
  // Limits the copy (redact), never the access itself.
  '15(4)': [],
  '17(3)': ['erasure'],
  // Compelling legitimate grounds answer an objection under 21(1), never a marketing opt-out (21(3)).
  '21(1)': ['objection'],
  // Databeskyttelsesloven § 22 exempts from Articles 13 to 15.
  'DBL §22': ['access', 'information'],
};

/** The rights of `rights` that `basis` cannot refuse. */
export function rightsOutsideBasis(basis: RefusalBasis, rights: readonly Right[]): Right[] {
  const scope = REFUSAL_SCOPE[basis];
  return scope === 'any' ? [] : rights.filter((r) => !scope.includes(r));
}

export function parseRefusalBasis(text: string): RefusalBasis {
  const compact = text
    .trim()
    .replace(/^art(\.|icle)?\s*/i, '')
    .replace(/\s+/g, '');
  const match = REFUSAL_BASES.find((basis) => basis.replace(/\s+/g, '').toLowerCase() === compact.toLowerCase());
  if (match) return match;
  throw invalidInput(
    `unknown legal basis "${text}"; use one of ${REFUSAL_BASES.join(', ')}`,
    `Ukendt hjemmel »${text}«; vælg en af ${REFUSAL_BASES.map((b) => basisName(b, 'da')).join(', ')}.`,
  );
}

/** A refusal basis as a Danish DPO cites it ("artikel 11, stk. 2", "databeskyttelseslovens § 22"); English keeps the code. */
export function basisName(basis: RefusalBasis, lang: 'da' | 'en'): string {
  if (lang === 'en') return basis;
  if (basis === 'DBL §22') return 'databeskyttelseslovens § 22';
  const [, article, paragraph] = /^(\d+)\((\d+)\)$/.exec(basis)!;
  return `artikel ${article}, stk. ${paragraph}`;
}
