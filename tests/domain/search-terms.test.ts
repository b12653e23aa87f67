import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError, kqlPhrase, kqlQuery, phoneVariants, searchIdentifiers } from '../../src/domain/index.js';
import { openedCase, run } from '../helpers/cases.js';

describe('what a case is searched for', () => {
  it("for a representative: the data subject's e-mail, name and phone, and the identifiers the DPO adds (not the representative's)", () => {
    const c = run(
      openedCase({
        requester: { name: 'Katrine Winther', email: 'KW@winther.example.org', phone: '+45 26 84 31 90' },
        dataSubject: { name: 'Freja Lindholm', authority: 'power_of_attorney' },
      }),
      ['2026-03-06T10:00:00Z', { type: 'add_identifier', value: 'Kundenr. 10482' }],
      ['2026-03-06T10:01:00Z', { type: 'add_identifier', value: 'freja@old.example.net' }],
    );
    expect(searchIdentifiers(c)).toEqual([
      { kind: 'name', value: 'Freja Lindholm' },
      { kind: 'other', value: 'Kundenr. 10482' },
      { kind: 'email', value: 'freja@old.example.net' },
    ]);
    expect(() => run(c, ['2026-03-06T10:02:00Z', { type: 'add_identifier', value: 'kundenr. 10482' }])).toThrow(DomainError);
  });

  it('phone numbers in the ways people write them', () => {
    expect(phoneVariants('+45 26 84 31 90')).toEqual([
      '26843190',
      '26 84 31 90',
      '+4526843190',
      '+45 26 84 31 90',
      '004526843190',
      '2684 3190',
    ]);
    expect(phoneVariants('+46 70 123 45 67')).toEqual(['+46 70 123 45 67']);
  });

  it('a value can never change the query: quotes and backslashes are dropped, OR/NOT stay inside a phrase', () => {
    expect(kqlPhrase('Anna" OR from:"boss')).toBe('"Anna OR from: boss"');
    expect(
      kqlQuery([
        { kind: 'name', value: 'A\\"B' },
        { kind: 'other', value: 'NOT x' },
      ]),
    ).toBe('"A B" OR "NOT x"');
    fc.assert(
      fc.property(fc.string(), (value) => {
        const phrase = kqlPhrase(value);
        expect(phrase.startsWith('"') && phrase.endsWith('"')).toBe(true);
        expect(phrase.slice(1, -1)).not.toMatch(/["\\]/);
      }),
    );
  });
});
