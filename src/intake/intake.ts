import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import type { IntakeConfig } from '../config/config.js';
import type { Job } from '../platform/job.js';
import type { Logger } from '../logging/logger.js';
import { errorText } from '../platform/error-text.js';
import type { Feature } from '../platform/feature.js';
import type { ReadinessCheck } from '../platform/readiness.js';
import type { IntakeTable } from './intake-table.js';
import { catchUp } from './delta-catch-up.js';
import { IntakeEvents } from './intake-events.js';
import type { ClassifyMime } from '../classifier/index.js';
import { IntakeProcessor } from './intake-processor.js';
import { SET_ASIDE_KEPT_DAYS, setAsideLog } from './set-aside-log.js';
import type { SetAsideLog } from '../app/ports.js';
import { SUBSCRIPTION_NAME, SubscriptionManager } from './subscription-manager.js';
import { registerWebhookRoutes, type WebhookDeps } from './webhook-routes.js';

/**
 * Watching the DPO mailbox, put together: the webhook, the subscription (kept alive by a leased job),
 * the delta catch-up (at start, after `missed`, every 15 minutes) and the processor that turns queued
 * messages into cases (woken by notifications, and every 30 seconds for anything left over).
 */

export interface Intake extends Feature {
  events: IntakeEvents;
  /** What was set aside as not a request, for the digest, the CLI and the add-in. */
  setAside: SetAsideLog;
  processor: IntakeProcessor;
  subscriptions: SubscriptionManager;
  jobs: Job[];
  readiness: ReadinessCheck[];
  start(): void;
  stop(): Promise<void>;
}

const HOUR = 3600_000;

export function setUpIntake(deps: {
  config: Required<IntakeConfig>;
  graph: Client;
  table: IntakeTable;
  cases: CaseService;
  classify: ClassifyMime;
  /** Who signs the acknowledgements (the controller's name). */
  signature: string;
  logger: Logger;
}): Intake {
  const { config, graph, table, logger } = deps;
  const events = new IntakeEvents();
  const openCasesOf = async (email: string) => {
    const address = email.toLowerCase();
    return (await deps.cases.overview())
      .map((o) => o.case)
      .filter((c) => c.requester.email === address || c.dataSubject?.email === address);
  };
  const subscriptions = new SubscriptionManager(
    graph,
    table,
    { mailbox: config.mailbox, publicUrl: config.publicUrl, clientState: config.clientState },
    logger,
  );
  const processor = new IntakeProcessor(
    { graph, intake: table, cases: deps.cases, classify: deps.classify, events, openCasesOf, logger },
    { mailbox: config.mailbox, signature: deps.signature },
  );
  const drain = () =>
    void processor.drain().catch((error: unknown) => logger.error({ err: errorText(error) }, 'intake: processing failed'));
  const catchUpNow = async () => {
    const queued = await catchUp(graph, table, config.mailbox, { backfillDays: config.backfillDays });
    if (queued) logger.info({ queued }, 'intake: catch-up queued messages');
    drain();
  };

  const webhook = {
    intake: table,
    currentSubscriptionId: () => subscriptions.currentId(),
    clientState: config.clientState,
    mailbox: config.mailbox,
    logger,
    onQueued: drain,
    onLifecycle: (event, subscriptionId) => {
      logger.info({ event, subscriptionId }, 'intake: lifecycle event');
      const reaction =
        event === 'missed'
          ? catchUpNow()
          : event === 'subscriptionRemoved'
            ? subscriptions.create().then(catchUpNow)
            : subscriptions.renew(subscriptionId);
      reaction.catch((error: unknown) => logger.error({ event, err: errorText(error) }, 'intake: lifecycle reaction failed'));
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
      { name: 'intake-subscription', everyMs: HOUR, maxRunMs: 5 * 60_000, run: async (now) => void (await subscriptions.ensure(now)) },
      { name: 'intake-catch-up', everyMs: 15 * 60_000, maxRunMs: 10 * 60_000, run: () => catchUpNow() },
    ],
    readiness: [
      {
        name: 'subscription',
        check: async () => {
          const state = await table.subscription(SUBSCRIPTION_NAME);
          if (!state.subscriptionId || !state.expiresAt || Date.parse(state.expiresAt) <= Date.now())
            throw new Error('no live subscription on the DPO inbox');
        },
      },
    ],
    start: () => {
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
