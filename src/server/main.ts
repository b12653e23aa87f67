import { loadConfigOrExit } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { runApp } from './run.js';

/** Production entry point (App Service runs `node dist/server/main.js`). Local development uses `npm start`. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  logger.info({ mode: config.mode }, `starting in ${config.mode} mode`);
  const app = await runApp(config, logger);
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
