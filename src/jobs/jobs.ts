import type { CaseService } from '../app/case-service.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { Job } from './scheduler.js';

/** The app's periodic jobs. Each runs on one instance at a time (see Scheduler). */
export interface JobDeps {
  config: Config;
  cases: CaseService;
  logger: Logger;
}

export function scheduledJobs(_deps: JobDeps): Job[] {
  return [];
}
