import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import { caseInputFromMail, normaliseReading, usableMessageId, type Actor, type Case, type MailFacts } from '../domain/index.js';
import { fetchMessage, type GraphMessage } from '../graph/mail.js';
import type { Logger } from '../logging/logger.js';
import { ClaimLost } from './attempt.js';
import type { IntakeEvents } from './intake-events.js';
import { messageKey, type IntakeTable, type QueuedMessage } from './intake-table.js';
import { DEFAULT_RETRY, failureReason, isDefect, isPermanent, retryDelayMs, type RetryPolicy } from './retry-policy.js';

/**
 * What happens to a failed attempt: tried again after its back-off (for ever, for a failure that may pass,
 * with the DPOs told when a mailbox stalls), or, when retrying cannot help, a dead letter the DPO sees.
 */

/** What an attempt learnt before it failed, for the dead letter: the message as Graph gave it. */
export interface Seen {
  message?: GraphMessage;
}

export interface FailureDeps {
  /** To read a crashing message's sender and arrival (JSON only, not the MIME that may be what crashes). */
  graph?: Client;
  intake: IntakeTable;
  cases: CaseService;
  events: IntakeEvents;
  logger: Logger;
}

const DEAD_LETTER_EVIDENCE = 'could not be read automatically';
const SYSTEM: Actor = { kind: 'system', id: 'intake' };
/** How often the DPOs hear that a mailbox is still stalled (the bot sends at most one card a day of it). */
export const STALL_NOTIFY_EVERY_MS = 3 * 3600_000;
const earliest = (a: string, b: string) => (Number.isNaN(Date.parse(a)) || Date.parse(a) > Date.parse(b) ? b : a);

export class Failures {
  /** Mailboxes this process found stalled: the next success there clears the stall at once. */
  readonly stalledHere = new Set<string>();

  constructor(
    private readonly deps: FailureDeps,
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /**
   * A failed attempt. Permanent (retry-policy isPermanent): a dead letter. Anything else is tried again at
   * its back-off, without end; once the message has failed maxAttempts times its mailbox is stalled.
   * If even the dead letter fails the message stays queued. true when the message is done.
   */
  async failed(item: QueuedMessage, seen: Seen, error: unknown): Promise<boolean> {
    const { intake, logger } = this.deps;
    // Another instance has the message now and finishes it: nothing of ours to write.
    if (error instanceof ClaimLost) {
      logger.info({ attempts: item.attempts }, 'intake: claim lost to another instance; attempt stopped');
      return false;
    }
    const reason = failureReason(error);
    const permanent = isPermanent(error);
    // A defect (a TypeError in parsing, say) fails the same way every time until the code changes: after
    // maxAttempts it is a dead letter the DPO sees, not a stall card about the mailbox's access to Graph.
    const defect = !permanent && isDefect(error) && item.attempts >= this.policy.maxAttempts;
    if ((permanent || defect) && (await this.tryDeadLetter(item, seen, reason, permanent ? 'permanent' : 'defect'))) return true;
    const next = new Date(Date.now() + retryDelayMs(this.policy, item.attempts));
    // If this write fails too, the claim runs out and the message is due again then: never lost.
    await intake.retryLater(item, next, reason).catch(() => undefined);
    logger.error({ err: reason, attempts: item.attempts, nextAttemptAt: next.toISOString() }, 'intake: message failed; will retry');
    if (!permanent && !isDefect(error) && item.attempts >= this.policy.maxAttempts) await this.stalled(item).catch(() => undefined);
    return false;
  }

  /** A message whose earlier attempts took the process down (or hung) this often: a dead letter before it can again. */
  crashedTooOften(item: QueuedMessage): boolean {
    return (item.crashes ?? 0) >= (this.policy.maxCrashes ?? 3);
  }

  async crashed(item: QueuedMessage): Promise<boolean> {
    const reason = `processing this message stopped the app (${item.crashes} attempts never ended)`;
    // Its sender and receivedDateTime from Graph's JSON, so the case's clock starts at arrival, not at queueing
    // (which, after a catch-up, can be days later). If even that fails, what the queue knows.
    const { graph } = this.deps;
    const message = graph ? await fetchMessage(graph, item.mailbox, item.messageId).catch(() => undefined) : undefined;
    return this.tryDeadLetter(item, message ? { message } : {}, reason, 'crashes');
  }

  private async tryDeadLetter(item: QueuedMessage, seen: Seen, reason: string, why: 'permanent' | 'defect' | 'crashes'): Promise<boolean> {
    const { intake, logger } = this.deps;
    try {
      const outcome = await this.deadLetter(item, seen, reason);
      await intake.complete(item, outcome, new Date());
      logger.warn({ attempts: item.attempts, why, err: reason, outcome: outcome.split(' ')[0] }, 'intake: message could not be processed');
      return true;
    } catch (deadError) {
      logger.error({ err: failureReason(deadError) }, 'intake: could not open the dead-letter case; will retry');
      return false;
    }
  }

  /** The mailbox's messages keep failing: the DPOs hear of it (at most every few hours from intake). */
  private async stalled(item: QueuedMessage): Promise<void> {
    const { intake, events, logger } = this.deps;
    const now = new Date();
    this.stalledHere.add(item.mailbox);
    if (!(await intake.noteStall(item.mailbox, item.queuedAt, now, STALL_NOTIFY_EVERY_MS))) return;
    const { waiting, oldestSince } = await intake.waiting(item.mailbox);
    const since = oldestSince ?? item.queuedAt;
    logger.error({ mailbox: item.mailbox, waiting, oldestSince: since }, 'intake: mailbox stalled; messages keep failing');
    events.emit('intake_stalled', { mailbox: item.mailbox, waiting: Math.max(waiting, 1), oldestSince: since });
  }

  /**
   * A message intake could not process. If its case exists already (the failure came after it was opened:
   * the mail deleted meanwhile, say), that case gets a note and the message is done: it was read. Else an
   * uncertain case from what is known of it (mailbox, Graph id, when it arrived or was queued, the sender
   * as received), saying why, announced like any new case. The clock of a possible request runs whether or
   * not it could be read.
   */
  private async deadLetter(item: QueuedMessage, seen: Seen, reason: string): Promise<string> {
    const { cases, intake } = this.deps;
    const message = seen.message;
    const messageId = usableMessageId(message?.internetMessageId);
    const graphId = message?.id ?? item.messageId;
    const known = await this.existingCase(messageId, graphId);
    // A dead-letter case of this message from before (a crash before its completion) goes on as one.
    const earlierDeadLetter = known?.intakeVerdict?.evidence[0]?.startsWith(DEAD_LETTER_EVIDENCE);
    if (known && !earlierDeadLetter) {
      const mark = `unfinished|${item.key}`;
      if (!(await intake.marked(mark))) {
        await cases.act(known.id, { type: 'add_note', text: `Intake could not finish: ${reason}`.slice(0, 2000) }, SYSTEM);
        await intake.mark(mark, new Date());
      }
      return `case ${known.id}`;
    }
    const sender = message?.from?.emailAddress;
    const evidence = [`${DEAD_LETTER_EVIDENCE} (${item.attempts} attempts): ${reason}`];
    const { reading, notes } = normaliseReading({
      requester: { address: sender?.address ?? null, name: sender?.name ?? null },
      dataSubject: null,
      rights: [],
      language: 'und',
      intakeVerdict: { verdict: 'uncertain', evidence },
    });
    const mail: MailFacts = {
      // Never later than now: a clock ahead of ours must not make the one case that cannot fail be refused.
      receivedAt: earliest(message?.receivedDateTime ?? item.queuedAt, new Date().toISOString()),
      graphId: storableGraphId(graphId),
      mailbox: item.mailbox,
      ...(messageId ? { internetMessageId: messageId } : {}),
    };
    const { case: opened } = await cases.open(caseInputFromMail(mail, reading, 'email'), SYSTEM);
    const mark = `dead|${item.key}`;
    if (!(await intake.marked(mark))) {
      const text = [
        `Intake could not read this message automatically (${reason}). Open it in ${item.mailbox} in Outlook, then confirm or dismiss the case.`,
        ...notes,
      ].join(' ');
      await cases.act(opened.id, { type: 'add_note', text: text.slice(0, 2000) }, SYSTEM);
      await intake.mark(mark, new Date());
    }
    this.deps.events.emit('case_opened', { caseId: opened.id, messageId: item.messageId, evidence, deadLetter: true });
    return `dead letter ${opened.id}`;
  }

  /** A case already opened from this very message. */
  private async existingCase(messageId: string | undefined, graphId: string): Promise<Case | undefined> {
    const keys = [
      ...(messageId ? [{ kind: 'internetMessageId' as const, value: messageId }] : []),
      { kind: 'graphId' as const, value: storableGraphId(graphId) },
    ];
    for (const key of keys) {
      const found = await this.deps.cases.findBySource(key);
      if (found) return found;
    }
    return undefined;
  }
}

/** A Graph id longer than a case holds is no Graph id: its hash still keeps the case to one per message. */
const storableGraphId = (graphId: string) => (graphId.length <= 512 ? graphId : `sha256:${messageKey(graphId)}`);
