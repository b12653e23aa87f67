import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  UNKNOWN_SENDER,
  caseInputFromMail,
  caseName,
  checkNewCase,
  normaliseReading,
  usableMessageId,
  type MailReading,
} from '../../src/domain/index.js';

/** normaliseReading: whatever a mail's From holds, the case it opens passes the case's own validation. */

const NOW = '2026-12-01T12:00:00Z';
const MAIL = { receivedAt: '2026-12-01T10:00:00Z', graphId: 'AAMkAGI2-graph-id', mailbox: 'dpa@itguy.dk' };
const reading = (address: string | null, name: string | null): MailReading => ({
  requester: { address, name },
  dataSubject: null,
  rights: ['access'],
  language: 'da',
});
const opens = (r: MailReading) => checkNewCase(caseInputFromMail(MAIL, normaliseReading(r).reading, 'email'), NOW);

describe('normaliseReading', () => {
  it('cuts a display name over 200 characters', () => {
    const { reading: r } = normaliseReading(reading('anna@example.com', 'Anna '.repeat(80)));
    expect(r.requester.name!.length).toBeLessThanOrEqual(200);
    expect(r.requester.name!.endsWith('…')).toBe(true);
    expect(opens(reading('anna@example.com', 'Anna '.repeat(80))).requester.email).toBe('anna@example.com');
  });

  it.each([
    ['a quoted local part', '"zorro smith"@example.org'],
    ['a domain without a dot', 'zorro@localhost'],
    ['an address over 320 characters', `${'a'.repeat(330)}@example.com`],
  ])('%s: no e-mail on the requester, the address as received in a note', (_what, address) => {
    const { reading: r, notes } = normaliseReading(reading(address, 'Zorro'));
    expect(r.requester).toEqual({ address: null, name: 'Zorro' });
    expect(notes.join(' ')).toContain(`reply to the sender's address as received: ${address.slice(0, 400)}`);
    expect(opens(reading(address, 'Zorro')).requester).toEqual({ name: 'Zorro' });
  });

  it('no sender at all is "unknown sender"', () => {
    const { reading: r, notes } = normaliseReading(reading(null, null));
    expect(r.requester).toEqual({ address: null, name: UNKNOWN_SENDER });
    expect(notes).toHaveLength(1);
  });

  it('an ordinary sender is kept as it is, lower-cased, with no note', () => {
    expect(normaliseReading(reading('Anna.Hansen@Example.com', 'Anna Hansen'))).toEqual({
      reading: reading('anna.hansen@example.com', 'Anna Hansen'),
      notes: [],
    });
  });

  it('property: any From (address and name, any characters) opens a case that validates', () => {
    const text = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.emailAddress());
    fc.assert(
      fc.property(fc.option(text), fc.option(text), fc.option(text), (address, name, subject) => {
        const r = { ...reading(address, name), dataSubject: subject === null ? null : { name: subject } };
        const checked = opens(r);
        const { notes } = normaliseReading(r);
        // Whatever was not kept as the e-mail is in a note, so the DPO can still reply.
        if (address?.trim() && !checked.requester.email) expect(notes.join(' ')).toContain('as received');
      }),
      { numRuns: 500 },
    );
  });
});

describe('caseName', () => {
  it('never splits a surrogate pair and stays within 200 UTF-16 units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 150, maxLength: 600 }), (name) => {
        const cut = caseName(name);
        if (cut === null) return;
        expect(cut.length).toBeLessThanOrEqual(200);
        expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      }),
      { numRuns: 100 },
    );
  });

  it('removes CR, LF, NUL and escape characters', () => {
    expect(caseName('Anna\r\nBcc: x\u001b[31m\0Hansen')).toBe('Anna Bcc: x [31m Hansen');
  });
});

describe('usableMessageId', () => {
  it('refuses what cannot be a key: empty, over 998 characters, control characters', () => {
    expect(usableMessageId('<a@b>')).toBe('<a@b>');
    expect(usableMessageId('  ')).toBeUndefined();
    expect(usableMessageId(`<${'x'.repeat(998)}@b>`)).toBeUndefined();
    expect(usableMessageId('<a\0@b>')).toBeUndefined();
    expect(usableMessageId(undefined)).toBeUndefined();
  });
});
