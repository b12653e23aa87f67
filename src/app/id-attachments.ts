import { isIdAttachmentTask, refused, type Actor, type Case, type CaseId } from '../domain/index.js';
import type { CaseService } from './case-service.js';

/**
 * Removing an ID document a person mailed, once the DPO has checked the identity (EDPB §79: no copy is
 * kept): the attachment leaves the message through Graph, then the task is ticked and the timeline says
 * what was removed, when and by whom. If Graph fails the task stays open and the DPO is told why.
 */

/** What Graph did: removed it, found it gone already, or could not (403: no Mail.ReadWrite; else Graph failed). */
export type AttachmentRemoval = 'removed' | 'gone' | { failed: number | undefined };

/** The mailbox side (src/graph/attachments.ts behind it, built in compose.ts). */
export interface MessageAttachments {
  remove(mailbox: string, messageId: string, attachmentId: string): Promise<AttachmentRemoval>;
}

export class IdAttachments {
  constructor(private readonly deps: { cases: CaseService; attachments: MessageAttachments }) {}

  async remove(caseId: CaseId, taskId: string, actor: Actor): Promise<{ case: Case; outcome: 'removed' | 'gone' }> {
    const c = await this.deps.cases.get(caseId);
    const task = c.tasks.find((t) => t.id === taskId);
    if (!task || !isIdAttachmentTask(task))
      throw refused(`${caseId} has no ID attachment task "${taskId}"`, `${caseId} har ingen opgave om at slette en vedhæftning.`);
    if (task.done)
      throw refused(
        `${caseId}: the attachment is already recorded as removed`,
        `Vedhæftningen på ${caseId} er allerede registreret som slettet.`,
      );
    const { mailbox, messageId, attachmentId } = task.attachment!;
    const result = await this.deps.attachments.remove(mailbox, messageId, attachmentId);
    if (typeof result === 'object') throw removalFailed(result.failed);
    const updated = await this.deps.cases.act(caseId, { type: 'record_attachment_removed', taskId, outcome: result }, actor);
    return { case: updated, outcome: result };
  }
}

function removalFailed(status: number | undefined) {
  if (status === 403 || status === 401)
    return refused(
      `Microsoft 365 refused to remove the attachment (${status}): the app needs the application permission Mail.ReadWrite. Ask an administrator to grant it, or remove the attachment in Outlook and click again`,
      `Microsoft 365 afviste at slette vedhæftningen (${status}): appen mangler tilladelsen Mail.ReadWrite. Bed en administrator om at give den, eller slet vedhæftningen i Outlook og klik igen.`,
    );
  return refused(
    `Microsoft 365 did not remove the attachment (${status ?? 'no answer'}); it is still in the mailbox and the task is open. Try again in a while`,
    `Microsoft 365 slettede ikke vedhæftningen (${status ?? 'intet svar'}); den ligger stadig i postkassen, og opgaven er åben. Prøv igen om lidt.`,
  );
}
