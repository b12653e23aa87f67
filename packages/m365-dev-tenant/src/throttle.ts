/**
 * Graph's throttling as Outlook applies it: per app per mailbox at most `concurrency` requests in flight
 * and `limit` requests per sliding `windowMs`; beyond that 429 with Retry-After. OneDrive has a budget of
 * its own. Limits are configurable so tests and benchmarks can reach them quickly.
 */

export type Budget = 'outlook' | 'onedrive';

export interface Limits {
  concurrency: number;
  limit: number;
  windowMs: number;
}

export type ThrottleConfig = Record<Budget, Limits>;

export const DEFAULT_THROTTLE: ThrottleConfig = {
  outlook: { concurrency: 4, limit: 10_000, windowMs: 10 * 60_000 },
  onedrive: { concurrency: 10, limit: 1_250, windowMs: 60_000 },
};

export type Admission = { ok: true; release: () => void } | { ok: false; retryAfterS: number; reason: 'concurrency' | 'rate' };

interface Bucket {
  inFlight: number;
  maxInFlight: number;
  /** Arrival times of admitted requests within the window, oldest first. */
  times: number[];
}

export class Throttle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private limits: ThrottleConfig = structuredClone(DEFAULT_THROTTLE)) {}

  get config(): Readonly<ThrottleConfig> {
    return this.limits;
  }

  /** Changes the given limits and starts every budget afresh. */
  configure(limits: Partial<Record<Budget, Partial<Limits>>>): void {
    for (const budget of ['outlook', 'onedrive'] as const) Object.assign(this.limits[budget], limits[budget] ?? {});
    this.reset();
  }

  admit(budget: Budget, appId: string, mailboxId: string, now: number): Admission {
    const limits = this.limits[budget];
    const bucket = this.bucket(`${budget}|${appId}|${mailboxId}`);
    while (bucket.times.length && bucket.times[0]! <= now - limits.windowMs) bucket.times.shift();
    if (bucket.inFlight >= limits.concurrency) return { ok: false, retryAfterS: 1, reason: 'concurrency' };
    if (bucket.times.length >= limits.limit) {
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((bucket.times[0]! + limits.windowMs - now) / 1000)), reason: 'rate' };
    }
    bucket.times.push(now);
    bucket.inFlight++;
    bucket.maxInFlight = Math.max(bucket.maxInFlight, bucket.inFlight);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (!released) bucket.inFlight--;
        released = true;
      },
    };
  }

  /** Highest number of requests seen in flight at once, per budget|app|mailbox key. */
  maxConcurrency(): Record<string, number> {
    return Object.fromEntries([...this.buckets].map(([key, b]) => [key, b.maxInFlight]));
  }

  reset(): void {
    this.buckets.clear();
  }

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { inFlight: 0, maxInFlight: 0, times: [] };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
