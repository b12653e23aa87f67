import { loadConfigOrExit, roleMailboxes } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { startTelemetry } from '../telemetry/telemetry.js';
import { errorText } from '../platform/error-text.js';
import { scrub } from '../logging/scrub.js';

/**
 * Production entry point (App Service runs `node dist/server/main.js`). Local development uses `npm start`.
 * On SIGTERM (App Service stopping or swapping an instance) it stops taking requests and scheduled work,
 * lets what is in flight finish, gives leases back, flushes telemetry, then exits.
 */

const SHUTDOWN_GRACE_MS = 25_000;

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel, undefined, { keepAddresses: roleMailboxes(config) });
  logger.info({ mode: config.mode }, `starting in ${config.mode} mode`);
  // Telemetry first, so the HTTP server and SDK clients loaded after it are instrumented.
  const telemetry = await startTelemetry(config.telemetryConnectionString, logger, { entraAuth: config.onAppService });
  const { runApp } = await import('./run.js');
  const app = await runApp(config, logger);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight work');
    const forced = setTimeout(() => {
      logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    forced.unref();
    await app.close();
    logger.info('stopped');
    await telemetry.shutdown().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // App Service keeps stderr: the same scrubbing as every log line.
  console.error(scrub(errorText(error)));
  process.exit(1);
});
