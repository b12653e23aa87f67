/**
 * A separate app-like process that runs a Scheduler against the store named by its environment, for the
 * test that two instances never run the same job period twice.
 * Env: DSAR_TABLES_CONNECTION_STRING, DSAR_TABLE_PREFIX, PERIODS (how many job periods to walk through),
 * START_AT (epoch ms: both start at that moment). Each run of the job writes a row `<period>|<pid>`.
 */
import { TableClient } from '@azure/data-tables';
import { loadConfig } from '../../src/config/config.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logging/logger.js';
import { openLeaseTable } from '../../src/jobs/lease-table.js';

const config = loadConfig();
const runs = TableClient.fromConnectionString(process.env.DSAR_TABLES_CONNECTION_STRING!, `${config.tablePrefix}runs`, {
  allowInsecureConnection: true,
});
await runs.createTable();
const leases = await openLeaseTable(config);
const EVERY = 60_000;
const base = Date.parse('2026-11-23T00:00:00Z');
let period = 0;
const scheduler = new Scheduler(
  [
    {
      name: 'counted',
      everyMs: EVERY,
      maxRunMs: 30_000,
      run: async () => {
        await runs.createEntity({ partitionKey: 'runs', rowKey: `${String(period).padStart(3, '0')}|${process.pid}` });
        await new Promise((r) => setTimeout(r, 15));
      },
    },
  ],
  { leases, logger: createLogger('silent'), now: () => new Date(base + period * EVERY + 1000) },
);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(process.env.START_AT) - Date.now())));
for (period = 0; period < Number(process.env.PERIODS); period++) {
  // Several looks per period, as instances tick independently.
  await Promise.all([scheduler.tick(), scheduler.tick()]);
}
console.log(JSON.stringify({ pid: process.pid }));
