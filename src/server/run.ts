import { readFileSync } from 'node:fs';
import { CaseService } from '../app/case-service.js';
import { describeTables, type Config } from '../config/config.js';
import { ITGUY_REGISTER } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import { openCaseTable } from '../store/open-case-table.js';
import { createGraphCredential } from '../graph/credential.js';
import { createGraphClient } from '../graph/graph-client.js';
import { scheduledJobs } from '../jobs/jobs.js';
import { Scheduler } from '../jobs/scheduler.js';
import { openLeaseTable } from '../store/lease-table.js';
import { createApp } from './app.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export interface RunningApp {
  url: string;
  cases: CaseService;
  close: () => Promise<void>;
}

/** Graph is reachable and lets the app in: one directory read with the app's own credential. */
function graphReadiness(config: Config) {
  if (!config.graph) return [];
  const graph = createGraphClient({ baseUrl: config.graph.baseUrl }, createGraphCredential(config.graph.auth));
  return [{ name: 'graph', check: async () => void (await graph.api('/users').top(1).select('id').get()) }];
}

/** Connects to the store, then serves HTTP. Used by the production entry point and by `npm start`. */
export async function runApp(config: Config, logger: Logger): Promise<RunningApp> {
  const table = await openCaseTable(config);
  logger.info({ tables: describeTables(config.tables) }, 'case store ready');
  const cases = new CaseService({ repository: table, register: ITGUY_REGISTER, retentionYears: config.retentionYears });

  const server = createApp({
    logger,
    version,
    readiness: [{ name: 'store', check: () => table.ping() }, ...graphReadiness(config)],
  });
  // Periodic jobs run on one instance at a time (leases in the same store).
  const scheduler = new Scheduler(scheduledJobs({ repository: table, logger }), { leases: await openLeaseTable(config), logger });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${config.port} is in use: is the app already running? Stop it, or set PORT to a free port.`) : error),
    );
    server.listen(config.port, () => resolve());
  });
  const url = `http://localhost:${config.port}`;
  logger.info({ url }, 'listening');
  scheduler.start();

  return {
    url,
    cases,
    close: async () => {
      // Stop taking connections and scheduled work; let in-flight requests and a running job finish.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections?.();
      await Promise.all([closed, scheduler.stop()]);
    },
  };
}
