import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import { idDocumentAttachments, type Actor, type Case } from '../domain/index.js';
import { listAttachments } from '../graph/attachments.js';
import type { GraphMessage } from '../graph/mail.js';

/**
 * A task per attachment that looks like a copy of an ID (by its name, or an image/PDF the subject or text
 * says is one), to remove it from the mailbox after the check: a copy of an ID must not be kept. For the
 * request a case is opened from and for every follow-up. Only names and ids are read, never the bytes;
 * each attachment gets its task once, however often the message is processed.
 */
export async function addIdAttachmentTasks(
  deps: { graph: Client; cases: CaseService },
  c: Case,
  message: GraphMessage,
  mailbox: string,
  actor: Actor,
  check: () => void = () => undefined,
): Promise<void> {
  if (!message.hasAttachments) return;
  const attachments = await listAttachments(deps.graph, mailbox, message.id);
  const flagged = idDocumentAttachments(
    attachments.map((a) => ({ id: a.id, name: a.name, ...(a.contentType ? { contentType: a.contentType } : {}) })),
    `${message.subject ?? ''}\n${message.bodyPreview ?? ''}`,
  );
  if (!flagged.length) return;
  check();
  await deps.cases.addIdAttachmentTasks(
    c.id,
    { mailbox, messageId: message.id, attachments: flagged.map((a) => ({ id: a.id, name: a.name })) },
    actor,
  );
}
