import { hostname } from 'node:os';
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
  type Actor,
  type Case,
  type MailFacts,
  type ReceiptBasis,
} from '../domain/index.js';
import type { SetAsideMail } from '../app/ports.js';
import type { Logger } from '../logging/logger.js';
import type { IntakeTable, QueuedMessage } from './intake-table.js';
import { acknowledgementText } from './acknowledgement.js';
import { DEFAULT_PROFILE, type Classification, type ClassifyMime } from '../classifier/index.js';
import type { IntakeEvents } from './intake-events.js';
import {
  categorise,
  createReplyDraft,
  fetchMessage,
  fetchMessageWithMime,
  findReplyDraft,
  MAX_MIME_BYTES,
  MimeTooLarge,
  messageMime,
  messageWithoutMime,
  type GraphMessage,
} from '../graph/mail.js';
import { DEFAULT_RETRY, PermanentFailure, type RetryPolicy } from './retry-policy.js';
import { Attempt } from './attempt.js';
import { Failures, type Seen } from './dead-letter.js';
import { FollowUps, isCasePerson, type FollowUpTarget } from './follow-up.js';
import { addIdAttachmentTasks } from './id-attachments.js';
import { FairDrain } from './fair-drain.js';
import { limitPerMailbox } from '../graph/mailbox-limit.js';

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
  /** Back-off between attempts, when a mailbox is stalled, when a crashing message is a dead letter (DEFAULT_RETRY). */
  retry?: RetryPolicy;
  /** How long one attempt may hold its message (MAX_ATTEMPT_MS) before it counts as hung. */
  maxAttemptMs?: number;
  /** The largest MIME source read (MAX_MIME_BYTES); a larger message is read from its Graph body. */
  maxMimeBytes?: number;
  /** The company's domains: its staff may forward a person's mail on a case (DEFAULT_PROFILE's otherwise). */
  companyDomains?: readonly string[];
}

export interface ProcessorDeps {
  graph: Client;
  intake: IntakeTable;
  cases: CaseService;
  classify: ClassifyMime;
  events: IntakeEvents;
  logger: Logger;
}

/** One attempt's state: what it learnt (for a dead letter), and the check before each side effect. */
interface Run extends Seen {
  check(): void;
}

/** Unusable sender addresses and the like, to be noted on the case (never logged). */
type Notes = readonly string[];

const SYSTEM: Actor = { kind: 'system', id: 'intake' };
/** The first moment of a Copenhagen calendar day, as an instant. */
const startOfLegalDay = (isoDate: string) =>
  Temporal.PlainDate.from(isoDate).toZonedDateTime({ timeZone: LEGAL_TIME_ZONE }).toInstant().toString();

/** Mail no person wrote: set aside even when it comes from someone with an open case (their out-of-office). */
const MACHINE_MAIL = new Set<string>(['auto_reply', 'bounce', 'newsletter', 'vendor_marketing', 'phishing']);
/**
 * Messages in work at once per mailbox. More than Outlook's 4 concurrent requests: between its Graph
 * requests a message waits on the table store and the classifier, and meanwhile others use the mailbox's
 * 4 slots (limitPerMailbox keeps Graph at 4).
 */
const MESSAGES_PER_MAILBOX = 12;
/** Due rows read ahead per mailbox. */
const READ_AHEAD = 200;

export class IntakeProcessor {
  private readonly instance: string;
  private readonly failures: Failures;
  private readonly followUps: FollowUps;
  private readonly companyDomains: readonly string[];
  private readonly queue: FairDrain<QueuedMessage>;
  private readonly deps: ProcessorDeps;

  constructor(
    deps: ProcessorDeps,
    private readonly options: ProcessorOptions,
  ) {
    // Every Graph request of intake waits for one of its mailbox's 4 slots (Outlook's limit).
    this.deps = { ...deps, graph: limitPerMailbox(deps.graph) };
    this.queue = new FairDrain<QueuedMessage>({
      scan: (since, mailbox) => deps.intake.due(new Date(), { since, mailbox, pageSize: READ_AHEAD }),
      work: (item) => this.processOne(item),
      perMailbox: MESSAGES_PER_MAILBOX,
      readAhead: READ_AHEAD,
    });
    this.instance = options.instance ?? `${hostname()}:${process.pid}`;
    this.failures = new Failures(this.deps, options.retry ?? DEFAULT_RETRY);
    this.followUps = new FollowUps(this.deps);
    this.companyDomains = options.companyDomains ?? DEFAULT_PROFILE.domains;
  }

  /**
   * Processes what is queued, for as long as anything is due (a burst is worked without a pause between
   * pages); calls while it runs join it and make it read the queue again. Resolves with how many were handled.
   */
  drain(): Promise<number> {
    return this.queue.drain();
  }

  /** Starts no more messages and waits for those in progress (shutdown). */
  async idle(): Promise<void> {
    await this.queue.stop();
  }

  private async processOne(queued: QueuedMessage): Promise<boolean> {
    const { intake, logger } = this.deps;
    // Short enough that a crashed instance's message is picked up again within a minute.
    const claimMs = this.options.claimMs ?? 30_000;
    const item = await intake.claim(queued, this.instance, claimMs, new Date());
    if (!item) return false;
    // It took the process down (or hung it) often enough: the DPO gets it before it can do so again.
    if (this.failures.crashedTooOften(item)) return this.failures.crashed(item);
    const attempt = new Attempt(item, intake, this.instance, claimMs, this.options.maxAttemptMs);
    const run: Run = { check: () => attempt.check() };
    try {
      const outcome = (await intake.isDone(item.key)) ? 'duplicate' : await this.handle(item, run);
      attempt.check();
      await attempt.end();
      await intake.complete(attempt.item, outcome, new Date());
      logger.info({ outcome, via: item.via, attempts: item.attempts }, 'intake: message processed');
      await this.mailboxWorks(item.mailbox);
      return true;
    } catch (error) {
      await attempt.end();
      return this.failures.failed(attempt.item, run, error);
    }
  }

  private readonly stallCleared = new Map<string, number>();

  /**
   * A message of the mailbox went through: it is not stalled. At once when this process saw it stall, else
   * (another instance may have) at most once a minute per mailbox: a point delete.
   */
  private async mailboxWorks(mailbox: string): Promise<void> {
    const last = this.stallCleared.get(mailbox) ?? 0;
    if (!this.failures.stalledHere.delete(mailbox) && Date.now() - last < 60_000) return;
    this.stallCleared.set(mailbox, Date.now());
    await this.deps.intake.clearStall(mailbox).catch(() => undefined);
  }

  private async handle(item: QueuedMessage, run: Run): Promise<string> {
    const { graph, classify, cases } = this.deps;
    const message = await fetchMessage(graph, item.mailbox, item.messageId);
    // Not there, or an id Graph cannot parse: retrying will not change that, so the DPO hears of it now.
    if (!message) throw new PermanentFailure('Graph has no message with this id (404, or a malformed id)');
    // Kept for a dead letter: when it arrived and who sent it, even if its source cannot be read.
    run.message = message;
    const mime = await this.readableMime(item.mailbox, message.id);
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
          check: run.check,
        });
    }

    const automatic = verdict.kind === 'auto_reply' || verdict.kind === 'bounce';
    // A reply on a case's thread or naming its number belongs to that case, whatever it says.
    const target = automatic ? undefined : await this.followUps.target(verdict, message);
    // Only a case still open takes follow-ups: mail on a closed or dismissed case's thread may be a new
    // request (and a note could not be added anyway), so it is judged like any other mail below.
    let othersCase: FollowUpTarget['via'] | undefined;
    if (target && isOpen(target.case.status)) {
      // Anyone can quote a case number or reply on a thread: from someone not the case's person it is not a
      // silent follow-up, but a card to the DPO, or, when it is a request of its own, its own case.
      const stranger = !isCasePerson(target.case, verdict, message, this.companyDomains);
      const check = run.check;
      if (!stranger) return this.followUps.add(target.case, message, item, verdict, { newThread: false, check });
      const ownRequest = verdict.privacyRequest || verdict.requestOnItsOwn === true;
      if (!ownRequest) return this.followUps.add(target.case, message, item, verdict, { newThread: false, stranger: target.via, check });
      othersCase = target.via;
    }
    const setAside = verdict.verdict === 'not_request' && !verdict.followUp;
    if (setAside && MACHINE_MAIL.has(verdict.kind)) return this.setAside(item, message, verdict, run.check);

    // One person, one case: anything a person with an open case writes, on any thread, goes to that case.
    // Serialised per person in this process, so two of their mails in one pass do not both open a case.
    const { reading, notes } = normaliseReading({ ...verdict, requester: this.requesterOf(verdict, message) });
    return this.onePersonAtATime(reading.requester.address ?? `message:${item.key}`, () =>
      this.route(item, message, reading, setAside, { notes, othersCase, check: run.check }),
    );
  }

  private async route(
    item: QueuedMessage,
    message: GraphMessage,
    verdict: Classification,
    setAside: boolean,
    context: { notes: Notes; othersCase: FollowUpTarget['via'] | undefined; check: () => void },
  ): Promise<string> {
    const { requester } = verdict;
    const { cases } = this.deps;
    // One lookup of the person's cases: their open ones decide a follow-up, their earlier ones go on a new case
    // (cases.open would otherwise read the same person rows again).
    const theirs = requester.address ? await cases.casesOf(requester.address) : { open: [], earlier: [] };
    const open = [...theirs.open].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    // An agent naming another client makes a new case, not a note on the first; a mail that names nobody
    // ("any news?") belongs to the person's open case whoever it is about.
    const subject = (c: { name?: string | null } | null | undefined) => c?.name?.trim().toLowerCase() ?? null;
    const named = subject(verdict.dataSubject);
    const same = named ? open.filter((c) => subject(c.dataSubject) === named) : open;
    const newest = same[0];
    if (newest) return this.followUps.add(newest, message, item, verdict, { newThread: true, check: context.check });
    if (setAside) return this.setAside(item, message, verdict, context.check);

    // A status question that matches no case may be a request that was never logged: the DPO decides.
    const uncertain = verdict.verdict !== 'request' || verdict.followUp;
    const evidence = context.othersCase
      ? [
          context.othersCase === 'thread'
            ? "asks for a right on the thread of a case that is not the sender's"
            : "asks for a right and quotes a case number that is not the sender's",
          ...verdict.evidence,
        ]
      : uncertain && verdict.followUp && !verdict.privacyRequest
        ? ['a status question or reminder that matches no case', ...verdict.evidence]
        : verdict.evidence;
    const mail = this.mailFacts(verdict, message, item.mailbox);
    const reading = {
      ...verdict,
      requester,
      intakeVerdict: { verdict: uncertain ? ('uncertain' as const) : ('request' as const), evidence: evidence.slice(0, 12) },
    };
    const input = caseInputFromMail(mail, reading, 'email');
    // The earlier requests cases.open records: the person's (the requester's, as intake names no data
    // subject's address), already read above.
    const earlierCases = input.dataSubject?.email ? undefined : theirs.earlier.map((c) => c.id);
    context.check();
    // handle() looked the message's source keys up before classifying: no case had them.
    const { case: opened, created } = await cases.open({ ...input, ...(earlierCases ? { earlierCases } : {}) }, SYSTEM, {
      sourcesChecked: true,
    });
    return this.afterOpen(opened, message, item, {
      evidence,
      notes: context.notes,
      key: item.key,
      check: context.check,
      fresh: created,
    });
  }

  /**
   * The message's MIME source; over the cap, what Graph's JSON gives of it (headers, text body). Read
   * rather than dead-lettered: mail that large is most often a request with an identity document
   * attached, and its words are what the classifier needs; the attachments stay in the mailbox.
   */
  private async readableMime(mailbox: string, id: string): Promise<Buffer> {
    const { graph } = this.deps;
    try {
      return await messageMime(graph, mailbox, id, this.options.maxMimeBytes ?? MAX_MIME_BYTES);
    } catch (error) {
      if (!(error instanceof MimeTooLarge)) throw error;
      this.deps.logger.warn({ maxBytes: error.maxBytes }, 'intake: message source over the cap; read from its Graph body instead');
      return messageWithoutMime(graph, mailbox, id);
    }
  }

  /**
   * The DPO turns a message intake set aside into a case (one click on the digest): received when it
   * arrived, the DPO's decision as the confirmation, acknowledged like any other. Safe to repeat.
   */
  async openSetAside(record: SetAsideMail, actor: Actor): Promise<Case> {
    const { graph, classify, cases, intake } = this.deps;
    const fetched = await fetchMessageWithMime(graph, record.mailbox, record.messageId);
    if (!fetched)
      throw notFound(
        'the message is no longer in the mailbox; open the case by hand (dsar case new)',
        'Mailen ligger ikke længere i postkassen; opret sagen manuelt.',
      );
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
  private async setAside(item: QueuedMessage, message: GraphMessage, verdict: Classification, check: () => void): Promise<string> {
    check();
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
    options: {
      evidence?: string[];
      announce?: boolean;
      notes?: Notes;
      key?: string;
      check?: () => void;
      /**
       * This attempt created the case just now: no earlier attempt can have noted it, drafted for it or marked
       * it (they all need its id), so the marks and the Drafts folder are not looked up (a read and a Graph
       * request per case in a burst).
       */
      fresh?: boolean;
    } = {},
  ): Promise<string> {
    const { graph, intake } = this.deps;
    const { evidence, announce = true, notes = [], key, check = () => undefined, fresh = false } = options;
    // What the case could not hold as read (an address as received): on the case, never in a log.
    if (notes.length && key && (fresh || !(await intake.marked(`notes|${key}`)))) {
      check();
      await this.deps.cases.act(c.id, { type: 'add_note', text: notes.join(' ').slice(0, 2000) }, SYSTEM);
      await intake.mark(`notes|${key}`, new Date());
    }
    check();
    await categorise(graph, item.mailbox, message, c.id);
    const ackMark = `ack|${c.id}`;
    // An uncertain case gets no draft: its wording ("we are handling it as a request") is not yet true,
    // and the acknowledgement task stays open on the card for the DPO once they confirm it.
    if (!needsConfirmation(c) && (fresh || !(await intake.marked(ackMark)))) {
      // A crash between the draft and its mark left the draft in Drafts: find it rather than make a second.
      check();
      const drafted =
        !fresh && message.conversationId ? await findReplyDraft(graph, item.mailbox, message.conversationId, c.id) : undefined;
      if (!drafted) {
        // A forwarded request is acknowledged to the person who wrote it, never to the colleague who forwarded it.
        const sender = message.from?.emailAddress?.address?.toLowerCase();
        const requester = c.requester.email;
        const to = requester && requester !== sender ? { address: requester, name: c.requester.name } : undefined;
        check();
        await createReplyDraft(graph, item.mailbox, message.id, acknowledgementText(c, this.options.signature), to);
      }
      await intake.mark(ackMark, new Date());
    }
    // An ID copy sent with the request itself must leave the mailbox too, as one sent in a follow-up.
    await addIdAttachmentTasks(this.deps, c, message, item.mailbox, SYSTEM, check);
    if (announce)
      this.deps.events.emit('case_opened', { caseId: c.id, messageId: item.messageId, ...(evidence?.length ? { evidence } : {}) });
    return `case ${c.id}`;
  }
}
