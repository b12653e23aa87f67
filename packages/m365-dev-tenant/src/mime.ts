import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { convert } from 'html-to-text';
import type { EmailAddress, Recipient, StoredAttachment, StoredMessage } from './model.js';
import { newGuid } from './state/ids.js';

/** RFC 822 in and out: incoming mail is parsed with mailparser, `$value` of composed mail is built with nodemailer. */

/** What a MIME message says about itself; the mailbox adds ids, folder and flags when it files it. */
export type ParsedMessage = Pick<StoredMessage, MessageContent> & {
  sentDateTime?: string;
  inReplyTo?: string | undefined;
  references: string[];
};

type MessageContent =
  | 'subject'
  | 'body'
  | 'text'
  | 'from'
  | 'sender'
  | 'toRecipients'
  | 'ccRecipients'
  | 'bccRecipients'
  | 'replyTo'
  | 'internetMessageId'
  | 'internetMessageHeaders'
  | 'importance'
  | 'attachments';

/** The content fields of a parsed message, to file it as a StoredMessage. */
export function contentOf(p: ParsedMessage): Pick<StoredMessage, MessageContent> {
  const {
    subject,
    body,
    text,
    from,
    sender,
    toRecipients,
    ccRecipients,
    bccRecipients,
    replyTo,
    internetMessageId,
    internetMessageHeaders,
    importance,
    attachments,
  } = p;
  return {
    subject,
    body,
    text,
    from,
    sender,
    toRecipients,
    ccRecipients,
    bccRecipients,
    replyTo,
    internetMessageId,
    internetMessageHeaders,
    importance,
    attachments,
  };
}

export class MimeError extends Error {}

const recipients = (value: AddressObject | AddressObject[] | undefined): Recipient[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((group) => group.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((a) => a.address)
    .map((a) => ({ emailAddress: { name: a.name || a.address!, address: a.address! } }));

export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
}

function importanceOf(parsed: ParsedMail): StoredMessage['importance'] {
  const value = String(parsed.headers.get('importance') ?? parsed.headers.get('x-priority') ?? '').toLowerCase();
  if (/high|^1|^2/.test(value)) return 'high';
  if (/low|^4|^5/.test(value)) return 'low';
  return 'normal';
}

export async function parseMime(raw: string | Buffer, receivedAt: string): Promise<ParsedMessage> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  } catch (error) {
    throw new MimeError(`not a MIME message: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed.headerLines.length === 0) throw new MimeError('not a MIME message: no headers');
  const html = typeof parsed.html === 'string' ? parsed.html : undefined;
  const text = parsed.text ?? (html ? htmlToText(html) : '');
  const from = recipients(parsed.from)[0];
  const sender = recipients(parsed.headers.get('sender') as AddressObject | undefined)[0] ?? from;
  const references = Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [];
  return {
    subject: parsed.subject ?? '',
    body: html ? { contentType: 'html', content: html } : { contentType: 'text', content: text },
    text: text.trim(),
    from,
    sender,
    toRecipients: recipients(parsed.to),
    ccRecipients: recipients(parsed.cc),
    bccRecipients: recipients(parsed.bcc),
    replyTo: recipients(parsed.replyTo),
    internetMessageId: parsed.messageId ?? `<${newGuid()}@dev-tenant.local>`,
    // Keep headers as written (unfolded; encoded words stay encoded), the way Graph's internetMessageHeaders shows them.
    internetMessageHeaders: parsed.headerLines.map((line) => {
      const colon = line.line.indexOf(':');
      return {
        name: line.line.slice(0, colon).trim(),
        value: line.line
          .slice(colon + 1)
          .replace(/\r?\n[ \t]+/g, ' ')
          .trim(),
      };
    }),
    sentDateTime: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString().replace(/\.\d{3}Z$/, 'Z') : receivedAt,
    importance: importanceOf(parsed),
    attachments: parsed.attachments.map((a) => ({
      id: attachmentId(),
      name: a.filename ?? 'attachment',
      contentType: a.contentType,
      size: a.size,
      isInline: a.contentDisposition === 'inline' && !!a.contentId,
      contentId: a.contentId?.replace(/^<|>$/g, ''),
      lastModifiedDateTime: receivedAt,
      contentBytes: a.content.toString('base64'),
    })),
    inReplyTo: parsed.inReplyTo,
    references,
  };
}

const attachmentId = () => `AAMkAGI2AttId${Buffer.from(newGuid()).toString('base64url')}=`;
export { attachmentId };

const address = (r: Recipient | undefined) => (r ? { name: r.emailAddress.name ?? '', address: r.emailAddress.address } : undefined);
const addresses = (rs: Recipient[]) => rs.map((r) => address(r)!);

/** The MIME source of a message that did not arrive as MIME (sent or drafted through the API). */
export async function composeMime(message: StoredMessage): Promise<string> {
  const composer = new MailComposer({
    from: address(message.from),
    sender: address(message.sender),
    to: addresses(message.toRecipients),
    cc: addresses(message.ccRecipients),
    bcc: addresses(message.bccRecipients),
    replyTo: addresses(message.replyTo),
    subject: message.subject,
    messageId: message.internetMessageId,
    date: new Date(message.sentDateTime),
    ...(message.body.contentType === 'html' ? { html: message.body.content, text: message.text } : { text: message.body.content }),
    attachments: message.attachments.map((a: StoredAttachment) => ({
      filename: a.name,
      contentType: a.contentType,
      content: Buffer.from(a.contentBytes, 'base64'),
      cid: a.contentId,
    })),
  });
  const built = await composer.compile().build();
  return built.toString('utf8');
}

export function bodyPreview(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

export function asEmailAddress(value: unknown): EmailAddress | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const ea = (value as { emailAddress?: { name?: unknown; address?: unknown } }).emailAddress;
  if (!ea || typeof ea.address !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(ea.address)) return undefined;
  return { name: typeof ea.name === 'string' ? ea.name : ea.address, address: ea.address };
}
