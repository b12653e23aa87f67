import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, emailInput } from '../../src/classifier/classify.js';
import { classifierFor, classifyEml, classifyMime, DEFAULT_PROFILE } from '../../src/classifier/index.js';
import { detectLanguage } from '../../src/classifier/language.js';
import { parseOriginalDate } from '../../src/classifier/original-date.js';
import type { CompanyProfile, EmailInput } from '../../src/classifier/types.js';

/** The three verdicts, the forwarded original's date and the company profile (issue 18). */

const person = { address: 'kim.person@example.net', name: 'Kim Person' };
const mail = (text: string, fields: Partial<EmailInput> = {}) =>
  classify(emailInput({ text, from: person, to: ['dpa@itguy.dk'], ...fields }));

const CLEAR_REQUESTS = [
  'Glem mig venligst.',
  'Slet venligst alle mine oplysninger.',
  'Jeg vil gerne have indsigt i de oplysninger, I har om mig.',
  'Right to be forgotten please: erase everything you hold about me.',
  'Please delete my personal data.',
  'I would like a copy of all personal data you hold about me.',
  'Bitte löschen Sie alle meine Daten.',
  'Jag vill att ni raderar mina personuppgifter.',
];
const CONTEXTS = [
  'Jeg var med på jeres webinar om Teams i foråret.',
  'Tak for kurset i sidste uge, det var lærerigt.',
  'Jeg deltog i jeres morgenmøde om backup.',
  'I attended your webinar on Microsoft 365 security last year.',
  'Thanks for the training course in October.',
  'I signed up for your conference last spring.',
  'Tilmeld dig vores næste webinar her.',
  'Register for our next event on 9 December.',
];

describe('verdicts', () => {
  it('a clear request is never not_request, whatever event or course sentences surround it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CLEAR_REQUESTS),
        fc.array(fc.constantFrom(...CONTEXTS), { minLength: 1, maxLength: 4 }),
        fc.nat(4),
        (request, contexts, at) => {
          const lines = [...contexts];
          lines.splice(at % (lines.length + 1), 0, request);
          const v = mail(lines.join('\n'), { subject: 'Hej' });
          expect(v.verdict, v.evidence.join(' | ')).not.toBe('not_request');
          expect(v.rights.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('"Right to be forgotten" from a former webinar participant is a request, with lower confidence', () => {
    const plain = mail('Right to be forgotten please. Erase everything you hold about me.');
    const context = mail(
      'I signed up for one of your webinars last spring. Right to be forgotten please. Erase everything you hold about me.',
    );
    expect(context.verdict).toBe('request');
    expect(context.rights).toEqual(['erasure']);
    expect(context.confidence).toBeLessThanOrEqual(plain.confidence);
  });

  it('bulk mail (List-Unsubscribe, Precedence: bulk) without a first-person request is not_request', () => {
    const BULK = [
      'Læs vores fem tips om persondata og sletning.',
      'Sådan besvarer din virksomhed en indsigtsanmodning.',
      'Right to be forgotten: what it means for your backups.',
      'Handling subject access requests in 2027.',
      'Du modtager dette nyhedsbrev, fordi du er kunde. Afmeld her.',
      'You are receiving this email because you subscribed. Unsubscribe here.',
      'Tilmeld dig vores webinar om GDPR.',
      'Want to delete your data? Visit your account settings.',
      'Wie beantworten Sie ein Auskunftsersuchen nach Art. 15 DSGVO?',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...BULK), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('bulk', 'list'),
        (parts, precedence) => {
          const v = mail(parts.join('\n'), {
            subject: 'Nyhedsbrev',
            from: { address: 'news@vendor.example.com', name: 'Vendor News' },
            headers: { 'list-unsubscribe': '<https://vendor.example.com/u>', precedence },
          });
          expect(v.verdict, v.evidence.join(' | ')).toBe('not_request');
          expect(v.rights).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it.each([
    ['hvad har I egentlig gemt om mig?', 'da'],
    ['do you guys keep my info?', 'en'],
    ['Jeg er bekymret for mine personlige oplysninger efter jeres nedbrud.', 'da'],
    ['I saw the news about your incident. Is my personal information safe?', 'en'],
  ])('human mail about the writer\'s own data is surfaced: "%s"', (text, language) => {
    const v = mail(text);
    expect(v.verdict).not.toBe('not_request');
    expect(v.language).toBe(language);
  });

  it('an uncertain verdict says which phrases made it uncertain', () => {
    const v = mail('Hej\n\nJeg er bekymret for mine personlige oplysninger efter jeres nedbrud.\n\nGitte');
    expect(v.verdict).toBe('uncertain');
    expect(v.privacyRequest).toBe(false);
    expect(v.evidence[0]).toMatch(/^uncertain: /);
    expect(v.evidence.some((e) => e.includes('mine personlige oplysninger'))).toBe(true);
  });

  it.each([
    'Jeg skrev til jer for to uger siden og har ikke hørt noget.',
    'I wrote to you two weeks ago and have heard nothing.',
    'Ich habe Ihnen vor zwei Wochen geschrieben und noch keine Antwort erhalten.',
    'Jag har inte fått något svar på min begäran ännu.',
  ])('a status question without a case number is a follow-up and surfaces: "%s"', (text) => {
    const v = mail(text, { subject: 'Ingen svar' });
    expect(v.followUp).toBe(true);
    expect(v.caseRef).toBeNull();
    expect(v.verdict).toBe('uncertain');
    expect(v.privacyRequest).toBe(false);
  });

  it.each([
    ['an auto-reply', { headers: { 'auto-submitted': 'auto-replied' } }, 'Jeg er på ferie. Slet mine oplysninger, tak.'],
    [
      'a calendar invitation',
      { attachments: ['invite.ics'], subject: 'Invitation: GDPR-gennemgang' },
      'Gennemgang af hvordan vi sletter kundedata.',
    ],
    [
      "a customer's IT asking to remove a departed employee",
      { from: { address: 'it@customer.example.com', name: 'Customer IT' } },
      'Vores medarbejder Lars er stoppet. Luk hans konto og slet hans postkasse.',
    ],
    [
      'internal mail about ordinary work',
      { from: { address: 'kollega@itguy.dk', name: 'Kollega' } },
      'Husk at slette gamle kundeudtræk fra jeres skriveborde.',
    ],
  ])('%s is not_request', (_what, fields, text) => {
    expect(mail(text, fields as Partial<EmailInput>).verdict).toBe('not_request');
  });
});

describe('languages', () => {
  it.each([
    ['Jeg ber om innsyn i personopplysningene dere har lagret om meg, jf. personvernforordningen artikkel 15.', 'no', 'access'],
    ['Hierbij verzoek ik u om inzage in de persoonsgegevens die u van mij verwerkt (artikel 15 AVG).', 'nl', 'access'],
    ["Je vous demande l'effacement de mes données personnelles (article 17 du RGPD, droit à l'oubli).", 'fr', 'erasure'],
    ['Ik maak gebruik van mijn recht op vergetelheid en verzoek u mijn persoonsgegevens te verwijderen.', 'nl', 'erasure'],
    ['Jeg krever sletting av alle personopplysninger om meg.', 'no', 'erasure'],
  ])('recognises a Norwegian, Dutch or French request: "%s"', (text, language, right) => {
    const v = mail(text);
    expect(v.language).toBe(language);
    expect(v.verdict).not.toBe('not_request');
    expect(v.rights).toContain(right);
  });

  it('tells Danish from Norwegian', () => {
    expect(detectLanguage('Hej, jeg vil gerne have slettet mine oplysninger. Venlig hilsen').lang).toBe('da');
    expect(detectLanguage('Hei, jeg ber dere slette personopplysningene mine. Vennlig hilsen').lang).toBe('no');
  });
});

describe("the forwarded original's date", () => {
  it.each([
    ['5. december 2026 10:12', '2026-12-05T10:12:00+01:00'],
    ['fredag den 4. december 2026 kl. 09.03', '2026-12-04T09:03:00+01:00'],
    ['Friday, December 4, 2026 9:03 AM', '2026-12-04T09:03:00+01:00'],
    ['Fri, Dec 4, 2026 at 4:45 PM', '2026-12-04T16:45:00+01:00'],
    ['Fri, 04 Dec 2026 19:30:00 +0000', '2026-12-04T19:30:00+00:00'],
    ['Thu, 3 Dec 2026 19:30:00 -0500 (EST)', '2026-12-03T19:30:00-05:00'],
    ['Freitag, 4. Dezember 2026 09:03', '2026-12-04T09:03:00+01:00'],
    ['den 4 december 2026 09:03', '2026-12-04T09:03:00+01:00'],
    ['vendredi 4 décembre 2026 09:03', '2026-12-04T09:03:00+01:00'],
    ['04-12-2026 09:03', '2026-12-04T09:03:00+01:00'],
    // Summer time in Copenhagen.
    ['Sunday, June 7, 2026 12:30 PM', '2026-06-07T12:30:00+02:00'],
  ])('reads "%s" as %s', (raw, iso) => {
    expect(parseOriginalDate(raw)).toBe(iso);
  });

  it.each(['i går', '', 'Friday 9:03', '31. februar 2026 10:00', 'December 2026'])('gives null for "%s"', (raw) => {
    expect(parseOriginalDate(raw)).toBeNull();
  });

  it('fills originalSentAt for an inline forward, and the requester stays the original sender', () => {
    const v = mail(
      'Til DPA.\n\nFra: Jonas Vestergaard <jonas@example.com>\nSendt: 5. december 2026 10:12\nTil: support@itguy.dk\nEmne: Slet mig\n\nSlet venligst alle mine oplysninger.\n',
      { subject: 'VS: Slet mig', from: { address: 'support@itguy.dk', name: 'Support' } },
    );
    expect(v.verdict).toBe('request');
    expect(v.requester.address).toBe('jonas@example.com');
    expect(v.originalSentAt).toBe('2026-12-05T10:12:00+01:00');
  });

  it('fills originalSentAt from a message forwarded as an attachment', async () => {
    const inner =
      'From: Harriet <harriet@example.com>\r\nTo: support@itguy.dk\r\nSubject: Data\r\nDate: Thu, 03 Dec 2026 19:30:00 +0000\r\n\r\nPlease send me a copy of all personal data you hold about me.\r\n';
    const eml = `From: Support <support@itguy.dk>\r\nTo: dpa@itguy.dk\r\nSubject: Fwd: Data\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n${inner}--b--\r\n`;
    const v = await classifyEml(eml);
    expect(v.requester.address).toBe('harriet@example.com');
    expect(v.originalSentAt).toBe('2026-12-03T19:30:00+00:00');
  });

  it('is null for mail that is not a forward', () => {
    expect(mail('Date: 5. december 2026 10:12\nSlet mine oplysninger.').originalSentAt).toBeNull();
  });
});

describe('the company profile', () => {
  const acme: CompanyProfile = { name: 'Acme', domains: ['acme.example.org'] };

  it('has ITGuy as its documented default', () => {
    expect(DEFAULT_PROFILE).toEqual({ name: 'ITGuy', domains: ['itguy.dk'] });
  });

  it("knows the company's own staff by its domains, not by ITGuy's", () => {
    const forward = emailInput({
      subject: 'FW: delete me',
      from: { address: 'support@acme.example.org', name: 'Acme Support' },
      text: 'FYI\n\n-----Original Message-----\nFrom: Pat Doe <pat@example.net>\nSent: Friday, December 4, 2026 9:03 AM\nTo: support@acme.example.org\nSubject: delete me\n\nPlease delete my personal data.\n',
    });
    const v = classify(forward, acme);
    expect(v.requester.address).toBe('pat@example.net');
    expect(v.originalSentAt).toBe('2026-12-04T09:03:00+01:00');
    // Mail from the company's own staff about their own work is internal, not a person's uncertain request.
    const colleague = emailInput({
      from: { address: 'kollega@acme.example.org', name: 'K' },
      text: 'Jeg har slettet mine gamle kundeudtræk fra OneDrive.',
    });
    expect(classify(colleague, acme).verdict).toBe('not_request');
    expect(classify(colleague, DEFAULT_PROFILE).verdict).toBe('uncertain');
  });

  it("reads the company's name in the word lists ('mails fra Acme')", () => {
    const v = classify(emailInput({ from: person, text: 'Jeg ønsker ikke at modtage mails fra Acme mere.' }), acme);
    expect(v.rights).toContain('marketing_opt_out');
  });

  it('classifierFor(profile) and classifyMime classify RFC 822 bytes', async () => {
    const eml = Buffer.from(
      'From: Pat <pat@example.net>\r\nTo: dpa@acme.example.org\r\nSubject: data\r\n\r\nPlease delete my personal data.\r\n',
    );
    expect((await classifierFor(acme)(eml)).verdict).toBe('request');
    expect((await classifyMime(eml)).verdict).toBe('request');
    expect((await classifierFor(acme)(Buffer.from('garbage without headers'))).verdict).toBe('uncertain');
  });
});
