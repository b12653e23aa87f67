import type { CaseRepository } from '../app/ports.js';
import type { ReminderService, ReminderDelivery } from '../app/reminder-service.js';
import { RetentionService } from '../app/retention.js';
import type { Logger } from '../logging/logger.js';
import type { Feature } from '../platform/feature.js';
import type { Job } from '../platform/job.js';

/** What the index repair jobs need of the open-case index (src/store/open-case-index.ts). */
export interface IndexRepair {
  repairOutbox(): Promise<number>;
  repairAll(): Promise<number>;
}

/** The app's periodic jobs. Each runs on one instance at a time (see Scheduler). */
export interface JobDeps {
  repository: Pick<CaseRepository, 'closedCases' | 'get' | 'purge'>;
  logger: Logger;
  /** Reminders run when the bot can deliver them. */
  reminders?: { service: ReminderService; delivery: ReminderDelivery };
  /** The open-case index, when the store keeps one. */
  openIndex?: IndexRepair | undefined;
}

const DAY = 24 * 3600_000;

export function scheduledJobs({ repository, logger, reminders, openIndex }: JobDeps): Job[] {
  const retention = new RetentionService({ repository, log: logger });
  return [
    {
      // Deletes closed cases whose retention period has ended; keeps an anonymous statistic of each.
      name: 'retention',
      everyMs: DAY,
      maxRunMs: 30 * 60_000,
      // A case that cannot be deleted is logged (case_delete_failed) and tried again by tomorrow's run,
      // rather than retried every minute.
      run: async (now) => void (await retention.run({ now: now.toISOString() })),
    },
    ...(reminders
      ? [
          {
            // Every few minutes: a reminder goes out soon after 08:00, and after downtime soon after start.
            // The ledger, not the lease, makes each one go once (a lease can expire mid-run).
            name: 'reminders',
            everyMs: 5 * 60_000,
            maxRunMs: 10 * 60_000,
            run: async (now: Date) => void (await reminders.service.run({ now, delivery: reminders.delivery })),
          },
        ]
      : []),
    ...(openIndex
      ? [
          {
            // A crash between a case commit and its index write leaves an outbox row: this bounds how long
            // the list can be wrong about that case (the period plus the scheduler's tick).
            name: 'open-index-outbox',
            everyMs: 5 * 60_000,
            maxRunMs: 10 * 60_000,
            run: async () => {
              const synced = await openIndex.repairOutbox();
              if (synced) logger.warn({ synced }, 'open-case index: cases re-indexed from the outbox');
            },
          },
          {
            // Whatever else drifted (a row deleted by hand, a race with a crash): compared with a full scan.
            name: 'open-index-check',
            everyMs: DAY,
            maxRunMs: 30 * 60_000,
            run: async () => {
              const fixed = await openIndex.repairAll();
              if (fixed) logger.warn({ fixed }, 'open-case index: rows fixed by the daily check');
            },
          },
        ]
      : []),
  ];
}

/** The case jobs as a feature of the app. */
export function caseJobs(deps: JobDeps): Feature {
  return { name: 'case-jobs', jobs: scheduledJobs(deps) };
}
