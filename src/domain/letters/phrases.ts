import type { AuthorityKind } from '../case.js';
import type { RefusalBasis } from '../legal-bases.js';
import type { SupervisoryAuthority } from '../register/types.js';
import type { Right } from '../rights.js';

/** The letters the product writes; each has its own rules in letter-for.ts. */
export const LETTER_TEMPLATES = [
  'access',
  'information',
  'portability',
  'erasure',
  'rectification',
  'restriction',
  'objection',
  'marketing_opt_out',
  'refusal',
  'identity_request',
  'extension_notice',
  'forwarded',
  'no_data',
] as const;
export type LetterTemplate = (typeof LETTER_TEMPLATES)[number];

/** The rights whose answer lists per system what was done, and tells the recipients (Art. 19). */
export type ChangeRight = 'erasure' | 'rectification' | 'restriction';

/** What we can ask a person for to confirm identity; never a copy of an ID document. */
export const IDENTITY_ASKS = ['known_address', 'mitid_signed', 'customer_number', 'call_back'] as const;
export type IdentityAsk = (typeof IDENTITY_ASKS)[number];

/**
 * Every sentence a letter can hold, in one language. `who` is the person the data is about: the phrase for
 * "you" when the requester writes for themselves, the data subject's name when a representative writes.
 */
export interface Phrases {
  subject: Record<LetterTemplate, string>;
  caseRef: (id: string) => string;
  dateLine: (city: string, date: string) => string;
  hello: (name: string | undefined) => string;
  regards: string;
  you: string;
  unnamedSubject: string;
  representative: (subject: string, authority: AuthorityKind) => string;
  thanks: (rights: string, received: string) => string;
  rightName: Record<Right, string>;
  unsupportedLanguage: (language: string) => string;
  registerLanguage: string;
  complaintHeading: string;
  complaint: (sa: SupervisoryAuthority) => string;
  courts: string;
  systemsHeading: Record<ChangeRight, string>;
  statusDone: Record<ChangeRight, string>;
  statusExpires: string;
  statusRetained: string;
  statusInProgress: string;
  allDone: (right: ChangeRight, who: string) => string;
  someDone: (right: ChangeRight, who: string, done: number, total: number) => string;
  writeAgain: string;
  keptHeading: string;
  bookkeeping: (who: string, year: string, until: string) => string;
  keptUse: string;
  art19Heading: string;
  art19AllTold: (names: string) => string;
  art19Told: (names: string) => string;
  art19WillTell: (names: string) => string;
  art19NotTold: (name: string, reason: string) => string;
  otherRecipients: string;
  restrictionPromise: string;
  suppression: (done: boolean) => string;
  objectionStopped: (who: string) => string;
  objectionGrounds: (who: string) => string;
  marketingStopped: (who: string, date: string) => string;
  portability: (who: string, files: string, messages: number) => string;
  refusal: (basis: string, rights: string) => string;
  /** Art. 12(4) is the duty to give reasons, not a ground: the refusal says so instead of resting on it. */
  refusalInformed: (rights: string) => string;
  refusalBasis: Record<RefusalBasis, string>;
  reasonLabel: string;
  identityWhy: (who: string) => string;
  identityAsk: string;
  identityMethod: Record<IdentityAsk, string>;
  identityAuthority: (subject: string, authority: AuthorityKind) => string;
  identityNoCopy: string;
  clockStopped: (from: string) => string;
  extension: (reason: string, first: string, next: string) => string;
  forwarded: (controller: string, to: string, at: string) => string;
  noData: (who: string, systems: string) => string;
  reply: string;
}
