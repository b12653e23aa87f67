import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { CaseService } from '../app/case-service.js';
import type { SetAsideLog } from '../app/ports.js';
import {
  RIGHTS,
  STATUS_LABEL,
  caseInputFromMail,
  extensionBinds,
  type Actor,
  type Case,
  type CaseId,
  type MailReading,
} from '../domain/index.js';
import { categorise, fetchMessageWithMime, type GraphMessage } from '../graph/mail.js';
import { classifyMime } from '../classifier/classify-mime.js';
import type { Classification } from '../classifier/types.js';

/**
 * "Log as GDPR request" from Outlook: the message is read through Graph from the user's mailbox,
 * classified like intake does, opened as a case (or the case already opened from it is returned) and
 * tagged with the case number. What the user corrected in the task pane overrides the classifier.
 */

export const overridesSchema = z
  .object({
    rights: z.array(z.enum(RIGHTS)).min(1, 'choose at least one right').max(RIGHTS.length).optional(),
    requester: z
      .object({ name: z.string().max(200).optional(), email: z.string().max(320).optional() })
      .strict()
      .optional(),
    dataSubject: z
      .object({ name: z.string().min(1).max(200) })
      .strict()
      .nullable()
      .optional(),
    language: z.enum(['da', 'en']).optional(),
  })
  .strict();

export type Overrides = z.infer<typeof overridesSchema>;

export interface CaseSummary {
  id: string;
  status: Case['status'];
  statusLabel: { da: string; en: string };
  receivedAt: string;
  due: string;
  extendedDue: string;
  extended: boolean;
  rights: Case['rights'];
  requester: Case['requester'];
  dataSubject?: { name?: string };
  /** Opens a chat with the bot about the case in Teams (when the bot is registered). */
  teamsUrl?: string;
}

export interface Reading {
  privacyRequest: boolean;
  followUp: boolean;
  caseRef: string | null;
  rights: Classification['rights'];
  requester: { name: string | null; email: string | null };
  dataSubject: { name: string | null } | null;
  language: string;
  evidence: string[];
  subject: string | null;
  verdict: Classification['verdict'];
  /** Intake set this message aside as not a request: when, as what, and why. */
  setAside?: { at: string; kind: string; reason: string };
}

export class MessageNotFound extends Error {}

/** Logging would open a second case for a person who has one open; the caller may insist (`force`). */
export class PersonHasOpenCase extends Error {
  constructor(
    readonly openCase: CaseSummary,
    receivedDate: string,
  ) {
    super(`${openCase.id} is open for this person (received ${receivedDate}): add the message to it, or log it as a new case anyway.`);
  }
}

export class CaseFromMessage {
  constructor(private readonly deps: { graph: Client; cases: CaseService; botAppId?: string; setAside?: Pick<SetAsideLog, 'find'> }) {}

  summary(c: Case): CaseSummary {
    const clock = this.deps.cases.clock(c);
    const { botAppId } = this.deps;
    return {
      id: c.id,
      status: c.status,
      statusLabel: STATUS_LABEL[c.status],
      receivedAt: c.receivedAt,
      due: clock.due,
      extendedDue: clock.deadlines.extendedDue,
      extended: extensionBinds({ deadlines: clock.deadlines, extension: c.extension }),
      rights: c.rights,
      requester: c.requester,
      ...(c.dataSubject ? { dataSubject: { ...(c.dataSubject.name ? { name: c.dataSubject.name } : {}) } } : {}),
      ...(botAppId ? { teamsUrl: `https://teams.microsoft.com/l/chat/0/0?users=28:${botAppId}&message=${encodeURIComponent(c.id)}` } : {}),
    };
  }

  private async read(mailbox: string, messageId: string): Promise<{ message: GraphMessage; verdict: Classification }> {
    const fetched = await fetchMessageWithMime(this.deps.graph, mailbox, messageId);
    if (!fetched) throw new MessageNotFound(`There is no message ${messageId} in ${mailbox}.`);
    return { message: fetched.message, verdict: await classifyMime(fetched.mime) };
  }

  private async existing(message: GraphMessage): Promise<Case | undefined> {
    const { cases } = this.deps;
    return (
      (message.internetMessageId ? await cases.findBySource({ kind: 'internetMessageId', value: message.internetMessageId }) : undefined) ??
      (await cases.findBySource({ kind: 'graphId', value: message.id }))
    );
  }

  /** For the task pane: the case logged from this message, or what the classifier reads in it. */
  async lookup(mailbox: string, messageId: string): Promise<{ logged: true; case: CaseSummary } | { logged: false; reading: Reading }> {
    const { message, verdict } = await this.read(mailbox, messageId);
    const found = await this.existing(message);
    if (found) return { logged: true, case: this.summary(found) };
    const aside = await this.deps.setAside?.find(mailbox, message.id);
    return {
      logged: false,
      reading: {
        privacyRequest: verdict.privacyRequest,
        followUp: verdict.followUp,
        caseRef: verdict.caseRef,
        rights: verdict.rights,
        requester: { name: verdict.requester.name, email: verdict.requester.address },
        dataSubject: verdict.dataSubject,
        language: verdict.language,
        evidence: verdict.evidence,
        subject: message.subject ?? null,
        verdict: verdict.verdict,
        ...(aside ? { setAside: { at: aside.setAsideAt, kind: aside.kind, reason: aside.reason } } : {}),
      },
    };
  }

  /**
   * Opens the case (idempotent per message) and tags the message. When the requester (or data subject) has
   * a case open, nothing is opened and PersonHasOpenCase says which, unless `force`.
   */
  async log(
    mailbox: string,
    messageId: string,
    overrides: Overrides,
    actor: Actor,
    { force = false }: { force?: boolean } = {},
  ): Promise<{ created: boolean; case: CaseSummary }> {
    const { message, verdict } = await this.read(mailbox, messageId);
    const known = await this.existing(message);
    if (known) {
      await categorise(this.deps.graph, mailbox, message, known.id);
      return { created: false, case: this.summary(known) };
    }
    // What the person corrected in the task pane wins over the classifier's reading; they judged it a request.
    const reading: MailReading = {
      requester: {
        name: overrides.requester?.name ?? verdict.requester.name,
        address: overrides.requester?.email ?? verdict.requester.address,
      },
      dataSubject:
        overrides.dataSubject === null ? null : overrides.dataSubject ? { name: overrides.dataSubject.name } : verdict.dataSubject,
      rights: overrides.rights ?? verdict.rights,
      language: overrides.language ?? verdict.language,
    };
    const mail = {
      receivedAt: message.receivedDateTime,
      graphId: message.id,
      mailbox,
      ...(message.internetMessageId ? { internetMessageId: message.internetMessageId } : {}),
    };
    const input = caseInputFromMail(mail, reading, 'outlook-addin');
    if (!force) {
      const [open] = await this.deps.cases.openCasesFor(input);
      if (open) throw new PersonHasOpenCase(this.summary(open), this.deps.cases.clock(open).deadlines.receivedDate);
    }
    const { case: opened, created } = await this.deps.cases.open(input, actor);
    await categorise(this.deps.graph, mailbox, message, opened.id);
    return { created, case: this.summary(opened) };
  }

  /**
   * The message belongs to a case already open ("Add to the open case"): a note on the case's timeline
   * naming the message, and the message tagged with the case number. The message does not become a
   * source of the case (sources are keyed when a case is opened, which keeps opening exactly-once).
   */
  async addToCase(mailbox: string, messageId: string, caseId: CaseId, actor: Actor): Promise<{ case: CaseSummary }> {
    const { cases, graph } = this.deps;
    const target = await cases.get(caseId);
    const { message } = await this.read(mailbox, messageId);
    const subject = (message.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, 120);
    const note =
      `Follow-up logged from Outlook (${mailbox}): ${subject ? `"${subject}", ` : ''}received ${message.receivedDateTime}` +
      (message.internetMessageId ? `, message id ${message.internetMessageId}` : '');
    const updated = await cases.act(target.id, { type: 'add_note', text: note }, actor);
    await categorise(graph, mailbox, message, target.id);
    return { case: this.summary(updated) };
  }
}
