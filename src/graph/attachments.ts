import type { Client } from '@microsoft/microsoft-graph-client';
import type { MessageAttachments } from '../app/id-attachments.js';
import { graphStatus, isGraphMalformedId, isGraphNotFound } from './errors.js';
import { PREFER_IMMUTABLE_IDS } from './mail.js';
import { messagePath } from './paths.js';

/**
 * A message's attachments: what they are (never their content) and removing one (attachment-delete, which
 * needs the application permission Mail.ReadWrite). Used for ID documents a person sent although asked
 * not to: the DPO checks the identity, then the copy leaves the mailbox (EDPB §79).
 */

export interface GraphAttachment {
  id: string;
  name: string;
  contentType?: string;
  size?: number;
  isInline?: boolean;
}

/** A message has at most a few hundred attachments; one page of this size takes them all. */
const PAGE = 200;

/**
 * The message's file attachments that are not inline images (a logo in a signature is none of the DPO's
 * business), without their bytes. Empty when the message is gone.
 */
export async function listAttachments(graph: Client, mailbox: string, messageId: string): Promise<GraphAttachment[]> {
  try {
    const page = (await graph
      .api(`${messagePath(mailbox, messageId)}/attachments`)
      .header('Prefer', PREFER_IMMUTABLE_IDS)
      .select('id,name,contentType,size,isInline')
      .top(PAGE)
      .get()) as { value: GraphAttachment[] };
    return page.value.filter((a) => !a.isInline);
  } catch (error) {
    if (isGraphNotFound(error) || isGraphMalformedId(error)) return [];
    throw error;
  }
}

/** Why Graph would not remove an attachment: its status (403: the app lacks Mail.ReadWrite; 5xx: Graph failed). */
export class AttachmentRemovalFailed extends Error {
  override name = 'AttachmentRemovalFailed';
  constructor(readonly status: number | undefined) {
    super(`Graph refused to remove the attachment (${status ?? 'no status'})`);
  }
}

/**
 * Removes one attachment from the message. `gone`: Graph has no such message or attachment any more (someone
 * removed it, or the mail was deleted), which is what was wanted. Anything else that fails throws
 * AttachmentRemovalFailed after the client's retries (429/503 are retried by its middleware).
 */
export async function removeAttachment(
  graph: Client,
  mailbox: string,
  messageId: string,
  attachmentId: string,
): Promise<'removed' | 'gone'> {
  try {
    await graph.api(`${messagePath(mailbox, messageId)}/attachments/${encodeURIComponent(attachmentId)}`).delete();
    return 'removed';
  } catch (error) {
    if (isGraphNotFound(error)) return 'gone';
    throw new AttachmentRemovalFailed(graphStatus(error));
  }
}

/** The port the ID-attachment removal uses: Graph's answer as removed, gone, or the status it failed with. */
export function graphMessageAttachments(graph: Client): MessageAttachments {
  return {
    remove: async (mailbox, messageId, attachmentId) => {
      try {
        return await removeAttachment(graph, mailbox, messageId, attachmentId);
      } catch (error) {
        if (error instanceof AttachmentRemovalFailed) return { failed: error.status };
        throw error;
      }
    },
  };
}
