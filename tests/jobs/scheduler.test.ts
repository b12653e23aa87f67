import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { TableClient } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Scheduler } from '../../src/jobs/scheduler.js';
import type { Job } from '../../src/platform/job.js';
import { createLogger } from '../../src/logging/logger.js';
import { LeaseTable } from '../../src/jobs/lease-table.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

const run = promisify(execFile);

async function leaseTable(prefix: string): Promise<LeaseTable> {
  const table = new LeaseTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}leases`, { allowInsecureConnection: true }),
  );
  await table.init();
  return table;
}

const at = (iso: string) => new Date(iso);

describe('leases', () => {
  it('one holder at a time; an expired lease can be taken over; release records completion', async () => {
    const leases = await leaseTable(uniquePrefix());
    const a = await leases.acquire('retention', 'a', 60_000, at('2026-11-23T10:00:00Z'));
    expect(a).toMatchObject({ holder: 'a' });
    expect(await leases.acquire('retention', 'b', 60_000, at('2026-11-23T10:00:30Z'))).toBeUndefined();
    // The holder may take it again (renew).
    expect(await leases.acquire('retention', 'a', 60_000, at('2026-11-23T10:00:30Z'))).toMatchObject({ holder: 'a' });
    // After expiry another instance takes over; the old holder's release changes nothing.
    const b = await leases.acquire('retention', 'b', 60_000, at('2026-11-23T10:02:00Z'));
    expect(b).toMatchObject({ holder: 'b' });
    await leases.release(a!, at('2026-11-23T10:02:01Z'));
    expect(await leases.state('retention')).toMatchObject({ holder: 'b', lastCompletedAt: undefined });
    await leases.release(b!, at('2026-11-23T10:02:05Z'));
    expect(await leases.state('retention')).toEqual({
      holder: undefined,
      expiresAt: undefined,
      lastCompletedAt: '2026-11-23T10:02:05.000Z',
    });
  });

  it('two instances racing for a free lease: exactly one wins', async () => {
    const prefix = uniquePrefix();
    const [x, y] = [await leaseTable(prefix), await leaseTable(prefix)];
    for (let i = 0; i < 10; i++) {
      const now = at(`2026-11-23T10:${String(i * 2).padStart(2, '0')}:00Z`);
      const got = await Promise.all([x.acquire(`job${i}`, 'x', 60_000, now), y.acquire(`job${i}`, 'y', 60_000, now)]);
      expect(got.filter(Boolean)).toHaveLength(1);
    }
  });
});

describe('scheduler', () => {
  const job = (runs: Date[], extra: Partial<Job> = {}): Job => ({
    name: 'retention',
    everyMs: 24 * 3600_000,
    maxRunMs: 60_000,
    run: async (now) => void runs.push(now),
    ...extra,
  });

  it('runs a job when its period has passed since it last completed, not before', async () => {
    const leases = await leaseTable(uniquePrefix());
    const runs: Date[] = [];
    let now = at('2026-11-23T03:00:00Z');
    const scheduler = new Scheduler([job(runs)], { leases, logger: createLogger('silent'), now: () => now });
    await scheduler.tick();
    await scheduler.tick();
    expect(runs).toHaveLength(1);
    now = at('2026-11-24T02:59:00Z');
    await scheduler.tick();
    expect(runs).toHaveLength(1);
    now = at('2026-11-24T03:00:00Z');
    await scheduler.tick();
    expect(runs).toHaveLength(2);
  });

  it('a failed run releases the lease without counting as done, and is tried again on the next tick', async () => {
    const leases = await leaseTable(uniquePrefix());
    let attempts = 0;
    const scheduler = new Scheduler(
      [
        job([], {
          run: async () => {
            if (++attempts === 1) throw new Error('store down');
          },
        }),
      ],
      { leases, logger: createLogger('silent'), now: () => at('2026-11-23T03:00:00Z') },
    );
    await scheduler.tick();
    expect(await leases.state('retention')).toMatchObject({ holder: undefined, lastCompletedAt: undefined });
    await scheduler.tick();
    expect(attempts).toBe(2);
    expect((await leases.state('retention'))?.lastCompletedAt).toBe('2026-11-23T03:00:00.000Z');
  });

  it('stop() waits for a running job and then gives its lease back', async () => {
    const leases = await leaseTable(uniquePrefix());
    let finished = false;
    const scheduler = new Scheduler(
      [
        job([], {
          run: async () => {
            await new Promise((r) => setTimeout(r, 200));
            finished = true;
          },
        }),
      ],
      { leases, logger: createLogger('silent'), tickMs: 10 },
    );
    scheduler.start();
    await new Promise((r) => setTimeout(r, 50));
    await scheduler.stop();
    expect(finished).toBe(true);
    expect((await leases.state('retention'))?.holder).toBeUndefined();
  });

  it('two app processes against one store never run the same period twice', async () => {
    const prefix = uniquePrefix();
    await leaseTable(prefix);
    const env = { ...process.env, ...storeEnv(prefix), PERIODS: '12', START_AT: String(Date.now() + 2500) };
    await Promise.all([
      run('node_modules/.bin/tsx', ['tests/helpers/scheduler-worker.ts'], { env }),
      run('node_modules/.bin/tsx', ['tests/helpers/scheduler-worker.ts'], { env }),
    ]);
    const runs = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}runs`, { allowInsecureConnection: true });
    const rows: string[] = [];
    for await (const row of runs.listEntities()) rows.push(row.rowKey!);
    const periods = rows.map((r) => r.split('|')[0]);
    // No period ran twice. (The workers race through simulated periods, so one may skip a period while
    // the other still holds the lease for the previous one; real instances tick again a minute later.)
    expect(new Set(periods).size).toBe(periods.length);
    expect(periods.length).toBeGreaterThanOrEqual(6);
  }, 60_000);
});
