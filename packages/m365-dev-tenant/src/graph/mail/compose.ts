import { asEmailAddress, attachmentId, contentOf, htmlToText, MimeError, parseMime, type ParsedMessage } from '../../mime.js';
import { GraphErrors } from '../../errors.js';
import { json, jsonBody, type DevResponse } from '../../http/kit.js';
import type { DevUser, Recipient, StoredAttachment, StoredMessage } from '../../model.js';
import { newConversationId, newGuid } from '../../state/ids.js';
import { MAIL_SEND, MAIL_WRITE, route, type Route, type RouteContext } from '../context.js';
import { contextUrl } from '../odata.js';
import { mailboxOf, messageOf, render, renderOptions, userSegment } from './shared.js';

/** Writing mail: PATCH, drafts, createReply, send and sendMail (delivered to mailboxes inside the tenant). */

const U = '(?<user>[^/]+)';
const M = '(?<id>[^/]+)';
const ALWAYS_WRITABLE = ['categories', 'isRead', 'flag', 'importance', 'inferenceClassification'];
const DRAFT_WRITABLE = ['subject', 'body', 'toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo', 'from', 'sender'];
/** Only given when a message is created (POST /messages, sendMail), as in the documented examples. */
const CREATE_ONLY = ['attachments', 'internetMessageHeaders'];

function recipients(value: unknown, field: string): Recipient[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw GraphErrors.recipientsNotACollection(field);
  return value.map((r) => {
    const emailAddress = asEmailAddress(r);
    if (!emailAddress) throw GraphErrors.noRecipients();
    return { emailAddress };
  });
}

function bodyOf(value: unknown): StoredMessage['body'] {
  if (value === undefined) return { contentType: 'text', content: '' };
  const b = value as { contentType?: unknown; content?: unknown };
  if (!b || typeof b !== 'object' || typeof b.content !== 'string') throw GraphErrors.invalidProperty('body');
  return { contentType: String(b.contentType ?? 'text').toLowerCase() === 'html' ? 'html' : 'text', content: b.content };
}

const textOf = (body: StoredMessage['body']) => (body.contentType === 'html' ? htmlToText(body.content) : body.content).trim();

/** fileAttachments given inline with a new message: `{"@odata.type":"#microsoft.graph.fileAttachment", name, contentType, contentBytes}`. */
function attachmentsOf(value: unknown, now: string): StoredAttachment[] {
  if (!Array.isArray(value)) throw GraphErrors.invalidProperty('attachments');
  return value.map((raw) => {
    const a = (raw ?? {}) as Record<string, unknown>;
    if (a['@odata.type'] !== '#microsoft.graph.fileAttachment' && a['@odata.type'] !== 'microsoft.graph.fileAttachment') {
      throw GraphErrors.invalidProperty('attachmentType');
    }
    if (typeof a.name !== 'string' || typeof a.contentBytes !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(a.contentBytes)) {
      throw GraphErrors.invalidProperty('attachmentContent');
    }
    const bytes = Buffer.from(a.contentBytes, 'base64');
    return {
      id: attachmentId(),
      name: a.name,
      contentType: typeof a.contentType === 'string' ? a.contentType : 'application/octet-stream',
      size: bytes.length,
      isInline: a.isInline === true,
      contentId: typeof a.contentId === 'string' ? a.contentId : undefined,
      lastModifiedDateTime: now,
      contentBytes: bytes.toString('base64'),
    };
  });
}

/** Custom headers on a new message; Exchange accepts only x- headers here. */
function headersOf(value: unknown): StoredMessage['internetMessageHeaders'] {
  if (!Array.isArray(value) || !value.every((h) => h && typeof h.name === 'string' && typeof h.value === 'string')) {
    throw GraphErrors.invalidProperty('internetMessageHeaders');
  }
  return value.map((h: { name: string; value: string }) => {
    if (!/^x-/i.test(h.name)) throw GraphErrors.headerName(h.name);
    return { name: h.name, value: h.value };
  });
}

function patchFields(input: Record<string, unknown>, draft: boolean, now: string, creating = false): Partial<StoredMessage> {
  const patch: Partial<StoredMessage> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith('@odata.')) continue;
    if (creating && CREATE_ONLY.includes(key)) {
      if (key === 'attachments') patch.attachments = attachmentsOf(value, now);
      else patch.internetMessageHeaders = headersOf(value);
      continue;
    }
    if (!ALWAYS_WRITABLE.includes(key) && !(draft && DRAFT_WRITABLE.includes(key))) {
      throw DRAFT_WRITABLE.includes(key) ? GraphErrors.draftOnlyProperty(key) : GraphErrors.readOnlyProperty(key);
    }
    switch (key) {
      case 'categories':
        if (!Array.isArray(value) || !value.every((c) => typeof c === 'string')) throw GraphErrors.invalidProperty('categories');
        patch.categories = value as string[];
        break;
      case 'isRead':
        if (typeof value !== 'boolean') throw GraphErrors.invalidProperty('isRead');
        patch.isRead = value;
        break;
      case 'flag': {
        const status = (value as { flagStatus?: unknown } | null)?.flagStatus;
        if (status !== 'notFlagged' && status !== 'flagged' && status !== 'complete') throw GraphErrors.invalidProperty('flag');
        patch.flag = { flagStatus: status };
        break;
      }
      case 'importance':
        if (value !== 'low' && value !== 'normal' && value !== 'high') throw GraphErrors.invalidProperty('importance');
        patch.importance = value;
        break;
      case 'inferenceClassification':
        if (value !== 'focused' && value !== 'other') throw GraphErrors.invalidProperty('inferenceClassification');
        patch.inferenceClassification = value;
        break;
      case 'subject':
        patch.subject = String(value ?? '');
        break;
      case 'body':
        patch.body = bodyOf(value);
        patch.text = textOf(patch.body);
        break;
      default: {
        const list = recipients(key === 'from' || key === 'sender' ? [value] : value, key);
        if (key === 'from' || key === 'sender') patch[key] = list[0];
        else (patch as Record<string, unknown>)[key] = list;
      }
    }
  }
  return patch;
}

function entity(ctx: RouteContext, message: StoredMessage, status: number): DevResponse {
  const options = renderOptions(ctx.req, ctx);
  return json(
    status,
    { '@odata.context': `${contextUrl(ctx.req, `users('${userSegment(ctx)}')/messages`)}/$entity`, ...render(message, options) },
    options.applied,
  );
}

function newDraft(ctx: RouteContext, fields: Partial<StoredMessage>): StoredMessage {
  const { tenant } = ctx.services;
  const mailbox = mailboxOf(ctx);
  const now = tenant.nowIso();
  const me: Recipient = { emailAddress: { name: ctx.user.displayName, address: ctx.user.mail } };
  const body = fields.body ?? { contentType: 'text' as const, content: '' };
  return tenant.mail.add(mailbox, tenant.mail.wellKnown(mailbox, 'drafts'), {
    createdDateTime: now,
    lastModifiedDateTime: now,
    receivedDateTime: now,
    sentDateTime: now,
    subject: fields.subject ?? '',
    body,
    text: fields.text ?? textOf(body),
    from: fields.from ?? me,
    sender: fields.sender ?? fields.from ?? me,
    toRecipients: fields.toRecipients ?? [],
    ccRecipients: fields.ccRecipients ?? [],
    bccRecipients: fields.bccRecipients ?? [],
    replyTo: fields.replyTo ?? [],
    internetMessageId: fields.internetMessageId ?? `<${newGuid().toUpperCase()}@${ctx.services.tenant.domain}>`,
    internetMessageHeaders: fields.internetMessageHeaders ?? [],
    conversationId: fields.conversationId ?? newConversationId(newGuid()),
    importance: fields.importance ?? 'normal',
    isRead: true,
    isDraft: true,
    categories: fields.categories ?? [],
    flag: { flagStatus: 'notFlagged' },
    inferenceClassification: 'focused',
    attachments: fields.attachments ?? [],
    mime: fields.mime,
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function createReply(ctx: RouteContext) {
  const mailbox = mailboxOf(ctx);
  const original = messageOf(ctx, mailbox, ctx.params.id!);
  const input = jsonBody(ctx.req);
  const comment = typeof input.comment === 'string' ? input.comment : '';
  // Documented: giving both a comment and message.body is a 400.
  if (comment && input.message && typeof input.message === 'object' && 'body' in input.message) {
    throw GraphErrors.commentAndBody();
  }
  const overrides =
    input.message && typeof input.message === 'object'
      ? patchFields(input.message as Record<string, unknown>, true, ctx.services.tenant.nowIso())
      : {};
  const to = original.replyTo.length ? original.replyTo : original.from ? [original.from] : [];
  const quoted =
    `<hr><div><b>From:</b> ${escapeHtml(original.from?.emailAddress.name ?? '')} &lt;${escapeHtml(original.from?.emailAddress.address ?? '')}&gt;<br>` +
    `<b>Sent:</b> ${new Date(original.sentDateTime).toUTCString()}<br><b>To:</b> ${original.toRecipients.map((r) => escapeHtml(r.emailAddress.address)).join('; ')}<br>` +
    `<b>Subject:</b> ${escapeHtml(original.subject)}</div><div>${original.body.contentType === 'html' ? original.body.content : `<pre>${escapeHtml(original.body.content)}</pre>`}</div>`;
  const body = { contentType: 'html' as const, content: `<html><body><div>${escapeHtml(comment)}</div>${quoted}</body></html>` };
  const draft = newDraft(ctx, {
    subject: /^re:/i.test(original.subject) ? original.subject : `RE: ${original.subject}`,
    toRecipients: to,
    body,
    text: textOf(body),
    conversationId: original.conversationId,
    internetMessageHeaders: [
      { name: 'In-Reply-To', value: original.internetMessageId },
      { name: 'References', value: original.internetMessageId },
    ],
    ...overrides,
  });
  return entity(ctx, draft, 201);
}

/** Delivers a sent message: copies land in the inboxes of tenant recipients; the rest go to the outbox log. */
function deliver(ctx: RouteContext, sender: DevUser, message: StoredMessage): void {
  const { tenant } = ctx.services;
  const now = tenant.nowIso();
  const all = [...message.toRecipients, ...message.ccRecipients, ...message.bccRecipients];
  const external: string[] = [];
  for (const r of all) {
    const recipient = tenant.userByAddress(r.emailAddress.address);
    if (!recipient) {
      external.push(r.emailAddress.address);
      continue;
    }
    tenant.fileMessage(
      recipient,
      'inbox',
      {
        subject: message.subject,
        body: message.body,
        text: message.text,
        from: message.from,
        sender: message.sender,
        toRecipients: message.toRecipients,
        ccRecipients: message.ccRecipients,
        // Recipients never see the Bcc list.
        bccRecipients: [],
        replyTo: message.replyTo,
        internetMessageId: message.internetMessageId,
        internetMessageHeaders: message.internetMessageHeaders,
        sentDateTime: now,
        importance: message.importance,
        attachments: message.attachments,
        references: [],
      },
      { receivedAt: now },
    );
  }
  if (external.length) {
    tenant.recordOutbound({
      from: sender.mail,
      to: external,
      subject: message.subject,
      internetMessageId: message.internetMessageId,
      sentDateTime: now,
    });
  }
}

/**
 * sendMail with `Content-Type: text/plain`: the body is the base64 of an RFC 822 message (documented). The
 * sender is the mailbox's owner whatever the From header says; the source is kept for $value.
 */
async function sendMime(ctx: RouteContext) {
  const { tenant } = ctx.services;
  const text = ctx.req.body.toString('latin1').replace(/\s+/g, '');
  if (!text || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw GraphErrors.mimeBase64();
  }
  const source = Buffer.from(text, 'base64');
  let parsed: ParsedMessage;
  try {
    parsed = await parseMime(source, tenant.nowIso());
  } catch (error) {
    if (error instanceof MimeError) throw GraphErrors.mimeInvalid();
    throw error;
  }
  if (!(parsed.toRecipients.length || parsed.ccRecipients.length || parsed.bccRecipients.length)) {
    throw GraphErrors.noRecipients();
  }
  const me: Recipient = { emailAddress: { name: ctx.user.displayName, address: ctx.user.mail } };
  const draft = newDraft(ctx, { ...contentOf(parsed), from: me, sender: me, mime: source.toString('utf8') });
  send(ctx, draft, true);
  return { status: 202 };
}

function sendMail(ctx: RouteContext) {
  if (/^text\/plain\b/i.test(ctx.req.headers['content-type'] ?? '')) return sendMime(ctx);
  const input = jsonBody(ctx.req);
  if (!input.message || typeof input.message !== 'object') throw GraphErrors.messageMissing();
  const fields = patchFields(input.message as Record<string, unknown>, true, ctx.services.tenant.nowIso(), true);
  if (!(fields.toRecipients?.length || fields.ccRecipients?.length || fields.bccRecipients?.length)) {
    throw GraphErrors.noRecipients();
  }
  // Default true; the documented example sends it as the string "false".
  const save =
    input.saveToSentItems === undefined || input.saveToSentItems === null ? true : String(input.saveToSentItems).toLowerCase() !== 'false';
  const draft = newDraft(ctx, fields);
  send(ctx, draft, save);
  return { status: 202 };
}

function send(ctx: RouteContext, draft: StoredMessage, save: boolean): void {
  const { tenant } = ctx.services;
  const mailbox = mailboxOf(ctx);
  const now = tenant.nowIso();
  tenant.mail.update(mailbox, draft, { isDraft: false, sentDateTime: now, receivedDateTime: now }, now);
  deliver(ctx, ctx.user, draft);
  if (save) tenant.mail.move(mailbox, draft, tenant.mail.wellKnown(mailbox, 'sentitems'), now);
  else tenant.mail.remove(mailbox, draft);
}

export const composeRoutes: Route[] = [
  route(
    'PATCH',
    new RegExp(`^/users/${U}/messages/${M}$`),
    MAIL_WRITE,
    (ctx) => {
      const mailbox = mailboxOf(ctx);
      const message = messageOf(ctx, mailbox, ctx.params.id!);
      const patch = patchFields(jsonBody(ctx.req), message.isDraft, ctx.services.tenant.nowIso());
      ctx.services.tenant.mail.update(mailbox, message, patch, ctx.services.tenant.nowIso());
      return entity(ctx, message, 200);
    },
    'outlook',
  ),
  route(
    'POST',
    new RegExp(`^/users/${U}/messages$`),
    MAIL_WRITE,
    (ctx) => entity(ctx, newDraft(ctx, patchFields(jsonBody(ctx.req), true, ctx.services.tenant.nowIso(), true)), 201),
    'outlook',
  ),
  route('POST', new RegExp(`^/users/${U}/messages/${M}/createReply$`), MAIL_WRITE, createReply, 'outlook'),
  route(
    'POST',
    new RegExp(`^/users/${U}/messages/${M}/send$`),
    MAIL_SEND,
    (ctx) => {
      const message = messageOf(ctx, mailboxOf(ctx), ctx.params.id!);
      if (!message.isDraft) throw GraphErrors.notADraft();
      if (!(message.toRecipients.length || message.ccRecipients.length || message.bccRecipients.length)) {
        throw GraphErrors.noRecipients();
      }
      send(ctx, message, true);
      return { status: 202 };
    },
    'outlook',
  ),
  route('POST', new RegExp(`^/users/${U}/sendMail$`), MAIL_SEND, sendMail, 'outlook'),
];
