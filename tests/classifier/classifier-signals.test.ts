import { describe, expect, it } from 'vitest';
import type { Right } from '../../src/domain/rights.js';
import { classify, emailInput } from '../../src/classifier/classify.js';
import { detectFollowUp, findCaseRef } from '../../src/classifier/follow-up.js';
import { findRequester, formSender } from '../../src/classifier/forward.js';
import { detectLanguage } from '../../src/classifier/language.js';
import { compile, findAll } from '../../src/classifier/matcher.js';
import { headerSignals } from '../../src/classifier/negative-signals.js';
import { detectOnBehalf } from '../../src/classifier/on-behalf.js';
import { segment, stripSubjectPrefixes } from '../../src/classifier/structure.js';
import { editDistance, fold, splitSentences, tokenize } from '../../src/classifier/text.js';
import type { EmailInput } from '../../src/classifier/types.js';

/** One signal at a time: the parts the classifier decides with. */

const mail = (text: string, fields: Partial<EmailInput> = {}): EmailInput =>
  emailInput({ from: { address: 'person@example.com', name: 'Person Personsen' }, subject: '', text, ...fields });

const verdict = (text: string, fields: Partial<EmailInput> = {}) => classify(mail(text, fields));

describe('text', () => {
  it('folds Danish and German letters and drops hyphens, for typo-tolerant comparison', () => {
    expect(fold('Sletning')).toBe('sletning');
    expect(fold('ØNSKER')).toBe('oensker');
    expect(fold('Løschung-ä')).toBe('loeschungae');
    expect(fold('e-mail')).toBe('email');
  });

  it('keeps æøå intact in tokens and ignores e-mail addresses and links', () => {
    const tokens = tokenize('Slet mine oplysninger på dpa@itguy.dk – se https://example.com/afmeld');
    expect(tokens.map((t) => t.raw)).toEqual(['Slet', 'mine', 'oplysninger', 'på', 'se']);
  });

  it('marks words in quotation marks as cited', () => {
    const tokens = tokenize('Hvis kunden skriver "slet mig", så send den videre');
    expect(tokens.filter((t) => t.quoted).map((t) => t.raw)).toEqual(['slet', 'mig']);
  });

  it('measures edit distance with transpositions, and stops early', () => {
    expect(editDistance('oplysninger', 'oplysnigner', 2)).toBe(1);
    expect(editDistance('slette', 'slete', 1)).toBe(1);
    expect(editDistance('indsigt', 'sletning', 2)).toBe(3);
  });

  it('splits sentences at punctuation, list items and new clauses, and joins wrapped lines', () => {
    const s = splitSentences(
      'Hej\n\nJeg vil gerne have\nslettet mine data. Tak!\n- punkt et\n- punkt to, og jeg vil ikke have tilbud',
      'own',
    );
    expect(s.map((x) => x.text)).toEqual([
      'Hej',
      'Jeg vil gerne have slettet mine data.',
      'Tak!',
      '- punkt et',
      '- punkt to',
      'og jeg vil ikke have tilbud',
    ]);
  });
});

describe('phrase patterns', () => {
  const match = (pattern: string, text: string) => findAll(compile(pattern, 'da', { ME: '=mig|=mine|=min' }), tokenize(text)).length > 0;

  it('matches inflections through the Danish Snowball stemmer', () => {
    expect(match('slet @ME', 'slettes mig')).toBe(true);
    expect(match('oplysninger', 'oplysningerne')).toBe(true);
  });

  it('tolerates a typo only where the pattern says so', () => {
    expect(match('sletning~', 'sletnign')).toBe(true);
    expect(match('sletning', 'sletnign')).toBe(false);
  });

  it('supports gaps, optional slots, prefixes, suffixes and negative lookahead', () => {
    expect(match('slet _2 @ME', 'slet venligst alt om mig')).toBe(false);
    expect(match('slet _3 @ME', 'slet venligst alt om mig')).toBe(true);
    expect(match('afmeld* ?mig', 'afmeldes')).toBe(true);
    expect(match('*oplysninger', 'personoplysninger')).toBe(true);
    expect(match('ret !til _2 @ME', 'ret til mine')).toBe(false);
    expect(match('ret !til _2 @ME', 'ret mine')).toBe(true);
    expect(match('=nr #', 'nr 12')).toBe(true);
  });

  it('refuses unknown macros at compile time', () => {
    expect(() => compile('slet @NOPE', 'da')).toThrow(/unknown macro/);
  });
});

describe('language', () => {
  it.each([
    ['Hej, jeg vil gerne have slettet mine oplysninger. Venlig hilsen', 'da'],
    ['slet alt i har om mig!! gider ikke få flere mails fra jer', 'da'],
    ['Please delete all the personal data you hold about me. Kind regards', 'en'],
    ['Sehr geehrte Damen und Herren, bitte löschen Sie meine Daten.', 'de'],
    ['Hej, jag vill att ni raderar mina personuppgifter. Med vänliga hälsningar', 'sv'],
  ])('%s -> %s', (text, lang) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });

  it('falls back to the Content-Language hint when the text says nothing', () => {
    expect(detectLanguage('!!!', 'da-DK').lang).toBe('da');
    expect(detectLanguage('!!!').lang).toBe('und');
  });
});

describe('rights, per language', () => {
  const cases: [string, Right[]][] = [
    // Danish, formal and not.
    ['slet mig fra jeres lister tak', ['erasure', 'marketing_opt_out']],
    ['hej vil i slete mine oplysnigner hurtigst muligt', ['erasure']],
    ['Jeg anmoder hermed om indsigt i de personoplysninger, I behandler om mig, jf. artikel 15.', ['access']],
    ['Jeg vil gerne søge aktindsigt i hvad I har registreret om mig.', ['access']],
    ['Kan jeg få en kopi af alle mine supportsager?', ['access']],
    ['Jeg vil gerne have en kopi af optagelsen af min samtale med jeres support.', ['access']],
    ['Hvordan behandler I mine oplysninger, og hvem deler I dem med?', ['information']],
    ['Mit navn er stavet forkert i jeres system.', ['rectification']],
    ['Begræns behandlingen af mine oplysninger, indtil klagen er afgjort.', ['restriction']],
    ['Jeg vil have mine data udleveret i et maskinlæsbart format.', ['portability']],
    ['Jeg gør indsigelse mod, at I bruger mine oplysninger til profilering.', ['objection']],
    ['stop med at sende mig nyhedsbreve', ['marketing_opt_out']],
    ['Afmeld mig venligst jeres nyhedsbrev.', ['marketing_opt_out']],
    ['Jeg ønsker ikke at modtage mere markedsføring fra jer.', ['marketing_opt_out']],
    // English.
    ['Please delete my account and all personal data you have about me.', ['erasure']],
    ['This is a subject access request under Article 15 GDPR: please send me a copy of all personal data you hold about me.', ['access']],
    ['Please remove me from your mailing list.', ['marketing_opt_out']],
    ['My surname is misspelled in your records, please correct my name.', ['rectification']],
    ['I object to the processing of my personal data for analytics.', ['objection']],
    // German and Swedish, the basics.
    ['Hiermit beantrage ich Auskunft über die zu meiner Person gespeicherten Daten gemäß Art. 15 DSGVO.', ['access']],
    ['Bitte löschen Sie alle meine personenbezogenen Daten.', ['erasure']],
    ['Ich möchte Ihren Newsletter abbestellen.', ['marketing_opt_out']],
    ['Jag begär ett registerutdrag. Vilka personuppgifter har ni om mig?', ['access']],
    ['Jag vill att ni raderar alla mina personuppgifter.', ['erasure']],
    ['Jag vill inte ha fler nyhetsbrev från er.', ['marketing_opt_out']],
  ];
  it.each(cases)('%s', (text, rights) => {
    const v = verdict(text);
    expect(v.privacyRequest, v.evidence.join(' | ')).toBe(true);
    expect(v.rights).toEqual(rights);
    expect(v.evidence.length).toBeGreaterThan(0);
  });

  it('does not count a negated phrase ("ikke slette") but keeps the polite "kan I ikke ...?"', () => {
    expect(verdict('I må ikke slette mine oplysninger, bare ret min adresse.').rights).toEqual(['rectification']);
    expect(verdict('Kan I ikke bare slette mig?').rights).toEqual(['erasure']);
  });

  it('does not count a phrase cited in quotation marks', () => {
    const v = verdict('Hej alle. Når en kunde skriver "slet mig" eller "afmeld", skal mailen videre til dpa@ samme dag.', {
      from: { address: 'rhv@itguy.dk', name: 'Rasmus' },
    });
    expect(v.privacyRequest).toBe(false);
  });

  it('does not read an identity document sent along as a request for a copy', () => {
    const v = verdict('Ret mit navn i jeres kartotek. Jeg har vedhæftet en kopi af min legitimation.');
    expect(v.rights).toEqual(['rectification']);
    expect(v.followUp).toBe(false);
  });
});

describe('negative signals', () => {
  it.each([
    [
      'a GDPR webinar',
      'Gratis webinar: Sådan håndterer du anmodninger om indsigt og sletning. Tilmeld dig her – der er 100 pladser.',
      'event',
    ],
    [
      'a processing agreement to sign',
      'Vedhæftet vores databehandleraftale. Den beskriver, hvordan I bistår med anmodninger om sletning fra vores medarbejdere. Vil I underskrive den?',
      'dpa_agreement',
    ],
    [
      'a compliance questionnaire',
      'Som led i vores tilsyn med databehandlere beder vi jer udfylde vedhæftede spørgeskema om, hvordan I håndterer anmodninger om indsigt.',
      'questionnaire',
    ],
    [
      'a customer about a departed employee',
      'Vores medarbejder Peter er stoppet. Vil I slette hans konto og postkasse?',
      'processor_instruction',
    ],
    [
      'a customer about its own customer',
      'We received a request from one of our customers to delete their data. Can you remove it from our tenant?',
      'processor_instruction',
    ],
    [
      'a sub-processor notice',
      'Vi tager pr. 1. januar en ny underdatabehandler i brug. I har 30 dage til at gøre indsigelse.',
      'subprocessor_notice',
    ],
    [
      'a security incident notice',
      'Kære kunde. Vi har opdaget en sikkerhedshændelse, og vi har anmeldt bruddet på persondatasikkerheden til Datatilsynet.',
      'security_incident',
    ],
    [
      'phishing',
      'Din adgangskode udløber i dag. Bekræft din adgangskode inden kl. 23:59 for at undgå at miste adgangen til din konto.',
      'phishing',
    ],
  ])('%s is not a request', (_what, text, kind) => {
    const v = verdict(text);
    expect(v.privacyRequest, v.evidence.join(' | ')).toBe(false);
    expect(v.kind).toBe(kind);
  });

  it('an invoice is not a request, though it may mention data', () => {
    const v = verdict(
      'Hermed faktura 4471. Beløb: 12.450,00 kr. inkl. moms. Forfaldsdato 16. november. Vi behandler dine oplysninger efter vores privatlivspolitik.',
      {
        subject: 'Faktura 4471 fra NordHost',
        attachments: ['Faktura 4471.pdf'],
      },
    );
    expect(v.privacyRequest).toBe(false);
    expect(v.kind).toBe('invoice');
  });

  it('List-Unsubscribe and Precedence: bulk mark a newsletter, whatever it says', () => {
    const v = verdict('Slet mig! Sådan svarer du, når kunden skriver "slet mine oplysninger".', {
      headers: { 'list-unsubscribe': '<mailto:u@example.org>', precedence: 'bulk' },
    });
    expect(v.privacyRequest).toBe(false);
    expect(v.kind).toBe('newsletter');
  });

  it('a business "on behalf of our client Firma Ltd" is not an agent for a person', () => {
    expect(detectOnBehalf('We write on behalf of our client Harbour Dental Ltd about their patients.', [], null).onBehalf).toBe(false);
  });
});

describe('auto-replies and bounces (headers)', () => {
  const request = 'Slet venligst alle mine oplysninger.';
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'auto_reply'],
    [{ 'x-auto-response-suppress': 'All' }, 'auto_reply'],
    [{ precedence: 'auto_reply' }, 'auto_reply'],
    [{ 'x-autoreply': 'yes' }, 'auto_reply'],
  ])('%j vetoes the request', (headers, kind) => {
    expect(verdict(request).privacyRequest).toBe(true);
    const v = verdict(request, { headers });
    expect(v.privacyRequest).toBe(false);
    expect(v.followUp).toBe(false);
    expect(v.kind).toBe(kind);
  });

  it('Auto-Submitted: no is a person', () => {
    expect(verdict(request, { headers: { 'auto-submitted': 'no' } }).privacyRequest).toBe(true);
  });

  it.each([['Automatisk svar: slet mine oplysninger'], ['Fraværende: Anmodning om indsigt'], ['Out of Office: Subject access request']])(
    'the subject "%s" is an auto-reply',
    (subject) => {
      expect(headerSignals(mail(request, { subject })).veto?.kind).toBe('auto_reply');
    },
  );

  it('a delivery report (multipart/report) or a mailer-daemon is a bounce, even quoting a case number', () => {
    expect(verdict('DSAR-2026-0012 could not be delivered', { contentType: 'multipart/report' })).toMatchObject({
      privacyRequest: false,
      followUp: false,
      caseRef: null,
      kind: 'bounce',
    });
    expect(headerSignals(mail('x', { from: { address: 'mailer-daemon@example.net', name: null } })).veto?.kind).toBe('bounce');
  });

  it('out-of-office text without headers is no follow-up', () => {
    const v = verdict('I am out of the office until 7 December with limited access to email.', {
      subject: 'Re: Your request DSAR-2026-0033',
    });
    expect(v).toMatchObject({ privacyRequest: false, followUp: false });
  });
});

describe('forwarded mail and forms: who is asking', () => {
  const outlook = `Hej DPA, sender den videre.\n\nFra: Karin Dahl <karin.dahl@example.net>\nSendt: 17. november 2026 21:12\nTil: ITGuy Support <support@itguy.dk>\nEmne: Slet mine data\n\nSlet venligst alle mine personlige oplysninger.\n\nKarin Dahl`;
  const gmail = `Kan du tage den her?\n\n---------- Forwarded message ---------\nFrom: Henrik Bro <henrik.bro@example.org>\nDate: tir. 17. nov. 2026 kl. 16.20\nSubject: Hvad har I om mig?\nTo: <cjm@itguy.dk>\n\nHvad har I registreret om mig?`;
  const german = `FYI\n\n-----Ursprüngliche Nachricht-----\nVon: Anna Schmidt <anna.schmidt@example.net>\nGesendet: Mittwoch, 4. November 2026 17:20\nAn: info@itguy.dk\nBetreff: Löschung\n\nBitte löschen Sie alle meine Daten.`;

  it.each([
    ['Outlook (Danish)', 'VS: Slet mine data', outlook, 'karin.dahl@example.net', 'Karin Dahl', ['erasure']],
    ['Gmail', 'Fwd: Hvad har I om mig?', gmail, 'henrik.bro@example.org', 'Henrik Bro', ['access']],
    ['Outlook (German)', 'WG: Löschung', german, 'anna.schmidt@example.net', 'Anna Schmidt', ['erasure']],
  ])('%s: the requester is the original sender, not the colleague', (_client, subject, text, email, name, rights) => {
    const v = verdict(text, { subject, from: { address: 'imj@itguy.dk', name: 'Ida Mørk Jeppesen' } });
    expect(v.requester).toEqual({ address: email, name });
    expect(v.privacyRequest).toBe(true);
    expect(v.rights).toEqual(rights);
  });

  it('a message forwarded as an attachment (message/rfc822)', () => {
    const inner = mail('Jeg vil gerne slettes fra alle jeres systemer.', {
      from: { address: 'ulla.frost@example.org', name: 'Ulla Frost' },
      subject: 'Vil gerne slettes',
    });
    const v = verdict('Se vedhæftede mail.', {
      subject: 'VS: Vil gerne slettes',
      from: { address: 'enb@itguy.dk', name: 'Emil' },
      attachedMessages: [inner],
    });
    expect(v.requester.address).toBe('ulla.frost@example.org');
    expect(v.rights).toEqual(['erasure']);
  });

  it('a reply quoting someone else keeps the sender as requester', () => {
    const email = mail(
      'Slet også min gamle adresse.\n\nFra: Databeskyttelse <dpa@itguy.dk>\nSendt: 1. december 2026\nTil: Person\nEmne: Din sag\n\nTak for din henvendelse.',
      { subject: 'SV: Din sag' },
    );
    expect(segment(email).kind).toBe('reply');
    expect(findRequester(email, segment(email), true).requester.address).toBe('person@example.com');
  });

  it('the website form: the person in the form, not the web server', () => {
    const text =
      'Ny henvendelse fra kontaktformularen\n\nNavn: Sara Lund\nE-mail: sara.lund@example.com\nBesked:\nJeg vil gerne have slettet min profil og alle mine oplysninger.';
    expect(formSender(text)).toEqual({ address: 'sara.lund@example.com', name: 'Sara Lund' });
    const v = verdict(text, { from: { address: 'wordpress@itguy.dk', name: 'ITGuy hjemmeside' }, subject: 'Ny henvendelse' });
    expect(v.requester.address).toBe('sara.lund@example.com');
    expect(v.privacyRequest).toBe(true);
  });

  it('strips Re:/SV:/AW:/Fwd:/VS:/WG: prefixes and tells replies from forwards', () => {
    expect(stripSubjectPrefixes('SV: VS: Re: slet mig')).toEqual({ subject: 'slet mig', prefixes: ['reply', 'forward', 'reply'] });
    expect(stripSubjectPrefixes('WG: AW: Löschung').prefixes).toEqual(['forward', 'reply']);
  });
});

describe('on behalf of someone else: the data subject', () => {
  it.each([
    ['Undertegnede advokat repræsenterer Freja Lindholm. Fuldmagt vedlægges.', [], 'Freja Lindholm'],
    ['Min søn Oliver Krogh (16 år) var i praktik hos jer. Hvilke oplysninger har I om ham?', [], 'Oliver Krogh'],
    ['I am writing on behalf of my daughter Emma Clarke (14). I have parental responsibility.', [], 'Emma Clarke'],
    ['We act for Mr Daniel Price and enclose his signed letter of authority.', [], 'Daniel Price'],
    ['Vi anmoder om indsigt for vores klient.', ['Fuldmagt - Freja Lindholm.pdf'], 'Freja Lindholm'],
  ])('%s', (text, attachments, name) => {
    const v = detectOnBehalf(text, attachments, 'Requester Name');
    expect(v.onBehalf).toBe(true);
    expect(v.name).toBe(name);
  });

  it('someone asking for themselves has no separate data subject', () => {
    expect(detectOnBehalf('Slet venligst mine oplysninger.', [], 'Jens Møller').onBehalf).toBe(false);
    expect(verdict('Slet venligst mine oplysninger.').dataSubject).toBeNull();
  });

  it('the request of a lawyer: requester the lawyer, data subject the client, third person counted', () => {
    const v = verdict(
      'Undertegnede repræsenterer Mikkel Sand. Fuldmagt vedlægges. På vegne af vores klient anmoder vi om, at samtlige personoplysninger om ham slettes.',
      {
        from: { address: 'lf@friis-advokater.example.com', name: 'Louise Friis' },
        attachments: ['Fuldmagt Mikkel Sand.pdf'],
      },
    );
    expect(v).toMatchObject({
      privacyRequest: true,
      rights: ['erasure'],
      requester: { address: 'lf@friis-advokater.example.com' },
      dataSubject: { name: 'Mikkel Sand' },
    });
  });

  it('"slet hans konto" without any authority is a customer instruction, not a request', () => {
    expect(verdict('Slet hans konto og postkasse, han er stoppet.').privacyRequest).toBe(false);
  });
});

describe('follow-ups', () => {
  it.each([
    ['DSAR-2026-0014', 'DSAR-2026-0014'],
    ['sag dsar 2026 7', 'DSAR-2026-0007'],
    ['ref DSAR_2026_42.', 'DSAR-2026-0042'],
    ['ingen sag', null],
    ['DSAR-1999-0001', null],
  ])('finds the case number in %j', (text, ref) => {
    expect(findCaseRef(text)).toBe(ref);
  });

  it.each([
    ['Hvor langt er I med min sag DSAR-2026-0014?', 'DSAR-2026-0014'],
    ['hej hvor langt er i med min sag? jeg skrev for 3 uger siden', null],
    ['Jeg rykker hermed for svar på min anmodning af 2. november.', null],
    ['Fristen er overskredet, og jeg har stadig ikke fået svar på min anmodning om indsigt.', null],
    ['Is there any update on my subject access request sent on 18 November?', null],
    ['Wie ist der Stand meiner Anfrage vom 3. November?', null],
  ])('%s', (text, caseRef) => {
    const v = verdict(text);
    expect(v.followUp, v.evidence.join(' | ')).toBe(true);
    expect(v.privacyRequest).toBe(false);
    expect(v.caseRef).toBe(caseRef);
  });

  it("a reply to ITGuy's acknowledgement is a follow-up even without new words, and the case number comes from the quote", () => {
    const text =
      'Tak.\n\nDen 23. nov. 2026 kl. 10.02 skrev Databeskyttelse / DPA <dpa@itguy.dk>:\n> Vi behandler den som en anmodning efter databeskyttelsesforordningen (GDPR) under sagsnummer DSAR-2026-0021.';
    expect(verdict(text, { subject: 'Re: slet mine oplysninger' })).toMatchObject({
      followUp: true,
      caseRef: 'DSAR-2026-0021',
      privacyRequest: false,
    });
  });

  it("an ID document sent in answer to ITGuy's question is a follow-up; one sent along with a new request is not", () => {
    const quote =
      '\n\nFra: Databeskyttelse / DPA <dpa@itguy.dk>\nSendt: 17. november 2026\nTil: Dorthe\nEmne: Bekræftelse af din identitet\n\nVi skal bekræfte din identitet. Send en kopi af dit kørekort.';
    const answer = mail(`Her er en kopi af mit kørekort, som I bad om.${quote}`, {
      subject: 'SV: Bekræftelse af din identitet',
      attachments: ['Kørekort.jpg'],
    });
    expect(detectFollowUp(answer, segment(answer), []).followUp).toBe(true);
    expect(classify(answer)).toMatchObject({ followUp: true, privacyRequest: false });
    const fresh = verdict('Jeg vil gerne have slettet alle mine oplysninger. Jeg vedhæfter en kopi af mit kørekort.', {
      subject: 'Slet mig',
      attachments: ['kørekort.jpg'],
    });
    expect(fresh).toMatchObject({ followUp: false, privacyRequest: true, rights: ['erasure'] });
  });

  it("a reply to ITGuy's newsletter asking to be removed is a new request, not a follow-up", () => {
    const text =
      'Fjern mig nu. Hvor har I min adresse fra?\n\nDen 14-11-2026 kl. 08:00 skrev ITGuy ApS:\n> ITGuy Nyt\n> Vil du ikke længere modtage ITGuy Nyt? Svar på denne mail med "afmeld".';
    const v = verdict(text, { subject: 'Re: ITGuy Nyt: phishing', headers: { 'in-reply-to': '<x@itguy.dk>' } });
    expect(v).toMatchObject({ privacyRequest: true, followUp: false });
    expect(v.rights).toEqual(['information', 'erasure', 'marketing_opt_out']);
  });
});
