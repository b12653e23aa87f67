import { hostname } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import {
  LEGAL_TIME_ZONE,
  Temporal,
  caseInputFromMail,
  isOpen,
  normaliseReading,
  usableMessageId,
  needsConfirmation,
  notFound,
  parseCaseId,
  type Actor,
  type Case,
  type MailFacts,
  type ReceiptBasis,
} from '../domain/index.js';
import type { SetAsideMail } from '../app/ports.js';
import type { Logger } from '../logging/logger.js';
import type { IntakeTable, QueuedMessage } from './intake-table.js';
import { acknowledgementText } from './acknowledgement.js';
import type { Classification, ClassifyMime } from '../classifier/index.js';
import type { IntakeEvents } from './intake-events.js';
import {
  categorise,
  createReplyDraft,
  fetchMessage,
  fetchMessageWithMime,
  findReplyDraft,
  messageMime,
  type GraphMessage,
} from '../graph/mail.js';
import { errorText } from '../platform/error-text.js';
import { DEFAULT_RETRY, PermanentFailure, isPermanent, retryDelayMs, scrubbed, type RetryPolicy } from './retry-policy.js';
import { messageKey } from './intake-table.js';

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
  /** Back-off between attempts and when a message becomes a dead letter (DEFAULT_RETRY). */
  retry?: RetryPolicy;
}

/** What an attempt learnt before it failed, for the dead letter: the message as Graph gave it. */
interface Seen {
  message?: GraphMessage;
}

/** Unusable sender addresses and the like, to be noted on the case (never logged). */
type Notes = readonly string[];

const SYSTEM: Actor = { kind: 'system', id: 'intake' };
/** The first moment of a Copenhagen calendar day, as an instant. */
const startOfLegalDay = (isoDate: string) =>
  Temporal.PlainDate.from(isoDate).toZonedDateTime({ timeZone: LEGAL_TIME_ZONE }).toInstant().toString();

/** Mail no person wrote: set aside even when it comes from someone with an open case (their out-of-office). */
const MACHINE_MAIL = new Set<string>(['auto_reply', 'bounce', 'newsletter', 'vendor_marketing', 'phishing']);
const MAILBOX_CONCURRENCY = 4;
const earliest = (a: string, b: string) => (Number.isNaN(Date.parse(a)) || Date.parse(a) > Date.parse(b) ? b : a);
const PAGE = 200;

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
        const due = await this.deps.intake.pending(PAGE);
        const results = await Promise.all(due.map((item) => limitFor(item.mailbox)(() => this.processOne(item))));
        const done = results.filter(Boolean).length;
        handled += done;
        // A full page may have more due behind it; what failed is due later, so the next page is new work.
        if (due.length >= PAGE && done > 0) this.again = true;
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
    const seen: Seen = {};
    try {
      const outcome = (await intake.isDone(item.key)) ? 'duplicate' : await this.handle(item, seen);
      await intake.complete(item, outcome, new Date());
      logger.info({ outcome, via: item.via, attempts: item.attempts }, 'intake: message processed');
      return true;
    } catch (error) {
      return this.failed(item, seen, error);
    }
  }

  /**
   * A failed attempt: tried again after its back-off, or, when retrying cannot help (a permanent failure,
   * or the attempts are used up), a dead letter the DPO sees. If even that fails the message stays queued.
   */
  private async failed(item: QueuedMessage, seen: Seen, error: unknown): Promise<boolean> {
    const { intake, logger } = this.deps;
    const policy = this.options.retry ?? DEFAULT_RETRY;
    const reason = scrubbed(errorText(error, { firstLine: true }));
    const permanent = isPermanent(error);
    if (permanent || item.attempts >= policy.maxAttempts) {
      try {
        const outcome = await this.deadLetter(item, seen, reason);
        await intake.complete(item, outcome, new Date());
        logger.warn(
          { attempts: item.attempts, permanent, err: reason },
          'intake: message could not be processed; opened as an uncertain case',
        );
        return true;
      } catch (deadError) {
        logger.error(
          { err: scrubbed(errorText(deadError, { firstLine: true })) },
          'intake: could not open the dead-letter case; will retry',
        );
      }
    }
    const next = new Date(Date.now() + retryDelayMs(policy, item.attempts));
    // If this write fails too, the claim runs out and the message is due again then: never lost.
    await intake.retryLater(item, next, reason).catch(() => undefined);
    logger.error({ err: reason, attempts: item.attempts, nextAttemptAt: next.toISOString() }, 'intake: message failed; will retry');
    return false;
  }

  /**
   * A message intake could not process: an uncertain case from what is known of it (mailbox, Graph id,
   * when it arrived or was queued, the sender as received), saying why, announced like any new case. The
   * clock of a possible request runs whether or not it could be read.
   */
  private async deadLetter(item: QueuedMessage, seen: Seen, reason: string): Promise<string> {
    const { cases, intake } = this.deps;
    const message = seen.message;
    const sender = message?.from?.emailAddress;
    const evidence = [`could not be read automatically (${item.attempts} attempts): ${reason}`];
    const { reading, notes } = normaliseReading({
      requester: { address: sender?.address ?? null, name: sender?.name ?? null },
      dataSubject: null,
      rights: [],
      language: 'und',
      intakeVerdict: { verdict: 'uncertain', evidence },
    });
    const messageId = usableMessageId(message?.internetMessageId);
    const graphId = message?.id ?? item.messageId;
    const mail: MailFacts = {
      // Never later than now: a clock ahead of ours must not make the one case that cannot fail be refused.
      receivedAt: earliest(message?.receivedDateTime ?? item.queuedAt, new Date().toISOString()),
      // A Graph id longer than a case holds is no Graph id: its hash still keeps the case to one per message.
      graphId: graphId.length <= 512 ? graphId : `sha256:${messageKey(graphId)}`,
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

  private async handle(item: QueuedMessage, seen: Seen): Promise<string> {
    const { graph, classify, cases } = this.deps;
    const message = await fetchMessage(graph, item.mailbox, item.messageId);
    // Not there, or an id Graph cannot parse: retrying will not change that, so the DPO hears of it now.
    if (!message) throw new PermanentFailure('Graph has no message with this id (404, or a malformed id)');
    // Kept for a dead letter: when it arrived and who sent it, even if its source cannot be read.
    seen.message = message;
    const mime = await messageMime(graph, item.mailbox, message.id);
    const verdict = await classify(mime);
    const messageId = usableMessageId(message.internetMessageId);
    const sourceKeys = [
      ...(messageId ? [{ kind: 'internetMessageId' as const, value: messageId }] : []),
      { kind: 'graphId' as const, value: message.id },
    ];
    for (const key of sourceKeys) {
      const known = await cases.findBySource(key);
      // Opened from this very message before (a crash after the case, or another instance): finish the rest.
      if (known)
        return this.afterOpen(known, message, item, {
          notes: normaliseReading({ ...verdict, requester: this.requesterOf(verdict, message) }).notes,
          key: item.key,
        });
    }

    const automatic = verdict.kind === 'auto_reply' || verdict.kind === 'bounce';
    // A reply on a case's thread or naming its number belongs to that case, whatever it says.
    const target = automatic ? undefined : await this.followUpTarget(verdict, message);
    // Only a case still open takes follow-ups: mail on a closed or dismissed case's thread may be a new
    // request (and a note could not be added anyway), so it is judged like any other mail below.
    let quotedOthersCase = false;
    if (target && isOpen(target.case.status)) {
      // Anyone can quote a case number: from someone not the case's person it is not a silent follow-up,
      // but a card to the DPO, or, when it is a request of its own, its own case.
      const stranger = target.via === 'case number' && !this.isCasePerson(target.case, verdict, message);
      if (!stranger) return this.followUp(target.case, message, item, verdict, false);
      const ownRequest = verdict.privacyRequest || verdict.requestOnItsOwn === true;
      if (!ownRequest) return this.followUp(target.case, message, item, verdict, false, true);
      quotedOthersCase = true;
    }
    const setAside = verdict.verdict === 'not_request' && !verdict.followUp;
    if (setAside && MACHINE_MAIL.has(verdict.kind)) return this.setAside(item, message, verdict);

    // One person, one case: anything a person with an open case writes, on any thread, goes to that case.
    // Serialised per person in this process, so two of their mails in one pass do not both open a case.
    const { reading, notes } = normaliseReading({ ...verdict, requester: this.requesterOf(verdict, message) });
    return this.onePersonAtATime(reading.requester.address ?? `message:${item.key}`, () =>
      this.route(item, message, reading, setAside, { notes, quotedOthersCase }),
    );
  }

  /** Whether the mail is from the case's requester or data subject (as sender, or as the person a colleague forwarded). */
  private isCasePerson(c: Case, verdict: Classification, message: GraphMessage): boolean {
    const people = new Set([c.requester.email, c.dataSubject?.email].filter(Boolean).map((e) => e!.toLowerCase()));
    const writers = [message.from?.emailAddress?.address, verdict.requester.address].filter(Boolean).map((a) => a!.toLowerCase());
    return writers.some((w) => people.has(w));
  }

  private async route(
    item: QueuedMessage,
    message: GraphMessage,
    verdict: Classification,
    setAside: boolean,
    context: { notes: Notes; quotedOthersCase: boolean },
  ): Promise<string> {
    const { requester } = verdict;
    const { cases } = this.deps;
    const open = requester.address ? await cases.openCasesFor({ requester: { email: requester.address } }) : [];
    // An agent naming another client makes a new case, not a note on the first; a mail that names nobody
    // ("any news?") belongs to the person's open case whoever it is about.
    const subject = (c: { name?: string | null } | null | undefined) => c?.name?.trim().toLowerCase() ?? null;
    const named = subject(verdict.dataSubject);
    const same = named ? open.filter((c) => subject(c.dataSubject) === named) : open;
    const newest = same[0];
    if (newest) return this.followUp(newest, message, item, verdict, true);
    if (setAside) return this.setAside(item, message, verdict);

    // A status question that matches no case may be a request that was never logged: the DPO decides.
    const uncertain = verdict.verdict !== 'request' || verdict.followUp;
    const evidence = context.quotedOthersCase
      ? ["asks for a right and quotes a case number that is not the sender's", ...verdict.evidence]
      : uncertain && verdict.followUp && !verdict.privacyRequest
        ? ['a status question or reminder that matches no case', ...verdict.evidence]
        : verdict.evidence;
    const mail = this.mailFacts(verdict, message, item.mailbox);
    const reading = {
      ...verdict,
      requester,
      intakeVerdict: { verdict: uncertain ? ('uncertain' as const) : ('request' as const), evidence: evidence.slice(0, 12) },
    };
    const { case: opened } = await cases.open(caseInputFromMail(mail, reading, 'email'), SYSTEM);
    return this.afterOpen(opened, message, item, { evidence, notes: context.notes, key: item.key });
  }

  /**
   * The DPO turns a message intake set aside into a case (one click on the digest): received when it
   * arrived, the DPO's decision as the confirmation, acknowledged like any other. Safe to repeat.
   */
  async openSetAside(record: SetAsideMail, actor: Actor): Promise<Case> {
    const { graph, classify, cases, intake } = this.deps;
    const fetched = await fetchMessageWithMime(graph, record.mailbox, record.messageId);
    if (!fetched) throw notFound('the message is no longer in the mailbox; open the case by hand (dsar case new)');
    const { message, mime } = fetched;
    const verdict = await classify(mime);
    const mail = this.mailFacts(verdict, message, record.mailbox);
    const { reading, notes } = normaliseReading({ ...verdict, requester: this.requesterOf(verdict, message) });
    const { case: opened, created } = await cases.open(caseInputFromMail(mail, reading, 'email'), actor);
    if (created)
      await cases.act(opened.id, { type: 'add_note', text: `Opened from a message intake had set aside (${record.kind}).` }, actor);
    await intake.setAsideCase(record.key, opened.id);
    // The DPO asked for it and gets the card in reply: no announcement to every DPO.
    await this.afterOpen(opened, message, { messageId: message.id, mailbox: record.mailbox }, { announce: false, notes, key: record.key });
    return cases.get(opened.id);
  }

  private readonly personQueue = new Map<string, Promise<unknown>>();

  /** Runs `work` after any other work for the same person in this process has finished. */
  private onePersonAtATime<T>(person: string, work: () => Promise<T>): Promise<T> {
    const before = this.personQueue.get(person) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    const settled = mine.catch(() => undefined);
    this.personQueue.set(person, settled);
    void settled.then(() => this.personQueue.get(person) === settled && this.personQueue.delete(person));
    return mine;
  }

  /** The facts a case is opened from: the message, its mailbox, and when the request reached the company. */
  private mailFacts(verdict: Classification, message: GraphMessage, mailbox: string): MailFacts {
    const receipt = this.receipt(verdict, message);
    // A Message-ID no case could hold (over 998 characters, control characters) is no key; the Graph id still is.
    const internetMessageId = usableMessageId(message.internetMessageId);
    return {
      receivedAt: receipt.receivedAt,
      graphId: message.id,
      mailbox,
      ...(internetMessageId ? { internetMessageId } : {}),
      ...(receipt.basis ? { receiptBasis: receipt.basis } : {}),
    };
  }

  /** Who asks: the classifier's reading, else (mail it could not read) the message's sender. */
  private requesterOf(verdict: Classification, message: GraphMessage): Classification['requester'] {
    if (verdict.requester.address) return verdict.requester;
    const from = message.from?.emailAddress;
    return { address: from?.address?.toLowerCase() ?? null, name: from?.name ?? verdict.requester.name };
  }

  /**
   * When the request reached the company: a forwarded request was received when the original arrived
   * (gdpr-rules §1); the forwarded block's date is the best evidence the product has, and the card shows it.
   */
  private receipt(verdict: Classification, message: GraphMessage): { receivedAt: string; basis?: ReceiptBasis } {
    const arrived = Date.parse(message.receivedDateTime);
    // "I wrote to you three weeks ago" with no case to match: received that day, from its first moment.
    const stated = verdict.statedFirstContact ? startOfLegalDay(verdict.statedFirstContact) : undefined;
    if (stated && Date.parse(stated) < arrived)
      return {
        receivedAt: stated,
        basis: {
          kind: 'stated_by_requester',
          note: `the requester says they first wrote on ${verdict.statedFirstContact}; confirm or correct it`,
        },
      };
    const original = verdict.originalSentAt ? Date.parse(verdict.originalSentAt) : Number.NaN;
    if (Number.isNaN(original) || original >= arrived) return { receivedAt: message.receivedDateTime };
    return {
      receivedAt: verdict.originalSentAt!,
      basis: { kind: 'forwarded_original', note: 'the date of the forwarded original message (correct it if it reached us later)' },
    };
  }

  /** Positively not a request: recorded with its reason, so the DPO can see what was set aside and undo it. */
  private async setAside(item: QueuedMessage, message: GraphMessage, verdict: Classification): Promise<string> {
    await this.deps.intake.setAside(item.key, {
      mailbox: item.mailbox,
      messageId: message.id,
      receivedAt: message.receivedDateTime,
      from: this.requesterOf(verdict, message),
      subject: message.subject ?? '',
      kind: verdict.kind,
      ...(message.webLink ? { webLink: message.webLink } : {}),
      reason: verdict.evidence.slice(0, 3).join('; ') || verdict.kind,
      setAsideAt: new Date().toISOString(),
    });
    return `set aside (${verdict.kind})`;
  }

  /** The steps after the case exists; each safe to repeat. */
  private async afterOpen(
    c: Case,
    message: GraphMessage,
    item: Pick<QueuedMessage, 'messageId' | 'mailbox'>,
    options: { evidence?: string[]; announce?: boolean; notes?: Notes; key?: string } = {},
  ): Promise<string> {
    const { graph, intake } = this.deps;
    const { evidence, announce = true, notes = [], key } = options;
    // What the case could not hold as read (an address as received): on the case, never in a log.
    if (notes.length && key && !(await intake.marked(`notes|${key}`))) {
      await this.deps.cases.act(c.id, { type: 'add_note', text: notes.join(' ').slice(0, 2000) }, SYSTEM);
      await intake.mark(`notes|${key}`, new Date());
    }
    await categorise(graph, item.mailbox, message, c.id);
    const ackMark = `ack|${c.id}`;
    // An uncertain case gets no draft: its wording ("we are handling it as a request") is not yet true,
    // and the acknowledgement task stays open on the card for the DPO once they confirm it.
    if (!needsConfirmation(c) && !(await intake.marked(ackMark))) {
      // A crash between the draft and its mark left the draft in Drafts: find it rather than make a second.
      const drafted = message.conversationId ? await findReplyDraft(graph, item.mailbox, message.conversationId, c.id) : undefined;
      if (!drafted) {
        // A forwarded request is acknowledged to the person who wrote it, never to the colleague who forwarded it.
        const sender = message.from?.emailAddress?.address?.toLowerCase();
        const requester = c.requester.email;
        const to = requester && requester !== sender ? { address: requester, name: c.requester.name } : undefined;
        await createReplyDraft(graph, item.mailbox, message.id, acknowledgementText(c, this.options.signature), to);
      }
      await intake.mark(ackMark, new Date());
    }
    if (announce)
      this.deps.events.emit('case_opened', { caseId: c.id, messageId: item.messageId, ...(evidence?.length ? { evidence } : {}) });
    return `case ${c.id}`;
  }

  private async followUpTarget(
    verdict: Classification,
    message: GraphMessage,
  ): Promise<{ case: Case; via: 'case number' | 'thread' } | undefined> {
    const ref = verdict.caseRef ? parseCaseId(verdict.caseRef) : undefined;
    if (ref) {
      try {
        return { case: await this.deps.cases.get(ref), via: 'case number' };
      } catch {
        // A case number that does not exist: fall back to the thread.
      }
    }
    // A reply on a case's thread: In-Reply-To / References name the message the case was opened from.
    const headers = message.internetMessageHeaders ?? [];
    const referenced = headers.filter((h) => /^(in-reply-to|references)$/i.test(h.name)).flatMap((h) => h.value.match(/<[^>]+>/g) ?? []);
    for (const id of referenced) {
      const found = await this.deps.cases.findBySource({ kind: 'internetMessageId', value: id });
      if (found) return { case: found, via: 'thread' };
    }
    return undefined;
  }

  private async followUp(
    c: Case,
    message: GraphMessage,
    item: QueuedMessage,
    verdict: Classification,
    newThread: boolean,
    unknownSender = false,
  ): Promise<string> {
    const mark = `followup|${item.key}`;
    const possibleIdentityDocument = c.status === 'awaiting_identity' && Boolean(message.hasAttachments);
    const newRights = verdict.rights.filter((r) => !c.rights.includes(r));
    if (!(await this.deps.intake.marked(mark))) {
      const notes = [
        unknownSender
          ? 'an e-mail from someone else (not the requester or data subject) quoted this case number; check it before you act on it or reply'
          : '',
        newThread ? 'from the same person on a new thread' : '',
        possibleIdentityDocument ? 'with attachments: possibly the identity document awaited' : '',
        newRights.length ? `it may ask for more: ${newRights.join(', ')}` : '',
      ].filter(Boolean);
      await this.deps.cases.act(
        c.id,
        { type: 'add_note', text: `Follow-up e-mail received ${message.receivedDateTime}${notes.length ? ` (${notes.join('; ')})` : ''}.` },
        SYSTEM,
      );
      await this.deps.intake.mark(mark, new Date());
    }
    await categorise(this.deps.graph, item.mailbox, message, c.id);
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
