import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyEml } from '../../src/classifier/index.js';
import { damageIn, withoutNul } from '../../src/classifier/damage.js';

/** What could not be decoded is found, and such mail is never not_request. */

const mail = (headers: string, body: string) =>
  `From: Anna <anna@example.com>\r\nTo: dpa@itguy.dk\r\nSubject: Hej\r\nDate: Mon, 1 Dec 2026 10:00:00 +0000\r\nMessage-ID: <d@example.com>\r\n${headers}\r\n${body}\r\n`;
const NEWSLETTER = 'List-Unsubscribe: <https://example.com/u>\r\nPrecedence: bulk\r\n';

describe('damageIn', () => {
  it('finds an unknown charset, broken base64 and broken quoted-printable, and nothing in clean mail', () => {
    expect(damageIn(mail('Content-Type: text/plain; charset="x-nope"\r\n', 'Hej'))).toEqual(['unknown charset x-nope']);
    expect(damageIn(mail('Content-Transfer-Encoding: base64\r\n', '!!SGVq*'))).toEqual(['broken base64']);
    expect(damageIn(mail('Content-Transfer-Encoding: quoted-printable\r\n', 'Hej =ZZ verden'))).toEqual(['broken quoted-printable']);
    expect(damageIn(mail('Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n', 'SGVqIHZlcmRlbg=='))).toEqual(
      [],
    );
    expect(damageIn(mail('Content-Transfer-Encoding: quoted-printable\r\n', 'Hej =C3=A6 soft=\r\nbreak'))).toEqual([]);
  });

  it('finds it in a part of a multipart message', () => {
    const body =
      '--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHej\r\n--b\r\nContent-Type: text/html; charset=bogus-8\r\n\r\n<p>Hej</p>\r\n--b--';
    expect(damageIn(mail('Content-Type: multipart/alternative; boundary="b"\r\n', body))).toEqual(['unknown charset bogus-8']);
  });

  it('withoutNul drops NUL bytes and says so', () => {
    expect(withoutNul(Buffer.from('a\0b\0'))).toEqual({ bytes: Buffer.from('ab'), hadNul: true });
    expect(withoutNul(Buffer.from('ab')).hadNul).toBe(false);
  });
});

describe('damaged mail', () => {
  it('a request with a NUL byte is still read as a request, the damage in its evidence', async () => {
    const c = await classifyEml(
      Buffer.from(mail('', '\0Jeg vil gerne have en kopi af alle de personoplysninger, I har om mig, jf. artikel 15.')),
    );
    expect(c.verdict).toBe('request');
    expect(c.evidence.at(-1)).toMatch(/could not be decoded \(NUL bytes\)/);
  });

  it('property: bulk mail that is otherwise not_request becomes uncertain when any part is damaged', async () => {
    const damage = fc.constantFrom(
      ['Content-Type: text/plain; charset=x-nope\r\n', 'Nyhedsbrev'],
      ['Content-Transfer-Encoding: base64\r\n', '!!!*Tnlo'],
      ['Content-Transfer-Encoding: quoted-printable\r\n', 'Nyheds=QQbrev'],
      ['', 'Nyheds\0brev'],
    );
    await fc.assert(
      fc.asyncProperty(damage, fc.string({ maxLength: 60 }), async ([headers, body], extra) => {
        const c = await classifyEml(Buffer.from(mail(`${NEWSLETTER}${headers}`, `${body} ${extra.replace(/\0/g, '')}`), 'latin1'));
        expect(c.verdict).not.toBe('not_request');
        expect(c.evidence[0]).toMatch(/could not be decoded/);
      }),
      { numRuns: 60 },
    );
  });
});
