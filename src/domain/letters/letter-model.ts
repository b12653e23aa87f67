import type { IsoDate } from '../calendar.js';
import type { RegisterConfirmation } from '../register/assumptions.js';
import type { ProcessingRegister } from '../register/types.js';
import type { LetterLang } from './long-date.js';
import type { IdentityAsk, LetterTemplate } from './phrases.js';

/** A letter as structure, so the text, the PDF and the DOCX are the same letter (render-text.ts, export). */
export type LetterBlock = { type: 'heading'; text: string } | { type: 'paragraph'; text: string } | { type: 'list'; items: string[] };

export interface StructuredLetter {
  template: LetterTemplate;
  lang: LetterLang;
  caseId: string;
  /** The sender's letterhead lines, from the register. */
  letterhead: string[];
  /** "Hillerød, den 20. marts 2026". */
  dateLine: string;
  reference: string;
  subject: string;
  /** Why the letter is not in the language the requester wrote in, in that language and in English. */
  languageNote: string[];
  salutation: string;
  blocks: LetterBlock[];
  closing: string;
  signature: string[];
}

export interface WithheldItem {
  /** An item about the requester, described by kind and date (never its subject, which may be about others), and why it is not in the copy. */
  kind: string;
  date: IsoDate;
  reason: string;
}

/**
 * What the letter needs besides the case: the register, the letter's date, and facts recorded outside the
 * case record (the package's contents, the search's result, the DPO's answers on accounting records and on
 * Art. 19 notices that are impossible or disproportionate).
 */
export interface LetterFacts {
  register: ProcessingRegister;
  /** The DPO's answers to the register's assumptions (the register feature's table): only confirmed ones are stated. */
  confirmations?: readonly RegisterConfirmation[];
  /** The letter's date (YYYY-MM-DD, Copenhagen). */
  date: IsoDate;
  /** The copy in the answer package (access). */
  copy?: {
    messages: number;
    files: number;
    /** Teams chat and channel messages, calendar events, contacts, Copilot prompts and answers in the copy. */
    teams?: number;
    events?: number;
    contacts?: number;
    copilot?: number;
    withheld: readonly WithheldItem[];
    redactedOthers: boolean;
    /** What kinds of other people's data the copy has redacted (Art. 15(4)). */
    redactedKinds?: readonly ('email' | 'phone' | 'cpr' | 'name')[];
  };
  /** Items the search found about the person; `no_data` fits only when it is 0. Absent: no search recorded. */
  found?: number;
  /** The portability files in the package and the number of the person's own messages in them. */
  portability?: { files: readonly string[]; messages: number };
  /** Art. 19 recipients (processor id, or `other_recipients`) that will not be told, with why (impossible, disproportionate). */
  art19Exempt?: Readonly<Record<string, string>>;
  /**
   * The person's accounting records, as the DPO answered the task: the date of the latest record concerned,
   * or `none`. Absent: not yet answered, and the letter says nothing about bookkeeping.
   */
  accounting?: { latestRecord: IsoDate } | 'none';
  /** The last month of the financial year (12 for a calendar year). */
  financialYearEndMonth?: number;
  /** What the identity request offers; the default is every method. */
  identityAsks?: readonly IdentityAsk[];
}
