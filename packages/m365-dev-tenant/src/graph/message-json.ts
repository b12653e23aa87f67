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
