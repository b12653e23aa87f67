import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphConcurrency, retryAfterMs } from '../../src/graph/concurrency.js';

/**
 * The limiter between the app and Graph: never more than `perKey` requests on one mailbox nor more than
 * the tenant-wide limit, every request run exactly once with its own result, and on 429 a lower limit
 * that grows back.
 */

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GraphConcurrency', () => {
  it('keeps to the per-key and tenant-wide limits and runs every request once, with its own result', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 5 }), ticks: fc.integer({ min: 0, max: 3 }), first: fc.boolean() }), {
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 10 }),
        async (requests, perKey, tenantCap) => {
          const limiter = new GraphConcurrency({ perKey, tenantCap });
          const inFlight = new Map<number, number>();
          let total = 0;
          let worstKey = 0;
          let worstTotal = 0;
          const runs = new Array<number>(requests.length).fill(0);
          const results = await Promise.all(
            requests.map((r, i) =>
              limiter.run(
                [`mailbox|${r.key}`],
                async () => {
                  runs[i]!++;
                  inFlight.set(r.key, (inFlight.get(r.key) ?? 0) + 1);
                  total++;
                  worstKey = Math.max(worstKey, inFlight.get(r.key)!);
                  worstTotal = Math.max(worstTotal, total);
                  for (let t = 0; t < r.ticks; t++) await tick();
                  inFlight.set(r.key, inFlight.get(r.key)! - 1);
                  total--;
                  return i;
                },
                { first: r.first },
              ),
            ),
          );
          expect(results).toEqual(requests.map((_, i) => i));
          expect(runs.every((n) => n === 1)).toBe(true);
          expect(worstKey).toBeLessThanOrEqual(perKey);
          expect(worstTotal).toBeLessThanOrEqual(tenantCap);
          expect(limiter.active).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a request naming several keys (a $batch) waits until every one of them has room', async () => {
    const limiter = new GraphConcurrency({ perKey: 1, tenantCap: 10 });
    let release!: () => void;
    const holding = limiter.run(['mailbox|a'], () => new Promise<void>((r) => (release = r)));
    let batchStarted = false;
    const batch = limiter.run(['mailbox|b', 'mailbox|a'], async () => {
      batchStarted = true;
    });
    // Others behind it still go when their key is free.
    let otherStarted = false;
    const other = limiter.run(['mailbox|c'], async () => {
      otherStarted = true;
    });
    await tick();
    expect(batchStarted).toBe(false);
    expect(otherStarted).toBe(true);
    release();
    await Promise.all([holding, batch, other]);
    expect(batchStarted).toBe(true);
  });

  it('halves the limit on 429, starts nothing until Retry-After has passed, and grows back a step per round', async () => {
    const limiter = new GraphConcurrency({ tenantCap: 16 });
    limiter.throttled(60);
    expect(limiter.limit).toBe(8);
    // A second 429 inside the same Retry-After is the same signal.
    limiter.throttled(60);
    expect(limiter.limit).toBe(8);
    const asked = performance.now();
    let startedAt = 0;
    await limiter.run([], async () => {
      startedAt = performance.now();
    });
    expect(startedAt - asked).toBeGreaterThanOrEqual(50);
    // Eight successes at a limit of 8 is one round: the limit grows by one.
    for (let i = 0; i < 7; i++) await limiter.run([], async () => undefined);
    expect(limiter.limit).toBe(9);
    // Failures do not count towards growing back.
    for (let i = 0; i < 20; i++) await limiter.run([], () => Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(limiter.limit).toBe(9);
    // Repeated throttling stops at the floor (one mailbox's four), never zero.
    const floor = new GraphConcurrency({
      tenantCap: 16,
      now: (() => {
        let t = 0;
        return () => (t += 1000);
      })(),
    });
    for (let i = 0; i < 10; i++) floor.throttled(0);
    expect(floor.limit).toBe(4);
    expect(floor.throttles).toBe(10);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2', 500)).toBe(2000);
    expect(retryAfterMs(null, 500)).toBe(500);
    expect(retryAfterMs('soon', 500)).toBe(500);
    const now = Date.parse('2026-12-07T06:00:00Z');
    expect(retryAfterMs('Mon, 07 Dec 2026 06:00:05 GMT', 500, now)).toBe(5000);
  });
});
