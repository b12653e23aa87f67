import { compile } from 'html-to-text';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { EmailInput, Mailbox } from './types.js';
import { errorText } from '../platform/error-text.js';
import { damageIn, hasReplacementCharacters, withoutNul } from './damage.js';

/**
 * RFC 822 bytes to an EmailInput with mailparser: quoted-printable and base64 bodies, encoded-word
 * headers and any charset mailparser knows (iconv-lite) come out as text; an HTML-only body is turned
 * into text with html-to-text; messages attached as message/rfc822 are parsed too (one level deep).
 */

export class UnreadableEmailError extends Error {
  override name = 'UnreadableEmailError';
}

function mailboxes(value: AddressObject | AddressObject[] | undefined): Mailbox[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const out: Mailbox[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else out.push({ address: entry.address?.toLowerCase() || null, name: entry.name?.trim() || null });
    }
  };
  for (const item of list) walk(item.value);
  return out;
}

function headerValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(headerValue).join(', ');
  if (typeof value === 'object') {
    const v = value as { value?: unknown; text?: string; params?: Record<string, string> };
    if (typeof v.text === 'string') return v.text;
    if (v.value !== undefined) {
      const params = v.params
        ? Object.entries(v.params)
            .map(([k, p]) => `; ${k}=${p}`)
            .join('')
        : '';
      return `${headerValue(v.value)}${params}`;
    }
  }
  return String(value);
}

/** Compiled once: html-to-text's convert() compiles its options (selectors and all) on every call. */
const convertHtml = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'block' },
    { selector: 'th', format: 'block' },
    { selector: 'blockquote', format: 'blockquote' },
  ],
});

export function htmlToText(html: string): string {
  return convertHtml(html);
}

/**
 * mailparser's options: no image links, no HTML made from text, and no checksum of attachments (md5 over
 * every attachment's bytes, which the classifier never reads). keepCidLinks skips the cid: pass at the end,
 * which for a mail without HTML waits a setImmediate turn only to set `html` to false (toInput reads a
 * string or nothing).
 */
const PARSER_OPTIONS = { skipImageLinks: true, skipTextToHtml: true, checksumAlgo: false, keepCidLinks: true } as const;
const HTML_ONLY_OPTIONS = { ...PARSER_OPTIONS, skipHtmlToText: true } as const;

/**
 * mailparser's own HTML-to-text conversion (its options, compiled once): mailparser calls convert() with
 * them for every HTML part it turns into text, which compiles them again each time.
 */
const MAILPARSER_HTML_DEPTH = 1000;
const convertLikeMailparser = compile({ limits: { maxDepth: MAILPARSER_HTML_DEPTH } });

/** A single-part HTML message: its top header block has one Content-Type, and it is text/html. */
function isSinglePartHtml(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8192).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  if (end < 0) return false;
  const types = head.slice(0, end).match(/^content-type:/gim);
  return types?.length === 1 && /^content-type:[ \t]*text\/html\b/im.test(head.slice(0, end));
}

/**
 * simpleParser, except that a single-part HTML message is converted with the compiled converter: mailparser's
 * text for it is exactly convert(html) with its options. HTML that mailparser would refuse to convert (nested
 * deeper than its limit; fewer tags than that cannot be) is parsed the ordinary way.
 */
async function parseMime(bytes: Buffer): Promise<ParsedMail> {
  if (!isSinglePartHtml(bytes)) return simpleParser(bytes, PARSER_OPTIONS);
  const mail = await simpleParser(bytes, HTML_ONLY_OPTIONS);
  if (typeof mail.html !== 'string' || mail.text !== '' || tagCount(mail.html) > MAILPARSER_HTML_DEPTH)
    return simpleParser(bytes, PARSER_OPTIONS);
  mail.text = convertLikeMailparser(mail.html);
  return mail;
}

function tagCount(html: string): number {
  let n = 0;
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) n++;
  return n;
}

async function toInput(mail: ParsedMail, depth: number): Promise<EmailInput> {
  const headers: Record<string, string> = {};
  for (const line of mail.headerLines ?? []) {
    const name = line.key.toLowerCase();
    const value = line.line
      .slice(line.line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}\n${value}`;
  }
  // Decoded values (encoded words) where mailparser has them.
  for (const [name, value] of mail.headers) {
    if (['subject', 'content-language', 'auto-submitted', 'precedence', 'x-auto-response-suppress'].includes(name))
      headers[name] = headerValue(value);
  }
  const contentType = (mail.headers.get('content-type') as { value?: string } | undefined)?.value?.toLowerCase() ?? 'text/plain';
  let text = typeof mail.text === 'string' ? mail.text : '';
  if (!text.trim() && typeof mail.html === 'string' && mail.html) text = htmlToText(mail.html);
  const attachments: string[] = [];
  const attachedMessages: EmailInput[] = [];
  for (const a of mail.attachments ?? []) {
    if (a.contentType === 'message/rfc822' && depth < 1) {
      try {
        const inner = await parseMime(a.content);
        attachedMessages.push(await toInput(inner, depth + 1));
      } catch {
        // An unreadable attachment is just an attachment.
      }
    }
    if (a.filename) attachments.push(a.filename);
    else if (a.contentType === 'message/rfc822') attachments.push('forwarded message.eml');
    // A meeting invitation's calendar part usually has no name: named so the classifier sees calendar traffic.
    else if (a.contentType === 'text/calendar') attachments.push('invite.ics');
  }
  // A delivery report's human-readable part is text; the machine part is an attachment without a name.
  const from = mailboxes(mail.from)[0] ?? null;
  return {
    headers,
    subject: mail.subject ?? '',
    from,
    replyTo: mailboxes(mail.replyTo)[0] ?? null,
    to: mailboxes(mail.to)
      .map((m) => m.address)
      .filter((a): a is string => Boolean(a)),
    cc: mailboxes(mail.cc)
      .map((m) => m.address)
      .filter((a): a is string => Boolean(a)),
    contentType,
    text,
    attachments,
    attachedMessages,
  };
}

/**
 * Parses one RFC 822 message, reading what it can: NUL bytes are dropped and what could not be decoded is
 * listed in `damage`. Throws UnreadableEmailError when the bytes are not a mail at all.
 */
export async function parseEmail(source: Buffer | string): Promise<EmailInput> {
  const raw = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  if (raw.length === 0) throw new UnreadableEmailError('the input is empty');
  const { bytes, hadNul } = withoutNul(raw);
  let mail: ParsedMail;
  try {
    mail = await parseMime(bytes);
  } catch (error) {
    throw new UnreadableEmailError(`not an e-mail: ${errorText(error)}`);
  }
  const head = bytes.subarray(0, 4096).toString('latin1');
  if (!/^[!-9;-~]+[ \t]*:/m.test(head) || (!mail.from && !mail.subject && !mail.messageId && !mail.date)) {
    // NUL bytes and no headers: a binary file, not a mail with a stray NUL.
    if (hadNul) throw new UnreadableEmailError('the input is binary, not an e-mail');
    throw new UnreadableEmailError('not an e-mail: no mail headers (From, Subject, Date or Message-ID)');
  }
  const input = await toInput(mail, 0);
  const damage = [
    ...(hadNul ? ['NUL bytes'] : []),
    ...damageIn(bytes.toString('latin1')),
    ...(hasReplacementCharacters(`${input.subject}\n${input.text}`) ? ['characters not valid in their charset'] : []),
  ];
  return damage.length ? { ...input, damage } : input;
}
