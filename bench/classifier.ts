import { readdir, readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { classify, DEFAULT_PROFILE, parseEmail } from '../src/classifier/index.js';

/**
 * npm run bench:classifier — the classifier on the corpus (tests/fixtures/classifier/*.eml, a few hundred
 * mails), in this process, after a warm-up round. Prints mails/s and per-mail p50/p95, split into parsing
 * (mailparser) and classifying, against issue 20's floor of 1,000 mails/s on this 2-core machine. The
 * machine is shared: the load average and the process's own CPU time are printed beside the wall-clock
 * figures, so a run on a busy machine can be read for what it is.
 * ROUNDS changes how often the corpus is classified (default 5).
 */

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const FLOOR_PER_SECOND = 1000;
const dir = new URL('../tests/fixtures/classifier/', import.meta.url);
const files = (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort();
const corpus = await Promise.all(files.map((f) => readFile(new URL(f, dir))));

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function round(): Promise<{ parse: number[]; classify: number[]; total: number }> {
  const parse: number[] = [];
  const verdict: number[] = [];
  const started = performance.now();
  for (const mime of corpus) {
    const t0 = performance.now();
    const email = await parseEmail(mime);
    const t1 = performance.now();
    classify(email, DEFAULT_PROFILE);
    verdict.push(performance.now() - t1);
    parse.push(t1 - t0);
  }
  return { parse, classify: verdict, total: performance.now() - started };
}

await round(); // warm-up: the JIT, and every lazily built pattern
const parse: number[] = [];
const verdict: number[] = [];
let total = 0;
const load = loadavg()[0]!;
const cpuBefore = process.cpuUsage();
for (let i = 0; i < ROUNDS; i++) {
  const r = await round();
  parse.push(...r.parse);
  verdict.push(...r.classify);
  total += r.total;
}
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const mails = corpus.length * ROUNDS;
const perSecond = mails / (total / 1000);
const perMail = parse.map((p, i) => p + verdict[i]!);
const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(`classifier benchmark on Node ${process.version}: ${corpus.length} corpus mails x ${ROUNDS} rounds (after a warm-up round)`);
console.log(
  `  mails/s                ${perSecond.toFixed(0)}   (floor ${FLOOR_PER_SECOND}; ratio ${(perSecond / FLOOR_PER_SECOND).toFixed(2)})`,
);
console.log(
  `  mails per CPU second   ${(mails / (cpuMs / 1000)).toFixed(0)}   (CPU time of all its threads, JIT and GC included: ${(cpuMs / mails).toFixed(2)} ms a mail; load average ${load.toFixed(2)} on 2 cores)`,
);
console.log(`  per mail               p50 ${ms(pct(perMail, 50))}   p95 ${ms(pct(perMail, 95))}   max ${ms(Math.max(...perMail))}`);
console.log(
  `    parsing (mailparser) p50 ${ms(pct(parse, 50))}   p95 ${ms(pct(parse, 95))}   share ${((100 * parse.reduce((a, b) => a + b, 0)) / total).toFixed(0)} %`,
);
console.log(`    classifying          p50 ${ms(pct(verdict, 50))}   p95 ${ms(pct(verdict, 95))}`);
