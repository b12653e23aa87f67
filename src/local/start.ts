import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import type { DevTenant } from 'm365-dev-tenant';
import { describeTables, loadConfigOrExit, roleMailboxes, type Config } from '../config/config.js';
import { createLogger, type Logger } from '../logging/logger.js';
import type { runApp } from '../server/run.js';
import { unignoredDataDir } from './data-dir-check.js';
import { AzuriteStartError, startAzurite, type RunningAzurite } from './azurite.js';
import { devTenantGraph } from './dev-tenant-graph.js';
import { devTlsDir } from './dev-tls-dir.js';
import { startPlayground, type RunningPlayground } from './playground.js';
import { buildAddinUnlessFresh } from './addin-build.js';
import { errorText } from '../platform/error-text.js';
import { scrub } from '../logging/scrub.js';

/** The add-in API's app registration in local mode (any fixed GUID: the dev tenant signs for it). */
const DEV_API_CLIENT_ID = 'a5c1d2e3-0f4b-4c6d-8e9f-1a2b3c4d5e6f';
/** Only the local dev tenant knows this app and secret; nothing outside this machine accepts them. */
const DEV_API_SECRET = randomBytes(24).toString('base64url');

/**
 * `npm start`: the whole product on this machine with no configuration. In local mode it starts Azurite
 * (data kept under .data/ so cases survive a restart) and the app; with Azure settings it runs the app
 * against them instead. Ctrl-C stops everything in order.
 */

async function startLocalStore(config: Config, logger: Logger): Promise<RunningAzurite> {
  const location = `${config.local.dataDir}/azurite`;
  try {
    const azurite = await startAzurite({ port: config.local.tablesPort, location });
    logger.info({ port: azurite.port, location }, 'Azurite table service started');
    return azurite;
  } catch (error) {
    if (error instanceof AzuriteStartError && /in use/.test(error.message)) {
      throw new Error(
        `port ${config.local.tablesPort} for the local case store is in use: is another \`npm start\` (or Azurite) running? ` +
          'Stop it, or set DSAR_LOCAL_TABLES_PORT to a free port.',
      );
    }
    throw error;
  }
}

async function startLocalTenant(config: Config, logger: Logger): Promise<DevTenant> {
  try {
    const { startDevTenant } = await import('m365-dev-tenant');
    const tenant = await startDevTenant({
      port: config.local.devTenantPort,
      tlsDir: devTlsDir(config.local.dataDir),
      stateFile: `${config.local.dataDir}/devtenant/tenant.json`,
      seed: 'demo',
      // The add-in's API, which asks Graph as the signed-in DPO which mailboxes they can read (on-behalf-of).
      apis: [{ clientId: DEV_API_CLIENT_ID, secret: DEV_API_SECRET, displayName: 'ITGuy DSAR add-in API (dev)' }],
    });
    logger.info({ url: tenant.url }, 'dev tenant started');
    return tenant;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `port ${config.local.devTenantPort} for the dev tenant is in use: is another \`npm start\` running? Stop it, or set DSAR_DEV_TENANT_PORT to a free port.`,
      );
    }
    throw error;
  }
}

async function startLocalPlayground(config: Config, botUrl: string, logger: Logger): Promise<RunningPlayground | undefined> {
  try {
    const playground = await startPlayground({ botUrl, port: config.local.playgroundPort });
    logger.info({ url: playground.url }, 'Agents Playground started');
    return playground;
  } catch (error) {
    // The product works without it; say how to get it back.
    logger.warn(
      { err: errorText(error) },
      `Agents Playground did not start (is port ${config.local.playgroundPort} free? set DSAR_PLAYGROUND_PORT)`,
    );
    return undefined;
  }
}

type RunningApp = Awaited<ReturnType<typeof runApp>>;

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const local = config.mode === 'local';
  // The app and the dev tenant take seconds to load: loaded from the start, beside the checks and Azurite,
  // not before them (a static import would make everything below wait for it).
  const appModule = import('../server/run.js');
  const tenantModule = local ? import('m365-dev-tenant') : undefined;
  for (const loading of [appModule, tenantModule]) loading?.catch(() => undefined);

  // Ctrl-C at any point, also while still starting: stop what has started. Azurite runs in its own process
  // group, so without this a Ctrl-C during start-up would leave it running and the next start would find
  // its port taken (a part still starting is killed by the exit hook in azurite.ts).
  let logger: Logger | undefined;
  const parts: { azurite?: RunningAzurite; tenant?: DevTenant; app?: RunningApp; playground?: RunningPlayground | undefined } = {};
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger?.info({ signal }, 'stopping');
    await parts.playground?.stop();
    await parts.app?.close();
    await parts.tenant?.close();
    await parts.azurite?.stop();
    logger?.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (local) {
    // Before anything is written there: cases and a private key must not land where git would take them.
    const unignored = await unignoredDataDir(config.local.dataDir);
    if (unignored) throw new Error(unignored);
    const { trustDevTenantCertificate } = await import('./trust-dev-tenant.js');
    await trustDevTenantCertificate(config.local.dataDir);
  }
  const keepAddresses = roleMailboxes(config);
  logger = process.stdout.isTTY
    ? createLogger(
        config.logLevel,
        (await import('pino-pretty')).default({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' }),
        { keepAddresses },
      )
    : createLogger(config.logLevel, undefined, { keepAddresses });
  logger.info({ mode: config.mode }, `starting in ${config.mode} mode`);

  // Azurite, the dev tenant and the add-in's pages do not depend on each other: started together, the app
  // waits for the slowest of them rather than for their sum.
  const [store, devTenant, pages] = await Promise.allSettled([
    local ? startLocalStore(config, logger).then((started) => (parts.azurite = started)) : undefined,
    local ? startLocalTenant(config, logger).then((started) => (parts.tenant = started)) : undefined,
    local ? buildAddinUnlessFresh() : undefined,
  ]);
  const { azurite, tenant } = parts;
  try {
    for (const started of [store, devTenant, pages]) if (started.status === 'rejected') throw started.reason;
    if (pages.status === 'fulfilled' && pages.value) logger.info({ pages: pages.value }, 'add-in pages ready');
    if (tenant) {
      config.graph ??= devTenantGraph(tenant);
      // The dev tenant posts notifications to the app on this machine; a fresh webhook secret each start.
      config.intake.publicUrl ??= `http://localhost:${config.port}`;
      config.intake.clientState ??= randomBytes(24).toString('base64url');
      if (!config.dpo.userIds.length && !config.dpo.groupId) config.dpo.userIds = [config.local.demoDpo.objectId];
      // The add-in's API accepts the dev tenant's user tokens (packages/m365-dev-tenant/README.md: /_dev/user-token).
      config.api ??= {
        clientId: DEV_API_CLIENT_ID,
        clientSecret: DEV_API_SECRET,
        tenantId: tenant.tenantId,
        authorityHost: tenant.authorityHost,
      };
      // Answer packages go to the demo DPO's OneDrive.
      config.discovery.exportDrive ??= config.local.demoDpo.upn;
      // And the deadlines to the demo DPO's calendar, as DSAR_CALENDAR_MAILBOX would in Azure.
      config.calendar ??= { mailbox: config.local.demoDpo.upn, lang: 'da', everyMs: 10 * 60_000 };
    }
    parts.app = await (await appModule).runApp(config, logger);
    if (local) parts.playground = await startLocalPlayground(config, parts.app.url, logger);
  } catch (error) {
    await parts.app?.close();
    await tenant?.close();
    await azurite?.stop();
    throw error;
  }
  const app = parts.app;
  const playground = parts.playground;

  const dataDir = relative(process.cwd(), config.local.dataDir);
  const where = config.mode === 'local' ? `, data in ${dataDir.startsWith('..') ? config.local.dataDir : dataDir || '.'}/azurite` : '';
  console.log(
    [
      '',
      `ITGuy DSAR assistant is running (${config.mode} mode)`,
      `  App         ${app.url}   health: ${app.url}/healthz`,
      `  Case store  ${describeTables(config.tables)}${where}`,
      ...(tenant
        ? [
            `  Dev tenant  ${tenant.url}   Graph: ${tenant.graphBaseUrl}   (itguy.dk demo data, packages/m365-dev-tenant/README.md)`,
            `              deliver mail: npx dsar dev deliver packages/m365-dev-tenant/src/demo/samples/<file>.eml`,
          ]
        : []),
      ...(config.api
        ? [`  Add-in      ${app.url}/addin/taskpane.html   (pages and API /api/cases; manifests: npm run package:teams)`]
        : []),
      ...(playground
        ? [`  Teams       ${playground.url}   (Agents Playground: chat with the bot as the demo DPO; try "sager" or "hjælp")`]
        : []),
      '  CLI         npx dsar cases   ·   npx dsar case new --help   ·   npx dsar --help',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${scrub(errorText(error))}`);
  process.exit(1);
});
