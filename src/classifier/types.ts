import type { Right } from '../domain/rights.js';

/** Languages the classifier has word lists for. Anything else is reported as 'und' (undetermined). */
export type Lang = 'da' | 'en' | 'de' | 'sv';
export const LANGS: readonly Lang[] = ['da', 'en', 'de', 'sv'];

export interface Mailbox {
  address: string | null;
  name: string | null;
}

/**
 * One e-mail as the classifier sees it: plain data, no MIME. `parseEmail` builds it from RFC 822 bytes;
 * tests may build it by hand (see `emailInput`).
 */
export interface EmailInput {
  /** Header names in lower case; a repeated header's values joined with "\n". */
  headers: Record<string, string>;
  subject: string;
  from: Mailbox | null;
  replyTo: Mailbox | null;
  to: string[];
  cc: string[];
  /** The top-level MIME type, e.g. "multipart/report" for a delivery report. */
  contentType: string;
  /** The body as text: the text/plain part, or the HTML part turned into text when there is none. */
  text: string;
  /** File names of the attachments. */
  attachments: string[];
  /** Messages attached as message/rfc822 (forwarded as attachment), parsed the same way. */
  attachedMessages: EmailInput[];
}

/** The verdict on one e-mail. Rights use the domain's names (src/domain/rights.ts). */
export interface Classification {
  /** A new data-subject request to ITGuy as controller. */
  privacyRequest: boolean;
  /** About an existing case (a reply on its thread, a case number, a status question, an ID sent as asked). */
  followUp: boolean;
  /** The case number quoted, canonical (DSAR-2026-0042), or null. */
  caseRef: string | null;
  rights: Right[];
  /** Who asks: the sender, or the original sender of a mail a colleague forwarded, or the person in a web form. */
  requester: Mailbox;
  /** Whom the request is about, when the requester asks on someone else's behalf; null when it is the requester. */
  dataSubject: { name: string | null } | null;
  language: Lang | 'und';
  /** How sure the classifier is of `privacyRequest`/`followUp`, 0..1. */
  confidence: number;
  /** The phrases and headers that decided it, for the DPO. */
  evidence: string[];
  /** What kind of mail it is, in a word: request, follow_up, auto_reply, newsletter, ... (not in the CLI output). */
  kind: MailKind;
}

export type MailKind =
  | 'request'
  | 'follow_up'
  | 'auto_reply'
  | 'bounce'
  | 'newsletter'
  | 'event'
  | 'dpa_agreement'
  | 'questionnaire'
  | 'processor_instruction'
  | 'subprocessor_notice'
  | 'security_incident'
  | 'phishing'
  | 'invoice'
  | 'internal'
  | 'vendor_marketing'
  | 'other';
