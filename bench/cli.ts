import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledIsFresh } from '../scripts/compiled-fresh.mjs';
import { freePort, startAzurite } from '../src/local/azurite.js';

/**
 * npm run bench:cli — how long a `dsar` command takes, start to exit, as a person at a terminal sees it:
 * `dsar deadline` (no store) and `dsar cases` (the case list from a local Azurite), RUNS (10) each after one
 * warm-up run. Prints p50/p95 with the goal (< 0.5 s) and the ratio to it, and which code ran: the compiled
 * dist/ (fresh build) or the TypeScript through tsx (no build, or a source newer than it). Asserts nothing.
 */

const RUNS = Number(process.env.RUNS ?? 10);
const GOAL_MS = 500;

function timed(args: string[], env: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['bin/dsar.js', ...args], { env: { ...process.env, ...env } }, (error, _stdout, stderr) =>
      error ? reject(new Error(`dsar ${args.join(' ')} failed: ${stderr}`)) : resolve(performance.now() - t0),
    ),
  );
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;

async function measure(label: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  await timed(args, env);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push(await timed(args, env));
  const [p50, p95] = [quantile(ms, 0.5), quantile(ms, 0.95)];
  console.log(
    `  ${label.padEnd(44)} p50 ${p50.toFixed(0).padStart(5)} ms  p95 ${p95.toFixed(0).padStart(5)} ms  ` +
      `(goal < ${GOAL_MS} ms, ratio p95 ${(p95 / GOAL_MS).toFixed(2)})`,
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'dsar-bench-cli-'));
const azurite = await startAzurite({ port: await freePort(), location: join(dataDir, 'azurite') });
try {
  const fresh = compiledIsFresh();
  console.log(
    `dsar start-up benchmark on Node ${process.version}, ${RUNS} runs each, running ${fresh ? 'the compiled dist/' : 'TypeScript through tsx (dist/ missing or older than src/: npm run prepare)'}` +
      ' (the machine may be shared: figures are noisy)',
  );
  const store = { DSAR_LOCAL_TABLES_PORT: String(azurite.port), DSAR_ACTOR: 'bench' };
  for (let i = 0; i < 5; i++) {
    await timed(['case', 'new', '--requester-email', `bench${i}@example.com`, '--rights', 'access'], store);
  }
  await measure('dsar deadline --received 2026-03-05T10:00+01:00', ['deadline', '--received', '2026-03-05T10:00+01:00']);
  await measure('dsar cases (5 open cases, local Azurite)', ['cases'], store);
  await measure('dsar --help', ['--help']);
} finally {
  await azurite.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
