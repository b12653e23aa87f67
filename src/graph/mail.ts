import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { graphStatus, isGraphMalformedId, isGraphNotFound } from './errors.js';
import { pages, type Pages } from './pages.js';
import { messagePath, userPath } from './paths.js';

/**
 * Messages in a mailbox: reading one with its MIME source, tagging it with a case number, drafting a
 * reply, and the inbox's delta pages (intake, the add-in API, the answer package).
 */

/**
 * Ids that survive moves between folders. Graph honours it on reads, delta, subscriptions and searches
 * alike, and a next or delta link needs it again on every page.
 */
export const PREFER_IMMUTABLE_IDS = 'IdType="ImmutableId"';

export interface GraphMessage {
  /** The immutable id (the request asks for immutable ids). */
  id: string;
  internetMessageId?: string;
  receivedDateTime: string;
  subject?: string;
  conversationId?: string;
  categories?: string[];
  hasAttachments?: boolean;
  /** The first 255 characters of the body as text (Graph's bodyPreview). */
  bodyPreview?: string;
  internetMessageHeaders?: { name: string; value: string }[];
  from?: { emailAddress?: { address?: string; name?: string } };
  /** Outlook on the web's link to the message. */
  webLink?: string;
}

const SELECT =
  'id,internetMessageId,receivedDateTime,subject,conversationId,categories,hasAttachments,bodyPreview,internetMessageHeaders,from,webLink';

/**
 * The message (by REST or immutable id; `id` in the answer is always the immutable one, which survives
 * moves between folders). Undefined when it does not exist or the id is malformed.
 */
export async function fetchMessage(graph: Client, mailbox: string, id: string): Promise<GraphMessage | undefined> {
  try {
    return (await graph.api(messagePath(mailbox, id)).header('Prefer', PREFER_IMMUTABLE_IDS).select(SELECT).get()) as GraphMessage;
  } catch (error) {
    if (isGraphNotFound(error) || isGraphMalformedId(error)) return undefined;
    throw error;
  }
}

/** The message and its RFC 822 source. Undefined when it does not exist. */
export async function fetchMessageWithMime(
  graph: Client,
  mailbox: string,
  id: string,
): Promise<{ message: GraphMessage; mime: Buffer } | undefined> {
  const message = await fetchMessage(graph, mailbox, id);
  if (!message) return undefined;
  try {
    return { message, mime: await messageMime(graph, mailbox, message.id) };
  } catch (error) {
    if (isGraphNotFound(error) || isGraphMalformedId(error)) return undefined;
    throw error;
  }
}

/**
 * Whether the Graph client's user can read the message: with a delegated token (on-behalf-of) Exchange
 * enforces mailbox permissions, so 200 means they can, and 403 (ErrorAccessDenied) or 404 that they cannot.
 */
export async function canReadMessage(graph: Client, mailbox: string, id: string): Promise<boolean> {
  try {
    await graph.api(messagePath(mailbox, id)).select('id').get();
    return true;
  } catch (error) {
    if (graphStatus(error) === 403 || isGraphNotFound(error) || isGraphMalformedId(error)) return false;
    throw error;
  }
}

/**
 * The largest MIME source read: Exchange Online's default maximum message size for receiving (36 MB;
 * 35 MB for sending). Only a tenant whose admin raised the limit (up to 150 MB) sees larger mail, and
 * holding 150 MB per message, four at a time, is what must not happen to the process.
 */
export const MAX_MIME_BYTES = 36 * 1024 * 1024;

/** The MIME source is over the cap: the download was stopped there. */
export class MimeTooLarge extends Error {
  override name = 'MimeTooLarge';
  constructor(readonly maxBytes: number) {
    super(`the message source is larger than ${maxBytes} bytes`);
  }
}

/** A message's RFC 822 source (/$value), streamed and stopped at `maxBytes` (MimeTooLarge). */
export async function messageMime(graph: Client, mailbox: string, id: string, maxBytes = MAX_MIME_BYTES): Promise<Buffer> {
  const stream = (await graph
    .api(`${messagePath(mailbox, id)}/$value`)
    .responseType(ResponseType.STREAM)
    .get()) as AsyncIterable<Uint8Array> | null;
  if (!stream) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Web and Node streams are both async-iterable; leaving the loop early cancels the download.
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new MimeTooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * What can be read of a message without its MIME source: its headers as Graph reports them and its body
 * as text (Graph converts HTML), as a small RFC 822 message the classifier reads like any other. The
 * attachments are left out; they are still in the mailbox.
 */
export async function messageWithoutMime(graph: Client, mailbox: string, id: string): Promise<Buffer> {
  const m = (await graph
    .api(messagePath(mailbox, id))
    .header('Prefer', `${PREFER_IMMUTABLE_IDS}, outlook.body-content-type="text"`)
    .select('internetMessageHeaders,body')
    .get()) as { internetMessageHeaders?: { name: string; value: string }[]; body?: { content?: string } };
  const skip = /^(content-type|content-transfer-encoding|mime-version)$/i;
  const headers = (m.internetMessageHeaders ?? [])
    .filter((h) => !skip.test(h.name))
    .map((h) => `${h.name}: ${h.value.replace(/[\r\n]+/g, ' ')}`);
  const body = Buffer.from(m.body?.content ?? '', 'utf8')
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    [...headers, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', body, ''].join(
      '\r\n',
    ),
  );
}

/** Puts the case number on the message as an Outlook category, keeping the ones it has. */
export async function categorise(
  graph: Client,
  mailbox: string,
  message: Pick<GraphMessage, 'id' | 'categories'>,
  caseId: string,
): Promise<void> {
  const categories = message.categories ?? [];
  if (categories.includes(caseId)) return;
  await graph.api(messagePath(mailbox, message.id)).patch({ categories: [...categories, caseId] });
}

/**
 * A reply draft to the message, with `comment` above the quoted original, left in Drafts (createReply).
 * `to` replaces the recipients: a request a colleague forwarded is answered to the person who wrote it.
 */
export async function createReplyDraft(
  graph: Client,
  mailbox: string,
  messageId: string,
  comment: string,
  to?: { address: string; name?: string | undefined },
): Promise<string> {
  const recipients = to
    ? { message: { toRecipients: [{ emailAddress: { address: to.address, ...(to.name ? { name: to.name } : {}) } }] } }
    : {};
  const draft = (await graph.api(`${messagePath(mailbox, messageId)}/createReply`).post({ comment, ...recipients })) as { id: string };
  return draft.id;
}

/**
 * A draft in the mailbox's Drafts folder on the conversation whose body holds `marker` (the case number the
 * acknowledgement names): found before a second one is made after a crash between draft and mark.
 */
export async function findReplyDraft(graph: Client, mailbox: string, conversationId: string, marker: string): Promise<string | undefined> {
  const filter = `conversationId eq '${conversationId.replace(/'/g, "''")}'`;
  const drafts = pages<{ id: string; isDraft?: boolean; body?: { content?: string } }>(
    graph,
    `${userPath(mailbox)}/mailFolders/drafts/messages?$select=id,isDraft,body&$filter=${encodeURIComponent(filter)}&$top=50`,
    { headers: { Prefer: PREFER_IMMUTABLE_IDS } },
  );
  for await (const page of drafts) {
    const found = page.value.find((d) => d.isDraft !== false && d.body?.content?.includes(marker));
    if (found) return found.id;
  }
  return undefined;
}

export interface DeltaMessage {
  id: string;
  '@removed'?: unknown;
}

const PREFER_DELTA = `${PREFER_IMMUTABLE_IDS}, odata.maxpagesize=100`;

/**
 * The inbox's changes as delta pages of ids: from `deltaLink` (the last round's) when given, else the
 * messages received since `since`. The new delta link is on the result once every page has been read.
 */
export function inboxDelta(graph: Client, mailbox: string, from: { deltaLink?: string | undefined; since: string }): Pages<DeltaMessage> {
  const start =
    from.deltaLink ??
    `${userPath(mailbox)}/mailFolders/inbox/messages/delta?$select=id&$filter=${encodeURIComponent(`receivedDateTime ge ${from.since}`)}`;
  return pages<DeltaMessage>(graph, start, { headers: { Prefer: PREFER_DELTA } });
}
