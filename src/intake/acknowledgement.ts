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
