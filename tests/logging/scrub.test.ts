import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scrub, scrubFields } from '../../src/logging/scrub.js';

/** The scrubber every log line goes through: personal data out, what an operator acts on kept. */

describe('scrub: what goes', () => {
  it.each([
    ['requester e-mail "anna@example.com" is not an e-mail address', 'requester e-mail "<address>" is not an e-mail address'],
    ['requester e-mail ""zorro smith"@example.org" is not an e-mail address', 'requester e-mail "<address>" is not an e-mail address'],
    ['requester e-mail "anna@localhost" is not an e-mail address', 'requester e-mail "<address>" is not an e-mail address'],
    ['GET /users/anna%40example.com/messages failed', 'GET /users/<address>/messages failed'],
    ['From: Anna Hansen <anna@example.com> bounced', 'From: <address> bounced'],
    ['sent to bo@[192.168.0.1] and æøå@blåbær.dk', 'sent to <address> and <address>'],
    ['call +45 12 34 56 78, 12345678 or (555) 123-4567', 'call <phone>, <phone> or <phone>'],
    ['requester name "Anna Hansen" is too long', 'requester name "<text>" is too long'],
    ['name “Søren Ærø” and «Bo Ek» and „Åse Lund“', 'name “<text>” and «<text>» and „<text>“'],
    ["name 'O'Brien' is odd", "name '<text>' is odd"],
    // A local part of a lone apostrophe is valid atext (found by the property below).
    ["bounce from '@a.dk and `@b.dk", 'bounce from <address> and <address>'],
  ])('%s', (input, expected) => {
    expect(scrub(input)).toBe(expected);
  });
});

describe("scrub: the company's role mailboxes", () => {
  const keep = new Set(['dpa@itguy.dk', 'support@itguy.dk']);
  it('keeps the watched mailboxes, in any case, and scrubs every other address, also in their domain', () => {
    expect(scrub('catch-up on support@itguy.dk and DPA@itguy.dk failed', keep)).toBe(
      'catch-up on support@itguy.dk and DPA@itguy.dk failed',
    );
    expect(scrub('from anna@itguy.dk to dpa@itguy.dk', keep)).toBe('from <address> to dpa@itguy.dk');
    expect(scrub('GET /users/dpa%40itguy.dk/messages', keep)).toBe('GET /users/<address>/messages');
    expect(scrubFields({ mailbox: 'support@itguy.dk', err: 'x "anna@example.com"' }, keep)).toEqual({
      mailbox: 'support@itguy.dk',
      err: 'x "<address>"',
    });
  });
});

describe('scrub: what stays', () => {
  it('an address quoted inside JSON text', () => {
    expect(scrub('{"err":"e-mail \\"\\"zorro smith\\"@example.org\\" is bad"}')).not.toMatch(/zorro|smith/);
  });

  it.each([
    'DSAR-2026-0042 opened; 101 attempts; due 2026-04-07',
    'received 2026-03-05T10:00:00.000+01:00 is after the case was opened (2026-03-05T09:00:00Z)',
    'ErrorItemNotFound: The specified object was not found in the store.',
    'code "ErrorInvalidIdMalformed" (400), "Request_ResourceNotFound", "invalid_input"',
    '{"odata.error":{"code":"EntityAlreadyExists"}}',
    'request-id 0f8fad5b-d9cb-469f-a165-70867728950e at 127.0.0.1:3978 with botbuilder 4.23.3',
    "ITGuy's own request; the customer's DPO answers",
    'pause 2026-03-03/2026-03-10 ends before it starts',
    'attempts 1 2 3 4 5 6 7 8; 3100000 bytes; 20000 lines',
  ])('%s', (input) => {
    expect(scrub(input)).toBe(input);
  });
});

const atext = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~");
const dotAtom = fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9_+-]{0,10}$/), { minLength: 1, maxLength: 3 }).map((p) => p.join('.'));
const quotedLocal = fc.stringMatching(/^[a-z]{1,8} [a-z ]{1,8}$/).map((s) => `"${s}"`);
const dotlessDomain = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
const address = fc.oneof(
  fc.emailAddress(),
  fc.tuple(fc.oneof(dotAtom, quotedLocal), fc.oneof(dotlessDomain, fc.domain())).map(([l, d]) => `${l}@${d}`),
  fc.tuple(fc.array(atext, { minLength: 1, maxLength: 12 }), fc.domain()).map(([l, d]) => `${l.join('')}@${d}`),
);
const around = fc.string({ maxLength: 30, unit: fc.constantFrom(...' abcXYZ019:;,.()"\'<>[]{}=\n\tæø-_/') });

describe('scrub: properties', () => {
  it('a random address in random text never survives', () => {
    fc.assert(
      fc.property(around, address, around, (before, email, after) => {
        const out = scrub(`${before}${email}${after}`);
        expect(out).not.toContain(email);
        // Nor does its local part followed by the @ (what identifies the person).
        expect(out).not.toContain(email.slice(0, email.lastIndexOf('@') + 1));
      }),
      { numRuns: 2000 },
    );
  });

  it('case ids, counts, ISO dates and Graph error codes survive', () => {
    const caseId = fc
      .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 99999 }))
      .map(([y, n]) => `DSAR-${y}-${String(n).padStart(4, '0')}`);
    const count = fc.nat({ max: 9_999_999 }).map(String);
    const isoDate = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    const day = isoDate.map((d) => d.slice(0, 10));
    const graphCode = fc.constantFrom(
      'ErrorItemNotFound',
      'ErrorInvalidIdMalformed',
      'Request_ResourceNotFound',
      'InvalidAuthenticationToken',
      'TooManyRequests',
      'ErrorAccessDenied',
    );
    const token = fc.oneof(caseId, count, isoDate, day, graphCode);
    const word = fc.constantFrom('case', 'failed', 'after', 'attempts', 'due', 'code', 'on', 'opened', 'status');
    fc.assert(
      fc.property(fc.array(fc.tuple(word, token), { minLength: 1, maxLength: 6 }), (parts) => {
        const text = parts.map(([w, t]) => `${w} ${t}`).join(', ');
        expect(scrub(text)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('scrubbing twice changes nothing more', () => {
    fc.assert(
      fc.property(around, address, around, (before, email, after) => {
        const once = scrub(`${before}${email}${after}`);
        expect(scrub(once)).toBe(once);
      }),
    );
  });
});

describe('scrubFields', () => {
  it('scrubs every string at any depth, in arrays and errors, and leaves the input untouched', () => {
    const input = { caseId: 'DSAR-2026-0001', attempts: 3, nested: { list: ['anna@example.com', 7] }, err: new Error('bad "Anna"') };
    const out = scrubFields(input) as Record<string, unknown>;
    expect(out).toMatchObject({
      caseId: 'DSAR-2026-0001',
      attempts: 3,
      nested: { list: ['<address>', 7] },
      err: { type: 'Error', message: 'bad "<text>"' },
    });
    expect(JSON.stringify(out)).not.toMatch(/anna@|Anna/);
    expect(input.nested.list[0]).toBe('anna@example.com');
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { id: 'x' };
    a.self = a;
    expect(scrubFields(a)).toEqual({ id: 'x', self: '[circular]' });
  });
});
