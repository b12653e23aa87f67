import { OUTLOOK_CONCURRENT_PER_MAILBOX } from './mailbox-limit.js';
/**
 * How many Graph requests this app has in flight, kept within Graph's own limits
 * (learn.microsoft.com/graph/throttling-limits): Outlook allows 4 concurrent requests per app per
 * mailbox, and the tenant-wide cap stays far below Graph's global limit (130,000 requests per 10 s per
 * app, about 13,000 a second; 128 in flight at ~50-500 ms each is 250-2,600 a second). On a 429 the
 * tenant-wide limit halves and nothing new starts until Retry-After has passed; it grows back by one
 * for every round of requests that succeed (additive increase, multiplicative decrease).
 */

/** Requests in flight across the tenant, before any 429 lowers it. */
export const DEFAULT_TENANT_CONCURRENCY = 128;
/** The adaptive limit never drops below this (one mailbox's worth). */
const FLOOR = 4;

export interface GraphConcurrencyOptions {
  /** Requests in flight per key (a mailbox or a OneDrive): Outlook's 4 unless told otherwise. */
  perKey?: number;
  /** Requests in flight across the tenant at most (the adaptive limit starts here). */
  tenantCap?: number;
  now?: () => number;
}

interface Waiter {
  keys: readonly string[];
  start: () => void;
}

export class GraphConcurrency {
  readonly perKey: number;
  readonly tenantCap: number;
  /** The tenant-wide limit now: tenantCap, lower after 429s. */
  limit: number;
  /** Most requests seen in flight at once, tenant-wide. */
  maxInFlight = 0;
  /** 429s reported (each halves the limit unless one already did within its Retry-After). */
  throttles = 0;
  private inFlight = 0;
  private readonly byKey = new Map<string, number>();
  private readonly waiting: Waiter[] = [];
  private pausedUntil = 0;
  private wake?: NodeJS.Timeout | undefined;
  private succeededSinceChange = 0;
  private readonly now: () => number;

  constructor(options: GraphConcurrencyOptions = {}) {
    this.perKey = Math.max(1, options.perKey ?? OUTLOOK_CONCURRENT_PER_MAILBOX);
    this.tenantCap = Math.max(1, options.tenantCap ?? DEFAULT_TENANT_CONCURRENCY);
    this.limit = this.tenantCap;
    this.now = options.now ?? Date.now;
  }

  /** Requests in flight now. */
  get active(): number {
    return this.inFlight;
  }

  /**
   * Runs `request` once a slot is free for the tenant and for every one of `keys` (the mailboxes or
   * OneDrives it touches; a $batch names all of its sub-requests'). `first` puts it ahead of requests
   * not yet started: a source's next page goes before other sources' first pages, so sources finish
   * (and are checkpointed) one after another instead of all at the end.
   */
  async run<T>(keys: readonly string[], request: () => Promise<T>, options: { first?: boolean } = {}): Promise<T> {
    await new Promise<void>((start) => {
      const waiter = { keys, start };
      if (options.first) this.waiting.unshift(waiter);
      else this.waiting.push(waiter);
      this.dispatch();
    });
    let ok = false;
    try {
      const result = await request();
      ok = true;
      return result;
    } finally {
      this.release(keys, ok);
    }
  }

  /** Graph answered 429 (or 503 with Retry-After): halve the limit and start nothing new until `retryAfterMs` has passed. */
  throttled(retryAfterMs: number): void {
    this.throttles++;
    const now = this.now();
    // A burst of 429s for requests sent together is one signal, not one halving each.
    if (now >= this.pausedUntil) this.limit = Math.max(Math.min(FLOOR, this.tenantCap), Math.floor(this.limit / 2));
    this.succeededSinceChange = 0;
    this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(0, retryAfterMs));
    this.dispatch();
  }

  private release(keys: readonly string[], ok: boolean): void {
    this.inFlight--;
    for (const key of keys) {
      const n = (this.byKey.get(key) ?? 1) - 1;
      if (n > 0) this.byKey.set(key, n);
      else this.byKey.delete(key);
    }
    // Grow back by one for every round of requests at the current limit that went through.
    if (ok && this.limit < this.tenantCap && ++this.succeededSinceChange >= this.limit) {
      this.limit++;
      this.succeededSinceChange = 0;
    }
    this.dispatch();
  }

  private dispatch(): void {
    const wait = this.pausedUntil - this.now();
    if (wait > 0) {
      this.wake ??= setTimeout(() => {
        this.wake = undefined;
        this.dispatch();
      }, wait);
      return;
    }
    for (let i = 0; i < this.waiting.length && this.inFlight < this.limit; ) {
      const waiter = this.waiting[i]!;
      if (waiter.keys.some((k) => (this.byKey.get(k) ?? 0) >= this.perKey)) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      for (const key of waiter.keys) this.byKey.set(key, (this.byKey.get(key) ?? 0) + 1);
      waiter.start();
    }
  }
}

/** Retry-After in milliseconds from a header value (seconds or an HTTP date); `fallbackMs` when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, fallbackMs: number, now = Date.now()): number {
  if (value === null || value === undefined || value.trim() === '') return fallbackMs;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : fallbackMs;
}
