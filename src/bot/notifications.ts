import { z } from 'zod';
import type { CaseService } from '../app/case-service.js';
import type { IntakeEventMap, IntakeEventSource } from '../app/ports.js';
import { DomainError, isRight, needsConfirmation, type Case, type CaseId } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import { errorText } from '../platform/error-text.js';
import type { Feature } from '../platform/feature.js';
import type { BotHandlers } from './handlers.js';
import type { CardClaim, UnsentCard } from './notification-table.js';
import type { Delivery, ProactiveSender } from './proactive.js';
import { TEXTS, say } from './texts.js';

/**
 * Intake's events as cards to the DPOs: a new request gets the full case card with what decided it and
 * its actions; a follow-up gets a short card. A ledger claim makes each go out once even when intake
 * finishes the same message twice (a restart, a second instance). The claim holds what rebuilds the card,
 * so a card is never lost: the redelivery sweep resends one whose sender crashed (left `sending` past its
 * lease; at least once), one not every target could receive yet (`waiting`: only to the targets the claim
 * does not list as done; also right after a DPO installs the bot),
 * and the card of a case intake opened whose card was never claimed (a crash between the two).
 */

/** What rebuilds an intake card: ids and flags only (the case is read again; the mail is not kept here). */
export type IntakeCard =
  | { kind: 'new_request'; caseId: CaseId; deadLetter?: boolean }
  // Exactly what intake's event says, so a field added there reaches the card's type too.
  | ({ kind: 'follow_up' } & IntakeEventMap['follow_up_received'][0]);

const cardSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new_request'), caseId: z.string().min(1), deadLetter: z.boolean().optional() }),
  z.object({
    kind: z.literal('follow_up'),
    caseId: z.string().min(1),
    messageId: z.string().min(1),
    possibleIdentityDocument: z.boolean(),
    newThread: z.boolean().optional(),
    newRights: z.array(z.string()).optional(),
    unknownSender: z.boolean().optional(),
  }),
]);

/** The card stored in a claim row, or undefined when it is not one this version can rebuild. */
export function parseIntakeCard(value: unknown): IntakeCard | undefined {
  const parsed = cardSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  if (c.kind === 'new_request') return { kind: 'new_request', caseId: c.caseId as CaseId, ...(c.deadLetter ? { deadLetter: true } : {}) };
  return {
    kind: 'follow_up',
    caseId: c.caseId as CaseId,
    messageId: c.messageId,
    possibleIdentityDocument: c.possibleIdentityDocument,
    ...(c.newThread !== undefined ? { newThread: c.newThread } : {}),
    ...(c.newRights ? { newRights: c.newRights.filter(isRight) } : {}),
    ...(c.unknownSender !== undefined ? { unknownSender: c.unknownSender } : {}),
  };
}

export const cardKey = (card: IntakeCard): string =>
  card.kind === 'new_request' ? `new_request|${card.caseId}` : `follow_up|${card.caseId}|${card.messageId}`;

/** The bot's notification table as this sender uses it (NotificationTable). */
export interface CardLedger {
  claimCard(key: string, now?: Date, card?: unknown): Promise<CardClaim | undefined>;
  sentOver(key: string, claim: CardClaim, now?: Date): Promise<boolean>;
  wait(key: string, claim: CardClaim, done: readonly string[], now?: Date): Promise<boolean>;
  unsent(now?: Date): Promise<UnsentCard[]>;
  has(key: string): Promise<boolean>;
}

/**
 * A case intake opened from a mail it could not read (intake-processor.ts's deadLetter): an `uncertain`
 * verdict whose evidence says so. The case keeps no other mark, so a card rebuilt from the case alone
 * (the sweep's unclaimed cases, an old claim without the flag) still says what the DPO must do.
 */
export const isDeadLetter = (c: Pick<Case, 'intakeVerdict'>): boolean =>
  c.intakeVerdict?.verdict === 'uncertain' && (c.intakeVerdict.evidence[0] ?? '').startsWith('could not be read automatically');

/** How far back the sweep looks for cases intake opened whose card was never claimed. */
const UNCLAIMED_WINDOW_MS = 7 * 24 * 3600_000;

export interface IntakeCardDeps {
  events?: IntakeEventSource;
  cases: CaseService;
  handlers: BotHandlers;
  proactive: ProactiveSender;
  ledger: CardLedger;
  logger: Logger;
  /** How often the sweep runs (config.botChannel.redeliveryEveryMs). */
  redeliveryEveryMs: number;
  /** A claim's lease (config.botChannel.claimStaleMs): a case younger than this may still be claimed by its opener. */
  claimStaleMs: number;
}

export interface IntakeCards extends Feature {
  /** Sends one card once (claim first); resolves how many conversations got it. */
  deliver(card: IntakeCard, evidence?: readonly string[]): Promise<number>;
  /** One sweep: every card left unsent that this caller could claim; resolves how many went out. */
  redeliver(now?: Date): Promise<number>;
  /** A DPO installed the bot: a sweep soon, so waiting cards reach them. */
  installed(): void;
}

export function intakeCards(deps: IntakeCardDeps): IntakeCards {
  const { cases, handlers, proactive, ledger, logger } = deps;

  const send = async (card: IntakeCard, skip: ReadonlySet<string>, evidence?: readonly string[]): Promise<Delivery> => {
    if (card.kind === 'follow_up') {
      const { kind: _, messageId: __, ...followUp } = card;
      return proactive.toDpos((lang) => handlers.followUpCard(followUp, lang), skip);
    }
    const c = await cases.get(card.caseId);
    // The event's phrases on the first try; a resend uses what the case kept of intake's judgement.
    const phrases = evidence ?? c.intakeVerdict?.evidence;
    // An uncertain case says so itself ("Mulig anmodning — bekræft eller afvis"), with the phrases behind it.
    return proactive.toDpos(
      (lang) =>
        handlers.caseCard(c, lang, {
          // A dead letter says what the DPO must do: intake could not read the mail at all.
          ...(card.deadLetter || isDeadLetter(c)
            ? { banner: say(lang, TEXTS.deadLetter) }
            : needsConfirmation(c)
              ? {}
              : { banner: say(lang, TEXTS.newRequest) }),
          ...(phrases?.length ? { evidence: phrases } : {}),
        }),
      skip,
    );
  };

  /**
   * After a won claim: to every current target that does not have it yet; `sent` once all have it, else
   * kept `waiting` with the targets done (nobody to tell, or some failed) for the sweep.
   */
  const finish = async (key: string, claim: CardClaim, card: IntakeCard, evidence?: readonly string[]): Promise<number> => {
    try {
      const delivery = await send(card, new Set(claim.done), evidence);
      if (delivery.targets > 0 && delivery.missing.length === 0) await ledger.sentOver(key, claim);
      else await ledger.wait(key, claim, [...claim.done, ...delivery.done]);
      logger.info(
        { notification: card.kind, delivered: delivery.delivered, targets: delivery.targets, missing: delivery.missing.length },
        'bot: intake notification',
      );
      return delivery.delivered;
    } catch (error) {
      // A case deleted meanwhile has nobody to tell about it; anything else is tried again by the sweep.
      if (error instanceof DomainError && error.code === 'not_found') {
        await ledger.sentOver(key, claim);
        return 0;
      }
      await ledger.wait(key, claim, claim.done).catch(() => undefined);
      throw error;
    }
  };

  const deliver = async (card: IntakeCard, evidence?: readonly string[]): Promise<number> => {
    const key = cardKey(card);
    const claim = await ledger.claimCard(key, new Date(), card);
    if (!claim) return 0;
    return finish(key, claim, card, evidence);
  };

  /**
   * Cases intake opened (recently, and longer ago than a claim's lease) whose new-request card was never
   * claimed: the instance died between opening the case and claiming its card.
   */
  const unclaimed = async (now: Date): Promise<IntakeCard[]> => {
    const found: IntakeCard[] = [];
    for (const { case: c } of await cases.overview()) {
      const age = now.getTime() - Date.parse(c.createdAt);
      if (c.createdBy.kind !== 'system' || c.createdBy.id !== 'intake' || age < deps.claimStaleMs || age > UNCLAIMED_WINDOW_MS) continue;
      const card: IntakeCard = { kind: 'new_request', caseId: c.id, ...(isDeadLetter(c) ? { deadLetter: true } : {}) };
      if (!(await ledger.has(cardKey(card)))) found.push(card);
    }
    return found;
  };

  let sweeping: Promise<number> | undefined;
  const redeliver = (now = new Date()): Promise<number> => {
    // One sweep at a time in this process; other instances are kept apart by the claims.
    sweeping ??= (async () => {
      let delivered = 0;
      const resend = async (key: string, card: IntakeCard, claimIt: () => Promise<CardClaim | undefined>) => {
        const claim = await claimIt();
        if (!claim) return;
        try {
          delivered += await finish(key, claim, card);
        } catch (error) {
          logger.error({ notification: card.kind, err: errorText(error) }, 'bot: intake notification resend failed');
        }
      };
      for (const row of await ledger.unsent(now)) {
        const card = parseIntakeCard(row.card);
        if (card && cardKey(card) === row.key) await resend(row.key, card, () => ledger.claimCard(row.key, now));
      }
      for (const card of await unclaimed(now)) await resend(cardKey(card), card, () => ledger.claimCard(cardKey(card), now, card));
      if (delivered) logger.info({ delivered }, 'bot: unsent intake notifications sent');
      return delivered;
    })().finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  };

  const report = (error: unknown) => logger.error({ err: errorText(error) }, 'bot: intake notification failed');
  deps.events?.on('case_opened', ({ caseId, evidence, deadLetter }) => {
    void deliver({ kind: 'new_request', caseId, ...(deadLetter ? { deadLetter } : {}) }, evidence).catch(report);
  });
  deps.events?.on('follow_up_received', ({ caseId, messageId, possibleIdentityDocument, newThread, newRights, unknownSender }) => {
    void deliver({
      kind: 'follow_up',
      caseId,
      messageId,
      possibleIdentityDocument,
      ...(newThread !== undefined ? { newThread } : {}),
      ...(newRights ? { newRights } : {}),
      ...(unknownSender !== undefined ? { unknownSender } : {}),
    }).catch(report);
  });

  return {
    name: 'bot-cards',
    jobs: [
      {
        // Cards a crashed instance left half-sent, and cards that waited for a DPO to install the bot.
        name: 'bot-card-redelivery',
        everyMs: deps.redeliveryEveryMs,
        maxRunMs: Math.max(60_000, 2 * deps.redeliveryEveryMs),
        run: async (now) => void (await redeliver(now)),
      },
    ],
    deliver,
    redeliver,
    installed: () => void redeliver().catch(report),
  };
}
