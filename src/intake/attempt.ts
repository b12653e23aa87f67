import type { IntakeTable, QueuedMessage } from './intake-table.js';

/**
 * One attempt at a claimed message, holding its claim for as long as it runs: one attempt can outlive
 * the claim (the Graph client waits on Retry-After up to 180 s, three times), and another instance must
 * not take the message meanwhile. Every claimMs/3 the claim is renewed; if that loses to another
 * instance (or the message was completed), `lost` is set and `check()` throws before the next side effect.
 * Renewal stops after MAX_ATTEMPT_MS: an attempt that hangs must not hold its message for ever, and the
 * claim running out then counts as an attempt that never ended (three of those make a dead letter).
 */

/** Longer than the Graph client's worst wait (three Retry-After waits of up to 180 s) plus the work. */
export const MAX_ATTEMPT_MS = 12 * 60_000;

export class ClaimLost extends Error {
  override name = 'ClaimLost';
  constructor() {
    super('another instance took the message while this attempt ran');
  }
}

export class Attempt {
  private lost = false;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> = Promise.resolve();
  private readonly startedAt = Date.now();

  constructor(
    private current: QueuedMessage,
    private readonly table: IntakeTable,
    private readonly holder: string,
    private readonly claimMs: number,
    private readonly maxMs = MAX_ATTEMPT_MS,
  ) {
    this.timer = setInterval(() => void this.renew(), Math.max(1, Math.floor(claimMs / 3)));
    this.timer.unref();
  }

  /** The message as its queue row now stands (its due row moves with each renewal). */
  get item(): QueuedMessage {
    return this.current;
  }

  /** Throws ClaimLost when another instance has the message: call before every side effect. */
  check(): void {
    if (this.lost) throw new ClaimLost();
  }

  /** Stops the heartbeat; waits for a renewal in flight, so the queue row is not written after this. */
  async end(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.renewing;
  }

  private renew(): Promise<void> {
    if (this.lost || !this.timer) return this.renewing;
    if (Date.now() - this.startedAt > this.maxMs) {
      // Hung: give the message up; whoever claims it next counts this attempt as never ended.
      this.lost = true;
      clearInterval(this.timer);
      return this.renewing;
    }
    this.renewing = this.renewing.then(async () => {
      try {
        const renewed = await this.table.renew(this.current, this.holder, this.claimMs, new Date());
        if (renewed) this.current = renewed;
        else this.lost = true;
      } catch {
        // The store did not answer: the claim may still hold; the next beat tries again, and if the
        // claim runs out meanwhile the next renewal finds it taken.
      }
    });
    return this.renewing;
  }
}
