import { NO_ID_COPIES, UNKNOWN_SENDER, effectiveDue, type Case } from '../domain/index.js';

/**
 * The acknowledgement the DPO sends (as a draft reply in the mailbox the request reached): the case
 * number, the day the request was received and the day by which the answer will come, in the requester's
 * language.
 */

const longDate = (isoDate: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T12:00:00Z`),
  );

/** Greeting, the body's paragraphs and the sign-off, in the case's language. */
function letter(c: Case, danish: boolean, paragraphs: string[], signature: string): string {
  // No name is better than greeting "unknown sender".
  const name = c.requester.name === UNKNOWN_SENDER ? undefined : c.requester.name;
  const greeting = danish ? (name ? `Kære ${name}` : 'Hej') : name ? `Dear ${name},` : 'Hello,';
  return [greeting, '', ...paragraphs, '', danish ? 'Med venlig hilsen' : 'Kind regards,', signature].join('\n');
}

export function acknowledgementText(c: Case, signature: string): string {
  // Danish only for Danish cases: a German or Swedish requester reads English better than Danish.
  const danish = c.language === 'da';
  const received = c.deadlines.receivedDate;
  const due = effectiveDue(c);
  if (c.controllerElsewhere) return processorAcknowledgement(c, signature, danish);
  if (danish)
    return letter(
      c,
      true,
      [
        `Tak for din henvendelse, som vi modtog den ${longDate(received, 'da-DK')}. Vi behandler den som en anmodning efter databeskyttelsesforordningen (GDPR) under sagsnummer ${c.id}.`,
        `Du får vores svar senest den ${longDate(due, 'da-DK')}. Hvis vi har brug for at bekræfte din identitet eller få flere oplysninger, kontakter vi dig.`,
        // A copy of an ID must never be kept (EDPB §79): better that none is sent.
        NO_ID_COPIES.da,
      ],
      signature,
    );
  return letter(
    c,
    false,
    [
      `Thank you for your request, which we received on ${longDate(received, 'en-GB')}. We are handling it as a request under the General Data Protection Regulation (GDPR) with case number ${c.id}.`,
      `You will have our answer by ${longDate(due, 'en-GB')} at the latest. If we need to confirm your identity or need more information, we will contact you.`,
      NO_ID_COPIES.en,
    ],
    signature,
  );
}

/**
 * For data ITGuy holds as a customer's processor: the customer answers, ITGuy passes it on. Said as what
 * will happen, because the forwarding has not happened when the draft is written; the customer is not
 * named, because intake only guesses it from the sender's domain.
 */
function processorAcknowledgement(c: Case, signature: string, danish: boolean): string {
  const received = c.deadlines.receivedDate;
  const paragraphs = danish
    ? [
        `Tak for din henvendelse, som vi modtog den ${longDate(received, 'da-DK')} (sagsnummer ${c.id}).`,
        `De oplysninger, du spørger om, behandler vi som databehandler på vegne af din arbejdsgiver eller organisation, som er dataansvarlig og derfor den, der besvarer anmodningen. Vi sender den videre til dem og skriver til dig, når det er sket.`,
      ]
    : [
        `Thank you for your request, which we received on ${longDate(received, 'en-GB')} (case number ${c.id}).`,
        `We process the data you ask about as a processor on behalf of your employer or organisation, which is the controller and therefore answers the request. We will pass it on to them and write to you when we have.`,
      ];
  return letter(c, danish, paragraphs, signature);
}
