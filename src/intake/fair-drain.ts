import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Works a persisted queue for as long as work is due, without waiting between pages: the due rows are read
 * ahead into one line per mailbox, and each mailbox has its own `perMailbox` items in work, so a burst into
 * one mailbox never holds up another's single message (it is read by the next scan and started at once).
 * The table stays the truth: what is read ahead is only a hint, claimed (or found stale) when it is started.
 *
 * Scans, one at a time: a full one (every mailbox, from the oldest due row) when a run starts and every 30 s
 * (rows dated before the last scan, e.g. by another instance's clock); a mailbox's own rows when its line
 * runs low and rows were left unread; and on drain() (a notification queued something) a sweep of the rows
 * due since shortly before the last sweep, so a burst does not re-read the whole queue for each notification.
 */

export interface Queued {
  key: string;
  mailbox: string;
}

export interface DrainOptions<T extends Queued> {
  /** The due items in the order they are due; only those due at or after `since`, and only `mailbox`'s, when given. */
  scan: (since?: Date, mailbox?: string) => AsyncIterable<T>;
  /** Works one item: true when it was handled, false when there was nothing to do (someone else had it). */
  work: (item: T) => Promise<boolean>;
  /** Items in work at once per mailbox. */
  perMailbox: number;
  /** Items read ahead per mailbox. */
  readAhead: number;
}

/** A full scan at the start and at least this often while draining. */
const FULL_SCAN_EVERY_MS = 30_000;
/** An incremental scan starts this long before the last one did: an enqueue still in flight then is read. */
const OVERLAP_MS = 2_000;
/** Sweeps asked for by a stream of notifications are at least this far apart (each is a query of the table). */
const MIN_SCAN_GAP_MS = 200;

export class FairDrain<T extends Queued> {
  private running: Promise<number> | undefined;
  /** drain() was called since the last scan began: new work may be queued. */
  private fresh = false;
  /** Mailboxes whose due rows a scan left unread for lack of room in their line. */
  private readonly behind = new Set<string>();
  private readonly lines = new Map<string, T[]>();
  private readonly active = new Map<string, number>();
  /** Keys in a line or in work, so a scan does not take them twice. */
  private readonly known = new Set<string>();
  private inWork = 0;
  private scanning = false;
  /** When the last scan of every mailbox's rows (full or since the one before) began. */
  private lastSweepAt = Number.NEGATIVE_INFINITY;
  private lastFullScanAt = Number.NEGATIVE_INFINITY;
  private wake: (() => void) | undefined;
  private failure: { error: unknown } | undefined;
  private stopping = false;
  private handled = 0;

  constructor(private readonly options: DrainOptions<T>) {}

  /** Works until nothing is due (and nothing new was queued meanwhile). Calls while it runs join it. Resolves with how many were handled. */
  drain(): Promise<number> {
    this.fresh = true;
    if (this.running !== undefined) {
      this.poke();
      return this.running;
    }
    this.handled = 0;
    this.failure = undefined;
    // A run starts from the oldest due row: what an earlier run left (stopped, failed) is read again.
    this.lastFullScanAt = Number.NEGATIVE_INFINITY;
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Starts nothing more and waits for the work in progress (shutdown). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.poke();
    try {
      await this.running?.catch(() => 0);
    } finally {
      this.stopping = false;
    }
  }

  private async loop(): Promise<number> {
    for (;;) {
      if (!this.stopping && !this.failure) {
        if (!this.scanning && this.scanWanted()) void this.scan();
        this.start();
      }
      if (this.inWork === 0 && !this.scanning) break;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    // What was read ahead and not started stays in the table, due; the next run reads it again.
    this.lines.clear();
    this.known.clear();
    this.active.clear();
    this.behind.clear();
    if (this.failure) throw this.failure.error;
    return this.handled;
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private low(mailbox: string): boolean {
    return (this.lines.get(mailbox)?.length ?? 0) < this.options.readAhead / 2;
  }

  private scanWanted(): boolean {
    return this.fresh || this.refillable() !== undefined || Date.now() - this.lastFullScanAt >= FULL_SCAN_EVERY_MS;
  }

  /** A mailbox whose rows were left unread and whose line runs low. */
  private refillable(): string | undefined {
    return [...this.behind].find((m) => this.low(m));
  }

  /**
   * One scan: a full one at the start and every FULL_SCAN_EVERY_MS; else a mailbox's own rows when its line
   * runs low and rows were left unread; else, when drain() was called, the rows due since the last sweep.
   */
  private async scan(): Promise<void> {
    this.scanning = true;
    try {
      const full = Date.now() - this.lastFullScanAt >= FULL_SCAN_EVERY_MS;
      const mailbox = full ? undefined : this.refillable();
      if (!full && mailbox === undefined) {
        const wait = this.lastSweepAt + MIN_SCAN_GAP_MS - Date.now();
        if (wait > 0) await sleep(wait);
      }
      const startedAt = Date.now();
      const since = full || mailbox !== undefined ? undefined : new Date(this.lastSweepAt - OVERLAP_MS);
      if (mailbox === undefined) {
        this.fresh = false;
        this.lastSweepAt = startedAt;
      }
      if (full) {
        this.lastFullScanAt = startedAt;
        this.behind.clear();
      }
      if (mailbox !== undefined) this.behind.delete(mailbox);
      for await (const item of this.options.scan(since, mailbox)) {
        if (this.stopping || this.failure) break;
        if (this.known.has(item.key)) continue;
        const line = this.lines.get(item.mailbox) ?? [];
        this.lines.set(item.mailbox, line);
        if (line.length >= this.options.readAhead) {
          this.behind.add(item.mailbox);
          // A mailbox's own scan stops here (no more pages); a sweep reads on for the other mailboxes.
          if (mailbox !== undefined) break;
          continue;
        }
        line.push(item);
        this.known.add(item.key);
        // Started as soon as it is read: a quiet mailbox's message does not wait for the rest of the scan.
        this.start();
      }
    } catch (error) {
      this.failure ??= { error };
    } finally {
      this.scanning = false;
      this.poke();
    }
  }

  /** Starts what each mailbox has room for. */
  private start(): void {
    if (this.stopping || this.failure) return;
    for (const [mailbox, line] of this.lines) {
      let active = this.active.get(mailbox) ?? 0;
      while (line.length && active < this.options.perMailbox) {
        const item = line.shift()!;
        active++;
        this.inWork++;
        this.options
          .work(item)
          .then(
            (handled) => {
              if (handled) this.handled++;
            },
            (error: unknown) => {
              // Stop starting more (the store may be down); the run rejects once the work in progress ends.
              this.failure ??= { error };
            },
          )
          .finally(() => {
            this.known.delete(item.key);
            this.active.set(mailbox, (this.active.get(mailbox) ?? 1) - 1);
            this.inWork--;
            this.poke();
          });
      }
      this.active.set(mailbox, active);
    }
  }
}
