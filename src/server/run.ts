import { readFileSync } from 'node:fs';
import { CaseService } from '../app/case-service.js';
import { describeTables, type Config } from '../config/config.js';
import { DomainError, ITGUY_REGISTER, type Actor } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import { openCaseTable } from '../store/open-case-table.js';
import { createGraphCredential } from '../graph/credential.js';
import { createGraphClient } from '../graph/graph-client.js';
import { scheduledJobs } from '../jobs/jobs.js';
import { Scheduler } from '../jobs/scheduler.js';
import { openLeaseTable } from '../jobs/lease-table.js';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Server } from './restify.js';
import { createApp, type ReadinessCheck } from './app.js';
import type { Intake } from '../intake/intake.js';
import { DpoAccess } from '../app/dpo-access.js';
import { graphGroupMembership, ping } from '../graph/directory.js';
import type { BotApp } from '../bot/bot-app.js';
import type { NotificationLedger } from '../app/ports.js';
import type { CaseTable } from '../store/case-table.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export interface RunningApp {
  url: string;
  cases: CaseService;
  /** The Teams bot, when it runs (local mode, or with a bot registration). */
  bot?: BotApp;
  close: () => Promise<void>;
}

/** Graph is reachable and lets the app in: one directory read with the app's own credential. */
function graphReadiness(graph: Client | undefined) {
  if (!graph) return [];
  return [{ name: 'graph', check: () => ping(graph) }];
}

/** Watching the DPO mailbox, when Graph, a public URL and a webhook secret are configured. */
async function startIntake(config: Config, graph: Client, cases: CaseService, server: Server, logger: Logger): Promise<Intake | undefined> {
  const { mailbox, publicUrl, clientState, backfillDays } = config.intake;
  if (!publicUrl || !clientState) {
    logger.warn('intake is off: set DSAR_PUBLIC_URL and DSAR_WEBHOOK_CLIENT_STATE to watch the DPO mailbox');
    return undefined;
  }
  const [{ setUpIntake }, { classifyMime }, { openIntakeTable }] = await Promise.all([
    import('../intake/intake.js'),
    import('../classifier/classify-mime.js'),
    import('../intake/intake-table.js'),
  ]);
  const table = await openIntakeTable(config);
  logger.info({ mailbox }, 'intake: watching the DPO mailbox');
  return setUpIntake({ config: { mailbox, publicUrl, clientState, backfillDays }, graph, table, cases, classify: classifyMime, server, logger });
}

/** The Teams bot on /api/messages: always locally (for the Playground); in Azure only with a bot registration. */
async function startBot(config: Config, deps: { server: Server; cases: CaseService; access: DpoAccess; graph?: Client; logger: Logger }): Promise<BotApp | undefined> {
  const { logger } = deps;
  if (config.mode !== 'local' && !config.bot) {
    logger.warn('Teams bot is off: set DSAR_BOT_APP_ID (and DSAR_BOT_APP_PASSWORD) to serve /api/messages');
    return undefined;
  }
  if (deps.access.isEmpty) logger.warn('no DPO users configured (DSAR_DPO_USER_IDS or DSAR_DPO_GROUP_ID): the bot will refuse everyone');
  const [{ createBotApp }, { openConversationTable }] = await Promise.all([import('../bot/bot-app.js'), import('../bot/conversation-table.js')]);
  const discovery = deps.graph ? await startDiscovery(config, deps.graph, deps.cases) : undefined;
  return createBotApp({ ...deps, ...(config.bot ? { bot: config.bot } : {}), ...(discovery ? { discovery } : {}), conversations: await openConversationTable(config) });
}

/** Searching Microsoft 365 and building packages (the bot's review and export). */
async function startDiscovery(config: Config, graph: Client, cases: CaseService) {
  const [{ DiscoveryService }, { ExportBuilder }, { openDiscoveryTable }] = await Promise.all([
    import('../discovery/discovery-service.js'),
    import('../discovery/export-package.js'),
    import('../discovery/discovery-table.js'),
  ]);
  const table = await openDiscoveryTable(config);
  const service = new DiscoveryService({ graph, table, cases });
  const drive = config.discovery.exportDrive;
  return {
    service,
    exportPackage: async (caseId: string, actor: Actor) => {
      if (!drive) throw new DomainError('invalid_input', 'DSAR_EXPORT_DRIVE is not set: whose OneDrive should hold answer packages?');
      return new ExportBuilder({ graph, table, cases, drive }).build(caseId, actor);
    },
  };
}

async function reminderJob(config: Config, repository: CaseTable, ledger: NotificationLedger, bot: BotApp, logger: Logger) {
  const [{ ReminderService }, { botReminderDelivery }] = await Promise.all([import('../app/reminder-service.js'), import('../bot/reminder-delivery.js')]);
  return { service: new ReminderService({ repository, ledger, policy: config.reminders, log: logger }), delivery: botReminderDelivery(bot.proactive, bot.handlers) };
}

/** The Outlook add-in's API and pages: with its app registration (tokens) and Graph (messages). */
async function startApi(config: Config, deps: { server: Server; cases: CaseService; access: DpoAccess; graph: Client; logger: Logger }) {
  const [{ accessTokenValidator }, { CaseFromMessage }, { registerApiRoutes }, { registerAddinRoutes }] = await Promise.all([
    import('../api/access-token.js'),
    import('../api/case-from-message.js'),
    import('../api/routes.js'),
    import('../api/addin-routes.js'),
  ]);
  registerAddinRoutes(deps.server, config.api!);
  registerApiRoutes(deps.server, {
    validate: accessTokenValidator(config.api!),
    access: deps.access,
    logic: new CaseFromMessage({ graph: deps.graph, cases: deps.cases, ...(config.bot ? { botAppId: config.bot.appId } : {}) }),
    dpoMailbox: config.intake.mailbox,
    logger: deps.logger,
  });
}

/** Connects to the store, then serves HTTP. Used by the production entry point and by `npm start`. */
export async function runApp(config: Config, logger: Logger): Promise<RunningApp> {
  const table = await openCaseTable(config);
  logger.info({ tables: describeTables(config.tables) }, 'case store ready');
  const cases = new CaseService({ repository: table, register: ITGUY_REGISTER, retentionYears: config.retentionYears });

  const graph = config.graph ? createGraphClient({ baseUrl: config.graph.baseUrl }, createGraphCredential(config.graph.auth)) : undefined;
  const readiness: ReadinessCheck[] = [{ name: 'store', check: () => table.ping() }, ...graphReadiness(graph)];
  const server = createApp({ logger, version, readiness });
  const intake = graph ? await startIntake(config, graph, cases, server, logger) : undefined;
  if (intake) readiness.push(...intake.readiness);
  const access = new DpoAccess(config.dpo, graph ? graphGroupMembership(graph) : undefined);
  const bot = await startBot(config, { server, cases, access, ...(graph ? { graph } : {}), logger });
  const ledger = bot ? await (await import('../bot/notification-table.js')).openNotificationTable(config) : undefined;
  if (bot && ledger && intake) {
    const { notifyOnIntake } = await import('../bot/notifications.js');
    notifyOnIntake({ events: intake.events, cases, handlers: bot.handlers, proactive: bot.proactive, ledger, logger });
  }
  const reminders = bot && ledger ? await reminderJob(config, table, ledger, bot, logger) : undefined;
  if (config.api && graph) await startApi(config, { server, cases, access, graph, logger });
  else logger.warn('add-in API is off: set DSAR_API_CLIENT_ID (and Graph) to serve /api/cases');
  // Periodic jobs run on one instance at a time (leases in the same store).
  const jobs = [...scheduledJobs({ repository: table, logger, ...(reminders ? { reminders } : {}) }), ...(intake?.jobs ?? [])];
  if (graph && config.discovery.deleteExportsOnClose) {
    const { deleteClosedExports } = await import('../discovery/export-cleanup.js');
    jobs.push({
      // Daily: answer packages of closed cases are deleted from the DPO's OneDrive.
      name: 'export-cleanup',
      everyMs: 24 * 3600_000,
      maxRunMs: 30 * 60_000,
      run: async () => {
        const deleted = await deleteClosedExports({ graph, repository: table, cases });
        if (deleted.length) logger.info({ deleted: deleted.length }, 'answer packages of closed cases deleted');
      },
    });
  }
  const scheduler = new Scheduler(jobs, { leases: await openLeaseTable(config), logger, tickMs: 30_000 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${config.port} is in use: is the app already running? Stop it, or set PORT to a free port.`) : error),
    );
    server.listen(config.port, () => resolve());
  });
  const url = `http://localhost:${config.port}`;
  logger.info({ url }, 'listening');
  scheduler.start();
  intake?.start();

  return {
    url,
    cases,
    ...(bot ? { bot } : {}),
    close: async () => {
      // Stop taking connections and scheduled work; let in-flight requests and a running job finish.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections?.();
      await Promise.all([closed, scheduler.stop(), intake?.stop()]);
    },
  };
}
