import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KqlSyntaxError, matchesFreeText, matchesKql, parseKql, type SearchableMessage } from '../../src/query/kql.js';

const msg: SearchableMessage = {
  subject: 'Anmodning om indsigt – slet mine data',
  body: 'Hej, jeg vil gerne have en kopi af mine personoplysninger. Jeg bor på ÆRØ, tidligere Århus. Mvh Søren',
  from: { name: 'Søren Åberg', address: 'soren.aberg@example.dk' },
  to: [{ name: 'Privacy Team', address: 'privacy@itguy.dk' }],
  cc: [{ name: 'Jens Hansen', address: 'jens@itguy.dk' }],
  bcc: [{ address: 'audit@itguy.dk' }],
  attachmentNames: ['pas-kopi.pdf', 'Fuldmagt.docx'],
  receivedDateTime: '2026-11-20T23:30:00Z',
  hasAttachments: true,
};

const bare: SearchableMessage = { subject: 'Hello', body: '', to: [], cc: [], bcc: [], attachmentNames: [] };

const search = (query: string, m: SearchableMessage = msg) => matchesKql(parseKql(query), m);

describe('free terms and phrases', () => {
  it('match a word prefix, case-insensitively, anywhere in the message', () => {
    expect(search('anmod')).toBe(true);
    expect(search('ANMODNING')).toBe(true);
    expect(search('nmodning')).toBe(false); // not a prefix of a word
    expect(search('oplysninger')).toBe(false); // inside "personoplysninger"
    expect(search('soren')).toBe(true); // sender name
    expect(search('example')).toBe(true); // sender address
    // Graph: a free term covers from, subject and body only; other places need a property.
    expect(search('fuldmagt')).toBe(false);
    expect(search('attachment:fuldmagt')).toBe(true);
    expect(search('hansen')).toBe(false);
    expect(search('cc:hansen')).toBe(true);
    expect(search('audit')).toBe(false);
    expect(search('privacy@itguy.dk')).toBe(false);
    expect(search('to:privacy@itguy.dk')).toBe(true);
    expect(search('zebra')).toBe(false);
  });

  it('handle Danish letters and ignore diacritics', () => {
    expect(search('ærø')).toBe(true);
    expect(search('Søren')).toBe(true);
    expect(search('åberg')).toBe(true);
    expect(search('aberg')).toBe(true);
    expect(search('arhus')).toBe(true);
    expect(search('sø')).toBe(true);
    expect(search('æble')).toBe(false);
    expect(search('øre')).toBe(false);
  });

  it('match quoted phrases as consecutive whole words, with or without backslash escapes', () => {
    expect(search('"slet mine data"')).toBe(true);
    expect(search('\\"SLET MINE DATA\\"')).toBe(true);
    expect(search('"slet data"')).toBe(false);
    expect(search('"mine slet"')).toBe(false);
    expect(search('"slet mine dat"')).toBe(false);
    expect(search('"kopi af mine"')).toBe(true);
  });

  it('do not let a phrase run from the subject into the body', () => {
    expect(search('"data hej"')).toBe(false);
  });

  it('treat punctuation-joined terms as a sequence of words', () => {
    expect(search('attachment:pas-kopi')).toBe(true);
    expect(search('soren.aberg@exam')).toBe(true);
    expect(search('attachment:kopi-pas')).toBe(false);
  });
});

describe('boolean operators', () => {
  it('AND, OR and implicit AND', () => {
    expect(search('slet data')).toBe(true);
    expect(search('slet zebra')).toBe(false);
    expect(search('slet AND data')).toBe(true);
    expect(search('zebra OR data')).toBe(true);
    expect(search('zebra OR giraf')).toBe(false);
  });

  it('lower-case and/or/not are ordinary terms', () => {
    expect(search('slet or zebra')).toBe(false);
    expect(search('zebra or slet')).toBe(false);
    expect(search('slet not')).toBe(false);
  });

  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(search('slet OR zebra AND giraf')).toBe(true);
    expect(search('zebra AND giraf OR slet')).toBe(true);
    expect(search('NOT slet AND zebra')).toBe(false);
    expect(search('NOT zebra slet')).toBe(true);
    expect(search('NOT (slet OR zebra)')).toBe(false);
    expect(search('(zebra OR slet) data')).toBe(true);
    expect(search('(zebra OR slet) giraf')).toBe(false);
    expect(search('NOT NOT slet')).toBe(true);
  });
});

describe('property restrictions', () => {
  it('address restrictions match words of names and addresses, or a whole address exactly', () => {
    expect(search('from:søren')).toBe(true);
    expect(search('from:soren.aberg@example.dk')).toBe(true);
    expect(search('from:SOREN.ABERG@EXAMPLE.DK')).toBe(true);
    expect(search('from:privacy')).toBe(false);
    expect(search('to:privacy')).toBe(true);
    expect(search('to:team')).toBe(true);
    expect(search('to:privacy@itguy.dk')).toBe(true);
    expect(search('to:privacy@itguy.d')).toBe(false);
    expect(search('to:rivacy@itguy.dk')).toBe(false);
    expect(search('to:jens')).toBe(false);
    expect(search('cc:jens')).toBe(true);
    expect(search('bcc:audit@itguy.dk')).toBe(true);
    expect(search('bcc:jens')).toBe(false);
    expect(search('from:"søren åberg"')).toBe(true);
    expect(search('from:"åberg søren"')).toBe(false);
  });

  it('participants covers from, to, cc and bcc', () => {
    for (const who of ['søren', 'privacy', 'jens@itguy.dk', 'audit']) expect(search(`participants:${who}`), who).toBe(true);
    expect(search('participants:fuldmagt')).toBe(false);
  });

  it('subject, body and attachment look only at their own text', () => {
    expect(search('subject:slet')).toBe(true);
    expect(search('subject:kopi')).toBe(false);
    expect(search('body:kopi')).toBe(true);
    expect(search('body:anmodning')).toBe(false);
    expect(search('attachment:fuldmagt')).toBe(true);
    expect(search('attachment:slet')).toBe(false);
    expect(search('Subject:SLET')).toBe(true);
  });

  it('take quoted phrases, escaped or not, and parenthesised groups as values', () => {
    expect(search('subject:"slet mine data"')).toBe(true);
    expect(search('subject:\\"slet mine data\\"')).toBe(true);
    expect(search('body:"slet mine data"')).toBe(false);
    expect(search('subject:\\"kopi af\\"')).toBe(false); // the phrase belongs to subject: even when escaped
    expect(search('from:(jens OR søren)')).toBe(true);
    expect(search('to:(jens OR søren)')).toBe(false);
    expect(search('subject:(indsigt NOT kopi)')).toBe(true);
  });

  it('hasattachments', () => {
    expect(search('hasattachments:true')).toBe(true);
    expect(search('hasattachments:false')).toBe(false);
    expect(search('hasAttachments:false', bare)).toBe(true);
    expect(search('hasattachments:yes', { ...bare, attachmentNames: ['a.pdf'] })).toBe(true);
  });

  it('received compares the UTC date of receipt', () => {
    expect(search('received:2026-11-20')).toBe(true);
    expect(search('received:2026-11-21')).toBe(false);
    expect(search('received>=2026-11-20')).toBe(true);
    expect(search('received>2026-11-20')).toBe(false);
    expect(search('received<2026-11-21')).toBe(true);
    expect(search('received<=2026-11-19')).toBe(false);
    expect(search('received>=2026-01-01 received<=2026-12-31')).toBe(true);
    expect(search('received:2026-11-01..2026-11-30')).toBe(true);
    expect(search('received:2026-11-21..2026-11-30')).toBe(false);
    expect(search('received>=2000-01-01', bare)).toBe(false);
  });

  it('an unknown property is plain text', () => {
    expect(search('kopi:af')).toBe(true);
    expect(search('foo:slet')).toBe(false);
  });
});

describe('syntax errors', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['"slet mine', /quotes/],
    ['subject:"slet', /quotes/],
    ['(slet', /parenthes/],
    ['slet)', /parenthes/],
    ['()', /term/],
    ['AND slet', /term/],
    ['slet OR', /term/],
    ['NOT', /term/],
    ['subject:', /Missing value/],
    ['subject: slet', /Missing value/],
    ['subject>slet', /does not support/],
    ['received>=2026-13-01', /Invalid date/],
    ['received>=yesterday', /Invalid date/],
    ['hasattachments:maybe', /true or false/],
  ])('%j', (query, message) => {
    expect(() => parseKql(query)).toThrow(KqlSyntaxError);
    expect(() => parseKql(query)).toThrow(message);
  });

  it('gives up on absurd nesting instead of overflowing the stack', () => {
    expect(() => parseKql(`${'('.repeat(5000)}a${')'.repeat(5000)}`)).toThrow(KqlSyntaxError);
  });
});

describe('matchesFreeText (OneDrive name + content)', () => {
  const text = 'Kontrakt for Søren Åberg.docx\nSpørgsmål kan sendes til soren@example.dk.';
  const free = (query: string) => matchesFreeText(parseKql(query), text);

  it('evaluates the same query over one text', () => {
    expect(free('kontrakt')).toBe(true);
    expect(free('"søren åberg"')).toBe(true);
    expect(free('spørgsmål AND NOT faktura')).toBe(true);
    expect(free('faktura OR docx')).toBe(true);
    expect(free('faktura')).toBe(false);
    expect(free('subject:kontrakt')).toBe(true);
    expect(free('from:soren@example.dk')).toBe(true);
    expect(free('from:soren@example.d')).toBe(false);
  });

  it('has no attachments or receipt date to match', () => {
    expect(free('hasattachments:true')).toBe(false);
    expect(free('received>=2000-01-01')).toBe(false);
  });
});

describe('KQL properties', () => {
  // Letters without a Unicode decomposition, so lower-casing alone is the oracle's folding.
  const letter = fc.constantFrom(...'abcdeøæABØÆ1'.split(''));
  const word = fc.string({ unit: letter, minLength: 1, maxLength: 5 });
  const text = fc.array(word, { maxLength: 6 }).map((ws) => ws.join(' '));
  const addr = fc.record({ name: text, address: fc.tuple(word, word).map(([a, b]) => `${a}@${b}.dk`) });
  const messages = fc.record({
    subject: text,
    body: text,
    from: fc.option(addr, { nil: undefined }),
    to: fc.array(addr, { maxLength: 2 }),
    cc: fc.array(addr, { maxLength: 1 }),
    bcc: fc.constant<SearchableMessage['bcc']>([]),
    attachmentNames: fc.array(word, { maxLength: 2 }),
  });
  const atoms = fc.oneof(
    word,
    fc.tuple(fc.constantFrom('subject', 'body', 'from', 'to', 'participants', 'attachment'), word).map(([p, w]) => `${p}:${w}`),
    fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`),
  );
  const queries = fc.letrec<{ q: string }>((tie) => ({
    q: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atoms,
      fc.tuple(tie('q'), fc.constantFrom(' AND ', ' OR ', ' '), tie('q')).map(([a, op, b]) => `(${a})${op}(${b})`),
      tie('q').map((a) => `NOT (${a})`),
    ),
  })).q;

  it('NOT X is the negation of X', () => {
    fc.assert(fc.property(queries, messages, (q, m) => search(`NOT (${q})`, m) === !search(q, m)));
  });

  it('A OR B is the union, A AND B and A B the intersection', () => {
    fc.assert(
      fc.property(queries, queries, messages, (a, b, m) => {
        expect(search(`(${a}) OR (${b})`, m)).toBe(search(a, m) || search(b, m));
        expect(search(`(${a}) AND (${b})`, m)).toBe(search(a, m) && search(b, m));
        expect(search(`(${a}) (${b})`, m)).toBe(search(a, m) && search(b, m));
      }),
    );
  });

  it('a free term matches exactly when some word of the sender, subject or body starts with it', () => {
    fc.assert(
      fc.property(messages, word, (m, term) => {
        const all = [m.subject, m.body, m.from?.name, m.from?.address];
        const oracle = all.some((t) =>
          (t ?? '')
            .toLowerCase()
            .split(/[^\p{L}\p{N}]+/u)
            .some((w) => w.startsWith(term.toLowerCase())),
        );
        expect(search(term, m)).toBe(oracle);
      }),
    );
  });

  it('the parser throws nothing but KqlSyntaxError, and what it accepts evaluates', () => {
    const soup = fc
      .array(
        fc.constantFrom(
          'slet',
          'AND',
          'OR',
          'NOT',
          'and',
          '(',
          ')',
          '"',
          '\\"',
          'subject:',
          'from:',
          'received>=',
          '2026-11-20',
          'hasattachments:',
          'true',
          ':',
          ' ',
          'ø',
        ),
        { maxLength: 20 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), soup), (query) => {
        try {
          const node = parseKql(query);
          matchesKql(node, msg);
          matchesFreeText(node, query);
        } catch (error) {
          expect(error).toBeInstanceOf(KqlSyntaxError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
