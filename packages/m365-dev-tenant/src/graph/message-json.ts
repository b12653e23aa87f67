import type { Message, FileAttachment } from '@microsoft/microsoft-graph-types';
import { bodyPreview, htmlToText } from '../mime.js';
import type { StoredAttachment, StoredMessage } from '../model.js';

/** A stored message as Graph's `message` resource. */

export const MESSAGE_PROPERTIES = [
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'internetMessageId',
  'subject',
  'bodyPreview',
  'importance',
  'parentFolderId',
  'conversationId',
  'conversationIndex',
  'isDeliveryReceiptRequested',
  'isReadReceiptRequested',
  'isRead',
  'isDraft',
  'webLink',
  'inferenceClassification',
  'body',
  'uniqueBody',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'flag',
  'internetMessageHeaders',
] as const;

export interface RenderOptions {
  immutableIds: boolean;
  textBody: boolean;
  webBase: string;
}

export const messageId = (m: StoredMessage, immutable: boolean) => (immutable ? m.immutableId : m.id);

export function messageJson(m: StoredMessage, options: RenderOptions, withHeaders = false): Message & Record<string, unknown> {
  const body =
    options.textBody && m.body.contentType === 'html'
      ? { contentType: 'text' as const, content: m.text || htmlToText(m.body.content) }
      : m.body;
  const id = messageId(m, options.immutableIds);
  const json: Message & Record<string, unknown> = {
    '@odata.etag': `W/"${m.changeKey}"`,
    id,
    createdDateTime: m.createdDateTime,
    lastModifiedDateTime: m.lastModifiedDateTime,
    changeKey: m.changeKey,
    categories: m.categories,
    receivedDateTime: m.receivedDateTime,
    sentDateTime: m.sentDateTime,
    hasAttachments: m.attachments.some((a) => !a.isInline),
    internetMessageId: m.internetMessageId,
    subject: m.subject,
    bodyPreview: bodyPreview(m.text),
    importance: m.importance,
    parentFolderId: m.folderId,
    conversationId: m.conversationId,
    conversationIndex: Buffer.from(m.conversationId.slice(8, 30)).toString('base64'),
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: m.isRead,
    isDraft: m.isDraft,
    webLink: `${options.webBase}?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: m.inferenceClassification,
    body,
    ...(m.sender ? { sender: m.sender } : {}),
    ...(m.from ? { from: m.from } : {}),
    toRecipients: m.toRecipients,
    ccRecipients: m.ccRecipients,
    bccRecipients: m.bccRecipients,
    replyTo: m.replyTo,
    flag: m.flag,
  };
  if (withHeaders) {
    json.internetMessageHeaders = m.internetMessageHeaders;
    json.uniqueBody = body;
  }
  return json;
}

/** What messageJson copies straight from the stored message: read as asked, without rendering the rest. */
const DIRECT: Record<string, (m: StoredMessage, options: RenderOptions) => unknown> = {
  id: (m, o) => messageId(m, o.immutableIds),
  createdDateTime: (m) => m.createdDateTime,
  lastModifiedDateTime: (m) => m.lastModifiedDateTime,
  changeKey: (m) => m.changeKey,
  categories: (m) => m.categories,
  receivedDateTime: (m) => m.receivedDateTime,
  sentDateTime: (m) => m.sentDateTime,
  internetMessageId: (m) => m.internetMessageId,
  subject: (m) => m.subject,
  importance: (m) => m.importance,
  parentFolderId: (m) => m.folderId,
  conversationId: (m) => m.conversationId,
  isRead: (m) => m.isRead,
  isDraft: (m) => m.isDraft,
  inferenceClassification: (m) => m.inferenceClassification,
  // Left out when absent, as messageJson does.
  sender: (m) => m.sender || undefined,
  from: (m) => m.from || undefined,
  toRecipients: (m) => m.toRecipients,
  ccRecipients: (m) => m.ccRecipients,
  bccRecipients: (m) => m.bccRecipients,
  replyTo: (m) => m.replyTo,
  flag: (m) => m.flag,
};

/**
 * The message as messageJson renders it, for $filter and $orderby to read: a property copied from the stored
 * message is read as asked, any other renders the whole message (once). Filtering a folder by
 * conversationId, or sorting it by date, then renders none of the messages it passes over (a findReplyDraft
 * rendered every draft of the mailbox, twice, per request).
 */
export function messageView(m: StoredMessage, options: RenderOptions, withHeaders = false): Record<string, unknown> {
  let full: Record<string, unknown> | undefined;
  return new Proxy(
    {},
    {
      get(_target, property) {
        if (typeof property !== 'string') return undefined;
        if (Object.hasOwn(DIRECT, property)) return DIRECT[property]!(m, options);
        full ??= messageJson(m, options, withHeaders);
        return full[property];
      },
    },
  );
}

export function attachmentJson(a: StoredAttachment, withContent = true): FileAttachment & Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.fileAttachment',
    '@odata.mediaContentType': a.contentType,
    id: a.id,
    lastModifiedDateTime: a.lastModifiedDateTime,
    name: a.name,
    contentType: a.contentType,
    size: a.size,
    isInline: a.isInline,
    contentId: a.contentId ?? null,
    contentLocation: null,
    ...(withContent ? { contentBytes: a.contentBytes } : {}),
  };
}
