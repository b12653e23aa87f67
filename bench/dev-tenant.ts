import { createServer } from 'node:http';
import pLimit from 'p-limit';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevTenant } from 'm365-dev-tenant';
import { createGraphCredential } from '../src/graph/credential.js';
import { createGraphClient } from '../src/graph/graph-client.js';
import { trustDevTenantCertificate } from '../src/local/trust-dev-tenant.js';

/**
 * npm run bench:devtenant — how fast the dev tenant answers the product's Graph client on a generated
 * tenant, and how quickly change notifications reach a webhook. Prints figures; asserts nothing.
 * Options: USERS (20), MESSAGES per user (2000), FILES per user (50).
 */

const USERS = Number(process.env.USERS ?? 20);
const MESSAGES = Number(process.env.MESSAGES ?? 2000);
const FILES = Number(process.env.FILES ?? 50);

const dataDir = process.env.DSAR_BENCH_DIR ?? (await mkdtemp(join(tmpdir(), 'dsar-bench-')));
process.env.DSAR_BENCH_DIR = dataDir;
await trustDevTenantCertificate(dataDir);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

const tenant = await startDevTenant({ tlsDir: join(dataDir, 'devtenant'), seed: 'empty', notifier: { batchWindowMs: 20 } });
const graph = createGraphClient(
  { baseUrl: tenant.authorityHost },
  createGraphCredential({
    kind: 'client-secret',
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    authorityHost: tenant.authorityHost,
  }),
);
const dev = (path: string, body?: unknown) =>
  fetch(
    `${tenant.url}/_dev${path}`,
    body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
  );

console.log(`dev tenant benchmark on Node ${process.version}: ${USERS} users x ${MESSAGES} messages + ${FILES} files`);
const [, generateMs] = await timed(() =>
  dev('/tenant/generate', { users: USERS, messagesPerUser: MESSAGES, filesPerUser: FILES, seed: 1 }),
);
console.log(`  generate tenant                 ${ms(generateMs)}`);
const users = ((await graph.api('/users').top(999).select('userPrincipalName').get()) as { value: { userPrincipalName: string }[] }).value;
const upn = users[0]!.userPrincipalName;

const sample = async (label: string, n: number, fn: () => Promise<unknown>) => {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await timed(fn))[1]);
  console.log(`  ${label.padEnd(32)}p50 ${ms(pct(times, 50))}   p95 ${ms(pct(times, 95))}   (${n} calls, SDK incl. auth)`);
};
await sample('list inbox, 50 per page', 100, () =>
  graph.api(`/users/${upn}/mailFolders/inbox/messages`).top(50).select('subject,from,receivedDateTime').get(),
);
await sample('$filter receivedDateTime ge', 50, () =>
  graph
    .api(`/users/${upn}/messages`)
    .filter(`receivedDateTime ge ${new Date(Date.now() - 30 * 86400_000).toISOString()}`)
    .top(50)
    .get(),
);
await sample('$search "faktura"', 50, () => graph.api(`/users/${upn}/messages`).search('"faktura"').top(50).get());
await sample('drive search(q=backup)', 50, () => graph.api(`/users/${upn}/drive/root/search(q='backup')`).get());

const [pages, deltaMs] = await timed(async () => {
  let next: string | undefined = `/users/${upn}/mailFolders/inbox/messages/delta`;
  let count = 0;
  while (next) {
    const page = (await graph.api(next).header('Prefer', 'odata.maxpagesize=200').get()) as {
      '@odata.nextLink'?: string;
      value: unknown[];
    };
    count += page.value.length;
    next = page['@odata.nextLink'];
  }
  return count;
});
console.log(`  full delta sync of inbox        ${ms(deltaMs)} for ${pages} messages`);

// Notification latency: deliver messages one by one and time each until the webhook hears about it.
const heard = new Map<string, number>();
const webhook = createServer((req, res) => {
  const url = new URL(req.url!, 'http://x');
  const token = url.searchParams.get('validationToken');
  if (token) return res.writeHead(200, { 'Content-Type': 'text/plain' }).end(token);
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    for (const n of (JSON.parse(body) as { value: { resourceData: { id: string } }[] }).value)
      heard.set(n.resourceData.id, performance.now());
    res.writeHead(202).end();
  });
}).listen(0, '127.0.0.1');
await new Promise((r) => webhook.once('listening', r));
await graph.api('/subscriptions').post({
  changeType: 'created',
  notificationUrl: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`,
  resource: `users/${upn}/mailFolders('Inbox')/messages`,
  expirationDateTime: new Date(Date.now() + 3600_000).toISOString(),
  clientState: 'bench',
});
const latencies: number[] = [];
for (let i = 0; i < 100; i++) {
  const sent = performance.now();
  const res = await fetch(`${tenant.url}/_dev/mailboxes/${upn}/deliver`, {
    method: 'POST',
    headers: { 'Content-Type': 'message/rfc822' },
    body: `From: a@example.com\r\nTo: ${upn}\r\nSubject: bench ${i}\r\nMessage-ID: <b${i}@example.com>\r\n\r\nhej\r\n`,
  });
  const { id } = (await res.json()) as { id: string };
  while (!heard.has(id)) await new Promise((r) => setTimeout(r, 1));
  latencies.push(heard.get(id)! - sent);
}
console.log(
  `  deliver -> webhook notified     p50 ${ms(pct(latencies, 50))}   p95 ${ms(pct(latencies, 95))}   max ${ms(Math.max(...latencies))}   (100 messages)`,
);

// Throttling under load: 40 reads of one mailbox with 50 ms of injected latency, first all at once (the SDK
// retries each 429 three times, then gives up), then at most 4 at a time as Graph wants.
await fetch(`${tenant.url}/_dev/faults`, {
  method: 'PUT',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ latencyMs: 50 }),
});
const read = () => graph.api(`/users/${upn}/messages`).top(1).get();
for (const [label, run] of [
  ['40 reads all at once', () => Promise.allSettled(Array.from({ length: 40 }, read))],
  [
    '40 reads, 4 at a time (p-limit)',
    () => {
      const limit = pLimit(4);
      return Promise.allSettled(Array.from({ length: 40 }, () => limit(read)));
    },
  ],
] as const) {
  await fetch(`${tenant.url}/_dev/counters`, { method: 'DELETE' });
  const [results, took] = await timed(run);
  const failed = results.filter((r) => r.status === 'rejected').length;
  const counters = (await (await fetch(`${tenant.url}/_dev/counters`)).json()) as {
    throttled429: number;
    requests: number;
    maxConcurrency: Record<string, number>;
  };
  console.log(
    `  ${label.padEnd(32)}${ms(took)}: ${40 - failed} ok, ${failed} failed, ${counters.throttled429} x 429, ${counters.requests} requests, max in flight ${Math.max(...Object.values(counters.maxConcurrency))}`,
  );
}

webhook.close();
await tenant.close();
process.exit(0);
