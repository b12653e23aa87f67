import type { Right } from '../domain/rights.js';

/**
 * Languages the classifier has word lists for. Anything else is reported as 'und' (undetermined). Danish,
 * English, German and Swedish are full packs; Norwegian, Dutch and French cover the published request
 * templates and the common words (their requests may come out uncertain).
 */
export type Lang = 'da' | 'en' | 'de' | 'sv' | 'no' | 'nl' | 'fr';
export const LANGS: readonly Lang[] = ['da', 'en', 'de', 'sv', 'no', 'nl', 'fr'];

/**
 * The company the mail is written to: its name (as people write it: "ITGuy") and its own mail domains. Mail
 * from these domains is internal; the company's own case mail, newsletters and signatures are recognised by
 * them. See DEFAULT_PROFILE (profile.ts).
 */
export interface CompanyProfile {
  name: string;
  /** Lower case, without "@": "itguy.dk". Subdomains count too. */
  domains: string[];
}

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
  /** What could not be decoded (NUL bytes, a broken encoding, an unknown charset): such mail is never `not_request`. */
  damage?: string[];
}

/**
 * Three verdicts, built on the asymmetry of the law (a missed request breaks Art. 12(3); a false alarm costs
 * the DPO one click): `not_request` only for mail that is positively something else (automatic, bulk, an
 * invoice, a known vendor notice, a hard negative); human mail about the writer's own data that fits none of
 * those is `uncertain`, and intake opens a case for it flagged as needing confirmation.
 */
export type Verdict = 'request' | 'uncertain' | 'not_request';
export const VERDICTS: readonly Verdict[] = ['request', 'uncertain', 'not_request'];

/** The verdict on one e-mail. Rights use the domain's names (src/domain/rights.ts). */
export interface Classification {
  /** What intake does with a mail that is not a follow-up (see Verdict). */
  verdict: Verdict;
  /** A new data-subject request to the company as controller: `verdict === 'request'`. */
  privacyRequest: boolean;
  /** About an existing case (a reply on its thread, a case number, a status question, an ID sent as asked). */
  followUp: boolean;
  /**
   * Whether its own words make it a request, as if it quoted no case: a follow-up from someone who is not
   * the quoted case's person may be a request of its own. Absent where a verdict was made by hand.
   */
  requestOnItsOwn?: boolean;
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
  /**
   * A request a colleague forwarded (inline or as an attachment): when the original was sent, from the
   * forwarded block's Date/Sent header or the attached message, as ISO 8601 with offset; else null. The
   * clock runs from when the request first reached the company (gdpr-rules §1).
   */
  originalSentAt: string | null;
  /**
   * A follow-up that says when the person first wrote ("for tre uger siden"): that day as an ISO date, the
   * earliest reading, relative to the mail's Date header; null when it says none (see first-contact.ts).
   */
  statedFirstContact: string | null;
  /** A request about data the company holds only as a customer's processor (see controller-elsewhere.ts). */
  controllerElsewhere: { name: string | null; reason: string } | null;
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
  | 'calendar'
  | 'internal'
  | 'vendor_marketing'
  | 'other';
