import { readFileSync } from 'node:fs';
import type { CaseService } from '../app/case-service.js';
import type { BotApp } from '../bot/bot-app.js';
import { composeApp } from '../compose.js';
import { describeTables, type Config } from '../config/config.js';
import { ping } from '../graph/directory.js';
import { openLeaseTable } from '../jobs/lease-table.js';
import { Scheduler } from '../jobs/scheduler.js';
import type { Logger } from '../logging/logger.js';
import type { ReadinessCheck } from '../platform/readiness.js';
import { createApp } from './app.js';
import { drainable } from './drain.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export interface RunningApp {
  url: string;
  cases: CaseService;
  /** The Teams bot, when it runs (local mode, or with a bot registration). */
  bot?: BotApp;
  close: () => Promise<void>;
}

const SLOW_STOP_MS = 5_000;

/** Builds the app (compose.ts), then serves HTTP and runs the features' jobs. Used by the production entry point and by `npm start`. */
export async function runApp(config: Config, logger: Logger): Promise<RunningApp> {
  const app = await composeApp(config, logger);
  logger.info({ tables: describeTables(config.tables) }, 'case store ready');
  const { features, graph } = app;
  const readiness: ReadinessCheck[] = [
    { name: 'store', check: () => app.table.ping() },
    // Graph is reachable and lets the app in: one directory read with the app's own credential.
    ...(graph ? [{ name: 'graph', check: () => ping(graph) }] : []),
    ...features.flatMap((f) => f.readiness ?? []),
  ];
  const server = createApp({ logger, version, readiness });
  const http = drainable(server.server);
  for (const feature of features) feature.routes?.(server);
  // What this instance serves, once at start: the HTTP surface as it really is (docs/security.md describes it).
  const routes = Object.values(server.router.getRoutes()).map((r) => ({ method: r.method, path: String(r.path) }));
  logger.info({ routes }, 'routes');
  // Periodic jobs run on one instance at a time (leases in the same store).
  const jobs = features.flatMap((f) => f.jobs ?? []);
  // Every 30 s, or as often as the most frequent job wants (a short redelivery interval would otherwise wait for the tick).
  const tickMs = Math.max(1000, Math.min(30_000, ...jobs.map((j) => j.everyMs)));
  const scheduler = new Scheduler(jobs, { leases: await openLeaseTable(config), logger, tickMs });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${config.port} is in use: is the app already running? Stop it, or set PORT to a free port.`)
          : error,
      ),
    );
    // Local mode listens on loopback only (config.host); Azure on every interface.
    if (config.host) server.listen(config.port, config.host, () => resolve());
    else server.listen(config.port, () => resolve());
  });
  const url = `http://localhost:${config.port}`;
  logger.info({ url }, 'listening');
  scheduler.start();
  for (const feature of features) feature.start?.();

  return {
    url,
    cases: app.cases,
    ...(app.bot ? { bot: app.bot } : {}),
    close: async () => {
      // Stop taking connections and scheduled work; let in-flight requests and a running job finish.
      const pending = new Map<string, Promise<void>>([
        ['http', http.close()],
        ['jobs', scheduler.stop()],
        ...features.filter((f) => f.stop).map((f): [string, Promise<void>] => [f.name, f.stop!()]),
      ]);
      // Both ways: a failed stop still reaches the caller through Promise.all below, never as an unhandled rejection.
      for (const [name, done] of pending)
        done.then(
          () => pending.delete(name),
          () => pending.delete(name),
        );
      // A stop that takes long is said, with what it waits for, so an operator (or a test) sees why.
      const slow = setInterval(
        () => logger.warn({ waitingFor: [...pending.keys()], jobs: scheduler.runningJobs }, 'still stopping'),
        SLOW_STOP_MS,
      );
      try {
        await Promise.all(pending.values());
      } finally {
        clearInterval(slow);
      }
    },
  };
}
