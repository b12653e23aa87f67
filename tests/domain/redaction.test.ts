import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRedactions, detectRedactions, type DetectInput } from '../../src/domain/redaction/detect.js';
import { findCprs } from '../../src/domain/redaction/cpr.js';
import { findPhones } from '../../src/domain/redaction/phones.js';

const c: DetectInput['c'] = {
  requester: { name: 'Jens Møller', email: 'jens@example.net', phone: '+45 26 84 31 90' },
  identifiers: [],
};
const detect = (text: string, extra: Partial<DetectInput> = {}) =>
  detectRedactions({ itemKey: 'hit|x', text, c, staff: [], companyDomain: 'itguy.dk', ...extra });
const values = (text: string, extra: Partial<DetectInput> = {}) => detect(text, extra).map((p) => `${p.kind}:${p.value}`);

describe('phones', () => {
  it.each(['+45 22 33 44 55', '0045 22334455', '22 33 44 55', '2233 4455', '22334455', '+4522334455', '+44 7700 900123'])(
    '%s is a phone',
    (p) => {
      expect(findPhones(`Ring på ${p} i dag`).map((s) => s.value)).toEqual([p]);
    },
  );
  it.each([
    'faktura 22334455',
    'CVR-nr. 32165498',
    'ordrenr. 45678912',
    'den 12.11.2026',
    '2026-11-03',
    'beløb 22334455 kr',
    '1.234.567,00 kr',
    'konto 1234 5678901234',
  ])('%s has no phone', (t) => expect(findPhones(t)).toEqual([]));
  it('a plain number after an invoice, order or CVR word is never a phone (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Faktura', 'Fakturanr.', 'Ordre nr.', 'CVR', 'CVR-nr.', 'Kontonr.', 'Sagsnr.', 'Beløb'),
        fc.integer({ min: 20_000_000, max: 99_999_999 }),
        (word, n) => findPhones(`${word} ${n}`).length === 0,
      ),
    );
  });
  it('dates in Danish forms are never phones (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), (d) => {
        const [y, m, day] = d.toISOString().slice(0, 10).split('-');
        return [`${day}.${m}.${y}`, `${day}-${m}-${y}`, `${y}-${m}-${day}`, `${day}/${m} ${y}`].every(
          (t) => findPhones(`den ${t}`).length === 0,
        );
      }),
    );
  });
});

describe('CPR numbers', () => {
  it('needs a real date, with or without the hyphen', () => {
    expect(findCprs('010190-1234 og 0101901234').map((s) => s.value)).toEqual(['010190-1234', '0101901234']);
    expect(findCprs('320190-1234 311190-1234 290201-4321')).toEqual([]);
    expect(findCprs('290200-4321')).toHaveLength(1); // 2000 was a leap year (7th digit 4: 2000s)
  });
});

describe('detectRedactions', () => {
  const mail = `Hej Jens,

Din sag er videresendt til Anna Jensen (anna.jensen@kunde.dk, tlf. 22 33 44 55, CPR 010190-1234).
Du kan skrive til dpa@itguy.dk eller ringe på +45 26 84 31 90.

Venlig hilsen
Peter Hansen`;

  it("proposes the other people's address, phone, CPR and names, never the subject's or the company's", () => {
    const got = values(mail);
    expect(got).toEqual(['name:Anna Jensen', 'email:anna.jensen@kunde.dk', 'phone:22 33 44 55', 'cpr:010190-1234', 'name:Peter Hansen']);
  });

  it('groups an address with the name it is made of, and gives stable ids', () => {
    const [name, email] = detect(mail);
    expect(email!.person).toBe(name!.person);
    expect(detect(mail).map((p) => p.id)).toEqual(detect(mail).map((p) => p.id));
    expect(new Set(detect(`${mail}\nAnna Jensen`).map((p) => p.id)).size).toBe(6);
  });

  it("takes names from the directory and the mail's headers, and the first name of a greeting", () => {
    const got = detect('Hej Lise, Mette Ravn har svaret. Lise', {
      staff: ['Mette Ravn', 'Support'],
      mail: {
        addresses: [
          { name: 'Lise Holm', address: 'lise@kunde.dk' },
          { name: 'Jens Møller', address: 'jens@example.net' },
        ],
      },
    });
    expect(got.map((p) => `${p.value}|${p.person}`)).toEqual(['Lise|name:lise holm', 'Mette Ravn|name:mette ravn', 'Lise|name:lise holm']);
  });

  it("proposes a colleague's own company address with their name, never the company's role addresses or their names", () => {
    const got = detect('Anna Jensen (anna.jensen@itguy.dk) har svaret; skriv til support@itguy.dk eller dpa@itguy.dk.', {
      staff: ['Anna Jensen'],
      mail: {
        addresses: [
          { name: 'ITGuy Support', address: 'support@itguy.dk' },
          { name: 'Bo Lund', address: 'bl@itguy.dk' },
        ],
      },
    });
    expect(got.map((p) => `${p.kind}:${p.value}|${p.person}`)).toEqual([
      'name:Anna Jensen|name:anna jensen',
      'email:anna.jensen@itguy.dk|name:anna jensen',
    ]);
    // A colleague named in the headers owns the short address written there too.
    const bo = detect('Bo Lund skrev fra bl@itguy.dk.', {
      staff: ['Bo Lund'],
      mail: { addresses: [{ name: 'Bo Lund', address: 'bl@itguy.dk' }] },
    });
    expect(bo.map((p) => `${p.kind}:${p.value}|${p.person}`)).toEqual(['name:Bo Lund|name:bo lund', 'email:bl@itguy.dk|name:bo lund']);
  });

  it("never proposes the data subject's own company address when the subject is a colleague", () => {
    const got = detectRedactions({
      itemKey: 'hit|y',
      text: 'Mette Ravn <mette.ravn@itguy.dk> og Anna Jensen <anna.jensen@itguy.dk>',
      c: { requester: { name: 'Mette Ravn', email: 'mette.ravn@itguy.dk' }, identifiers: [] },
      staff: ['Mette Ravn', 'Anna Jensen'],
      companyDomain: 'itguy.dk',
    });
    expect(got.map((p) => p.value)).toEqual(['Anna Jensen', 'anna.jensen@itguy.dk']);
  });

  it('an inserted other-person address, phone or CPR in random text is always proposed; the subject\u2019s never (property)', () => {
    const filler = fc.stringMatching(/^[a-zæøå ,.]{0,40}$/);
    const other = fc.oneof(
      fc.constantFrom('ole@firma.dk', 'k.berg@example.org').map((v) => ['email', v] as const),
      fc.integer({ min: 20_000_000, max: 99_999_999 }).map((n) => ['phone', String(n).replace(/(..)(?=.)/g, '$1 ')] as const),
      fc.date({ min: new Date('1940-01-01'), max: new Date('1999-12-31'), noInvalidDate: true }).map((d) => {
        const [y, m, day] = d.toISOString().slice(0, 10).split('-');
        return ['cpr', `${day}${m}${y!.slice(2)}-1234`] as const;
      }),
    );
    fc.assert(
      fc.property(filler, other, filler, (before, [kind, value], after) => {
        // A sentence break before it: "ref 20 00 00 00" is a reference number, not a phone.
        const text = `${before}; ${value} ${after} jens@example.net 26843190`;
        const got = detect(text);
        return (
          got.some((p) => p.kind === kind && p.value === value) && !got.some((p) => p.value.includes('jens@') || p.value === '26843190')
        );
      }),
    );
  });

  it('redacting replaces the value, never covers it', () => {
    const text = applyRedactions(mail, detect(mail), 'da');
    for (const v of ['Anna Jensen', 'anna.jensen@kunde.dk', '22 33 44 55', '010190-1234', 'Peter Hansen']) expect(text).not.toContain(v);
    expect(text).toContain('[udeladt: CPR-nummer]');
    expect(text).toContain('+45 26 84 31 90');
    expect(text).toContain('Hej Jens');
  });
});
