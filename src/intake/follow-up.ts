import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import type { Classification } from '../classifier/index.js';
import { parseCaseId, type Actor, type Case } from '../domain/index.js';
import { categorise, type GraphMessage } from '../graph/mail.js';
import { addIdAttachmentTasks } from './id-attachments.js';
import type { IntakeEvents } from './intake-events.js';
import type { IntakeTable, QueuedMessage } from './intake-table.js';

/**
 * Mail that belongs to a case already open: found by the case number it quotes or the thread it replies
 * on, and added to the case as a note. Both are in the sender's hands (anyone can quote a number or set
 * In-Reply-To), so a mail from someone who is not the case's person is flagged, never a silent follow-up.
 */

export interface FollowUpTarget {
  case: Case;
  via: 'case number' | 'thread';
}

export interface FollowUpDeps {
  graph: Client;
  intake: IntakeTable;
  cases: CaseService;
  events: IntakeEvents;
}

const SYSTEM: Actor = { kind: 'system', id: 'intake' };

/** Whether `address` is at one of the company's domains (or a subdomain of one). */
export function isCompanyAddress(address: string, domains: readonly string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((d) => {
    const own = d.toLowerCase().replace(/^@/, '');
    return domain === own || domain.endsWith(`.${own}`);
  });
}

/**
 * Whether the mail is from the case's requester or data subject, judged by the envelope sender Graph
 * reports: the classifier's requester (which may come from a forwarded block in the body, so the sender's
 * to write) counts only when the sender is a company address, i.e. a colleague forwarding the person's
 * mail. A colleague writing on the case is no stranger either.
 */
export function isCasePerson(
  c: Case,
  verdict: Pick<Classification, 'requester'>,
  message: GraphMessage,
  companyDomains: readonly string[],
): boolean {
  const people = new Set([c.requester.email, c.dataSubject?.email].filter(Boolean).map((e) => e!.toLowerCase()));
  const sender = message.from?.emailAddress?.address?.toLowerCase();
  if (!sender) return false;
  if (people.has(sender)) return true;
  if (!isCompanyAddress(sender, companyDomains)) return false;
  const forwarded = verdict.requester.address?.toLowerCase();
  return !forwarded || forwarded === sender || isCompanyAddress(forwarded, companyDomains) || people.has(forwarded);
}

export class FollowUps {
  constructor(private readonly deps: FollowUpDeps) {}

  /** The case the mail names by number, else the one whose message it replies to (In-Reply-To / References). */
  async target(verdict: Classification, message: GraphMessage): Promise<FollowUpTarget | undefined> {
    const ref = verdict.caseRef ? parseCaseId(verdict.caseRef) : undefined;
    if (ref) {
      try {
        return { case: await this.deps.cases.get(ref), via: 'case number' };
      } catch {
        // A case number that does not exist: fall back to the thread.
      }
    }
    const headers = message.internetMessageHeaders ?? [];
    const referenced = headers.filter((h) => /^(in-reply-to|references)$/i.test(h.name)).flatMap((h) => h.value.match(/<[^>]+>/g) ?? []);
    for (const id of referenced) {
      const found = await this.deps.cases.findBySource({ kind: 'internetMessageId', value: id });
      if (found) return { case: found, via: 'thread' };
    }
    return undefined;
  }

  /**
   * The mail as a note on the case, the case number on the mail, and the card. `stranger`: someone who is
   * not the case's person quoted its number or replied on its thread (the note and the card say so).
   * `check` runs before each side effect (it throws when another instance took the message).
   */
  async add(
    c: Case,
    message: GraphMessage,
    item: QueuedMessage,
    verdict: Classification,
    options: { newThread: boolean; stranger?: FollowUpTarget['via'] | undefined; check: () => void },
  ): Promise<string> {
    const { newThread, stranger, check } = options;
    const mark = `followup|${item.key}`;
    const possibleIdentityDocument = c.status === 'awaiting_identity' && Boolean(message.hasAttachments);
    const newRights = verdict.rights.filter((r) => !c.rights.includes(r));
    if (!(await this.deps.intake.marked(mark))) {
      const notes = [
        stranger
          ? `an e-mail from someone else (not the requester or data subject) ${stranger === 'thread' ? "replied on this case's thread" : 'quoted this case number'}; check it before you act on it or reply`
          : '',
        newThread ? 'from the same person on a new thread' : '',
        possibleIdentityDocument ? 'with attachments: possibly the identity document awaited' : '',
        newRights.length ? `it may ask for more: ${newRights.join(', ')}` : '',
      ].filter(Boolean);
      check();
      await this.deps.cases.act(
        c.id,
        { type: 'add_note', text: `Follow-up e-mail received ${message.receivedDateTime}${notes.length ? ` (${notes.join('; ')})` : ''}.` },
        SYSTEM,
      );
      await this.deps.intake.mark(mark, new Date());
    }
    // Outside the mark: a crash after the note still gets its tasks on redelivery (they are added once). Any
    // follow-up with files is looked at, not only one the case waits for: an ID copy sent unasked must go too.
    await addIdAttachmentTasks(this.deps, c, message, item.mailbox, SYSTEM, check);
    check();
    await categorise(this.deps.graph, item.mailbox, message, c.id);
    const unknownSender = Boolean(stranger);
    this.deps.events.emit('follow_up_received', {
      caseId: c.id,
      messageId: item.messageId,
      possibleIdentityDocument,
      ...(newThread ? { newThread } : {}),
      ...(newRights.length && !unknownSender ? { newRights } : {}),
      ...(unknownSender ? { unknownSender } : {}),
    });
    return `follow-up ${c.id}`;
  }
}
