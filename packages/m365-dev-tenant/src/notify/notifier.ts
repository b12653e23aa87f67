import type { Counters } from '../counters.js';
import type { FaultSwitch } from '../faults.js';
import type { Subscription } from '../model.js';
import type { MessageChange } from '../state/mail-store.js';
import type { Tenant } from '../state/tenant.js';

/**
 * Change notifications as Graph delivers them: POSTed to the subscriber's webhook, answered with 2xx
 * within 3 s or retried with exponential back-off (Graph retries for up to 4 hours), at least once.
 * Fault switches drop, duplicate or delay notifications so subscribers are tested against all of it.
 */

export interface NotifierOptions {
  /** First retry delay; doubles each attempt. Graph's is in the order of seconds; tests use less. */
  retryBaseMs: number;
  retryMaxDelayMs: number;
  /** Give up on a notification after this long. */
  retryForMs: number;
  /** How long the webhook has to answer. */
  responseTimeoutMs: number;
  /** Notifications for one URL raised within this window go out in one POST. */
  batchWindowMs: number;
}

export const DEFAULT_NOTIFIER: NotifierOptions = {
  retryBaseMs: 1_000,
  retryMaxDelayMs: 60_000,
  retryForMs: 4 * 3600_000,
  responseTimeoutMs: 3_000,
  batchWindowMs: 20,
};

export interface ChangeNotification {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  changeType: string;
  resource: string;
  resourceData: { '@odata.type': string; '@odata.id': string; '@odata.etag': string; id: string };
  clientState: string | null;
  tenantId: string;
}

export interface LifecycleNotification {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  tenantId: string;
  clientState: string | null;
  lifecycleEvent: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';
}

type Item = ChangeNotification | LifecycleNotification;

export class Notifier {
  private readonly pending = new Map<string, { items: Item[]; timer: NodeJS.Timeout }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;
  options: NotifierOptions;

  constructor(
    private readonly tenant: Tenant,
    private readonly faults: FaultSwitch,
    private readonly counters: Counters,
    options: Partial<NotifierOptions> = {},
  ) {
    this.options = { ...DEFAULT_NOTIFIER, ...options };
    tenant.mail.on('change', (change) => this.onChange(change));
  }

  /** Active (unexpired) subscriptions; expired ones are removed, as Graph deletes them. */
  active(): readonly Subscription[] {
    return this.tenant.dropExpiredSubscriptions(this.tenant.now().getTime());
  }

  lifecycle(subscription: Subscription, event: LifecycleNotification['lifecycleEvent']): void {
    if (!subscription.lifecycleNotificationUrl) return;
    this.counters.lifecycle.posted++;
    this.enqueue(subscription.lifecycleNotificationUrl, {
      subscriptionId: subscription.id,
      subscriptionExpirationDateTime: subscription.expirationDateTime,
      tenantId: this.tenant.tenantId,
      clientState: subscription.clientState ?? null,
      lifecycleEvent: event,
    });
  }

  /** Waits until nothing is queued or being posted (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size || this.inFlight.size || this.timers.size) {
      await Promise.allSettled([...this.inFlight]);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  close(): void {
    this.closed = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    for (const timer of this.timers) clearTimeout(timer);
    this.pending.clear();
    this.timers.clear();
  }

  private onChange(change: MessageChange): void {
    for (const sub of this.active()) {
      if (sub.target.mailboxId !== change.mailboxId) continue;
      if (sub.target.folderId && sub.target.folderId !== change.folderId) continue;
      if (
        !sub.changeType
          .split(',')
          .map((c) => c.trim())
          .includes(change.changeType)
      )
        continue;
      const id = sub.immutableIds ? change.message.immutableId : change.message.id;
      // Graph names the mailbox as {user id}@{tenant id} in notifications.
      const resource = `Users/${change.mailboxId}@${this.tenant.tenantId}/Messages/${id}`;
      const notification: ChangeNotification = {
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: sub.expirationDateTime,
        changeType: change.changeType,
        resource,
        resourceData: {
          '@odata.type': '#Microsoft.Graph.Message',
          '@odata.id': resource,
          '@odata.etag': `W/"${change.message.changeKey}"`,
          id,
        },
        clientState: sub.clientState ?? null,
        tenantId: this.tenant.tenantId,
      };
      this.raise(sub.notificationUrl, notification);
    }
  }

  private raise(url: string, notification: ChangeNotification): void {
    const f = this.faults.faults.notifications;
    if (this.faults.chance(f.drop)) {
      this.counters.notifications.dropped++;
      return;
    }
    const copies = this.faults.chance(f.duplicate) ? 2 : 1;
    if (copies === 2) this.counters.notifications.duplicated++;
    for (let i = 0; i < copies; i++) {
      if (this.faults.chance(f.reorder)) {
        this.counters.notifications.delayed++;
        this.later(Math.floor(this.faults.random() * f.reorderWindowMs), () => this.post(url, [notification], Date.now(), 0));
      } else {
        this.enqueue(url, notification);
      }
    }
  }

  private enqueue(url: string, item: Item): void {
    if (this.closed) return;
    const batch = this.pending.get(url);
    if (batch) return void batch.items.push(item);
    const timer = setTimeout(() => {
      const items = this.pending.get(url)?.items ?? [];
      this.pending.delete(url);
      this.post(url, items, Date.now(), 0);
    }, this.options.batchWindowMs);
    this.pending.set(url, { items: [item], timer });
  }

  private later(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private post(url: string, items: Item[], firstTry: number, attempt: number): void {
    if (this.closed || items.length === 0) return;
    // Graph stops notifying for subscriptions that expired while a notification waited.
    const live = new Set(this.active().map((s) => s.id));
    const current = items.filter((i) => 'lifecycleEvent' in i || live.has(i.subscriptionId));
    this.counters.notifications.expiredSkipped += items.length - current.length;
    if (current.length === 0) return;
    this.counters.notifications.posted++;
    const attemptPromise = fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ value: current }),
      signal: AbortSignal.timeout(this.options.responseTimeoutMs),
    })
      .then(async (res) => {
        await res.arrayBuffer().catch(() => undefined);
        return res.status >= 200 && res.status < 300;
      })
      .catch(() => false)
      .then((ok) => {
        if (ok) {
          this.counters.notifications.delivered += current.length;
          return;
        }
        this.counters.notifications.failed++;
        const delay = Math.min(this.options.retryBaseMs * 2 ** attempt, this.options.retryMaxDelayMs);
        if (Date.now() + delay - firstTry > this.options.retryForMs) return;
        this.counters.notifications.retried++;
        this.later(delay, () => this.post(url, current, firstTry, attempt + 1));
      });
    this.inFlight.add(attemptPromise);
    void attemptPromise.finally(() => this.inFlight.delete(attemptPromise));
  }
}

/**
 * Graph's validation handshake: POST {url}?validationToken=..., which must answer 200 with the token as
 * text/plain within 10 seconds.
 */
export type ValidationResult =
  | { ok: true }
  | { ok: false; kind: 'status' | 'token' | 'contentType' | 'timeout' | 'unreachable'; reason: string };

export async function validateEndpoint(url: string, token: string, timeoutMs = 10_000): Promise<ValidationResult> {
  const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
  try {
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await res.text();
    if (res.status !== 200) return { ok: false, kind: 'status', reason: `responded ${res.status}` };
    if (body !== token) return { ok: false, kind: 'token', reason: 'did not echo the validation token' };
    if (!/^text\/plain/i.test(res.headers.get('content-type') ?? ''))
      return { ok: false, kind: 'contentType', reason: 'answered without Content-Type text/plain' };
    return { ok: true };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return timedOut
      ? { ok: false, kind: 'timeout', reason: `did not answer within ${timeoutMs / 1000} s` }
      : { ok: false, kind: 'unreachable', reason: 'could not be reached' };
  }
}
