import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statedFirstContact } from '../../src/classifier/first-contact.js';

const RECEIVED = '2026-12-04T09:30:00Z';

describe('statedFirstContact', () => {
  it.each([
    ['Jeg skrev til jer for tre uger siden og har ikke hørt noget.', '2026-11-13'],
    ['Jeg sendte en mail for 10 dage siden.', '2026-11-24'],
    ['Jeg skrev til jer for et par uger siden om mine data.', '2026-11-13'],
    ['I wrote to you two weeks ago and have heard nothing.', '2026-11-20'],
    ['I emailed you a couple of weeks ago.', '2026-11-13'],
    ['I contacted you on 12 November about my data.', '2026-11-12'],
    ['I sent my request on November 2nd.', '2026-11-02'],
    ['Jeg skrev til jer den 28. oktober.', '2026-10-28'],
    ['Ich habe Ihnen vor zwei Wochen geschrieben.', '2026-11-20'],
    ['Jag skickade en begäran för en månad sedan.', '2026-11-03'],
    ['Min mail blev sendt 15/11.', '2026-11-15'],
    // Written in early December about "20 December": last year's.
    ['I wrote to you on 20 December.', '2025-12-20'],
  ])('%s -> %s', (text, expected) => {
    expect(statedFirstContact(text, RECEIVED)).toBe(expected);
  });

  it.each([
    'Hvor langt er I med min sag?',
    'Jeres faktura af 12. november er betalt.',
    'I wrote to you about my data.',
    'We met at the fair three weeks ago.',
  ])('says nothing when no date of first writing is given: %s', (text) => {
    expect(statedFirstContact(text, RECEIVED)).toBeNull();
  });

  it('never answers a day on or after receipt, nor more than a year before it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 900 }),
        fc.constantFrom('dage', 'uger', 'måneder', 'days', 'weeks', 'months'),
        fc.constantFrom('siden', 'ago'),
        fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        (n, unit, word, received) => {
          const at = received.toISOString();
          const found = statedFirstContact(`Jeg skrev til jer for ${n} ${unit} ${word}.`, at);
          if (found === null) return;
          const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(received);
          expect(found < day).toBe(true);
          expect(Date.parse(found)).toBeGreaterThanOrEqual(received.getTime() - 367 * 86_400_000);
        },
      ),
    );
  });
});
