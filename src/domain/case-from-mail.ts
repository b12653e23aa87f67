import type { Channel, IntakeVerdict, ReceiptBasis } from './case.js';
import type { NewCaseInput } from './open-case.js';
import type { Right } from './rights.js';
import { isEmailAddress } from './validation.js';

/** The facts of one message in a mailbox that a case is opened from. */
export interface MailFacts {
  receivedAt: string;
  internetMessageId?: string;
  /** The message's (immutable) Graph id. */
  graphId: string;
  mailbox: string;
  /** Set when receivedAt is not the message's own arrival (a forwarded request's original). */
  receiptBasis?: ReceiptBasis;
}

/** What was read in the message: the classifier's verdict, as corrected by a person where one did. */
export interface MailReading {
  requester: { address: string | null; name: string | null };
  dataSubject: { name: string | null } | null;
  rights: readonly Right[];
  language: string;
  /** How intake judged it; absent when a person logged the message (that is the confirmation). */
  intakeVerdict?: IntakeVerdict;
  /** Held only as a customer's processor: the customer answers (a processor case). */
  controllerElsewhere?: { name: string | null; reason: string } | null;
}

/**
 * The language the case is answered in: Danish for Danish (or undetermined) mail, German and Swedish for mail in
 * those (the letters speak them), English for every other.
 */
export function answerLanguage(language: string): 'da' | 'en' | 'de' | 'sv' {
  if (language === 'da' || language === 'und') return 'da';
  return language === 'de' || language === 'sv' ? language : 'en';
}

/**
 * A new case from a message, the same whether intake found it or a person logged it from Outlook. The
 * clock starts when the message arrived; the message is the case's source, so opening it twice finds the
 * first case.
 */
export function caseInputFromMail(
  mail: MailFacts,
  reading: MailReading,
  channel: Extract<Channel, 'email' | 'outlook-addin'>,
): NewCaseInput {
  const { address, name } = reading.requester;
  const subject = reading.dataSubject?.name;
  return {
    receivedAt: mail.receivedAt,
    channel,
    requester: { ...(address ? { email: address } : {}), ...(name ? { name } : {}) },
    // On someone's behalf: the authority is the DPO's to check (fuldmagt, parent, ...): no evidence until they do.
    ...(subject ? { dataSubject: { name: subject, authority: 'other' as const } } : {}),
    // A request whose right could not be told is handled as access until the DPO says otherwise.
    rights: reading.rights.length ? reading.rights : ['access'],
    language: answerLanguage(reading.language),
    ...(mail.receiptBasis ? { receiptBasis: mail.receiptBasis } : {}),
    ...(reading.intakeVerdict ? { intakeVerdict: reading.intakeVerdict } : {}),
    ...(reading.controllerElsewhere
      ? {
          controllerElsewhere: {
            ...(reading.controllerElsewhere.name ? { name: reading.controllerElsewhere.name } : {}),
            reason: reading.controllerElsewhere.reason,
          },
        }
      : {}),
    sourceMessages: [
      { ...(mail.internetMessageId ? { internetMessageId: mail.internetMessageId } : {}), graphId: mail.graphId, mailbox: mail.mailbox },
    ],
  };
}

/** A name the case can hold (checkNewCase allows 200 characters). */
export const NAME_MAX_LENGTH = 200;
/** The requester of a mail with no sender at all (no From header). */
export const UNKNOWN_SENDER = 'ukendt afsender (unknown sender)';
/** RFC 5322 §2.1.1: a line, and so a Message-ID, is at most 998 characters. */
const MESSAGE_ID_MAX_LENGTH = 998;

// Control characters (CR/LF, NUL, ANSI escapes) have no place in a name shown on cards and in the CLI.
const printable = (text: string) =>
  text
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A name cut to what a case holds (200 UTF-16 units, as checkNewCase counts), never inside a surrogate pair. */
export function caseName(name: string | null | undefined): string | null {
  const clean = printable(name ?? '');
  if (!clean) return null;
  if (clean.length <= NAME_MAX_LENGTH) return clean;
  let cut = '';
  for (const char of clean) {
    if (cut.length + char.length > NAME_MAX_LENGTH - 1) break;
    cut += char;
  }
  return `${cut.trimEnd()}…`;
}

/** A Message-ID usable as a case's source key, or undefined (too long, empty, or holding control characters). */
export function usableMessageId(id: string | null | undefined): string | undefined {
  const value = id?.trim();
  if (!value || value.length > MESSAGE_ID_MAX_LENGTH || /\p{Cc}/u.test(value)) return undefined;
  return value;
}

/**
 * What was read from a mail, made into what a case holds, so ordinary but awkward mail always opens its
 * case: a long name is cut; an address the case cannot hold (a quoted local part, a domain without a dot)
 * is dropped from the requester and kept in a note as received, so the DPO replies to it from Outlook; a
 * mail with no sender gets the name UNKNOWN_SENDER. Such a case has no address to answer to; the domain
 * accepts it because it has the message to reply to (checkNewCase).
 */
export function normaliseReading<R extends MailReading>(reading: R): { reading: R; notes: string[] } {
  const notes: string[] = [];
  const received = printable(reading.requester.address ?? '');
  const lower = received.toLowerCase();
  const address = received && isEmailAddress(lower) ? lower : null;
  if (received && !address)
    notes.push(
      `The sender's address could not be stored as an e-mail address; reply to the sender's address as received: ${received.slice(0, 400)}`,
    );
  const name = caseName(reading.requester.name) ?? (received ? null : UNKNOWN_SENDER);
  if (!received)
    notes.push('The message has no sender address (no From header): reply to it from Outlook, or find the sender another way.');
  const subject = reading.dataSubject ? { ...reading.dataSubject, name: caseName(reading.dataSubject.name) } : reading.dataSubject;
  return { reading: { ...reading, requester: { address, name }, dataSubject: subject }, notes };
}
