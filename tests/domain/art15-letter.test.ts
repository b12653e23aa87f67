import { describe, expect, it } from 'vitest';
import { ITGUY_REGISTER, accessLetter } from '../../src/domain/index.js';
import { openedCase } from '../helpers/cases.js';

/** The Art. 15 letter carries every item of Art. 15(1)(a)-(h), 15(2) and 15(3), in the requester's language. */

describe('the access letter', () => {
  const input = (language: string) => ({
    case: openedCase({ language, requester: { name: 'Anna Hansen', email: 'anna@example.com' } }),
    register: ITGUY_REGISTER,
    included: 12,
    withheld: [{ title: 'Intern vurdering.docx', reason: 'juridisk rådgivning (DBL § 22)' }],
    redactedOthers: true,
    date: '2026-03-20',
  });

  it.each([
    [
      'da',
      [
        'a) Formål',
        'b) Kategorier',
        'c) Modtagere',
        'd) Hvor længe',
        'e) Dine øvrige rettigheder',
        'f) Klage til Datatilsynet',
        'g) Hvor oplysningerne kommer fra',
        'h) Automatiske afgørelser',
        'art. 15(2)',
        'art. 15(3)',
        'art. 15(4)',
      ],
    ],
    [
      'en',
      [
        'a) Purposes',
        'b) Categories',
        'c) Recipients',
        'd) How long',
        'e) Your other rights',
        'f) Complaint to Datatilsynet',
        'g) Where the data comes from',
        'h) Automated decisions',
        'Art. 15(2)',
        'Art. 15(3)',
        'Art. 15(4)',
      ],
    ],
  ])('in %s has every Art. 15 item', (lang, headings) => {
    const { body, subject, lang: written } = accessLetter(input(lang));
    expect(written).toBe(lang);
    expect(subject).toContain('DSAR-2026-0001');
    for (const h of headings) expect(body).toContain(h);
    // Recipients by name, the authority's address, what was withheld and why, the copy's size.
    for (const name of [
      'Microsoft 365',
      'Datto',
      'Carl Jacobsens Vej 35',
      '2500 Valby',
      'dt@datatilsynet.dk',
      'Intern vurdering.docx: juridisk rådgivning',
      '12',
    ])
      expect(body).toContain(name);
    for (const article of ['16', '17', '18', '21'])
      expect(body).toMatch(new RegExp(`\\(${lang === 'da' ? 'art' : 'Art'}\\. ${article}\\)`));
  });
});
