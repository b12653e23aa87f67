import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphClient, openCases, openDiscovery } from '../src/compose.js';
import { loadConfig } from '../src/config/config.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, startAzurite } from '../src/local/azurite.js';
import { devTenantGraph } from '../src/local/dev-tenant-graph.js';
import { trustDevTenantCertificate } from '../src/local/trust-dev-tenant.js';
import { createLogger } from '../src/logging/logger.js';

/**
 * npm run bench:discovery — a generated tenant of USERS (500) users with mailboxes of MESSAGES (200)
 * messages and OneDrives of FILES (20) files, 50 ms latency on every Graph request and throttling on
 * (4 concurrent per mailbox), a data subject planted in 5% of mailboxes and drives. Searches it and
 * prints requests, elapsed time, the lower bound for those requests at the search's concurrency, the
 * ratio to it, the ratio to a one-request-at-a-time search, CPU used, and recall of the planted items.
 * Everything runs on this machine: the search, the dev tenant (its own process) and Azurite share its
 * cores, which is what the search competes with at 50 ms latency (Graph's own time is elsewhere).
 */

const USERS = Number(process.env.USERS ?? 500);
const MESSAGES = Number(process.env.MESSAGES ?? 200);
const FILES = Number(process.env.FILES ?? 20);
const LATENCY = Number(process.env.LATENCY_MS ?? 50);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);

// Made here unless given; the process restarts itself once to trust the dev tenant's certificate, and the
// restarted process removes the directory at the end.
if (!process.env.DSAR_BENCH_DIR) {
  process.env.DSAR_BENCH_DIR = await mkdtemp(join(tmpdir(), 'dsar-bench-discovery-'));
  process.env.DSAR_BENCH_DIR_CREATED = '1';
}
const dataDir = process.env.DSAR_BENCH_DIR;
await trustDevTenantCertificate(dataDir);

const azurite = await startAzurite({ port: await freePort() });
// The dev tenant runs in a process of its own, as Graph is a service elsewhere.
const child = spawn(
  process.execPath,
  ['--import', 'tsx', fileURLToPath(new URL('./dev-tenant-process.ts', import.meta.url)), join(dataDir, 'devtenant')],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const tenant = await new Promise<{ url: string; authorityHost: string; tenantId: string; clientId: string; clientSecret: string }>(
  (resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
    });
    child.once('exit', (code) => reject(new Error(`the dev tenant exited (${code})`)));
  },
);
const graph = await graphClient(devTenantGraph(tenant));
const dev = (path: string, method: string, body?: unknown, type = 'application/json') =>
  fetch(`${tenant.url}/_dev${path}`, {
    method,
    headers: { 'Content-Type': type },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

const t0 = performance.now();
await dev('/tenant/generate', 'POST', { users: USERS, messagesPerUser: MESSAGES, filesPerUser: FILES, seed: 1 });
const users = (
  (await graph.api('/users').top(999).select('userPrincipalName').get()) as { value: { userPrincipalName: string }[] }
).value.map((u) => u.userPrincipalName);

// The data subject: 5% of mailboxes get a message, 5% of drives a file, each naming her one of three ways.
const subject = { name: 'Vibeke Engholm-Kragh', email: 'vibeke.kragh@example.org', phone: '+45 31 41 59 26' };
const mentions = [subject.name, subject.email, '31415926'];
const every = Math.round(1 / 0.05);
const planted = new Set<string>();
for (let i = 0; i < users.length; i += every) {
  const upn = users[i]!;
  const eml = [
    `From: kunde@example.com`,
    `To: ${upn}`,
    `Subject: Opfølgning ${i}`,
    `Message-ID: <bench-${i}@example.com>`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hej, vedr. ${mentions[i % 3]}.`,
    '',
  ].join('\r\n');
  const r = (await (await dev(`/mailboxes/${upn}/deliver`, 'POST', eml, 'message/rfc822')).json()) as { id: string };
  planted.add(`message:${upn}`);
  void r;
  const owner = users[(i + 7) % users.length]!;
  await graph
    .api(`/users/${owner}/drive/root:/Kunder/noter-${i}.txt:/content`)
    .header('Content-Type', 'text/plain')
    .put(`Kontakt: ${mentions[(i + 1) % 3]}`);
  planted.add(`file:${owner}`);
}
console.log(
  `tenant: ${users.length} users x ${MESSAGES} messages + ${FILES} files, ${planted.size} planted items, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

await dev('/faults', 'PUT', { latencyMs: LATENCY });
await dev('/counters', 'DELETE');
const prefix = `bench${randomBytes(4).toString('hex')}`;
const config = loadConfig({ DSAR_TABLES_CONNECTION_STRING: azurite.connectionString, DSAR_TABLE_PREFIX: prefix, LOG_LEVEL: 'silent' });
const { table: caseTable, cases } = await openCases(config);
const logger = createLogger('silent');
const actor = { kind: 'system' as const, id: 'bench' };

const CONCURRENCY_BATCH = Number(process.env.CONCURRENCY_BATCH ?? 16);
const cores = availableParallelism();

/** CPU time (ms) a process has used, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

// Three searches, each a new case's first: the first right after start (new connections, code not yet
// compiled by V8), then each mode in a warmed-up process, as the app runs on App Service.
const runs = [
  { batch: false, when: 'first search after start' },
  { batch: false, when: 'warm process' },
  { batch: true, when: 'warm process' },
];
let allFound = true;
for (const { batch, when } of runs) {
  const concurrency = batch ? CONCURRENCY_BATCH : CONCURRENCY;
  const { case: c } = await cases.open(
    { receivedAt: new Date().toISOString(), channel: 'email', requester: subject, rights: ['access'], language: 'da' },
    actor,
  );
  const { service } = await openDiscovery(config, { graph, cases, repository: caseTable, logger, concurrency, batch });
  const cpuBefore = [process.pid, child.pid!].map(cpuMs);
  const started = performance.now();
  const result = await service.search(c.id, actor);
  const elapsed = performance.now() - started;
  const cpu = [process.pid, child.pid!].map((pid, i) => (cpuMs(pid) ?? NaN) - (cpuBefore[i] ?? NaN));
  const found = new Set(result.hits.map((h) => `${h.kind}:${h.source}`));
  const recalled = [...planted].filter((p) => found.has(p)).length;
  allFound &&= recalled === planted.size;
  // Graph operations: a $batch counts as one request plus each sub-request, as Graph counts them.
  const sources = result.mailboxesSearched + result.drivesSearched;
  const operations = batch ? result.requests + sources : result.requests;
  // In flight at once: `concurrency` requests; a batch's sub-requests run four at a time.
  const inFlight = batch ? concurrency * 4 : concurrency;
  const bound = (operations / inFlight) * LATENCY;
  const sequential = operations * LATENCY;
  console.log(
    `\nbench:discovery (${batch ? `$batch of up to 20 first pages, ${concurrency} batches at a time` : `one request per source, ${concurrency} at a time`}; ${when}) — ${result.mailboxesSearched} mailboxes and ${result.drivesSearched} OneDrives, ${LATENCY} ms per request, throttling on`,
  );
  console.log(`  requests made            ${result.requests} HTTP requests, ${operations} Graph operations`);
  console.log(`  elapsed                  ${(elapsed / 1000).toFixed(2)} s`);
  console.log(
    `  lower bound              ${(bound / 1000).toFixed(2)} s (${operations} operations / ${inFlight} in flight x ${LATENCY} ms)`,
  );
  console.log(`  elapsed / bound          ${(elapsed / bound).toFixed(2)}  (floor: within 1.5x)`);
  console.log(
    `  one request at a time    >= ${(sequential / 1000).toFixed(1)} s (${operations} x ${LATENCY} ms): ${(sequential / elapsed).toFixed(1)}x slower than this`,
  );
  console.log(`  CPU used                 search ${cpu[0]!.toFixed(0)} ms, dev tenant ${cpu[1]!.toFixed(0)} ms (${cores} cores)`);
  console.log(`  throttled retries        ${result.throttledRetries}`);
  console.log(`  hits                     ${result.hits.length}`);
  console.log(`  recall of planted items  ${(recalled / planted.size).toFixed(3)} (${recalled}/${planted.size})`);
}

child.stdin!.end();
await new Promise((r) => child.once('exit', r));
await azurite.stop();
if (process.env.DSAR_BENCH_DIR_CREATED === '1') await rm(dataDir, { recursive: true, force: true });
process.exit(allFound ? 0 : 1);
