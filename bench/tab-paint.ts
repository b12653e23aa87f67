import { join } from 'node:path';
import { buildAddin } from '../src/local/addin-build.js';
import { freePort, startAzurite } from '../src/local/azurite.js';
import { launchChromium } from '../tests/helpers/browser.js';
import { startTabServer } from './tab-server.js';

/**
 * npm run bench:tab — the tab's first paint in headless Chromium with 500 open cases (CASES), served by
 * the app's routes on this machine: from navigation to the sign-in step painted (what Teams shows while
 * SSO runs), and from signing in to the first screen of the table painted (all 500 rows fetched, the
 * first 40 in the DOM; the rest are added right after). In Teams the second follows the first with no
 * click (SSO is silent), so their sum is the first paint a DPO sees; the time until every row is in the
 * table is printed too. RUNS (5) loads.
 */

const CASES = Number(process.env.CASES ?? 500);
const RUNS = Number(process.env.RUNS ?? 5);
const BOUND_MS = 1000;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

await buildAddin();
const azurite = await startAzurite({ port: await freePort() });
const server = await startTabServer(azurite, CASES);
const browser = await launchChromium();
const shell: number[] = [];
const table: number[] = [];
const all: number[] = [];
try {
  for (let run = 0; run < RUNS + 1; run++) {
    // A fresh context each time: nothing cached, as a first open in Teams.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${server.url}/tab/tab.html?lang=da`);
    const button = page.getByRole('button', { name: 'Log ind som demo-DPO (kun lokal udvikling)' });
    // Generous: the bench reports the time, the wait only guards against a page that never comes.
    await button.waitFor({ timeout: 120_000 });
    const shellMs = performance.now() - started;
    // Page clock: from the click to the marks the tab sets (cases-view.ts): the first screen of rows painted
    // (the first paint), and every row in the table.
    const clickedAt = await page.evaluate(() => performance.now());
    await button.click();
    await page.locator('body[data-cases="ready"]').waitFor({ timeout: 120_000 });
    const [firstPaintAt, renderedAt] = await page.evaluate(() =>
      ['dsar-cases-first-paint', 'dsar-cases-rendered'].map((name) => performance.getEntriesByName(name).at(-1)?.startTime ?? Number.NaN),
    );
    const tableMs = firstPaintAt! - clickedAt;
    const allMs = renderedAt! - clickedAt;
    const rows = await page.locator('table.cases tbody tr').count();
    if (rows !== CASES) throw new Error(`the table shows ${rows} rows, not ${CASES}`);
    // The first load warms the server's code and the JWKS cache: not counted.
    if (run > 0) {
      shell.push(shellMs);
      table.push(tableMs);
      all.push(allMs);
    }
    if (run === RUNS) await page.screenshot({ path: join(process.cwd(), 'test-output', `tab-first-paint-${CASES}.png`) });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  await azurite.stop();
}
const total = shell.map((s, i) => s + table[i]!);
const row = (name: string, xs: number[]) =>
  `${name.padEnd(40)} p50 ${pct(xs, 50).toFixed(0).padStart(5)} ms  max ${Math.max(...xs)
    .toFixed(0)
    .padStart(5)} ms`;
console.log(`\nbench:tab — first paint with ${CASES} open cases, ${RUNS} cold loads in headless Chromium`);
console.log(row('page to sign-in step painted', shell));
console.log(row('sign-in to first screen of rows painted', table));
console.log(row('first paint (sum)', total));
console.log(row(`sign-in to all ${CASES} rows in the table`, all));
const worst = Math.max(...total);
console.log(
  `bound: first paint < ${BOUND_MS} ms with ${CASES} open cases — worst ${worst.toFixed(0)} ms, ratio ${(worst / BOUND_MS).toFixed(2)} ${worst < BOUND_MS ? 'met' : 'NOT met'}`,
);
process.exit(0);
