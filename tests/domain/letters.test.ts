import { describe, expect, it } from 'vitest';
import {
  DomainError,
  ITGUY_REGISTER,
  cite,
  defaultTemplate,
  keptUntil,
  letterFor,
  longDate,
  renderLetterText,
  type LetterFacts,
} from '../../src/domain/index.js';
import { DPO, openedCase, run } from '../helpers/cases.js';

const facts = (extra: Partial<LetterFacts> = {}): LetterFacts => ({ register: ITGUY_REGISTER, date: '2026-03-20', ...extra });
const copy = { messages: 1, files: 2, withheld: [], redactedOthers: false };

describe('dates and citations as each language writes them', () => {
  it('long dates and legal citations', () => {
    expect(longDate('2026-03-05', 'da')).toBe('5. marts 2026');
    expect(longDate('2026-03-05', 'en')).toBe('5 March 2026');
    expect(longDate('2026-03-05', 'de')).toBe('5. März 2026');
    expect(longDate('2026-03-05', 'sv')).toBe('5 mars 2026');
    expect(cite('17(3)(b)', 'da')).toBe('artikel 17, stk. 3, litra b');
    expect(cite('6(1)(a)', 'en')).toBe('Article 6(1)(a)');
    expect(cite('12(5)', 'de')).toBe('Artikel 12 Absatz 5');
    expect(cite('21(3)', 'sv')).toBe('artikel 21.3');
  });

  it('bookkeeping is kept 5 years from the end of the financial year of the records, not of the letter', () => {
    expect(keptUntil('2025-11-14', 5)).toBe('2030-12-31');
    expect(keptUntil('2026-08-01', 5, 6)).toBe('2032-06-30');
    expect(keptUntil('2026-02-10', 5, 6)).toBe('2031-06-30');
  });
});

describe('the access letter', () => {
  it('carries 15(1)(a)-(h), 15(2), the copy with correct plurals, and the complaint and the courts, in Danish citation', () => {
    const text = renderLetterText(
      letterFor(
        openedCase({ requester: { name: 'Anna Hansen', email: 'anna@example.com' } }),
        'access',
        'da',
        // The marketing basis is the register's assumption: stated once the DPO confirmed it (`register`).
        facts({ found: 3, copy, confirmations: [{ id: 'purpose:marketing', decision: 'confirmed', by: DPO, at: '2026-03-10T09:00:00Z' }] }),
      ),
    );
    for (const heading of [
      'Formål og retsgrundlag',
      'Kategorier af personoplysninger',
      'Modtagere',
      'Overførsel til lande uden for EU/EØS',
      'Hvor længe vi opbevarer oplysningerne',
      'Hvor oplysningerne kommer fra',
      'Automatiske afgørelser',
      'Øvrige rettigheder',
      'Kopi af oplysningerne (artikel 15, stk. 3)',
    ])
      expect(text).toContain(`\n${heading}\n`);
    expect(text).toContain('Kære Anna Hansen,');
    expect(text).toContain('som vi modtog den 5. marts 2026');
    expect(text).toContain('Vedlagt er 1 e-mail og 2 dokumenter');
    expect(text).toContain('Retsgrundlag: artikel 6, stk. 1, litra a og f.');
    expect(text).toContain('Carl Jacobsens Vej 35, 2500 Valby');
    expect(text).toContain('indbringe sagen for domstolene');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|art\. \d/);
    // Staff guidance never reaches the person.
    expect(text).not.toContain('Bed Spinup');
    expect(text).not.toContain('Slet igen hvis');
  });

  it('is refused before a search finished, and when it found nothing the "no data" letter is the one', () => {
    const c = openedCase();
    expect(() => letterFor(c, 'access', 'da', facts())).toThrow(/search first/);
    expect(() => letterFor(c, 'access', 'da', facts({ found: 0 }))).toThrow(/no_data/);
    expect(defaultTemplate(c, facts({ found: 0 }))).toBe('no_data');
    const noData = renderLetterText(letterFor(c, 'no_data', 'da', facts({ found: 0 })));
    // The request itself is personal data we keep: the letter never says we process nothing.
    expect(noData).toContain('har ikke fundet nogen ud over selve din henvendelse');
    expect(noData).not.toContain('Vi behandler derfor ingen personoplysninger');
    expect(() => letterFor(c, 'no_data', 'da', facts({ found: 2 }))).toThrow(/would be false/);
  });

  it('is written in English for German and Swedish requesters, saying why in their language too; other languages get English with the reason', () => {
    const german = letterFor(openedCase({ language: 'de' }), 'access', undefined, facts({ found: 1, copy }));
    expect(german.lang).toBe('en');
    expect(german.languageNote).toEqual([
      'Wir schreiben auf Englisch, weil unser Verzeichnis von Verarbeitungstätigkeiten nur auf Dänisch und Englisch vorliegt.',
      'We are writing in English because our record of processing activities exists only in Danish and English.',
    ]);
    const french = letterFor(openedCase({ language: 'fr', rights: ['erasure'] }), 'erasure', undefined, facts());
    expect(french.lang).toBe('en');
    expect(french.languageNote).toEqual(['We are writing in English because we cannot write letters in French.']);
    expect(letterFor(openedCase({ language: 'sv', rights: ['erasure'] }), 'erasure', undefined, facts()).lang).toBe('sv');
  });

  it('the information letter (Art. 13/14) has no copy', () => {
    const text = renderLetterText(letterFor(openedCase({ rights: ['information'] }), 'information', 'da', facts()));
    expect(text).toContain('artikel 13 og 14');
    expect(text).not.toContain('Kopi af oplysningerne');
  });
});

describe('letters that rest on a recorded decision', () => {
  it('an extension notice gives the reasons and the new date, and is refused once the first deadline passed or for an opt-out', () => {
    const c = run(openedCase({ rights: ['access'] }), ['2026-03-06T10:00:00Z', { type: 'extend', reason: 'der er mange sager' }]);
    const text = renderLetterText(letterFor(c, 'extension_notice', 'da', facts()));
    expect(text).toContain('fordi der er mange sager. Du får vores svar senest den 5. juni 2026.');
    expect(text).toContain('senest den 7. april 2026');
    expect(() => letterFor(c, 'extension_notice', 'da', facts({ date: '2026-04-08' }))).toThrow(/has passed/);
    const optOut = openedCase({ rights: ['marketing_opt_out'] });
    expect(() => letterFor({ ...optOut, extension: c.extension! }, 'extension_notice', 'da', facts())).toThrow(/cannot be extended/);
  });

  it('an identity request never asks for a copy of an ID and asks a representative for the authority', () => {
    const c = openedCase({
      requester: { name: 'Mette Kjær', email: 'mk@example.dk' },
      dataSubject: { name: 'Ida Holm', authority: 'parent' },
    });
    const text = renderLetterText(letterFor(c, 'identity_request', 'da', facts()));
    expect(text).toContain('Send ikke en kopi af pas, kørekort eller andet billed-ID.');
    expect(text).toContain('forældremyndigheden over Ida Holm');
    expect(text).not.toMatch(/send (os )?en kopi/i);
  });

  it('the restriction letter promises to tell before lifting (Art. 18(3)); an opt-out states the suppression record', () => {
    expect(renderLetterText(letterFor(openedCase({ rights: ['restriction'] }), 'restriction', 'da', facts()))).toContain(
      'Vi giver dig besked, før begrænsningen ophæves (artikel 18, stk. 3).',
    );
    const optOut = run(openedCase({ rights: ['marketing_opt_out'] }), [
      '2026-03-05T12:00:00Z',
      { type: 'set_task', taskId: 'marketing:stop', done: true },
    ]);
    const text = renderLetterText(letterFor(optOut, 'marketing_opt_out', 'da', facts()));
    expect(text).toContain('Vi har den 5. marts 2026 stoppet al direkte markedsføring til dig.');
    expect(text).toContain('Vi registrerer e-mailadressen på vores spærreliste');
  });

  it('an undecided objection gives no letter; a refusal without a decision neither', () => {
    const c = openedCase({ rights: ['objection'] });
    expect(() => letterFor(c, 'objection', 'da', facts())).toThrow(DomainError);
    expect(() => letterFor(c, 'refusal', 'da', facts())).toThrow(/no recorded refusal/);
  });
});
