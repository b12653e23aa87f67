import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RIGHTS } from '../../src/domain/rights.js';
import { classify, emailInput } from '../../src/classifier/classify.js';
import { parseEmail, UnreadableEmailError } from '../../src/classifier/parse-email.js';
import type { EmailInput } from '../../src/classifier/types.js';

/** Properties that hold for any input, not just the corpus. */

const PHRASES = [
  'slet mine oplysninger',
  'hvad har I om mig?',
  'afmeld',
  'unsubscribe me',
  'please delete my data',
  'DSAR-2026-0042',
  'jeg anmoder om indsigt',
  'Fra: Jens <jens@example.net>',
  'Sendt: i går',
  '> citat',
  'fuldmagt',
  'on behalf of my son Tom',
  'webinar',
  'databehandleraftale',
  'faktura',
  'hvor langt er I med min sag',
  'kopi af mit pas',
  '"slet mig"',
  'ikke',
  'æøå ÆØÅ',
  '\n\n',
  '-- ',
  'Re:',
  'VS:',
];
const text = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.array(fc.constantFrom(...PHRASES), { maxLength: 25 }).map((parts) => parts.join(' ')),
  fc.array(fc.oneof(fc.constantFrom(...PHRASES), fc.string({ maxLength: 20 })), { maxLength: 15 }).map((parts) => parts.join('\n')),
);
const address = fc.oneof(fc.constant(null), fc.emailAddress());
const emails: fc.Arbitrary<EmailInput> = fc
  .record({
    text,
    subject: text,
    from: fc.oneof(fc.constant(null), fc.record({ address, name: fc.oneof(fc.constant(null), fc.string({ maxLength: 30 })) })),
    attachments: fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('pas.jpg', 'Fuldmagt - Ida Holm.pdf', 'Faktura 1.pdf')), {
      maxLength: 3,
    }),
  })
  .map((fields) => emailInput(fields));

const AUTO_HEADERS: Record<string, string>[] = [
  { 'auto-submitted': 'auto-replied' },
  { 'auto-submitted': 'auto-generated' },
  { 'x-auto-response-suppress': 'All' },
  { precedence: 'auto_reply' },
];

describe('classifier properties', () => {
  it('never throws, and keeps its own invariants, on arbitrary mail', () => {
    fc.assert(
      fc.property(emails, (email) => {
        const v = classify(email);
        expect(v.confidence).toBeGreaterThanOrEqual(0);
        expect(v.confidence).toBeLessThanOrEqual(1);
        expect(v.rights.every((r) => (RIGHTS as readonly string[]).includes(r))).toBe(true);
        expect(new Set(v.rights).size).toBe(v.rights.length);
        // A follow-up is never a new request; rights come with a request, an uncertain one (best guess) or a
        // follow-up that asks for them (offered to the DPO to add); never with a mail set aside.
        expect(v.followUp && v.privacyRequest).toBe(false);
        expect(v.privacyRequest).toBe(v.verdict === 'request');
        if (v.verdict === 'not_request') expect(v.rights).toEqual([]);
        // A follow-up always reaches a person: attached to its case, or opened as uncertain.
        if (v.followUp) expect(v.verdict).toBe('uncertain');
        if (v.originalSentAt !== null) expect(v.originalSentAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
        if (v.caseRef !== null) expect(v.caseRef).toMatch(/^DSAR-\d{4}-\d{4,}$/);
        if (v.dataSubject) expect(v.verdict !== 'not_request' || v.followUp).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(emails, (email) => {
        expect(classify(email)).toEqual(classify(email));
      }),
      { numRuns: 100 },
    );
  });

  it('adding an auto-reply header never turns a message into a request or a follow-up', () => {
    fc.assert(
      fc.property(emails, fc.constantFrom(...AUTO_HEADERS), (email, headers) => {
        const v = classify({ ...email, headers: { ...email.headers, ...headers } });
        expect(v.privacyRequest).toBe(false);
        expect(v.followUp).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('adding List-Unsubscribe and Precedence: bulk never turns a non-request into a request', () => {
    fc.assert(
      fc.property(emails, (email) => {
        const before = classify(email);
        const after = classify({
          ...email,
          headers: { ...email.headers, 'list-unsubscribe': '<mailto:u@example.org>', precedence: 'bulk' },
        });
        if (!before.privacyRequest) expect(after.privacyRequest).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('parses arbitrary bytes into a mail or refuses them with UnreadableEmailError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 600 }),
          text.map((t) => new TextEncoder().encode(`Subject: x\r\nFrom: a@example.com\r\n\r\n${t}`)),
        ),
        async (bytes) => {
          try {
            const email = await parseEmail(Buffer.from(bytes));
            classify(email);
          } catch (error) {
            expect(error).toBeInstanceOf(UnreadableEmailError);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
