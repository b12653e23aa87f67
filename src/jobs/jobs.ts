import type { CaseRepository } from '../app/ports.js';
import type { ReminderService, ReminderDelivery } from '../app/reminder-service.js';
import { RetentionService } from '../app/retention.js';
import type { Logger } from '../logging/logger.js';
import type { Feature } from '../platform/feature.js';
import type { Job } from '../platform/job.js';

/** The app's periodic jobs. Each runs on one instance at a time (see Scheduler). */
export interface JobDeps {
  repository: Pick<CaseRepository, 'listAll' | 'purge' | 'listOpen'>;
  logger: Logger;
  /** Reminders run when the bot can deliver them. */
  reminders?: { service: ReminderService; delivery: ReminderDelivery };
}

const DAY = 24 * 3600_000;

export function scheduledJobs({ repository, logger, reminders }: JobDeps): Job[] {
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
  ];
}

/** The case jobs as a feature of the app. */
export function caseJobs(deps: JobDeps): Feature {
  return { name: 'case-jobs', jobs: scheduledJobs(deps) };
}
