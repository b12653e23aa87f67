import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameWords, otherPeopleIdentifiers } from '../../src/domain/index.js';
import { openedCase, run } from '../helpers/cases.js';

/** What the hits card offers to redact as other people's data (Art. 15(4)); issue 15 item 2. */

const lawyersCase = () =>
  openedCase({
    requester: { name: 'Advokat Katrine Winther', email: 'kw@winther-advokater.example.org', phone: '+45 33 12 45 67' },
    // As intake records it from the lawyer's letter: the client by name only.
    dataSubject: { name: 'Freja Lindholm', authority: 'power_of_attorney' },
  });

// The demo tenant's hits for Freja Lindholm (title and excerpt, as the card shows them).
const DEMO_TEXTS = [
  'SV: Dine private filer i OneDrive inden fredag Emil Nørgaard Bech: Hej Freja Mappen "Privat" er slettet nu. Fra: Freja Lindholm <freja.lindholm@slotsbageriet.example.com> Sendt: onsdag den 21. oktober',
  'Vores klient Freja Lindholm – anmodning om indsigt Katrine Winther: Til ITGuy ApS Undertegnede advokat repræsenterer Freja Lindholm, kw@winther-advokater.example.org, tlf. 33 12 45 67',
  'Kundeliste Slotsbageriet: kontakt Henrik Slot <henrik@slotsbageriet.example.com>, 26 84 31 90; support@itguy.dk',
];

describe('other people in a representative’s case', () => {
  it('never offers the data subject’s own address, named in their mail, for redaction; other people’s are offered', () => {
    const found = otherPeopleIdentifiers({ c: lawyersCase(), texts: DEMO_TEXTS, companyDomain: 'itguy.dk' });
    expect(found).not.toContain('freja.lindholm@slotsbageriet.example.com');
    expect(found).toEqual(['26 84 31 90', 'henrik@slotsbageriet.example.com']);
  });

  it('an address made of the data subject’s name is theirs, with or without Danish letters; a colleague’s is not', () => {
    const c = openedCase({ requester: { email: 'mor@example.com' }, dataSubject: { name: 'Søren Ærø', authority: 'parent' } });
    const texts = ['skriv til soeren.aeroe@skole.example.dk eller soerenaeroe@example.net, kopi til soeren.madsen@skole.example.dk'];
    expect(otherPeopleIdentifiers({ c, texts, companyDomain: 'itguy.dk' })).toEqual(['soeren.madsen@skole.example.dk']);
  });

  it('every identifier set_data_subject and add_identifier recorded stays out, in any case and any phone format', () => {
    const c = run(
      lawyersCase(),
      [
        '2026-03-06T10:00:00Z',
        {
          type: 'set_data_subject',
          dataSubject: {
            name: 'Freja Lindholm',
            email: 'freja@privat.example.dk',
            phone: '+45 40 11 22 33',
            authority: 'power_of_attorney',
          },
        },
      ],
      ['2026-03-06T10:01:00Z', { type: 'add_identifier', value: 'F.L@gammel.example.net' }],
    );
    const texts = ['Freja@Privat.example.dk ringede fra 40112233 og +4540 11 22 33; gammel adresse f.l@gammel.example.net'];
    expect(otherPeopleIdentifiers({ c, texts, companyDomain: 'itguy.dk' })).toEqual([]);
  });

  it('someone else written after a name that only ends like the data subject’s is still offered', () => {
    const texts = ['Fra: Emil Bech <emil@example.dk>; Til: Lindholm <lindholm.holding@example.dk>'];
    expect(otherPeopleIdentifiers({ c: lawyersCase(), texts, companyDomain: 'itguy.dk' })).toEqual([
      'emil@example.dk',
      'lindholm.holding@example.dk',
    ]);
  });

  it('name words drop titles and fold Danish letters', () => {
    expect(nameWords('Advokat Katrine Winther')).toEqual(['katrine', 'winther']);
    expect(nameWords('Åse Møller-Ærø')).toEqual(['aase', 'moeller', 'aeroe']);
  });

  it('property: no recorded identifier of the data subject is ever offered, and every stranger’s address is', () => {
    const word = fc.stringMatching(/^[a-z]{3,8}$/);
    fc.assert(
      fc.property(
        fc.record({
          subjectEmail: fc.tuple(word, word).map(([a, b]) => `${a}@${b}.example.dk`),
          phone: fc.stringMatching(/^[2-9]\d{7}$/),
          strangers: fc.uniqueArray(
            fc.tuple(word, word).map(([a, b]) => `x${a}@${b}.example.org`),
            { maxLength: 4 },
          ),
          filler: fc.array(fc.constantFrom('Hej', 'se vedhæftet', 'mvh', 'Fra:', 'ring', '—'), { maxLength: 6 }),
        }),
        ({ subjectEmail, phone, strangers, filler }) => {
          const c = openedCase({
            requester: { name: 'Advokat Katrine Winther', email: 'kw@winther.example.org' },
            dataSubject: { name: 'Freja Lindholm', email: subjectEmail, phone, authority: 'power_of_attorney' },
          });
          const spaced = `+45 ${phone.match(/../g)!.join(' ')}`;
          const words = [
            ...filler,
            subjectEmail.toUpperCase(),
            spaced,
            'kw@winther.example.org',
            ...strangers,
            'Freja Lindholm <freja.lindholm@x.example.com>',
          ];
          const found = otherPeopleIdentifiers({ c, texts: [words.join(' ')], companyDomain: 'itguy.dk' });
          expect(
            found.filter(
              (f) => f === subjectEmail || f === 'kw@winther.example.org' || /freja/.test(f) || f.replace(/\D/g, '').endsWith(phone),
            ),
          ).toEqual([]);
          for (const s of strangers) expect(found).toContain(s);
        },
      ),
    );
  });
});
