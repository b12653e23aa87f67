import { invalidInput } from './errors.js';
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
    da: 'Art. 11(2): vi kan ikke identificere den registrerede i vores data.',
    en: 'Art. 11(2): we cannot identify the data subject in our data.',
  },
  '12(4)': {
    da: 'Art. 12(4): vi foretager os ikke noget på anmodningen; begrundelse og klageadgang gives.',
    en: 'Art. 12(4): we are not acting on the request; reasons and the right to complain are given.',
  },
  '12(5)': {
    da: 'Art. 12(5): anmodningen er åbenbart grundløs eller overdreven (fx gentagen); bevisbyrden er vores.',
    en: 'Art. 12(5): the request is manifestly unfounded or excessive (e.g. repetitive); the burden of proof is ours.',
  },
  '12(6)': {
    da: 'Art. 12(6): identiteten kunne ikke bekræftes trods rimelig tvivl og anmodning om oplysninger.',
    en: 'Art. 12(6): identity could not be confirmed despite reasonable doubt and a request for information.',
  },
  '15(4)': {
    da: 'Art. 15(4): en kopi ville krænke andres rettigheder (overstreg hellere end afvis).',
    en: "Art. 15(4): a copy would adversely affect others' rights (redact rather than refuse).",
  },
  '17(3)': {
    da: 'Art. 17(3): sletning undtaget, fx retlig forpligtelse til opbevaring (bogføringsloven).',
    en: 'Art. 17(3): erasure exempted, e.g. a legal obligation to keep the data (Danish Bookkeeping Act).',
  },
  '21(1)': {
    da: 'Art. 21(1): vægtige legitime grunde til behandlingen, som går forud for personens interesser.',
    en: "Art. 21(1): compelling legitimate grounds for the processing that override the person's interests.",
  },
  'DBL §22': {
    da: 'Databeskyttelseslovens § 22: undtagelse fra indsigt af hensyn til afgørende private eller offentlige interesser.',
    en: 'Danish Data Protection Act § 22: exemption from access for overriding private or public interests.',
  },
};

export function parseRefusalBasis(text: string): RefusalBasis {
  const compact = text
    .trim()
    .replace(/^art(\.|icle)?\s*/i, '')
    .replace(/\s+/g, '');
  const match = REFUSAL_BASES.find((basis) => basis.replace(/\s+/g, '').toLowerCase() === compact.toLowerCase());
  if (match) return match;
  throw invalidInput(`unknown legal basis "${text}"; use one of ${REFUSAL_BASES.join(', ')}`);
}
