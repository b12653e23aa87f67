import type { Server } from './http.js';
import type { Job } from './job.js';
import type { ReadinessCheck } from './readiness.js';

/**
 * What a feature (intake, the bot, the add-in API, discovery, the case jobs) hands the host: compose.ts
 * builds each one, the server registers its routes, schedules its jobs, adds its readiness checks, and
 * starts and stops it with the app. A feature never imports the host or another feature.
 */
export interface Feature {
  name: string;
  routes?: (server: Server) => void;
  jobs?: readonly Job[];
  readiness?: readonly ReadinessCheck[];
  /** After the server listens and the scheduler runs. */
  start?: () => void;
  /** Lets in-flight work finish. */
  stop?: () => Promise<void>;
}
