import restify, { type Server } from '../platform/http.js';
import type { ReadinessCheck } from '../platform/readiness.js';
import type { Logger } from '../logging/logger.js';
import { errorText } from '../platform/error-text.js';

export interface AppOptions {
  logger: Logger;
  version: string;
  /** What must work before the app can serve (the case store, Graph, the mail subscription). */
  readiness: readonly ReadinessCheck[];
}

/**
 * The HTTP app. /healthz and /readyz are the only unauthenticated routes: App Service's health check
 * and load balancer call them, and they reveal nothing about cases. The features add their routes (the
 * bot, the webhook, the add-in API), each with its own authentication.
 */
export function createApp({ logger, version, readiness }: AppOptions): Server {
  const server = restify.createServer({ name: 'itguy-dsar', version, handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok', version });
    next();
  });

  server.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      readiness.map(async ({ name, check }) => {
        try {
          await check();
          return { name, ok: true as const };
        } catch (error) {
          logger.warn({ check: name, err: errorText(error) }, 'readiness check failed');
          return { name, ok: false as const };
        }
      }),
    );
    const ready = results.every((r) => r.ok);
    res.send(ready ? 200 : 503, {
      status: ready ? 'ready' : 'unavailable',
      checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'failing'])),
    });
  });

  server.on('after', (req, res) => {
    logger.debug({ method: req.method, path: req.getPath(), status: res.statusCode }, 'request');
  });
  return server;
}
