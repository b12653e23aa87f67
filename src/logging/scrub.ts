/**
 * Takes personal data out of free text before it reaches a log line: error texts quote what a person
 * typed or what a mail carried (an address, a name, a phone number). What an operator needs to act on
 * (case ids, counts, ISO dates, Graph and store error codes) is kept.
 */

export const ADDRESS = '<address>';
export const PHONE = '<phone>';
export const TEXT = '<text>';

// Dot-atom local parts (RFC 5322 atext, and the letters of internationalised addresses) or a quoted
// local part ("zorro smith"@example.org); the domain may lack a dot (anna@localhost) or be a literal.
// A leading apostrophe or backtick is punctuation around the address, not part of it.
const ATOM_FIRST = '[\\p{L}\\p{N}\\p{M}!#$%&*+/=?^_{|}~-]';
const ATOM = "[\\p{L}\\p{N}\\p{M}!#$%&'*+/=?^_`{|}~-]";
// A quoted local part, also as it reads inside a JSON string (\"zorro smith\"@example.org).
const QUOTED_LOCAL = '"(?:[^"\\\\\\r\\n]|\\\\.)*"|\\\\"[^"\\r\\n]*?\\\\"';
// A local part of apostrophes or backticks alone ('@example.org) is still an address.
const LOCAL = `(?:${QUOTED_LOCAL}|${ATOM_FIRST}${ATOM}*(?:\\.${ATOM}+)*|['\`]+)`;
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\p{M}-]*[\\p{L}\\p{N}])?';
const DOMAIN = `(?:\\[[^\\]\\s]*\\]|${LABEL}(?:\\.${LABEL})*)`;
// %40 is how Graph paths and URLs carry an address (/users/anna%40example.com/messages).
const EMAIL = `${LOCAL}(?:@|%40)${DOMAIN}`;
// "Anna Hansen <anna@example.com>": the display name goes with the address (capitalised words and name particles).
const DISPLAY_NAME = "(?:(?:\\p{Lu}[\\p{L}\\p{M}'.-]*|van|von|der|den|de|la|le|af|du|da|di|del)[ \\t]+){1,5}";
const EMAIL_PATTERN = new RegExp(`(?:${DISPLAY_NAME})?<${EMAIL}>|${EMAIL}`, 'gu');

// Kept as they are (and shielded from the phone pattern): case ids, ISO dates and instants, GUIDs.
const SAFE_TOKENS = [
  /\bDSAR-\d{4}-\d{1,9}\b/gi,
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?(?![\d])/g,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
];
// A shielded token is one private-use character (its index) while the other patterns run: no digits, no quotes.
const SHIELD_BASE = 0xe100;
const SHIELD = /[\uE100-\uF8FF]/g;

// A run of digits with the separators phone numbers are written with; the digit count decides.
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}.:/_-])(?:\+|00)?\(?\d[\d(). \u00a0-]*\d\)?(?![\p{L}\p{N}])/gu;

// A quoted value in a message (`e-mail "…" is not an e-mail address`): double, typographic or single
// quotes (a single quote only where it cannot be an apostrophe).
const QUOTED = /"([^"\n]*?)"(?![\p{L}\p{N}])|“([^”\n]*)”|„([^“”\n]*)[“”]|«([^»\n]*)»|(?<![\p{L}\p{N}])'([^\n]*?)'(?![\p{L}\p{N}])/gu;
// What a quoted value may be and still be kept: a placeholder, a shielded token, a short number, or an error
// code (ErrorItemNotFound, Request_ResourceNotFound, invalid_input) — no person is written like that.
const KEPT_QUOTED = /^(?:<(?:address|phone|text)>|[\uE100-\uF8FF]|\d{1,4}|(?:[A-Z][a-z0-9]+){2,}|[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+)$/;

function isPhone(candidate: string): boolean {
  const groups = candidate.split(/[^\d]+/).filter(Boolean);
  const digits = groups.join('').length;
  // Single digits between separators are counts ("1 2 3 4 5 6 7 8"), not a number someone dials.
  return digits >= 8 && digits <= 15 && !groups.slice(1).some((g) => g.length === 1);
}

// In /users/anna%40example.com or ?to=anna@example.com the path or query before the address stays.
function keepUrlPart(address: string): string {
  const cut = Math.max(...['/', '?', '=', '&'].map((c) => address.lastIndexOf(c, address.search(/@|%40/))));
  const local = address.slice(cut + 1);
  return cut >= 0 && !address.startsWith('"') && !address.startsWith('<') && /^[^@%]/.test(local)
    ? `${address.slice(0, cut + 1)}${ADDRESS}`
    : ADDRESS;
}

/**
 * The text with addresses, phone numbers and quoted values replaced by placeholders. `keep`: addresses
 * (lower case) that stay, the company's own role mailboxes (dpa@, support@), which name no person and tell
 * an operator which watched mailbox a line is about.
 */
export function scrub(text: string, keep: ReadonlySet<string> = NONE): string {
  let out = text
    .replace(SHIELD, '?')
    .replace(EMAIL_PATTERN, (address) => (keep.size && keep.has(address.toLowerCase()) ? address : keepUrlPart(address)));
  const shielded: string[] = [];
  for (const pattern of SAFE_TOKENS) {
    out = out.replace(pattern, (token) =>
      shielded.length < 0xf8ff - SHIELD_BASE ? String.fromCharCode(SHIELD_BASE + shielded.push(token) - 1) : token,
    );
  }
  out = out.replace(PHONE_CANDIDATE, (candidate) => (isPhone(candidate) ? PHONE : candidate));
  out = out.replace(QUOTED, (whole: string, ...rest: unknown[]) => {
    const content = (rest.slice(0, 5) as (string | undefined)[]).find((g) => g !== undefined) ?? '';
    const at = rest[5] as number;
    // A JSON key ("code":) names a field; the value after it is what can be personal.
    const isKey = (rest[6] as string)[at + whole.length] === ':';
    if (content === '' || isKey || KEPT_QUOTED.test(content)) return whole;
    return whole.replace(content, TEXT);
  });
  return out.replace(SHIELD, (mark) => shielded[mark.charCodeAt(0) - SHIELD_BASE]!);
}

const NONE: ReadonlySet<string> = new Set();
const MAX_DEPTH = 8;

/**
 * Every string in a log record scrubbed, however deep and whoever wrote the call: a copy, so the
 * caller's objects are untouched. Errors become { type, message, stack } as pino's serializer makes them.
 */
export function scrubFields(value: unknown, keep: ReadonlySet<string> = NONE, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrub(value, keep);
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    const { name, message, stack } = value;
    const code = (value as { code?: unknown }).code;
    return {
      type: name,
      message: scrub(message, keep),
      ...(stack ? { stack: scrub(stack, keep) } : {}),
      ...(code !== undefined ? { code: scrubFields(code, keep, depth + 1, seen) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => scrubFields(item, keep, depth + 1, seen));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = scrubFields(field, keep, depth + 1, seen);
  return copy;
}
