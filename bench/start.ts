import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/local/azurite.js';

/**
 * npm run bench:start — how long `npm start` takes to be healthy (/healthz 200) and ready (/readyz 200), and
 * how much memory each of its processes holds once ready. RUNS (3) cold starts into one data directory (the
 * first makes the certificate and the demo tenant; the others find them), each stopped with Ctrl-C.
 * Prints figures with the goal (healthy in < 2 s) and the ratio to it, and a per-run timeline of the start-up
 * log lines (where the time goes); asserts nothing.
 */

const RUNS = Number(process.env.RUNS ?? 3);
const GOAL_MS = 2000;

interface Proc {
  pid: number;
  ppid: number;
  rssKiB: number;
  command: string;
}

function processes(): Proc[] {
  const all: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      all.push({
        pid: Number(entry),
        ppid: Number(/PPid:\s+(\d+)/.exec(status)?.[1]),
        rssKiB: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
        command: cmdline
          .map((a) => a.replace(/^.*node_modules\//, '').replace(/^.*\/(src|bin|dist)\//, '$1/'))
          .join(' ')
          .slice(0, 90),
      });
    } catch {
      // exited while we looked
    }
  }
  return all;
}

/** The process and all its descendants, parents first. */
function tree(root: number): Proc[] {
  const all = processes();
  const out: Proc[] = [];
  const visit = (pid: number, depth: number) => {
    const p = all.find((x) => x.pid === pid);
    if (p) out.push({ ...p, command: `${'  '.repeat(depth)}${p.command}` });
    for (const child of all.filter((x) => x.ppid === pid)) visit(child.pid, depth + 1);
  };
  visit(root, 0);
  return out;
}

const ok = (url: string) =>
  fetch(url).then(
    (r) => r.status === 200,
    () => false,
  );

const dataDir = mkdtempSync(join(tmpdir(), 'dsar-bench-start-'));
const results: { healthyMs: number; readyMs: number; procs: Proc[] }[] = [];
console.log(`npm start benchmark on Node ${process.version}, ${RUNS} runs (the machine may be shared: figures are noisy)`);
try {
  for (let run = 0; run < RUNS; run++) {
    const port = await freePort();
    const env = {
      ...process.env,
      NPM_CONFIG_LOGLEVEL: 'error',
      PORT: String(port),
      DSAR_LOCAL_TABLES_PORT: String(await freePort()),
      DSAR_DEV_TENANT_PORT: String(await freePort()),
      DSAR_PLAYGROUND_PORT: String(await freePort()),
      DSAR_DATA_DIR: dataDir,
    };
    const t0 = performance.now();
    const child = spawn('npm', ['start'], { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise((r) => child.once('exit', r));
    let healthyMs = 0;
    let readyMs = 0;
    while (!readyMs) {
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
      if (performance.now() - t0 > 60_000) throw new Error(`npm start not ready after 60 s:\n${output}`);
      if (!healthyMs && (await ok(`http://localhost:${port}/healthz`))) healthyMs = performance.now() - t0;
      if (healthyMs && (await ok(`http://localhost:${port}/readyz`))) readyMs = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 20));
    }
    // Once the first intake pass has settled: what each process holds while the app just runs.
    await new Promise((r) => setTimeout(r, 3000));
    const procs = tree(child.pid!);
    results.push({ healthyMs, readyMs, procs });
    console.log(`  run ${run + 1}: healthy ${healthyMs.toFixed(0)} ms, ready ${readyMs.toFixed(0)} ms`);
    // Where the time went: each start-up log line (JSON, as stdout is not a terminal) at its offset from the spawn.
    const startedAt = performance.timeOrigin + t0;
    for (const line of output.split('\n')) {
      if (!line.startsWith('{')) continue;
      const { time, msg } = JSON.parse(line) as { time: string; msg: string };
      const at = Date.parse(time) - startedAt;
      if (at <= readyMs + 500) console.log(`      ${at.toFixed(0).padStart(6)} ms  ${msg.slice(0, 80)}`);
    }
    for (const p of procs) console.log(`      ${(p.rssKiB / 1024).toFixed(0).padStart(5)} MiB  ${p.command}`);
    process.kill(-child.pid!, 'SIGINT');
    await exited;
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const healthy = median(results.map((r) => r.healthyMs));
const ready = median(results.map((r) => r.readyMs));
console.log(
  `median: healthy ${healthy.toFixed(0)} ms (goal < ${GOAL_MS} ms, ratio ${(healthy / GOAL_MS).toFixed(2)}), ready ${ready.toFixed(0)} ms (ratio ${(ready / GOAL_MS).toFixed(2)})`,
);
