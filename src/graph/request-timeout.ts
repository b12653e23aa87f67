import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * A time limit on every Graph request (each try on its own: it sits after the SDK's retry handler). Without one a
 * connection that stops answering holds whoever waits on it for ever: a mailbox's intake, a search, a shutdown.
 * Two minutes is far longer than any single call takes, even a 36 MB message download.
 */
export const GRAPH_REQUEST_TIMEOUT_MS = 120_000;

export class GraphTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Microsoft Graph did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`);
    this.name = 'GraphTimeoutError';
  }
}

export class RequestTimeoutHandler implements Middleware {
  private next: Middleware | undefined;
  /** The caller's own signal per request: the retry handler sends every try with the same context. */
  private readonly callers = new WeakMap<Context, AbortSignal | undefined>();

  constructor(private readonly timeoutMs: number = GRAPH_REQUEST_TIMEOUT_MS) {}

  async execute(context: Context): Promise<void> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    if (!this.callers.has(context)) this.callers.set(context, context.options?.signal as AbortSignal | undefined);
    const own = this.callers.get(context);
    context.options = { ...context.options, signal: own ? AbortSignal.any([own, timeout]) : timeout };
    try {
      await this.next?.execute(context);
    } catch (error) {
      if (timeout.aborted && !own?.aborted) throw new GraphTimeoutError(this.timeoutMs);
      throw error;
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
