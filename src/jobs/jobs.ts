import type { CaseRepository } from '../app/ports.js';
import { RetentionService } from '../app/retention.js';
import type { Logger } from '../logging/logger.js';
import type { Job } from './scheduler.js';

/** The app's periodic jobs. Each runs on one instance at a time (see Scheduler). */
export interface JobDeps {
  repository: Pick<CaseRepository, 'listAll' | 'purge'>;
  logger: Logger;
}

const DAY = 24 * 3600_000;

export function scheduledJobs({ repository, logger }: JobDeps): Job[] {
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
  ];
}
