import { effectiveDue, type Case } from '../domain/index.js';

/**
 * The acknowledgement the DPO sends (as a draft reply in the mailbox the request reached): the case
 * number, the day the request was received and the day by which the answer will come, in the requester's
 * language.
 */

const longDate = (isoDate: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T12:00:00Z`),
  );

export function acknowledgementText(c: Case, signature: string): string {
  const danish = c.language !== 'en';
  const received = c.deadlines.receivedDate;
  const due = effectiveDue(c);
  const name = c.requester.name;
  if (c.controllerElsewhere) return processorAcknowledgement(c, signature, danish);
  if (danish) {
    return [
      name ? `Kære ${name}` : 'Hej',
      '',
      `Tak for din henvendelse, som vi modtog den ${longDate(received, 'da-DK')}. Vi behandler den som en anmodning efter databeskyttelsesforordningen (GDPR) under sagsnummer ${c.id}.`,
      `Du får vores svar senest den ${longDate(due, 'da-DK')}. Hvis vi har brug for at bekræfte din identitet eller få flere oplysninger, kontakter vi dig.`,
      '',
      'Med venlig hilsen',
      signature,
    ].join('\n');
  }
  return [
    name ? `Dear ${name},` : 'Hello,',
    '',
    `Thank you for your request, which we received on ${longDate(received, 'en-GB')}. We are handling it as a request under the General Data Protection Regulation (GDPR) with case number ${c.id}.`,
    `You will have our answer by ${longDate(due, 'en-GB')} at the latest. If we need to confirm your identity or need more information, we will contact you.`,
    '',
    'Kind regards,',
    signature,
  ].join('\n');
}

/**
 * For data ITGuy holds as a customer's processor: the customer answers, ITGuy passes it on. Said as what
 * will happen, because the forwarding has not happened when the draft is written.
 */
function processorAcknowledgement(c: Case, signature: string, danish: boolean): string {
  const customer = c.controllerElsewhere?.name;
  const name = c.requester.name;
  if (danish) {
    return [
      name ? `Kære ${name}` : 'Hej',
      '',
      `Tak for din henvendelse, som vi modtog den ${longDate(c.deadlines.receivedDate, 'da-DK')} (sagsnummer ${c.id}).`,
      `De oplysninger, du spørger om, behandler vi på vegne af ${customer ?? 'din arbejdsgiver eller organisation'}, som er dataansvarlig og derfor den, der besvarer anmodningen. Vi sender den videre til dem og skriver til dig, når det er sket.`,
      '',
      'Med venlig hilsen',
      signature,
    ].join('\n');
  }
  return [
    name ? `Dear ${name},` : 'Hello,',
    '',
    `Thank you for your request, which we received on ${longDate(c.deadlines.receivedDate, 'en-GB')} (case number ${c.id}).`,
    `We process the data you ask about on behalf of ${customer ?? 'your employer or organisation'}, which is the controller and therefore answers the request. We will pass it on to them and write to you when we have.`,
    '',
    'Kind regards,',
    signature,
  ].join('\n');
}
