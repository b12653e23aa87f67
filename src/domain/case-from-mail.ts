import type { Channel, IntakeVerdict, ReceiptBasis } from './case.js';
import type { NewCaseInput } from './open-case.js';
import type { Right } from './rights.js';

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

/** The language the case is answered in: Danish for Danish (or undetermined) mail, English for every other. */
export function answerLanguage(language: string): 'da' | 'en' {
  return language === 'da' || language === 'und' ? 'da' : 'en';
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
    // On someone's behalf: the authority is the DPO's to check (fuldmagt, parent, ...).
    ...(subject
      ? { dataSubject: { name: subject, authority: 'other' as const, authorityEvidence: 'stated in the e-mail; not yet checked' } }
      : {}),
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
