import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, identifierMatcher, phoneDigits } from '../../src/domain/identifier-match.js';

const jens = identifierMatcher([
  { kind: 'email', value: 'jens.moeller@moeller-vvs.example.net' },
  { kind: 'name', value: 'Jens Møller' },
  { kind: 'phone', value: '+45 21 43 65 87' },
]);
const kinds = (text: string) => jens.matches(text).map((m) => m.kind);

describe('matching the data subject in sources read whole', () => {
  it('finds the name as whole words, in any case, with Danish letters spelled out, but not a longer name', () => {
    expect(kinds('Mødet med Jens Møller i morgen')).toEqual(['name']);
    expect(kinds('ring til JENS MOELLER')).toEqual(['name']);
    expect(kinds('Jens\n Møller har ringet')).toEqual(['name']);
    expect(kinds('Jens Møllerup har ringet')).toEqual([]);
    expect(kinds('Hans-Jens Møller')).toEqual([]);
    expect(kinds('Jens Møller-Hansen')).toEqual([]);
    expect(kinds('(Jens Møller)')).toEqual(['name']);
    expect(kinds('Jens Mølle')).toEqual([]);
  });

  it('finds the address as a whole address only', () => {
    expect(kinds('skriv til <Jens.Moeller@moeller-vvs.example.net>.')).toEqual(['email']);
    expect(kinds('xjens.moeller@moeller-vvs.example.net')).toEqual([]);
    expect(kinds('jens.moeller@moeller-vvs.example.net.evil.example')).toEqual([]);
  });

  it('finds the phone number however it is spaced, with or without the country code', () => {
    for (const written of ['21 43 65 87', '21436587', '+4521436587', '0045 2143 6587', '2143-6587', '+45 21 43 65 87'])
      expect(kinds(`tlf. ${written} efter kl. 16`)).toEqual(['phone']);
    expect(kinds('ordre 214365870')).toEqual([]);
    expect(kinds('21 43 65 88')).toEqual([]);
  });

  it('property: a name put anywhere between other words is found; with letters added to its end it is not', () => {
    const word = fc.stringMatching(/^[a-zæøå]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), fc.array(word, { maxLength: 6 }), word, (before, after, tail) => {
        const text = [...before, 'Jens Møller', ...after].join(' ');
        expect(jens.matches(text).some((m) => m.kind === 'name')).toBe(true);
        const longer = [...before, `Jens Møller${tail}`, ...after].join(' ');
        expect(jens.matches(longer).some((m) => m.kind === 'name')).toBe(before.concat(after).join(' ').includes('jens møller'));
      }),
    );
  });

  it('property: a Danish number written with any spacing has the same national digits', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[2-9]\d{7}$/),
        fc.array(fc.constantFrom('', ' ', '-'), { minLength: 7, maxLength: 7 }),
        fc.constantFrom('', '+45', '0045', '+45 '),
        (n, seps, prefix) => {
          const written = prefix + [...n].map((d, i) => d + (seps[i] ?? '')).join('');
          expect(phoneDigits(written)).toBe(n);
        },
      ),
    );
  });

  it('folds Danish letters as people type them without', () => {
    expect(fold('Ærø Å ø')).toBe('aeroe aa oe');
  });
});
