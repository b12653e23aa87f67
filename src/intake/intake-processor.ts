import { hostname } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import { caseInputFromMail, parseCaseId, type Actor, type Case } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import type { IntakeTable, QueuedMessage } from './intake-table.js';
import { acknowledgementText } from './acknowledgement.js';
import type { Classification, ClassifyMime } from '../classifier/index.js';
import type { IntakeEvents } from './intake-events.js';
import { categorise, createReplyDraft, fetchMessageWithMime, type GraphMessage } from '../graph/mail.js';
import { errorText } from '../platform/error-text.js';

/**
 * Works through the persisted intake queue: fetches each message through Graph (never trusting the
 * notification), classifies it, and opens a case, adds a follow-up to one, or records it as seen. Every
 * step is idempotent (cases by message id, categories merged, the acknowledgement draft marked), so a
 * duplicate notification, delta overlap, two instances or a crash between steps still give one case.
 */

export interface ProcessorOptions {
  /** Who signs the acknowledgement (the controller's name in the register). */
  signature: string;
  /** How long one instance holds a message it works on. */
  claimMs?: number;
  instance?: string;
}

const SYSTEM: Actor = { kind: 'system', id: 'intake' };
const MAILBOX_CONCURRENCY = 4;

export class IntakeProcessor {
  private readonly instance: string;
  private running?: Promise<number> | undefined;
  private again = false;

  constructor(
    private readonly deps: {
      graph: Client;
      intake: IntakeTable;
      cases: CaseService;
      classify: ClassifyMime;
      events: IntakeEvents;
      logger: Logger;
    },
    private readonly options: ProcessorOptions,
  ) {
    this.instance = options.instance ?? `${hostname()}:${process.pid}`;
  }

  /** Processes what is queued; concurrent calls coalesce into one more pass. Resolves with how many were handled. */
  drain(): Promise<number> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let handled = 0;
      do {
        this.again = false;
        // Four at a time per mailbox: Outlook allows four concurrent requests per app and mailbox.
        const limits = new Map<string, LimitFunction>();
        const limitFor = (mailbox: string) => limits.get(mailbox) ?? limits.set(mailbox, pLimit(MAILBOX_CONCURRENCY)).get(mailbox)!;
        const results = await Promise.all(
          (await this.deps.intake.pending(200)).map((item) => limitFor(item.mailbox)(() => this.processOne(item))),
        );
        handled += results.filter(Boolean).length;
      } while (this.again);
      return handled;
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Waits for a pass in progress (shutdown), without starting another. */
  async idle(): Promise<void> {
    this.again = false;
    await this.running?.catch(() => 0);
  }

  private async processOne(queued: QueuedMessage): Promise<boolean> {
    const { intake, logger } = this.deps;
    // Short enough that a crashed instance's message is picked up again within a minute.
    const item = await intake.claim(queued, this.instance, this.options.claimMs ?? 30_000, new Date());
    if (!item) return false;
    try {
      const outcome = (await intake.isDone(item.key)) ? 'duplicate' : await this.handle(item);
      await intake.complete(item, outcome, new Date());
      logger.info({ outcome, via: item.via, attempts: item.attempts }, 'intake: message processed');
      return true;
    } catch (error) {
      await intake.release(item).catch(() => undefined);
      logger.error({ err: errorText(error, { firstLine: true }), attempts: item.attempts }, 'intake: message failed; will retry');
      return false;
    }
  }

  private async handle(item: QueuedMessage): Promise<string> {
    const { graph, classify, cases } = this.deps;
    const fetched = await fetchMessageWithMime(graph, item.mailbox, item.messageId);
    if (!fetched) return 'gone';
    const { message, mime } = fetched;
    const sourceKeys = [
      ...(message.internetMessageId ? [{ kind: 'internetMessageId' as const, value: message.internetMessageId }] : []),
      { kind: 'graphId' as const, value: message.id },
    ];
    for (const key of sourceKeys) {
      const known = await cases.findBySource(key);
      // Opened from this very message before (a crash after the case, or another instance): finish the rest.
      if (known) return this.afterOpen(known, message, item);
    }

    const verdict = await classify(mime);
    if (verdict.followUp || verdict.caseRef) {
      const target = await this.followUpTarget(verdict, message);
      if (target) return this.followUp(target, message, item);
      if (!verdict.privacyRequest) {
        return 'follow-up-unmatched';
      }
    }
    if (!verdict.privacyRequest) return 'not-request';

    const mail = {
      receivedAt: message.receivedDateTime,
      graphId: message.id,
      mailbox: item.mailbox,
      ...(message.internetMessageId ? { internetMessageId: message.internetMessageId } : {}),
    };
    const { case: opened } = await cases.open(caseInputFromMail(mail, verdict, 'email'), SYSTEM);
    return this.afterOpen(opened, message, item, verdict.evidence);
  }

  /** The steps after the case exists; each safe to repeat. */
  private async afterOpen(c: Case, message: GraphMessage, item: QueuedMessage, evidence?: string[]): Promise<string> {
    await categorise(this.deps.graph, item.mailbox, message, c.id);
    const ackMark = `ack|${c.id}`;
    if (!(await this.deps.intake.marked(ackMark))) {
      await createReplyDraft(this.deps.graph, item.mailbox, message.id, acknowledgementText(c, this.options.signature));
      await this.deps.intake.mark(ackMark, new Date());
    }
    this.deps.events.emit('case_opened', { caseId: c.id, messageId: item.messageId, ...(evidence?.length ? { evidence } : {}) });
    return `case ${c.id}`;
  }

  private async followUpTarget(verdict: Classification, message: GraphMessage): Promise<Case | undefined> {
    const ref = verdict.caseRef ? parseCaseId(verdict.caseRef) : undefined;
    if (ref) {
      try {
        return await this.deps.cases.get(ref);
      } catch {
        // A case number that does not exist: fall back to the thread.
      }
    }
    // A reply on a case's thread: In-Reply-To / References name the message the case was opened from.
    const headers = message.internetMessageHeaders ?? [];
    const referenced = headers.filter((h) => /^(in-reply-to|references)$/i.test(h.name)).flatMap((h) => h.value.match(/<[^>]+>/g) ?? []);
    for (const id of referenced) {
      const found = await this.deps.cases.findBySource({ kind: 'internetMessageId', value: id });
      if (found) return found;
    }
    return undefined;
  }

  private async followUp(c: Case, message: GraphMessage, item: QueuedMessage): Promise<string> {
    const mark = `followup|${item.key}`;
    const possibleIdentityDocument = c.status === 'awaiting_identity' && Boolean(message.hasAttachments);
    if (!(await this.deps.intake.marked(mark))) {
      await this.deps.cases.act(
        c.id,
        {
          type: 'add_note',
          text: `Follow-up e-mail received ${message.receivedDateTime}${possibleIdentityDocument ? ' with attachments: possibly the identity document awaited' : ''}.`,
        },
        SYSTEM,
      );
      await this.deps.intake.mark(mark, new Date());
    }
    await categorise(this.deps.graph, item.mailbox, message, c.id);
    this.deps.events.emit('follow_up_received', { caseId: c.id, messageId: item.messageId, possibleIdentityDocument });
    return `follow-up ${c.id}`;
  }
}
