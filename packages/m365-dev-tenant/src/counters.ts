/** What benchmarks and tests read back from /_dev/counters. */

export class Counters {
  requests = 0;
  requestsByMailbox: Record<string, number> = {};
  throttled429 = 0;
  injected = { latency: 0, 429: 0, 503: 0, 500: 0 };
  notifications = { posted: 0, delivered: 0, failed: 0, retried: 0, dropped: 0, duplicated: 0, delayed: 0, expiredSkipped: 0 };
  lifecycle = { posted: 0 };
  validations = { ok: 0, failed: 0 };

  countMailbox(upn: string): void {
    this.requestsByMailbox[upn] = (this.requestsByMailbox[upn] ?? 0) + 1;
  }

  reset(): void {
    Object.assign(this, new Counters());
  }
}
