import { z } from 'zod';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * Switches that make the dev tenant misbehave the ways Graph does: slow responses, throttling and server
 * errors at a rate, and change notifications that are lost, repeated or late. A seed makes a run repeatable.
 */

const rate = z.number().min(0).max(1);

export const faultsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    latencyJitterMs: z.number().int().min(0).max(60_000).default(0),
    /** Only requests whose path matches this regular expression are affected (all when absent). */
    pathPattern: z.string().optional(),
    rate429: rate.default(0),
    rate503: rate.default(0),
    rate500: rate.default(0),
    retryAfterSeconds: z.number().int().min(0).max(3600).default(2),
    notifications: z
      .object({
        drop: rate.default(0),
        duplicate: rate.default(0),
        /** Delay each notification by a random 0..reorderWindowMs so later ones can overtake it. */
        reorder: rate.default(0),
        reorderWindowMs: z.number().int().min(0).max(60_000).default(500),
      })
      .prefault({}),
    seed: z.number().int().optional(),
  })
  .strict();

export type Faults = z.infer<typeof faultsSchema>;

export const NO_FAULTS: Faults = faultsSchema.parse({});

export class FaultSwitch {
  private current: Faults = NO_FAULTS;
  private rng = xoroshiro128plus(Date.now() ^ (process.pid << 8));
  private pattern?: RegExp | undefined;

  /** Set only through set(), which keeps the path pattern and the random source in step with it. */
  get faults(): Faults {
    return this.current;
  }

  set(input: unknown): Faults {
    this.current = faultsSchema.parse(input);
    this.pattern = this.current.pathPattern ? new RegExp(this.current.pathPattern) : undefined;
    if (this.current.seed !== undefined) this.rng = xoroshiro128plus(this.current.seed);
    return this.current;
  }

  applies(path: string): boolean {
    return !this.pattern || this.pattern.test(path);
  }

  /** A uniform number in [0, 1). */
  random(): number {
    return uniformFloat64(this.rng);
  }

  chance(p: number): boolean {
    return p > 0 && this.random() < p;
  }

  latency(): number {
    const { latencyMs, latencyJitterMs } = this.faults;
    return latencyMs + (latencyJitterMs ? Math.floor(this.random() * latencyJitterMs) : 0);
  }
}
