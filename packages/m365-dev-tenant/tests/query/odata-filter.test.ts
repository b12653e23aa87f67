import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareByOrder, evaluateFilter, ODataQueryError, parseFilter, parseOrderBy } from '../../src/query/odata-filter.js';

const message = {
  subject: 'Anmodning om indsigt – Søren',
  isRead: false,
  hasAttachments: true,
  importance: 'high',
  size: 2048,
  receivedDateTime: '2026-11-20T08:00:00Z',
  categories: ['Privacy', 'DSAR'],
  from: { emailAddress: { name: 'Søren Åberg', address: 'soren@example.dk' } },
  toRecipients: [
    { emailAddress: { name: 'Privacy', address: 'privacy@itguy.dk' } },
    { emailAddress: { name: 'Jens', address: 'jens@itguy.dk' } },
  ],
  flag: null,
};

const user = {
  mail: 'Anna.Jensen@ITGuy.dk',
  userPrincipalName: 'anna@itguy.onmicrosoft.com',
  displayName: 'Anna Jensen',
  accountEnabled: true,
};

const matches = (filter: string, item: unknown = message) => evaluateFilter(parseFilter(filter), item);

describe('$filter comparisons', () => {
  it('compares strings case-insensitively, like Exchange and Entra ID', () => {
    expect(matches("subject eq 'ANMODNING OM INDSIGT – søren'")).toBe(true);
    expect(matches("mail eq 'anna.jensen@itguy.dk'", user)).toBe(true);
    expect(matches("userPrincipalName eq 'bo@itguy.onmicrosoft.com'", user)).toBe(false);
    expect(matches("importance ne 'HIGH'")).toBe(false);
    expect(matches("importance ne 'low'")).toBe(true);
  });

  it('orders numbers and strings', () => {
    expect(matches('size gt 2047')).toBe(true);
    expect(matches('size gt 2048')).toBe(false);
    expect(matches('size ge 2048')).toBe(true);
    expect(matches('size lt 2048.5')).toBe(true);
    expect(matches('size le 2047')).toBe(false);
    expect(matches("displayName lt 'b'", user)).toBe(true);
    expect(matches("displayName gt 'ANNA'", user)).toBe(true);
  });

  it('understands booleans, bare boolean properties and null', () => {
    expect(matches('isRead eq false')).toBe(true);
    expect(matches('hasAttachments eq true and accountEnabled eq true')).toBe(false);
    expect(matches('accountEnabled', user)).toBe(true);
    expect(matches('isRead')).toBe(false);
    expect(matches('flag eq null')).toBe(true);
    expect(matches('missing eq null')).toBe(true);
    expect(matches('subject eq null')).toBe(false);
    expect(matches('subject ne null')).toBe(true);
    expect(matches('missing gt 1')).toBe(false);
  });

  it('treats mismatched types as unequal rather than throwing', () => {
    expect(matches("size eq '2048'")).toBe(false);
    expect(matches("size ne '2048'")).toBe(true);
    expect(matches("categories eq 'Privacy'")).toBe(false);
  });

  it("unescapes '' inside string literals", () => {
    expect(matches("subject eq 'It''s mine'", { subject: "It's mine" })).toBe(true);
    expect(matches("subject eq 'It''s'", { subject: "It'" })).toBe(false);
  });

  it('follows property paths with /', () => {
    expect(matches("from/emailAddress/address eq 'SOREN@example.dk'")).toBe(true);
    expect(matches("from/emailAddress/name eq 'Jens'")).toBe(false);
    expect(matches('from/nothing/here eq null')).toBe(true);
  });

  it('supports in (...)', () => {
    expect(matches("mail in ('bo@itguy.dk', 'anna.jensen@itguy.dk')", user)).toBe(true);
    expect(matches("mail in ('bo@itguy.dk')", user)).toBe(false);
  });
});

describe('$filter boolean structure', () => {
  const item = { a: true, b: false, c: false };
  it('gives and precedence over or, and parentheses override it', () => {
    expect(matches('a or b and c', item)).toBe(true);
    expect(matches('(a or b) and c', item)).toBe(false);
    expect(matches('b or c or a', item)).toBe(true);
  });

  it('negates with not, with or without parentheses', () => {
    expect(matches('not b', item)).toBe(true);
    expect(matches('not (a and b)', item)).toBe(true);
    expect(matches('not a or a', item)).toBe(true);
    expect(matches('not isRead eq true')).toBe(true);
    expect(matches("not startswith(subject, 'Anm')")).toBe(false);
  });

  it('takes operator keywords in any case and tolerates whitespace', () => {
    expect(matches("  subject   EQ 'anmodning om indsigt – søren' AND isRead Eq FALSE  ")).toBe(true);
    expect(matches('NOT(isRead)Or(size Gt 1)')).toBe(true);
    expect(matches("startsWith( subject ,'anm' )")).toBe(true);
  });
});

describe('$filter DateTimeOffset literals', () => {
  it('compares unquoted instants against ISO string properties', () => {
    expect(matches('receivedDateTime ge 2026-11-20T08:00:00Z')).toBe(true);
    expect(matches('receivedDateTime gt 2026-11-20T08:00:00Z')).toBe(false);
    expect(matches('receivedDateTime lt 2026-11-20T08:00:00.001Z')).toBe(true);
    expect(matches('receivedDateTime eq 2026-11-20T08:00:00.000Z')).toBe(true);
  });

  it('applies offsets', () => {
    expect(matches('receivedDateTime eq 2026-11-20T09:00:00+01:00')).toBe(true);
    expect(matches('receivedDateTime lt 2026-11-20T08:30:00+01:00')).toBe(false);
    expect(matches('receivedDateTime lt 2026-11-20T07:30:00-01:00')).toBe(true);
  });

  it("keeps Graph's seven fractional digits apart", () => {
    const item = { receivedDateTime: '2026-11-20T08:00:00.0000002Z' };
    expect(matches('receivedDateTime gt 2026-11-20T08:00:00.0000001Z', item)).toBe(true);
    expect(matches('receivedDateTime gt 2026-11-20T08:00:00.0000002Z', item)).toBe(false);
  });

  it('reads a bare date as midnight UTC and a range of dates', () => {
    expect(matches('receivedDateTime ge 2026-11-20 and receivedDateTime lt 2026-11-21')).toBe(true);
    expect(matches('receivedDateTime ge 2026-11-21')).toBe(false);
  });

  it('does not match a property that is not an instant', () => {
    expect(matches('subject ge 2026-01-01T00:00:00Z')).toBe(false);
  });
});

describe('$filter functions and lambdas', () => {
  it('startswith, endswith and contains are case-insensitive', () => {
    expect(matches("startswith(displayName, 'ANN')", user)).toBe(true);
    expect(matches("startswith(displayName, 'Jens')", user)).toBe(false);
    expect(matches("endswith(mail, '@itguy.DK')", user)).toBe(true);
    expect(matches("endswith(mail, '@itguy.com')", user)).toBe(false);
    expect(matches("contains(subject, 'INDSIGT')")).toBe(true);
    expect(matches("contains(subject, 'slet')")).toBe(false);
    expect(matches("contains(size, '20')")).toBe(false);
    expect(matches("contains(subject, 'indsigt') eq false")).toBe(false);
  });

  it('any/all over string collections and object collections', () => {
    expect(matches("categories/any(c:c eq 'privacy')")).toBe(true);
    expect(matches("categories/any(c: c eq 'Finance')")).toBe(false);
    expect(matches("categories/all(c:c ne 'Finance')")).toBe(true);
    expect(matches("categories/all(c:c eq 'Privacy')")).toBe(false);
    expect(matches("toRecipients/any(r:r/emailAddress/address eq 'JENS@itguy.dk')")).toBe(true);
    expect(matches("toRecipients/any(r:r/emailAddress/address eq 'bo@itguy.dk')")).toBe(false);
    expect(matches("toRecipients/all(r:endswith(r/emailAddress/address, '@itguy.dk'))")).toBe(true);
    expect(matches('toRecipients/any()')).toBe(true);
    expect(matches('categories/any()', { categories: [] })).toBe(false);
  });

  it('treats a missing collection as empty', () => {
    expect(matches("ccRecipients/any(r:r/emailAddress/address eq 'x@y')")).toBe(false);
    expect(matches("ccRecipients/all(r:r/emailAddress/address eq 'x@y')")).toBe(true);
  });

  it('lets a lambda body refer to the item itself and to outer variables', () => {
    expect(matches("categories/any(c:c eq 'DSAR' and importance eq 'high')")).toBe(true);
    const item = {
      groups: [
        { name: 'a', tags: ['a', 'b'] },
        { name: 'c', tags: ['d'] },
      ],
    };
    expect(matches('groups/any(g:g/tags/any(t:t eq g/name))', item)).toBe(true);
    expect(matches("groups/all(g:g/tags/any(t:t eq 'a'))", item)).toBe(false);
  });
});

describe('$filter errors', () => {
  const rejects = (filter: string, message: RegExp) => {
    expect(() => parseFilter(filter)).toThrow(ODataQueryError);
    expect(() => parseFilter(filter)).toThrow(message);
  };

  it('rejects bad syntax with Graph-like messages', () => {
    rejects('subject eq', /^Invalid filter clause: Syntax error at position 10 in 'subject eq'\.$/);
    rejects("subject eq 'abc", /unterminated string literal/);
    rejects('subject eq "abc"', /Invalid filter clause/);
    rejects("subject eq 'a' )", /Syntax error at position 15/);
    rejects("(subject eq 'a'", /Syntax error/);
    rejects("subject 'a'", /Syntax error/);
    rejects("subject eq 'a' and", /Syntax error/);
    rejects('size eq 1 or or size eq 2', /Syntax error/);
    rejects('42', /Syntax error/);
    rejects('categories/all()', /Syntax error/);
    rejects("categories/any(c c eq 'x')", /Syntax error/);
    rejects('', /empty/);
  });

  it('rejects unknown functions and impossible dates', () => {
    rejects("substringof('a', subject)", /unknown function with name 'substringof'/);
    rejects('receivedDateTime ge 2026-02-30T00:00:00Z', /DateTimeOffset/);
    rejects('receivedDateTime ge 2026-11-20T25:00:00Z', /DateTimeOffset/);
  });

  it('gives up on absurd nesting instead of overflowing the stack', () => {
    rejects(`${'('.repeat(5000)}a${')'.repeat(5000)}`, /recursion limit/);
    rejects(`${'not '.repeat(5000)}a`, /recursion limit/);
  });
});

describe('$orderby', () => {
  it('parses paths and directions', () => {
    expect(parseOrderBy('receivedDateTime DESC, from/emailAddress/name,subject asc')).toEqual([
      { path: ['receivedDateTime'], direction: 'desc' },
      { path: ['from', 'emailAddress', 'name'], direction: 'asc' },
      { path: ['subject'], direction: 'asc' },
    ]);
  });

  it('rejects malformed lists', () => {
    for (const bad of ['', 'subject up', 'subject,', ',subject', 'subject desc desc', "'subject'"]) {
      expect(() => parseOrderBy(bad), bad).toThrow(ODataQueryError);
      expect(() => parseOrderBy(bad), bad).toThrow(/^The query specified in the URI is not valid\./);
    }
  });

  it('sorts instants chronologically whatever their offset, newest first with desc', () => {
    const items = [
      { id: 1, receivedDateTime: '2026-11-20T08:00:00Z' },
      { id: 2, receivedDateTime: '2026-11-20T08:30:00+01:00' }, // 07:30Z
      { id: 3, receivedDateTime: '2026-11-20T08:00:00.5Z' },
    ];
    const order = parseOrderBy('receivedDateTime desc');
    expect([...items].sort((a, b) => compareByOrder(order, a, b)).map((i) => i.id)).toEqual([3, 1, 2]);
  });

  it('puts missing values first, compares strings case-insensitively and breaks ties with later keys', () => {
    const items = [
      { id: 1, subject: 'beta', size: 2 },
      { id: 2, subject: 'Alpha', size: 1 },
      { id: 3, size: 9 },
      { id: 4, subject: 'BETA', size: 1 },
    ];
    const order = parseOrderBy('subject, size desc');
    expect([...items].sort((a, b) => compareByOrder(order, a, b)).map((i) => i.id)).toEqual([3, 2, 1, 4]);
  });
});

describe('$filter properties', () => {
  const atoms = [
    'isRead eq true',
    "importance eq 'high'",
    'size gt 100',
    "categories/any(c:c eq 'Privacy')",
    "startswith(subject, 're')",
    'flag eq null',
  ];
  const filters = fc.letrec<{ f: string }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...atoms),
      fc.tuple(tie('f'), fc.constantFrom('and', 'or'), tie('f')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
      tie('f').map((a) => `not (${a})`),
    ),
  })).f;
  const items = fc.record({
    isRead: fc.boolean(),
    importance: fc.constantFrom('low', 'normal', 'high', 'HIGH'),
    size: fc.integer({ min: 0, max: 200 }),
    categories: fc.subarray(['Privacy', 'privacy', 'DSAR', 'Finance']),
    subject: fc.constantFrom('Re: data', 'RE: data', 'Fwd: re', 'hello'),
    flag: fc.constantFrom(null, 'x'),
  });

  it('not X is the negation of X', () => {
    fc.assert(fc.property(filters, items, (f, item) => matches(`not (${f})`, item) === !matches(f, item)));
  });

  it('A or B is the union and A and B the intersection', () => {
    fc.assert(
      fc.property(filters, filters, items, (a, b, item) => {
        expect(matches(`(${a}) or (${b})`, item)).toBe(matches(a, item) || matches(b, item));
        expect(matches(`(${a}) and (${b})`, item)).toBe(matches(a, item) && matches(b, item));
      }),
    );
  });

  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  /** The same instant written in another zone, e.g. 2026-11-20T09:00:00.000+01:00. */
  function withOffset(date: Date, offsetMinutes: number): string {
    const wall = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
    const abs = Math.abs(offsetMinutes);
    return offsetMinutes === 0 ? `${wall}Z` : `${wall}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }
  const dates = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
  const offsets = fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15);

  it('receivedDateTime comparisons agree with Date arithmetic for any instants and offsets', () => {
    fc.assert(
      fc.property(dates, dates, offsets, fc.boolean(), (received, bound, offset, near) => {
        // Half the time the bound is within a second of the property, to exercise the millisecond edge.
        const t = near ? new Date(received.getTime() + ((bound.getTime() % 2001) - 1000)) : bound;
        const item = { receivedDateTime: received.toISOString() };
        const literal = withOffset(t, offset);
        expect(matches(`receivedDateTime ge ${literal}`, item)).toBe(received.getTime() >= t.getTime());
        expect(matches(`receivedDateTime lt ${literal}`, item)).toBe(received.getTime() < t.getTime());
        expect(matches(`receivedDateTime eq ${literal}`, item)).toBe(received.getTime() === t.getTime());
      }),
    );
  });

  it('the parser throws nothing but ODataQueryError, and what it accepts evaluates', () => {
    const soup = fc
      .array(
        fc.constantFrom(
          'subject',
          'eq',
          'ne',
          "'x'",
          "'it''s'",
          '(',
          ')',
          'and',
          'or',
          'not',
          '/',
          'any',
          'all',
          ':',
          ',',
          'c',
          'startswith',
          'foo',
          '2026-11-20T08:00:00Z',
          '12',
          '-',
          '.',
          "'",
          ' ',
        ),
        { maxLength: 25 },
      )
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), soup), (text) => {
        try {
          const node = parseFilter(text);
          evaluateFilter(node, message);
        } catch (error) {
          expect(error).toBeInstanceOf(ODataQueryError);
        }
        try {
          parseOrderBy(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ODataQueryError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('compareByOrder is antisymmetric', () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.string({ maxLength: 3 }),
      fc.integer(),
      fc.boolean(),
      dates.map((d) => d.toISOString()),
    );
    fc.assert(
      fc.property(value, value, fc.constantFrom('asc' as const, 'desc' as const), (x, y, direction) => {
        const order = [{ path: ['v'], direction }];
        expect(Math.sign(compareByOrder(order, { v: x }, { v: y }))).toBe(-Math.sign(compareByOrder(order, { v: y }, { v: x })) || 0);
      }),
    );
  });
});
