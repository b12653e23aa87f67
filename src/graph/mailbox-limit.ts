import type { Client, GraphRequest } from '@microsoft/microsoft-graph-client';
import pLimit, { type LimitFunction } from 'p-limit';

/**
 * Outlook allows an app 4 concurrent requests per mailbox; a fifth is answered 429 (MailboxConcurrency).
 * `limitPerMailbox` gives a Client whose requests to `/users/{mailbox}/...` wait for one of that mailbox's
 * slots, so work that runs many messages at once (intake) keeps every mailbox's 4 busy and no more.
 * A request holds its slot through the SDK's own retries (Retry-After waits included): a throttled
 * mailbox gets fewer requests, not more. Requests naming no mailbox are not limited.
 */

/** Outlook's limit: concurrent requests per app and mailbox (Microsoft Graph throttling limits, Outlook service). */
export const OUTLOOK_CONCURRENT_PER_MAILBOX = 4;

const SENDS = new Set(['get', 'post', 'create', 'put', 'patch', 'update', 'delete', 'del', 'getStream', 'putStream']);
const LIMITED = Symbol('limitPerMailbox');

/** The mailbox a request path or next link names (`/users/{id or address}/...`), lower-cased; undefined for none. */
export function mailboxOfPath(path: string): string | undefined {
  const segment = /\/users\/([^/?#]+)/i.exec(path)?.[1];
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

/** The client, its requests limited to `perMailbox` in flight per mailbox. A client already limited is returned as it is. */
export function limitPerMailbox(graph: Client, perMailbox = OUTLOOK_CONCURRENT_PER_MAILBOX): Client {
  if ((graph as unknown as Record<symbol, unknown>)[LIMITED]) return graph;
  const limits = new Map<string, LimitFunction>();
  const limitFor = (mailbox: string) => limits.get(mailbox) ?? limits.set(mailbox, pLimit(perMailbox)).get(mailbox)!;
  const wrap = (request: GraphRequest, mailbox: string): GraphRequest => {
    const proxy: GraphRequest = new Proxy(request, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (typeof prop === 'string' && SENDS.has(prop))
          return (...args: unknown[]) => limitFor(mailbox)(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
        // The builder methods (select, header, top, ...) return the request itself: keep returning the proxy.
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };
  return new Proxy(graph, {
    get(target, prop) {
      if (prop === LIMITED) return true;
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop !== 'api' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (path: string) => {
        const request = (value as (p: string) => GraphRequest).call(target, path);
        const mailbox = mailboxOfPath(path);
        return mailbox === undefined ? request : wrap(request, mailbox);
      };
    },
  });
}
