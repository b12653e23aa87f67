/** A periodic job. The host's scheduler runs each on one app instance at a time, under a lease. */
export interface Job {
  name: string;
  /** How often it should run. */
  everyMs: number;
  /** Longest a run may take; the lease lasts this long, so a crashed instance blocks no longer. */
  maxRunMs: number;
  run(now: Date): Promise<void>;
}
