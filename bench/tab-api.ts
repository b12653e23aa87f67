import { fileURLToPath } from 'node:url';
import { freePort, startAzurite } from '../src/local/azurite.js';
import { tableRequests } from '../src/store/request-count.js';
import { startTabServer } from './tab-server.js';

/**
 * The Teams tab's API over HTTP with 500 and 5,000 open cases (TAB_SIZES to change): each query's
 * p50/p95 and the Azure Tables requests it costs, and how p95 grows with ten times the cases. Part of
 * `npm run bench:bot` (TAB=0 skips it); alone: `npx tsx bench/tab-api.ts`. TAB_QUERIES per kind (40).
 */

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
// At 500 open cases the table must be there within the first paint's second, with room for the page.
const BOUND_MS = 250;

export async function benchTabApi(): Promise<void> {
  const sizes = (process.env.TAB_SIZES ?? '500,5000').split(',').map(Number);
  const rounds = Number(process.env.TAB_QUERIES ?? 40);
  const azurite = await startAzurite({ port: await freePort() });
  const p95s: Record<string, Record<number, number>> = {};
  try {
    for (const size of sizes) {
      const loading = Date.now();
      const server = await startTabServer(azurite, size);
      console.log(
        `\nbench:bot tab API — ${size} open cases (+${Math.round(size / 4)} closed this year), loaded in ${((Date.now() - loading) / 1000).toFixed(1)} s`,
      );
      const queries: [string, (i: number) => string][] = [
        ['open cases (first 200, by due)', () => '/api/tab/cases'],
        ['search by name', (i) => `/api/tab/cases?q=${encodeURIComponent(`Person ${(i * 13) % size}`)}`],
        ['filter + sort (status, right)', () => '/api/tab/cases?status=received&right=access&sort=name&dir=desc'],
        ['case detail', (i) => `/api/tab/cases/${server.ids[(i * 17) % server.ids.length]}`],
        ['deadline calendar', () => '/api/tab/calendar'],
        ['year report', () => '/api/tab/report'],
        ['year report CSV', () => '/api/tab/report.csv'],
        ['year report PDF', () => '/api/tab/report.pdf'],
      ];
      const get = async (path: string) => {
        const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.token}` } });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      };
      await get('/api/tab/cases'); // keys fetched, code warm
      for (const [name, path] of queries) {
        const times: number[] = [];
        const before = tableRequests().total;
        for (let i = 0; i < rounds; i++) {
          const started = performance.now();
          await get(path(i));
          times.push(performance.now() - started);
        }
        const perQuery = (tableRequests().total - before) / rounds;
        const p95 = pct(times, 95);
        p95s[name] = { ...p95s[name], [size]: p95 };
        console.log(
          `${name.padEnd(32)} n=${rounds}  p50 ${pct(times, 50).toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  table requests/query ${perQuery.toFixed(1)}`,
        );
      }
      server.close();
    }
    const [small, large] = [sizes[0]!, sizes.at(-1)!];
    console.log(`\nbench:bot tab API — scaling, p95 at ${large} / p95 at ${small} open cases (cases ×${(large / small).toFixed(0)}):`);
    for (const [name, by] of Object.entries(p95s)) {
      const ratio = by[large]! / by[small]!;
      console.log(`${name.padEnd(32)} ×${ratio.toFixed(1)}`);
    }
    for (const [name, by] of Object.entries(p95s))
      console.log(
        `bound: ${name} p95 < ${BOUND_MS} ms at ${small} — ${by[small]!.toFixed(1)} ms, ratio ${(by[small]! / BOUND_MS).toFixed(2)} ${by[small]! < BOUND_MS ? 'met' : 'NOT met'}`,
      );
  } finally {
    await azurite.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchTabApi();
  process.exit(0);
}
