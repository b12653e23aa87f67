import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import type { IntakeConfig } from '../config/config.js';
import type { Job } from '../platform/job.js';
import type { Logger } from '../logging/logger.js';
import { errorText } from '../platform/error-text.js';
import { limitPerMailbox } from '../graph/mailbox-limit.js';
import type { Feature } from '../platform/feature.js';
import type { ReadinessCheck } from '../platform/readiness.js';
import type { IntakeTable } from './intake-table.js';
import { catchUp } from './delta-catch-up.js';
import { IntakeEvents } from './intake-events.js';
import type { ClassifyMime } from '../classifier/index.js';
import { IntakeProcessor } from './intake-processor.js';
import { SET_ASIDE_KEPT_DAYS, setAsideLog } from './set-aside-log.js';
import type { SetAsideLog } from '../app/ports.js';
import { adoptLegacySubscription, SubscriptionManager } from './subscription-manager.js';
import { registerWebhookRoutes, type WebhookDeps } from './webhook-routes.js';

/**
 * Watching every official mailbox (dpa@, support@: the clock starts when a request reaches any of them),
 * put together: the webhook, one subscription per mailbox (each kept alive by its own leased job), the
 * delta catch-up per mailbox (at start, after `missed` on its subscription, every 15 minutes) and the
 * processor that turns queued messages into cases in the mailbox each is in (woken by notifications, and
 * every 30 seconds for what came due in back-off; once woken it works until nothing is due).
 */

export interface Intake extends Feature {
  events: IntakeEvents;
  /** What was set aside as not a request, for the digest, the CLI and the add-in. */
  setAside: SetAsideLog;
  processor: IntakeProcessor;
  /** One per watched mailbox, in the configured order. */
  subscriptions: SubscriptionManager[];
  jobs: Job[];
  readiness: ReadinessCheck[];
  start(): void;
  stop(): Promise<void>;
}

const HOUR = 3600_000;

/**
 * Fails while the mailbox is stalled: a message failed again within the last two hours (they are retried
 * hourly) and none has gone through since.
 */
export async function notStalled(table: IntakeTable, mailbox: string, now = new Date()): Promise<void> {
  const stall = await table.stall(mailbox);
  if (stall && Date.parse(stall.lastFailureAt) > now.getTime() - 2 * HOUR)
    throw new Error(`intake cannot read ${mailbox}: messages keep failing, the oldest waiting since ${stall.since}`);
}

export async function setUpIntake(deps: {
  config: Required<IntakeConfig>;
  graph: Client;
  table: IntakeTable;
  cases: CaseService;
  classify: ClassifyMime;
  /** Who signs the acknowledgements (the controller's name). */
  signature: string;
  /** The company's mail domains (its staff may forward a person's mail on a case). */
  companyDomains?: readonly string[];
  logger: Logger;
}): Promise<Intake> {
  const { config, table, logger } = deps;
  // One set of per-mailbox slots for all of intake (catch-up, subscriptions, processing): Outlook counts them together.
  const graph = limitPerMailbox(deps.graph);
  const events = new IntakeEvents();
  const subscriptions = config.mailboxes.map(
    (mailbox) => new SubscriptionManager(graph, table, { mailbox, publicUrl: config.publicUrl, clientState: config.clientState }, logger),
  );
  const byMailbox = new Map(subscriptions.map((s) => [s.mailbox, s]));
  // Before any route or job reads the subscription rows.
  await adoptLegacySubscription(graph, table, subscriptions, logger);
  // Queue rows written before the due rows existed take their place in line.
  const adopted = await table.adoptUndatedQueue();
  if (adopted) logger.info({ adopted }, 'intake: queued messages from before the upgrade put in line');
  const processor = new IntakeProcessor(
    { graph, intake: table, cases: deps.cases, classify: deps.classify, events, logger },
    { signature: deps.signature, ...(deps.companyDomains ? { companyDomains: deps.companyDomains } : {}) },
  );
  const drain = () =>
    void processor.drain().catch((error: unknown) => logger.error({ err: errorText(error) }, 'intake: processing failed'));
  // One catch-up per mailbox at a time. A trigger while one runs (lifecycle events, unusable ids) queues one
  // more run after it, never more: the running one may have read its delta pages before the trigger's message.
  const running = new Map<string, Promise<void>>();
  const again = new Map<string, Promise<void>>();
  const catchUpOnce = async (mailbox: string) => {
    // An instance still on the old version may have queued rows without a place in line (a rolling upgrade).
    await table.adoptUndatedQueue();
    const queued = await catchUp(graph, table, mailbox, { backfillDays: config.backfillDays });
    if (queued) logger.info({ mailbox, queued }, 'intake: catch-up queued messages');
    drain();
  };
  const catchUpNow = (mailbox: string): Promise<void> => {
    const current = running.get(mailbox);
    if (current !== undefined) {
      const queued = again.get(mailbox);
      if (queued !== undefined) return queued;
      const next = current
        .catch(() => undefined)
        .then(() => {
          again.delete(mailbox);
          return catchUpNow(mailbox);
        });
      again.set(mailbox, next);
      return next;
    }
    const run = catchUpOnce(mailbox).finally(() => running.delete(mailbox));
    running.set(mailbox, run);
    return run;
  };

  const webhook = {
    intake: table,
    subscriptions: async () => {
      const ids = await Promise.all(subscriptions.map(async (s) => [await s.currentId(), s.mailbox] as const));
      return new Map(ids.filter((entry): entry is readonly [string, string] => entry[0] !== undefined));
    },
    clientState: config.clientState,
    logger,
    onQueued: drain,
    onUnusableId: (mailbox) =>
      void catchUpNow(mailbox).catch((error: unknown) =>
        logger.error({ mailbox, err: errorText(error) }, 'intake: catch-up after an unusable notification failed'),
      ),
    onLifecycle: (event, subscriptionId, mailbox) => {
      logger.info({ event, subscriptionId, mailbox }, 'intake: lifecycle event');
      const manager = byMailbox.get(mailbox)!;
      const reaction =
        event === 'missed'
          ? catchUpNow(mailbox)
          : event === 'subscriptionRemoved'
            ? // Through ensure(), which holds the mailbox's row: two instances told at once make one subscription.
              manager.ensure().then(() => catchUpNow(mailbox))
            : manager.renew(subscriptionId);
      reaction.catch((error: unknown) => logger.error({ event, mailbox, err: errorText(error) }, 'intake: lifecycle reaction failed'));
    },
  } satisfies WebhookDeps;

  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'intake',
    routes: (server) => registerWebhookRoutes(server, webhook),
    events,
    processor,
    subscriptions,
    setAside: setAsideLog(table, processor),
    jobs: [
      {
        name: 'intake-set-aside-retention',
        everyMs: 24 * HOUR,
        maxRunMs: 10 * 60_000,
        run: async (now) => {
          const deleted = await table.forgetSetAsideBefore(new Date(now.getTime() - SET_ASIDE_KEPT_DAYS * 24 * HOUR));
          if (deleted) logger.info({ deleted }, 'intake: old set-aside records deleted');
        },
      },
      // A job (so a lease) per mailbox: two instances never renew or catch up the same mailbox at once, and
      // a slow mailbox does not hold the other's lease. Subscriptions first: readiness waits for them.
      ...subscriptions.map(
        (s): Job => ({
          name: `intake-subscription:${s.mailbox}`,
          everyMs: HOUR,
          maxRunMs: 5 * 60_000,
          run: async (now) => void (await s.ensure(now)),
        }),
      ),
      ...subscriptions.map(
        (s): Job => ({
          name: `intake-catch-up:${s.mailbox}`,
          everyMs: 15 * 60_000,
          maxRunMs: 10 * 60_000,
          run: () => catchUpNow(s.mailbox),
        }),
      ),
    ],
    readiness: [
      ...subscriptions.map((s) => ({
        name: `subscription:${s.mailbox}`,
        check: async () => {
          const state = await table.subscription(s.name);
          if (!state.subscriptionId || !state.expiresAt || Date.parse(state.expiresAt) <= Date.now())
            throw new Error(`no live subscription on ${s.mailbox}'s inbox`);
        },
      })),
      // /readyz shows a mailbox whose mail keeps failing (an outage, a missing permission); /healthz stays 200.
      ...config.mailboxes.map((mailbox) => ({ name: `intake:${mailbox}`, check: () => notStalled(table, mailbox) })),
    ],
    start: () => {
      // Settings changed since the last run (public URL, secret) reach Graph now, not at the next hourly job.
      for (const s of subscriptions)
        s.ensure().catch((error: unknown) =>
          logger.error(
            { mailbox: s.mailbox, err: errorText(error, { firstLine: true }) },
            'intake: subscription check at start failed; the hourly job retries',
          ),
        );
      drain();
      timer = setInterval(drain, 30_000);
      timer.unref();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await processor.idle();
    },
  };
}
