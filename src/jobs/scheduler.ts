import { hostname } from 'node:os';
import type { Logger } from '../logging/logger.js';
import { errorText } from '../platform/error-text.js';
import type { Job } from '../platform/job.js';
import type { LeaseTable } from './lease-table.js';

/**
 * Runs the features' periodic jobs (retention, reminders, the mail subscription, ...) on exactly one app
 * instance at a time: a job runs when its period has passed since it last completed on any instance and
 * this instance holds its lease. Stopping waits for a running job and gives its lease back.
 */

export interface SchedulerOptions {
  leases: LeaseTable;
  logger: Logger;
  /** How often to look for due jobs. */
  tickMs?: number;
  /** Names this instance in leases; unique per process. */
  instance?: string;
  now?: () => Date;
}

export class Scheduler {
  private timer?: NodeJS.Timeout | undefined;
  private running?: Promise<void> | undefined;
  private stopped = false;
  private readonly busy = new Set<string>();
  readonly instance: string;

  /** The jobs running now (what a shutdown is waiting for). */
  get runningJobs(): string[] {
    return [...this.busy];
  }

  constructor(
    private readonly jobs: readonly Job[],
    private readonly options: SchedulerOptions,
  ) {
    this.instance = options.instance ?? `${process.env.WEBSITE_INSTANCE_ID?.slice(0, 12) ?? hostname()}:${process.pid}`;
  }

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.tick().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.timer = setTimeout(tick, this.options.tickMs ?? 60_000);
      });
    };
    tick();
  }

  /** Stops looking for work and waits for a job in progress (its lease is released when it ends). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over the jobs; exported for tests and the CLI. */
  async tick(): Promise<void> {
    for (const job of this.jobs) {
      if (this.stopped) return;
      try {
        await this.runIfDue(job);
      } catch (error) {
        this.options.logger.error({ job: job.name, err: errorText(error) }, 'scheduled job failed');
      }
    }
  }

  private async runIfDue(job: Job): Promise<void> {
    // The lease is per instance, so it cannot keep two passes of this same instance apart: this does.
    if (this.busy.has(job.name)) return;
    this.busy.add(job.name);
    try {
      await this.runLeased(job);
    } finally {
      this.busy.delete(job.name);
    }
  }

  private async runLeased(job: Job): Promise<void> {
    const now = this.options.now?.() ?? new Date();
    const { leases, logger } = this.options;
    const state = await leases.state(job.name);
    if (state?.lastCompletedAt && Date.parse(state.lastCompletedAt) + job.everyMs > now.getTime()) return;
    const lease = await leases.acquire(job.name, this.instance, job.maxRunMs, now);
    if (!lease) return;
    // Another instance may have completed it between our look and our lease.
    if (lease.lastCompletedAt && Date.parse(lease.lastCompletedAt) + job.everyMs > now.getTime()) {
      await leases.release(lease);
      return;
    }
    logger.info({ job: job.name, instance: this.instance }, 'scheduled job started');
    try {
      await job.run(now);
      await leases.release(lease, this.options.now?.() ?? new Date());
      logger.info({ job: job.name, instance: this.instance }, 'scheduled job completed');
    } catch (error) {
      await leases.release(lease);
      throw error;
    }
  }
}
