import type { Client } from '@microsoft/microsoft-graph-client';
import { CaseService } from './app/case-service.js';
import { DpoAccess } from './app/dpo-access.js';
import type { CaseRepository, NotificationLedger, OpenCaseList, ReminderIndex, SetAsideLog } from './app/ports.js';
import type { IdAttachments } from './app/id-attachments.js';
import type { BotApp } from './bot/bot-app.js';
import type { ProactiveSender } from './bot/proactive.js';
import type { BotHandlers } from './bot/handlers.js';
import type { Config, GraphConfig } from './config/config.js';
import type { Discovery } from './discovery/discovery.js';
import type { Intake } from './intake/intake.js';
import type { Logger } from './logging/logger.js';
import type { Feature } from './platform/feature.js';
import type { RegisterAnswers } from './app/register-answers.js';
import type { CaseTable } from './store/case-table.js';
import { openCaseTable } from './store/open-case-table.js';
import type { TableClientOptions } from './store/table-client.js';

/**
 * Config -> services: the one place the product's parts are built and wired together. The server, the
 * CLI and the benchmarks build through it, so a service is made the same way wherever it runs. Features
 * never import each other; where one listens to another (the bot to intake's events), it is connected
 * here. Heavy features load on demand, so a CLI command pays only for what it uses.
 */

/** The case service over a repository (the case table in production; any CaseRepository in tests). */
export function caseService(
  config: Pick<Config, 'company' | 'retentionYears'>,
  repository: CaseRepository,
  now?: () => string,
  openIndex?: OpenCaseList,
): CaseService {
  return new CaseService({
    repository,
    register: config.company.register,
    retentionYears: config.retentionYears,
    ...(now ? { now } : {}),
    ...(openIndex ? { openIndex } : {}),
  });
}

/** The case store and the service over it. Fails with StoreUnavailableError when the store cannot be reached. */
export async function openCases(
  config: Pick<Config, 'company' | 'retentionYears' | 'tables' | 'tablePrefix'>,
  options: TableClientOptions & { now?: () => string; logger?: Logger } = {},
): Promise<{ table: CaseTable; cases: CaseService }> {
  const table = await openCaseTable(config, {
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    // The server's writers do not wait for the open-case index (its outbox makes every sync happen).
    ...(options.logger ? { log: options.logger, backgroundSync: true } : {}),
  });
  return { table, cases: caseService(config, table, options.now, table.openIndex) };
}

/** The product's Graph client with the configured credential (the managed identity, a secret, or the dev tenant's app). */
export async function graphClient(graph: GraphConfig): Promise<Client> {
  const [{ createGraphClient }, { createGraphCredential }] = await Promise.all([
    import('./graph/graph-client.js'),
    import('./graph/credential.js'),
  ]);
  return createGraphClient({ baseUrl: graph.baseUrl }, createGraphCredential(graph.auth));
}

/** Who is a DPO: the configured user ids, or the members of the configured group (read through Graph). */
export async function dpoAccess(config: Pick<Config, 'dpo'>, graph: Client | undefined): Promise<DpoAccess> {
  if (!config.dpo.groupId || !graph) return new DpoAccess(config.dpo);
  const { graphGroupMembership } = await import('./graph/directory.js');
  return new DpoAccess(config.dpo, graphGroupMembership(graph));
}

/**
 * Who receives proactive cards: DPOs only. Conversation references are only ever stored for users who
 * were DPOs when they chatted; a local process with no DPO named (a CLI command, where `npm start` set
 * the demo DPO only for the app) treats those stored references as the recipients.
 */
function proactiveRecipients(config: Pick<Config, 'mode'>, access: DpoAccess): (userId: string) => Promise<boolean> {
  return config.mode === 'local' && access.isEmpty ? async () => true : (id) => access.isDpo(id);
}

/**
 * The register's assumptions and the DPO's answers to them, over the register feature's own table: the
 * `register` card and CLI record answers here, and every letter (CLI, card preview, package) reads them.
 */
export async function openRegisterAnswers(
  config: Pick<Config, 'company' | 'tables' | 'tablePrefix'>,
  options: { now?: () => Date } = {},
): Promise<RegisterAnswers> {
  const [{ RegisterAnswers }, { openRegisterTable }] = await Promise.all([
    import('./app/register-answers.js'),
    import('./register/register-table.js'),
  ]);
  return new RegisterAnswers({ register: config.company.register, store: await openRegisterTable(config), ...options });
}

/** Searching Microsoft 365 and building answer packages. */
export async function openDiscovery(
  config: Config,
  deps: {
    graph: Client;
    cases: CaseService;
    repository: Pick<CaseRepository, 'listAll'>;
    logger: Logger;
    concurrency?: number;
    batch?: boolean;
    register?: RegisterAnswers;
  },
): Promise<Discovery> {
  const [{ createDiscovery }, { openDiscoveryTable }] = await Promise.all([
    import('./discovery/discovery.js'),
    import('./discovery/discovery-table.js'),
  ]);
  const { exportDrive } = config.discovery;
  // Every package's letters read the DPO's answers: opened here when the caller has none yet (the CLI).
  const { register, ...rest } = deps;
  const answers = register ?? (await openRegisterAnswers(config));
  return createDiscovery({
    ...rest,
    confirmations: () => answers.confirmations(),
    table: await openDiscoveryTable(config),
    ...(exportDrive ? { exportDrive } : {}),
    deleteExportsOnClose: config.discovery.deleteExportsOnClose,
    searchRegion: config.discovery.searchRegion,
    teamsExportModel: config.discovery.teamsExportModel,
    companyDomain: config.company.domain,
    register: config.company.register,
  });
}

/** The bot's proactive side without the HTTP server, for processes that send but do not listen (`dsar reminders run`). */
export async function openProactive(
  config: Config,
  cases: CaseService,
  logger: Logger,
): Promise<{ proactive: ProactiveSender; handlers: BotHandlers } | undefined> {
  if (!botRuns(config)) return undefined;
  const [{ createBotAdapter }, { BotHandlers }, { ProactiveSender }, { openConversationTable }] = await Promise.all([
    import('./bot/bot-app.js'),
    import('./bot/handlers.js'),
    import('./bot/proactive.js'),
    import('./bot/conversation-table.js'),
  ]);
  const graph = config.dpo.groupId && config.graph ? await graphClient(config.graph) : undefined;
  const access = await dpoAccess(config, graph);
  const proactive = new ProactiveSender({
    adapter: createBotAdapter(config.bot, logger, config.botChannel.serviceUrls),
    appId: config.bot?.appId ?? '',
    conversations: await openConversationTable(config),
    logger,
    isRecipient: proactiveRecipients(config, access),
    ...(config.bot?.channelId ? { channelId: config.bot.channelId } : {}),
  });
  return { proactive, handlers: new BotHandlers({ cases, company: config.company }) };
}

/** The reminders pass over the case store, recording what went out in the ledger (the app's job and `dsar reminders run`). */
export async function reminderService(
  config: Pick<Config, 'reminders'>,
  deps: { repository: ReminderIndex; ledger: NotificationLedger; logger: Logger },
) {
  const { ReminderService } = await import('./app/reminder-service.js');
  return new ReminderService({ repository: deps.repository, ledger: deps.ledger, policy: config.reminders, log: deps.logger });
}

/** What intake set aside, read straight from its table (the CLI's listing; no Graph needed). */
export async function openSetAsideRecords(config: Pick<Config, 'tables' | 'tablePrefix'>): Promise<Pick<SetAsideLog, 'list' | 'find'>> {
  const [{ openIntakeTable }, { setAsideRecords }] = await Promise.all([
    import('./intake/intake-table.js'),
    import('./intake/set-aside-log.js'),
  ]);
  return setAsideRecords(await openIntakeTable(config));
}

/** The notification ledger (which proactive messages went out), in the bot's table. */
export async function openLedger(
  config: Pick<Config, 'tables' | 'tablePrefix'> & { botChannel?: Pick<Config['botChannel'], 'claimStaleMs'> },
): Promise<NotificationLedger> {
  const { openNotificationTable } = await import('./bot/notification-table.js');
  return openNotificationTable(config);
}

/** The bot's own notification table (the ledger, and what rebuilds an unsent intake card), with the configured lease. */
async function openBotLedger(config: Config) {
  const { openNotificationTable } = await import('./bot/notification-table.js');
  return openNotificationTable(config);
}

/** The bot runs locally (for the Playground) and in Azure with a bot registration. */
function botRuns(config: Pick<Config, 'mode' | 'bot'>): boolean {
  return config.mode === 'local' || config.bot !== undefined;
}

/** Everything the server runs: the case core and each feature that the configuration turns on. */
export interface ComposedApp {
  table: CaseTable;
  cases: CaseService;
  graph?: Client;
  /** The Teams bot, when it runs (local mode, or with a bot registration). */
  bot?: BotApp;
  intake?: Intake;
  features: Feature[];
}

export async function composeApp(config: Config, logger: Logger): Promise<ComposedApp> {
  const { table, cases } = await openCases(config, { logger });
  const graph = config.graph ? await graphClient(config.graph) : undefined;
  const access = await dpoAccess(config, graph);

  const intake = graph ? await composeIntake(config, graph, cases, logger) : undefined;
  const setAside = intake?.setAside;
  const register = await openRegisterAnswers(config);
  // Searches are started from the bot; without it only the clean-up of old packages needs discovery.
  const discovery =
    graph && (botRuns(config) || config.discovery.deleteExportsOnClose)
      ? await openDiscovery(config, { graph, cases, repository: table, logger, register })
      : undefined;
  const attachments = graph ? await idAttachments(graph, cases) : undefined;
  const bot = await composeBot(config, {
    cases,
    access,
    logger,
    register,
    ...(graph ? { graph } : {}),
    ...(attachments ? { attachments } : {}),
    ...(discovery ? { discovery } : {}),
    ...(setAside ? { setAside } : {}),
  });

  // The bot tells DPOs about intake's new cases and follow-ups (resending what a crash or a missing
  // recipient left unsent), and delivers reminders.
  const ledger = bot ? await openBotLedger(config) : undefined;
  let cards: Feature | undefined;
  if (bot && ledger && intake) {
    const { intakeCards } = await import('./bot/notifications.js');
    const intakeCardFeature = intakeCards({
      events: intake.events,
      cases,
      handlers: bot.handlers,
      proactive: bot.proactive,
      ledger,
      logger,
      redeliveryEveryMs: config.botChannel.redeliveryEveryMs,
      claimStaleMs: config.botChannel.claimStaleMs,
    });
    bot.whenInstalled(() => intakeCardFeature.installed());
    cards = intakeCardFeature;
  }
  // The weekly card of what intake set aside, when intake keeps that record and the bot can deliver it.
  let digest: Feature | undefined;
  if (bot && ledger && setAside) {
    const { setAsideDigest } = await import('./bot/set-aside-digest.js');
    digest = setAsideDigest({ setAside, ledger, proactive: bot.proactive, handlers: bot.handlers, logger });
  }
  // One card a day per mailbox intake cannot read (an outage, a missing permission).
  let stalled: Feature | undefined;
  if (bot && ledger && intake) {
    const { intakeStalledCards } = await import('./bot/intake-stalled.js');
    stalled = intakeStalledCards({ events: intake.events, ledger, proactive: bot.proactive, logger });
  }
  const caseJobs = await composeCaseJobs(config, { table, logger, ...(bot && ledger ? { bot, ledger } : {}) });

  let api: Feature | undefined;
  if (config.api && graph) {
    const { createApi } = await import('./api/api.js');
    api = createApi({
      config: config.api,
      graph,
      cases,
      access,
      dpoMailbox: config.company.dpoMailbox,
      logger,
      ...(config.bot ? { botAppId: config.bot.appId } : {}),
      ...(setAside ? { setAside } : {}),
      ...(config.api.clientSecret ? { canRead: await mailboxReadCheck(config.api, config.graph!) } : {}),
    });
  } else logger.warn('add-in API is off: set DSAR_API_CLIENT_ID (and Graph) to serve /api/cases');
  const tab = config.api ? await composeTab(config, config.api, { cases, access, table, logger }) : undefined;
  const calendar =
    graph && config.calendar
      ? await composeCalendar(config, config.calendar, { graph, cases, logger, ...(bot && ledger ? { bot, ledger } : {}) })
      : undefined;
  if (config.calendar && !graph) logger.warn('calendar is off: DSAR_CALENDAR_MAILBOX needs Microsoft Graph (DSAR_GRAPH_TENANT_ID)');

  // The case jobs come first: the scheduler runs due jobs one after another, and reminders must not wait
  // behind a mailbox catch-up or the daily package clean-up.
  const features = [caseJobs, cards, digest, stalled, intake, discovery, calendar, bot, api, tab].filter(
    (f): f is Feature => f !== undefined,
  );

  return { table, cases, features, ...(graph ? { graph } : {}), ...(bot ? { bot } : {}), ...(intake ? { intake } : {}) };
}

/**
 * Deadlines in Outlook: every case change syncs its event at once, and a periodic pass repairs the rest.
 * A pass that fails tells the DPOs once a day, when the bot can.
 */
async function composeCalendar(
  config: Config,
  calendar: NonNullable<Config['calendar']>,
  deps: { graph: Client; cases: CaseService; logger: Logger; bot?: BotApp; ledger?: NotificationLedger },
): Promise<Feature> {
  const [{ CalendarSync }, { openCalendarTable }, { sendCalendarFailingCard }, { DomainError }] = await Promise.all([
    import('./calendar/calendar-sync.js'),
    import('./calendar/calendar-table.js'),
    import('./bot/calendar-failing.js'),
    import('./domain/index.js'),
  ]);
  const { cases, logger, bot, ledger } = deps;
  const sync = new CalendarSync({
    table: await openCalendarTable(config),
    graph: deps.graph,
    mailbox: calendar.mailbox,
    lang: calendar.lang,
    everyMs: calendar.everyMs,
    logger,
    cases: {
      facts: async (id) => {
        try {
          return await cases.get(id);
        } catch (error) {
          if (error instanceof DomainError && error.code === 'not_found') return undefined;
          throw error;
        }
      },
      open: () => cases.openFacts(),
    },
    ...(bot && ledger
      ? {
          onFailure: ({ failed }: { failed: number }) =>
            void sendCalendarFailingCard({ ledger, proactive: bot.proactive, logger, mailbox: calendar.mailbox }, failed),
        }
      : {}),
  });
  cases.onChange((c) => sync.changed(c));
  logger.info('calendar: deadlines go to the configured mailbox (DSAR_CALENDAR_MAILBOX)');
  return sync.feature();
}

/**
 * The Teams tab: the add-in API's app registration and token check (same audience, same scope), so one
 * consent covers both. In local mode against the dev tenant, a dev sign-in as the demo DPO (offline).
 */
async function composeTab(
  config: Config,
  api: NonNullable<Config['api']>,
  deps: { cases: CaseService; access: DpoAccess; table: CaseTable; logger: Logger },
): Promise<Feature> {
  const [{ createTab, SignInRefused }, { accessTokenValidator, TokenRejected, API_SCOPE }, { collectStatistics }] = await Promise.all([
    import('./tab/tab.js'),
    import('./api/access-token.js'),
    import('./app/retention.js'),
  ]);
  const validate = accessTokenValidator(api);
  const isLoopback = (host: string | undefined) => host !== undefined && ['localhost', '127.0.0.1', '::1'].includes(host);
  // The demo sign-in hands out a DPO token unasked: only against the local dev tenant, and only while the app
  // itself listens on this machine alone (DSAR_HOST=0.0.0.0 would offer it to the network).
  const loopback = isLoopback(new URL(api.authorityHost).hostname) && isLoopback(config.host);
  return createTab({
    cases: deps.cases,
    access: deps.access,
    statistics: (now, years) => collectStatistics(deps.table, now, years),
    authenticate: async (authorization) => {
      try {
        return await validate(authorization);
      } catch (error) {
        if (error instanceof TokenRejected) throw new SignInRefused(error.status, error.code, error.message);
        throw error;
      }
    },
    signIn: { apiClientId: api.clientId, authority: `${api.authorityHost}/${api.tenantId}`, scope: `api://${api.clientId}/${API_SCOPE}` },
    ...(config.mode === 'local' && loopback ? { devToken: () => devTenantUserToken(api, config.local.demoDpo.objectId) } : {}),
    ...(config.bot ? { botAppId: config.bot.appId } : {}),
    logger: deps.logger,
  });
}

/** The dev tenant's user token (packages/m365-dev-tenant/README.md: /_dev/user-token, loopback only). */
async function devTenantUserToken(api: NonNullable<Config['api']>, user: string): Promise<string | undefined> {
  const response = await fetch(`${api.authorityHost}/_dev/user-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, audience: `api://${api.clientId}` }),
    signal: AbortSignal.timeout(5000),
  });
  // A 4xx: the tenant has no such user (not the demo seed); anything else: it is not answering properly.
  if (response.status >= 400 && response.status < 500) return undefined;
  if (!response.ok) throw new Error(`dev tenant user token: HTTP ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * "Can this user read that message?", asked of Graph as the user: the API redeems their token on their
 * behalf (delegated Mail.Read.Shared) and Exchange applies the mailbox permissions (Full Access, delegation).
 */
async function mailboxReadCheck(
  api: NonNullable<Config['api']>,
  graph: GraphConfig,
): Promise<(bearer: string, mailbox: string, messageId: string) => Promise<boolean>> {
  const [{ createGraphClient }, { createOnBehalfOfCredential }, { canReadMessage }] = await Promise.all([
    import('./graph/graph-client.js'),
    import('./graph/credential.js'),
    import('./graph/mail.js'),
  ]);
  const auth = { tenantId: api.tenantId, clientId: api.clientId, clientSecret: api.clientSecret!, authorityHost: api.authorityHost };
  return (bearer, mailbox, messageId) =>
    canReadMessage(createGraphClient({ baseUrl: graph.baseUrl }, createOnBehalfOfCredential(auth, bearer)), mailbox, messageId);
}

/** Watching the official mailboxes, when Graph, a public URL and a webhook secret are configured. */
async function composeIntake(config: Config, graph: Client, cases: CaseService, logger: Logger): Promise<Intake | undefined> {
  const { mailboxes, publicUrl, clientState, backfillDays } = config.intake;
  if (!publicUrl || !clientState) {
    logger.warn('intake is off: set DSAR_PUBLIC_URL and DSAR_WEBHOOK_CLIENT_STATE to watch the official mailboxes');
    return undefined;
  }
  const [{ setUpIntake }, { classifierFor }, { openIntakeTable }] = await Promise.all([
    import('./intake/intake.js'),
    import('./classifier/classify-mime.js'),
    import('./intake/intake-table.js'),
  ]);
  const table = await openIntakeTable(config);
  logger.info({ mailboxes }, 'intake: watching the official mailboxes');
  // Allowed (DSAR_INTAKE_MAILBOXES says so), but requests to the privacy policy's address would then go unseen.
  if (!mailboxes.includes(config.company.dpoMailbox))
    logger.warn({ dpoMailbox: config.company.dpoMailbox }, 'intake: the DPO mailbox is not among DSAR_INTAKE_MAILBOXES');
  return setUpIntake({
    config: { mailboxes, publicUrl, clientState, backfillDays },
    graph,
    table,
    cases,
    classify: classifierFor({ name: config.company.name, domains: [config.company.domain] }),
    signature: config.company.register.controller.name,
    companyDomains: [config.company.domain],
    logger,
  });
}

/** Removing ID attachments a person mailed (the case card's "Slet vedhæftning"), through Graph. */
async function idAttachments(graph: Client, cases: CaseService): Promise<IdAttachments> {
  const [{ IdAttachments }, { graphMessageAttachments }] = await Promise.all([
    import('./app/id-attachments.js'),
    import('./graph/attachments.js'),
  ]);
  return new IdAttachments({ cases, attachments: graphMessageAttachments(graph) });
}

/** The Teams bot on /api/messages: always locally (for the Playground); in Azure only with a bot registration. */
async function composeBot(
  config: Config,
  deps: {
    cases: CaseService;
    access: DpoAccess;
    graph?: Client;
    discovery?: Discovery;
    setAside?: SetAsideLog;
    attachments?: IdAttachments;
    register: RegisterAnswers;
    logger: Logger;
  },
): Promise<BotApp | undefined> {
  const { logger } = deps;
  if (!botRuns(config)) {
    logger.warn('Teams bot is off: set DSAR_BOT_APP_ID (and DSAR_BOT_APP_PASSWORD) to serve /api/messages');
    return undefined;
  }
  if (deps.access.isEmpty) logger.warn('no DPO users configured (DSAR_DPO_USER_IDS or DSAR_DPO_GROUP_ID): the bot will refuse everyone');
  const [{ createBotApp }, { openConversationTable }] = await Promise.all([
    import('./bot/bot-app.js'),
    import('./bot/conversation-table.js'),
  ]);
  return createBotApp({
    ...deps,
    company: config.company,
    serviceUrls: config.botChannel.serviceUrls,
    ...(config.bot ? { bot: config.bot } : {}),
    ...(tabLink(config) ? { tabUrl: tabLink(config)! } : {}),
    conversations: await openConversationTable(config),
  });
}

/**
 * Where the bot's "open the overview" links go: the tab inside Teams (a deep link to the app's static tab)
 * when the Teams app's id is configured, else the tab's page (which says how to open it in Teams).
 */
function tabLink(config: Config): string | undefined {
  if (config.teamsAppId) return `https://teams.microsoft.com/l/entity/${config.teamsAppId}/dsarOverview`;
  return config.intake.publicUrl ? `${config.intake.publicUrl}/tab/tab.html` : undefined;
}

/** Retention every day, and reminders when the bot can deliver them. */
async function composeCaseJobs(
  config: Config,
  deps: { table: CaseTable; logger: Logger; bot?: BotApp; ledger?: NotificationLedger },
): Promise<Feature> {
  const { caseJobs } = await import('./jobs/jobs.js');
  const openIndex = deps.table.openIndex;
  if (!deps.bot || !deps.ledger) return caseJobs({ repository: deps.table, logger: deps.logger, openIndex });
  const { botReminderDelivery } = await import('./bot/reminder-delivery.js');
  const service = await reminderService(config, { repository: deps.table, ledger: deps.ledger, logger: deps.logger });
  return caseJobs({
    repository: deps.table,
    logger: deps.logger,
    openIndex,
    reminders: { service, delivery: botReminderDelivery(deps.bot.proactive, deps.bot.handlers) },
  });
}
