import { AsyncLocalStorage } from 'node:async_hooks';
import { inspect } from 'node:util';
import type { Request, Response } from '../platform/http.js';

/**
 * restify's `handleUncaughtExceptions`, without node:domain. A domain per request made Node track every
 * promise of the process (domain's async hooks, destroy included): a fifth of the CPU of an intake burst
 * went there, and more to GC. An AsyncLocalStorage store (one cheap init hook) carries the request's error
 * handler instead, into its callbacks, timers and the work it starts, as the domain did; a throw there
 * reaches the one process listener below, which hands it to the request it belongs to.
 */
const requestOf = new AsyncLocalStorage<(error: unknown) => void>();
let listening = false;

export function catchPerRequest(
  req: Request,
  res: Response,
  onError: (error: unknown) => void,
  next: (req: Request, res: Response) => void,
): void {
  listen();
  requestOf.run(onError, () => {
    try {
      next(req, res);
    } catch (error) {
      onError(error);
    }
  });
}

function listen(): void {
  if (listening) return;
  listening = true;
  process.on('uncaughtException', (error) => {
    const onError = requestOf.getStore();
    if (onError) return onError(error);
    // Not a request's, and no one else listens: what Node does without a listener (print, exit 1).
    if (process.listenerCount('uncaughtException') > 1) return;
    process.stderr.write(`${inspect(error)}\n`);
    process.exit(1);
  });
}
