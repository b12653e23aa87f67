import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isGraphId } from '../platform/graph-id.js';
import { BodyRefused, readJsonObject, refusal } from '../platform/json-body.js';
import { isDependencyDown, RETRY_AFTER_SECONDS } from '../platform/outage.js';
import type { Logger } from '../logging/logger.js';
import type { Request, Response } from '../platform/http.js';
import type { Server } from '../platform/http.js';
import type { IntakeTable } from './intake-table.js';
import { errorText } from '../platform/error-text.js';

/**
 * The Graph webhook: POST /api/notifications (created messages) and /api/notifications/lifecycle.
 * Answers the validation handshake; accepts an item only when its clientState is ours and its
 * subscription is one we own, which also says which watched mailbox it is for (one POST may mix them);
 * persists accepted items before answering 202 (within Graph's 3 s), so a crash after the answer loses
 * nothing. Processing happens later, from what was persisted.
 */

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface WebhookDeps {
  intake: Pick<IntakeTable, 'enqueue'>;
  /** The subscription ids notifications may carry, each with the mailbox it watches. */
  subscriptions(): Promise<ReadonlyMap<string, string>>;
  clientState: string;
  logger: Logger;
  /** Called after the 202 for each accepted lifecycle event. */
  onLifecycle(event: LifecycleEvent, subscriptionId: string, mailbox: string): void;
  /** Called after the 202 when messages were queued (wakes the processor). */
  onQueued?(): void;
  /**
   * Called after the 202, once per mailbox, when an authentic notification named an id Graph never issues:
   * the message it meant (if any) is found by a delta catch-up instead of being dropped unseen.
   */
  onUnusableId?(mailbox: string): void;
}

/** A real notification item is under 1 KiB; Graph's batches stay far below this. */
const MAX_BODY = 1024 * 1024;
/**
 * Items one POST may carry. Microsoft documents no maximum for a notification batch (the
 * changeNotificationCollection's `value` is just "the set of notifications"); 1,000 items of the size Graph
 * sends fill about the 1 MiB body limit. More is refused (413): Graph retries, and the delta catch-up job
 * finds any message whose notification was lost.
 */
export const MAX_ITEMS = 1000;
/** Graph's validation tokens are a few hundred characters; anything far longer is not Graph. */
const MAX_TOKEN = 4096;

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

type Item = { subscriptionId?: unknown; clientState?: unknown; resourceData?: { id?: unknown }; lifecycleEvent?: unknown };

export function registerWebhookRoutes(server: Server, deps: WebhookDeps): void {
  const { logger } = deps;

  const fail = (res: Response, status: number, code: string, message: string) =>
    res.send(status, { code, message }, { 'Cache-Control': 'no-store' });
  /** 503 with Retry-After, so Graph retries: whatever failed (the store, mostly) is ours, not the sender's. */
  const unavailable = (res: Response, error: unknown, what: string) => {
    logger.error({ err: errorText(error, { firstLine: true }), dependencyDown: isDependencyDown(error) }, what);
    res.send(
      503,
      { code: 'unavailable', message: 'could not accept the notifications now; retry' },
      { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    );
  };

  const handle = (kind: 'change' | 'lifecycle') => async (req: Request, res: Response) => {
    // Graph's handshake: echo the token, as plain text, within 10 s.
    const token = (req.query as Record<string, unknown> | undefined)?.validationToken;
    if (token !== undefined) {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN)
        return void fail(res, 400, 'invalid_token', 'validationToken must be given once, not empty and not too long.');
      // Echoed as text: nosniff keeps a browser from reading an attacker's "token" as HTML or script.
      res.sendRaw(200, token, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = await readJsonObject(req as IncomingMessage, MAX_BODY);
    } catch (error) {
      if (!(error instanceof BodyRefused)) throw error;
      const { status, headers, body: answer } = refusal(error);
      res.send(status, answer, headers);
      return;
    }
    const items = body.value;
    if (!Array.isArray(items)) return void fail(res, 400, 'invalid_notification', 'expected {"value":[...]} as Graph sends it');
    if (items.length > MAX_ITEMS) return void fail(res, 413, 'too_many_notifications', `at most ${MAX_ITEMS} notifications per request`);

    const isItem = (raw: unknown): raw is Item => typeof raw === 'object' && raw !== null && !Array.isArray(raw);
    // The secret first: a forged POST (wrong clientState, or `{"value":[]}`) never reaches the store.
    const authentic = (items as unknown[]).filter((raw): raw is Item => isItem(raw) && sameSecret(raw.clientState, deps.clientState));
    let ours: ReadonlyMap<string, string> = new Map();
    if (authentic.length) {
      try {
        ours = await deps.subscriptions();
      } catch (error) {
        return void unavailable(res, error, 'intake: could not read the subscriptions');
      }
    }
    const accepted: { item: Item; mailbox: string }[] = [];
    const malformed = (items as unknown[]).filter((raw) => !isItem(raw)).length;
    const wrongClientState = items.length - malformed - authentic.length;
    let unknownSubscription = 0;
    let badId = 0;
    const catchUp = new Set<string>();
    for (const item of authentic) {
      const mailbox = typeof item.subscriptionId === 'string' ? ours.get(item.subscriptionId) : undefined;
      if (!mailbox) unknownSubscription++;
      // An id Graph never issues (a `/`, say) would only fail later, in intake, on every retry.
      else if (kind === 'change' && !isGraphId(item.resourceData?.id)) {
        badId++;
        catchUp.add(mailbox);
      } else accepted.push({ item, mailbox });
    }
    // One line per request, counts only: a forged POST of thousands of items must not flood the log, and
    // neither the resource (it names a mailbox) nor a clientState someone tried belongs in it.
    if (wrongClientState || unknownSubscription || malformed || badId)
      logger.warn(
        { kind, items: items.length, accepted: accepted.length, wrongClientState, unknownSubscription, malformed: malformed + badId },
        'intake: notifications ignored',
      );

    if (kind === 'change') {
      const queue = accepted.map(({ item, mailbox }) => ({
        mailbox,
        messageId: String(item.resourceData?.id),
        via: 'notification' as const,
      }));
      try {
        if (queue.length) await deps.intake.enqueue(queue, new Date());
      } catch (error) {
        // Not persisted: let Graph retry rather than answer 202 and lose the message.
        return void unavailable(res, error, 'intake: could not persist notifications');
      }
      res.send(202);
      if (queue.length) deps.onQueued?.();
      for (const mailbox of catchUp) deps.onUnusableId?.(mailbox);
      return;
    }
    res.send(202);
    for (const { item, mailbox } of accepted) {
      const event = item.lifecycleEvent;
      if (event === 'reauthorizationRequired' || event === 'subscriptionRemoved' || event === 'missed')
        deps.onLifecycle(event, String(item.subscriptionId), mailbox);
    }
  };

  server.post('/api/notifications', handle('change'));
  server.post('/api/notifications/lifecycle', handle('lifecycle'));
}
