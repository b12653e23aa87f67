import restify, { type Request, type Response, type Server } from '../platform/http.js';
import { isDependencyDown, RETRY_AFTER_SECONDS } from '../platform/outage.js';
import type { ReadinessCheck } from '../platform/readiness.js';
import type { Logger } from '../logging/logger.js';
import { errorText } from '../platform/error-text.js';
import { catchPerRequest } from './request-errors.js';

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
  // Uncaught exceptions are handled so a throw in any handler (even from a callback) answers, not crashes;
  // per request without node:domain (request-errors.ts says why).
  const server = restify.createServer({
    name: 'itguy-dsar',
    version,
    // Typed boolean; restify 11 also takes a function (req, res, onError, next) in place of its domain.
    handleUncaughtExceptions: catchPerRequest as unknown as boolean,
  });
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
    if (!ready) res.header('Retry-After', String(RETRY_AFTER_SECONDS));
    res.send(ready ? 200 : 503, {
      status: ready ? 'ready' : 'unavailable',
      checks: Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'failing'])),
    });
  });

  /**
   * The last resort: anything a route let escape. Restify's own refusals (404, 405, ...) carry their
   * status and pass; anything else is 503 when a dependency is down, or 500 with a generic body: the
   * error's text may name a person or an internal detail, so it is neither sent nor logged (its stack
   * frames are).
   */
  const lastResort = (req: Request, res: Response, error: unknown) => {
    const down = isDependencyDown(error);
    // Logged even after the answer went out: work a request started (a woken job) may fail later.
    logger.error(
      {
        // The route's pattern, not the path: a path can carry anything a caller typed, an address too.
        route: String(req.getRoute()?.path ?? 'none'),
        method: req.method,
        error: error instanceof Error ? error.name : typeof error,
        // Where it was thrown (code locations only): enough to act on, where the name alone is not. Its text
        // stays out: the scrubber takes addresses and quoted values, not a subject or a name in free text.
        at: error instanceof Error ? codeFrames(error.stack) : undefined,
        dependencyDown: down,
        answered: res.headersSent,
      },
      'http: request failed',
    );
    if (res.headersSent) return;
    res.header('Cache-Control', 'no-store');
    if (down) {
      res.header('Retry-After', String(RETRY_AFTER_SECONDS));
      res.send(503, { code: 'unavailable', message: 'A service this depends on is unavailable; try again shortly.' });
    } else res.send(500, { code: 'internal_error', message: 'Something went wrong; try again. If it happens again, contact IT.' });
  };
  server.on('restifyError', (req: Request, res: Response, error: { statusCode?: unknown }, done: () => void) => {
    const status = typeof error?.statusCode === 'number' ? error.statusCode : undefined;
    if (status === undefined || status >= 500) lastResort(req, res, error);
    done();
  });
  server.on('uncaughtException', (req: Request, res: Response, _route: unknown, error: unknown, done?: () => void) => {
    lastResort(req, res, error);
    done?.();
  });

  server.on('after', (req, res) => {
    logger.debug({ method: req.method, route: String(req.getRoute()?.path ?? 'none'), status: res.statusCode }, 'request');
  });
  return server;
}

/** The stack's frames (function and file:line), at most five: code locations, never a message's text. */
function codeFrames(stack: string | undefined): string[] | undefined {
  const frames = (stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim().slice(3, 300))
    .slice(0, 5);
  return frames.length ? frames : undefined;
}
