import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { isGraphMalformedId, isGraphNotFound } from './errors.js';

/** Reading a message with its MIME source, and tagging it with a case number: intake and the add-in API. */

export interface GraphMessage {
  /** The immutable id (the request asks for immutable ids). */
  id: string;
  internetMessageId?: string;
  receivedDateTime: string;
  subject?: string;
  conversationId?: string;
  categories?: string[];
  hasAttachments?: boolean;
  internetMessageHeaders?: { name: string; value: string }[];
}

const SELECT = 'id,internetMessageId,receivedDateTime,subject,conversationId,categories,hasAttachments,internetMessageHeaders';

const messagePath = (mailbox: string, id: string) => `/users/${encodeURIComponent(mailbox)}/messages/${encodeURIComponent(id)}`;

/**
 * The message (by REST or immutable id; `id` in the answer is always the immutable one, which survives
 * moves between folders) and its RFC 822 source. Undefined when it does not exist.
 */
export async function fetchMessageWithMime(graph: Client, mailbox: string, id: string): Promise<{ message: GraphMessage; mime: Buffer } | undefined> {
  try {
    const message = (await graph.api(messagePath(mailbox, id)).header('Prefer', 'IdType="ImmutableId"').select(SELECT).get()) as GraphMessage;
    const mime = Buffer.from((await graph.api(`${messagePath(mailbox, message.id)}/$value`).responseType(ResponseType.ARRAYBUFFER).get()) as ArrayBuffer);
    return { message, mime };
  } catch (error) {
    if (isGraphNotFound(error) || isGraphMalformedId(error)) return undefined;
    throw error;
  }
}

/** Puts the case number on the message as an Outlook category, keeping the ones it has. */
export async function categorise(graph: Client, mailbox: string, message: Pick<GraphMessage, 'id' | 'categories'>, caseId: string): Promise<void> {
  const categories = message.categories ?? [];
  if (categories.includes(caseId)) return;
  await graph.api(messagePath(mailbox, message.id)).patch({ categories: [...categories, caseId] });
}
