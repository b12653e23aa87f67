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
import { HIT_KINDS, SOURCE_HIT_KIND, kqlQuery, searchIdentifiers, type SourceKind } from '../src/domain/index.js';
import { evenBatches } from '../src/discovery/search-engine.js';
import { DEFAULT_TENANT_CONCURRENCY } from '../src/graph/concurrency.js';
import { PREFER_IMMUTABLE_IDS } from '../src/graph/mail.js';
import { all } from '../src/graph/pages.js';
import { searchRequests, type SearchRequest } from '../src/graph/search.js';
import { sourceRequests } from '../src/graph/source-requests.js';

/**
 * npm run bench:discovery — a generated tenant of USERS (500) users with mailboxes of MESSAGES (200)
 * messages and OneDrives of FILES (20) files, LATENCY_MS (50, plus up to JITTER_MS) injected on every
 * Graph request through the dev tenant's faults, throttling on (4 concurrent per mailbox), a data subject
 * planted in 5% of mailboxes and drives. Searches it and prints, per run: requests (the /users pages
 * among them), elapsed time, Graph's own lower bound for those requests (the /users pages one after
 * another, then the searches at the tenant-wide cap CONCURRENCY (128) and never faster than the longest
 * source's pages, each at the dev tenant's latency measured here, per request and per $batch), the CPU
 * the search itself used, the ratio of elapsed to each, the most requests seen on one mailbox, and recall
 * of the planted items. Then every source kind (CHATS, EVENTS, CONTACTS per user, 20 each; TEAMS (10) of
 * two channels with POSTS (50) posts each; the site search; Copilot), each alone and all in one run (see
 * the block's comment for the bound). Everything runs on this machine: the search, the dev tenant (its own
 * process) and Azurite share its cores.
 */

const USERS = Number(process.env.USERS ?? 500);
const MESSAGES = Number(process.env.MESSAGES ?? 200);
const FILES = Number(process.env.FILES ?? 20);
const LATENCY = Number(process.env.LATENCY_MS ?? 50);
const JITTER = Number(process.env.JITTER_MS ?? 0);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? DEFAULT_TENANT_CONCURRENCY);

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
// The data subject: planted below in mail and OneDrive; the generator names her in 5% of chats, events and contacts.
const subject = { name: 'Vibeke Engholm-Kragh', email: 'vibeke.kragh@example.org', phone: '+45 31 41 59 26' };
const CHATS = Number(process.env.CHATS ?? 20);
const EVENTS = Number(process.env.EVENTS ?? 20);
const CONTACTS = Number(process.env.CONTACTS ?? 20);
const TEAMS = Number(process.env.TEAMS ?? 10);
const POSTS = Number(process.env.POSTS ?? 50);
await dev('/tenant/generate', 'POST', {
  users: USERS,
  messagesPerUser: MESSAGES,
  filesPerUser: FILES,
  chatMessagesPerUser: CHATS,
  eventsPerUser: EVENTS,
  contactsPerUser: CONTACTS,
  teams: TEAMS,
  channelMessagesPerChannel: POSTS,
  subject: { name: subject.name, email: subject.email },
  subjectRate: 0.05,
  seed: 1,
});
// Every user, through src/graph's paging (Graph gives at most 999 a page).
const directory = await all<{ id: string; userPrincipalName: string }>(graph, '/users?$select=id,userPrincipalName&$top=999');
const users = directory.map((u) => u.userPrincipalName);

// 5% of mailboxes get a message, 5% of drives a file, each naming her one of three ways.
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

await dev('/faults', 'PUT', { latencyMs: LATENCY, latencyJitterMs: JITTER });
const prefix = `bench${randomBytes(4).toString('hex')}`;
const config = loadConfig({ DSAR_TABLES_CONNECTION_STRING: azurite.connectionString, DSAR_TABLE_PREFIX: prefix, LOG_LEVEL: 'silent' });
const { table: caseTable, cases } = await openCases(config);
const logger = createLogger('silent');
const actor = { kind: 'system' as const, id: 'bench' };

const cores = availableParallelism();

/**
 * CPU time (ms) a process's main thread has used (its JavaScript; not GC helpers or the libuv pool), from
 * /proc (Linux); undefined elsewhere. `wholeProcess` counts every thread.
 */
function cpuMs(pid: number, wholeProcess = false): number | undefined {
  try {
    const file = wholeProcess ? `/proc/${pid}/stat` : `/proc/${pid}/task/${pid}/stat`;
    const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(times: number, request: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await request(i);
    samples.push(performance.now() - t);
  }
  return median(samples);
}
const batchOf = (sources: readonly SearchRequest[]) =>
  graph.api('/$batch').post({
    requests: sources.map((r, id) => ({
      id: String(id),
      method: 'GET',
      url: r.url,
      headers: r.kind === 'mailbox' ? { Prefer: PREFER_IMMUTABLE_IDS } : {},
    })),
  });

// Three searches, each a new case's first: the first right after start (new connections, code not yet
// compiled by V8), then each mode in a warmed-up process, as the app runs on App Service.
const runs = [
  { batch: false, when: 'first search after start' },
  { batch: false, when: 'warm process' },
  { batch: true, when: 'warm process' },
];
let allFound = true;
for (const { batch, when } of runs) {
  const { case: c } = await cases.open(
    { receivedAt: new Date().toISOString(), channel: 'email', requester: subject, rights: ['access'], language: 'da' },
    actor,
  );
  const { service } = await openDiscovery(config, { graph, cases, repository: caseTable, logger, concurrency: CONCURRENCY, batch });

  // The dev tenant's latency for each kind of request the search sends, one at a time (the injected
  // latency plus its own work and the round trip), measured before each run.
  const requests = searchRequests(kqlQuery(searchIdentifiers(c)));
  const ids = directory.map((u) => u.id);
  const latency = {
    users: await timed(3, () => graph.api('/users?$select=id,userPrincipalName&$top=999').get()),
    mailbox: await timed(15, (i) => graph.api(requests.mailbox(ids[i % ids.length]!).url).get()),
    drive: await timed(15, (i) => graph.api(requests.drive(ids[i % ids.length]!).url).get()),
  };
  const sources = ids.flatMap((id) => [requests.mailbox(id), requests.drive(id)]);
  const chunks = evenBatches(sources, CONCURRENCY);
  const batchSize = chunks[0]?.length ?? 0;
  const batchLatency = batch ? await timed(5, (i) => batchOf(sources.slice(i * batchSize, (i + 1) * batchSize))) : 0;
  await dev('/counters', 'DELETE');

  const cpuBefore = [process.pid, child.pid!].map((pid) => cpuMs(pid));
  const started = performance.now();
  const result = await service.search(c.id, actor, { kinds: ['mailbox', 'drive'] });
  const elapsed = performance.now() - started;
  const cpu = [process.pid, child.pid!].map((pid, i) => (cpuMs(pid) ?? NaN) - (cpuBefore[i] ?? NaN));
  const counters = (await (await dev('/counters', 'GET')).json()) as { throttled429: number; maxConcurrency: Record<string, number> };
  const perMailbox = Math.max(
    0,
    ...Object.entries(counters.maxConcurrency)
      .filter(([k]) => k.startsWith('outlook|'))
      .map(([, n]) => n),
  );
  const found = new Set(result.hits.map((h) => `${h.kind}:${h.source}`));
  const recalled = [...planted].filter((p) => found.has(p)).length;
  allFound &&= recalled === planted.size;

  // Graph's bound: the /users pages follow one another; then every search request at the tenant-wide cap
  // (one source's pages one after another, so never less than the longest source), or the batches at the
  // cap, each as long as a batch of that size takes, and the later pages after them.
  const searchRequestsMade = result.requests - result.userPages;
  const usersPart = result.userPages * latency.users;
  const perRequest = (latency.mailbox + latency.drive) / 2;
  const searchPart = batch
    ? Math.ceil(chunks.length / CONCURRENCY) * batchLatency + (result.mostPages - 1) * latency.mailbox
    : Math.max(Math.ceil(searchRequestsMade / CONCURRENCY) * perRequest, result.mostPages * latency.mailbox);
  const bound = usersPart + searchPart;
  const operations = batch ? result.requests + result.mailboxesSearched + result.drivesSearched : result.requests;
  const sequential =
    result.userPages * latency.users +
    (searchRequestsMade - (batch ? chunks.length : 0)) * perRequest +
    (batch ? sources.length * perRequest : 0);
  const mode = batch ? `$batch: ${chunks.length} batches of ~${batchSize} first pages` : 'one request per source';
  console.log(
    `\nbench:discovery (${mode}, tenant-wide cap ${CONCURRENCY}, 4 per mailbox; ${when}) — ${result.mailboxesSearched} mailboxes and ${result.drivesSearched} OneDrives, ${LATENCY}${JITTER ? `+0..${JITTER}` : ''} ms injected per request, throttling on`,
  );
  console.log(`  users in the tenant      ${directory.length} (/users paged: ${result.userPages} pages)`);
  console.log(
    `  requests made            ${result.requests} HTTP requests (${result.userPages} /users pages), ${operations} Graph operations`,
  );
  console.log(
    `  measured latency         /users page ${latency.users.toFixed(0)} ms, mailbox search ${latency.mailbox.toFixed(0)} ms, drive search ${latency.drive.toFixed(0)} ms${batch ? `, $batch of ${batchSize} ${batchLatency.toFixed(0)} ms` : ''}`,
  );
  console.log(`  elapsed                  ${(elapsed / 1000).toFixed(2)} s`);
  console.log(
    `  Graph's bound            ${(bound / 1000).toFixed(2)} s (${result.userPages} x ${latency.users.toFixed(0)} ms /users + ${
      batch
        ? `${Math.ceil(chunks.length / CONCURRENCY)} round(s) of batches x ${batchLatency.toFixed(0)} ms`
        : `max(${searchRequestsMade} requests / ${CONCURRENCY} at once x ${perRequest.toFixed(0)} ms, longest source ${result.mostPages} x ${latency.mailbox.toFixed(0)} ms)`
    })`,
  );
  console.log(`  elapsed / Graph's bound  ${(elapsed / bound).toFixed(2)}`);
  console.log(
    `  CPU the search needs     ${cpu[0]!.toFixed(0)} ms (this process's main thread; dev tenant's ${cpu[1]!.toFixed(0)} ms; ${cores} cores shared)`,
  );
  console.log(`  elapsed / CPU            ${(elapsed / cpu[0]!).toFixed(2)}`);
  console.log(`  one request at a time    >= ${(sequential / 1000).toFixed(1)} s: ${(sequential / elapsed).toFixed(1)}x slower than this`);
  console.log(`  in flight at most        ${service.limiter.maxInFlight} tenant-wide, ${perMailbox} on one mailbox (Outlook allows 4)`);
  console.log(
    `  throttled                ${counters.throttled429} 429s from the dev tenant, ${result.throttledRetries} retries, limit now ${service.limiter.limit}`,
  );
  console.log(`  hits                     ${result.hits.length}`);
  console.log(`  recall of planted items  ${(recalled / planted.size).toFixed(3)} (${recalled}/${planted.size})`);
}

// Every source kind: first each kind alone (a new case's search of that kind only), then all of them in one
// run. Graph's bound for a run: the /users page(s) one after another, then its requests at the tenant-wide
// cap, each as long as the dev tenant takes for one of its kind (measured here), and never less than its
// longest source's pages one after another. The Outlook kinds also count against 4 per mailbox, which is
// never the tighter limit here (three Outlook requests a mailbox). For all kinds together the requests
// share the cap, so the bound is their summed latency over the cap. Beside it, what this machine can do: the
// CPU this process's main thread used, the dev tenant's main thread (it answers on one) and all three
// processes' CPU, every thread (this, the dev tenant, Azurite), over its cores; the largest of these and Graph's bound is the floor, and the
// ratio is printed against Graph's bound and the floor. "busy" is how much of the run this process's event loop was working (near 100%: CPU-bound here).
{
  const open = async () =>
    (
      await cases.open(
        { receivedAt: new Date().toISOString(), channel: 'email', requester: subject, rights: ['access'], language: 'da' },
        actor,
      )
    ).case;
  // The requests the search sends, for this subject, to measure the dev tenant's latency for each kind.
  const query = kqlQuery(searchIdentifiers(await open()));
  const more = sourceRequests({ query, region: 'EUR', teamsModel: 'B' });
  const first = searchRequests(query);
  const id0 = directory[0]!.id;
  const teams = ((await graph.api('/teams?$select=id').get()) as { value: { id: string }[] }).value;
  const sample: Partial<Record<SourceKind, () => Promise<unknown>>> = {
    mailbox: () => graph.api(first.mailbox(id0).url).header('Prefer', PREFER_IMMUTABLE_IDS).get(),
    drive: () => graph.api(first.drive(id0).url).get(),
    sites: () => graph.api('/search/query').post(more.sites(0).body),
    chats: () => graph.api(more.chats(id0).url).get(),
    calendar: () => graph.api(more.calendar(id0).url).get(),
    contacts: () => graph.api(more.contacts(id0).url).get(),
    copilot: () =>
      graph
        .api(more.copilot(id0).url)
        .get()
        .catch(() => undefined),
    ...(teams[0] ? { channels: () => graph.api(more.channels(teams[0]!.id).url).get() } : {}),
  };
  const latency: Partial<Record<SourceKind, number>> = {};
  for (const [kind, request] of Object.entries(sample)) latency[kind as SourceKind] = await timed(5, () => request!());
  const usersLatency = await timed(3, () => graph.api('/users?$select=id,userPrincipalName&$top=999').get());
  const processes = [process.pid, child.pid!, azurite.pid ?? -1];

  const measure = async (kinds?: SourceKind[]) => {
    const c = await open();
    const { service } = await openDiscovery(config, { graph, cases, repository: caseTable, logger, concurrency: CONCURRENCY });
    const before = processes.map((pid) => cpuMs(pid));
    const beforeAll = processes.map((pid) => cpuMs(pid, true));
    const elu0 = performance.eventLoopUtilization();
    const started = performance.now();
    const result = await service.search(c.id, actor, kinds ? { kinds } : {});
    const elapsed = performance.now() - started;
    const busy = performance.eventLoopUtilization(elu0).utilization;
    const cpu = processes.map((pid, i) => (cpuMs(pid) ?? Number.NaN) - (before[i] ?? Number.NaN));
    const cpuAll = processes.map((pid, i) => (cpuMs(pid, true) ?? Number.NaN) - (beforeAll[i] ?? Number.NaN));
    const kindsRun = Object.entries(result.perKind) as [SourceKind, { requests: number; ms: number; mostPages: number }][];
    const per = (k: SourceKind) => latency[k] ?? LATENCY;
    // The longest chain: one source's pages one after another, at its own kind's latency (a channel source
    // waits for the teams list first).
    const chain = Math.max(0, ...kindsRun.map(([k, f]) => (f.mostPages + (k === 'channels' ? 1 : 0)) * per(k)));
    const work = kindsRun.reduce((sum, [k, f]) => sum + f.requests * per(k), 0);
    const users = result.userPages * usersLatency;
    const bound =
      kinds?.length === 1
        ? users + Math.max(0, ...kindsRun.map(([k, f]) => Math.ceil(f.requests / CONCURRENCY) * per(k)), chain)
        : users + Math.max(work / CONCURRENCY, chain);
    const machine = cpuAll.reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0) / cores;
    // The dev tenant answers on one thread: it cannot serve the run faster than its own CPU time either.
    const floor = Math.max(bound, cpu[0]!, Number.isNaN(cpu[1]!) ? 0 : cpu[1]!, machine);
    return { result, elapsed, cpu, bound, machine, floor, busy };
  };

  console.log(
    `\nbench:discovery (every source kind; tenant-wide cap ${CONCURRENCY}, 4 per mailbox) — ${directory.length} users, ${CHATS} chat messages, ${EVENTS} events, ${CONTACTS} contacts each, ${teams.length} teams of 2 channels with ${POSTS} posts each, ${LATENCY} ms injected per request`,
  );
  console.log(
    '  kind alone           sources  requests  latency  elapsed  Graph bound  ratio   CPU here  CPU tenant  CPU all/cores  floor  ratio  busy  skipped',
  );
  const row = (label: string, sources: string, requests: number, per: string, m: Awaited<ReturnType<typeof measure>>, skipped = '') =>
    console.log(
      `  ${label.padEnd(20)} ${sources.padStart(7)} ${String(requests).padStart(9)} ${per.padStart(8)} ${(m.elapsed / 1000).toFixed(2).padStart(6)} s ${(m.bound / 1000).toFixed(2).padStart(9)} s ${(m.elapsed / m.bound).toFixed(2).padStart(6)} ${(m.cpu[0]! / 1000).toFixed(2).padStart(8)} s ${(m.cpu[1]! / 1000).toFixed(2).padStart(10)} s ${(m.machine / 1000).toFixed(2).padStart(12)} s ${(m.floor / 1000).toFixed(2).padStart(5)} s ${(m.elapsed / m.floor).toFixed(2).padStart(6)} ${(m.busy * 100).toFixed(0).padStart(4)}%  ${skipped}`,
    );
  for (const kind of Object.keys(sample) as SourceKind[]) {
    const m = await measure([kind]);
    const summary = m.result.sources[SOURCE_HIT_KIND[kind]];
    row(
      SOURCE_HIT_KIND[kind],
      String(summary?.searched ?? 0),
      m.result.requests,
      `${latency[kind]!.toFixed(0)} ms`,
      m,
      summary?.skipped ?? '',
    );
  }
  const m = await measure();
  row('all, one run', '', m.result.requests, '', m);
  // Each kind's span: its first request to its last answer, while the kinds share the cap.
  console.log(
    `  per kind in that run ${Object.entries(m.result.perKind)
      .map(([k, f]) => `${SOURCE_HIT_KIND[k as SourceKind]} ${f!.requests} requests in ${(f!.ms / 1000).toFixed(2)} s`)
      .join('; ')}`,
  );
  console.log(
    `  hits                 ${m.result.hits.length} items (${m.result.duplicatesSkipped} places that were the same item), by kind: ${HIT_KINDS.map((k) => `${k} ${m.result.hits.filter((h) => h.kind === k).length}`).join(', ')}`,
  );
}

child.stdin!.end();
await new Promise((r) => child.once('exit', r));
await azurite.stop();
if (process.env.DSAR_BENCH_DIR_CREATED === '1') await rm(dataDir, { recursive: true, force: true });
process.exit(allFound ? 0 : 1);
