import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { startDevTenant, withDate } from 'm365-dev-tenant';
import { loadConfig } from '../src/config/config.js';
import { freePort, startAzurite } from '../src/local/azurite.js';
import { trustDevTenantCertificate } from '../src/local/trust-dev-tenant.js';
import { createLogger } from '../src/logging/logger.js';
import { runApp } from '../src/server/run.js';
import { CaseTable } from '../src/store/case-table.js';

/**
 * npm run bench:intake — 1,000 mixed messages (the classifier corpus, repeated with fresh Message-IDs)
 * delivered as a burst into the dev tenant's dpa@ and support@ inboxes (alternately) while the app
 * watches both. Prints messages processed, cases created, duplicates (must be 0), lost (must be 0), the
 * share of cases by mailbox and delivery-to-case times. COUNT changes the number of messages.
 */

const COUNT = Number(process.env.COUNT ?? 1000);
const dataDir = process.env.DSAR_BENCH_DIR ?? (await mkdtemp(join(tmpdir(), 'dsar-bench-intake-')));
process.env.DSAR_BENCH_DIR = dataDir;
await trustDevTenantCertificate(dataDir);

const pct = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN;
const corpusDir = new URL('../tests/fixtures/classifier/', import.meta.url);
const corpus = await Promise.all(
  (await readdir(corpusDir))
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => readFile(new URL(f, corpusDir), 'utf8')),
);
if (!corpus.length) throw new Error('no corpus in tests/fixtures/classifier');

const azurite = await startAzurite({ port: await freePort() });
const tenant = await startDevTenant({ tlsDir: join(dataDir, 'devtenant'), seed: 'empty', notifier: { retryBaseMs: 200 } });
await tenant.services.tenant.load({
  tenantId: tenant.tenantId,
  domain: 'itguy.dk',
  displayName: 'ITGuy ApS',
  users: [
    {
      id: '11111111-1111-4111-8111-111111111111',
      displayName: 'Databeskyttelse',
      mail: 'dpa@itguy.dk',
      userPrincipalName: 'dpa@itguy.dk',
      mailboxType: 'shared',
    },
    {
      id: '33333333-3333-4333-8333-333333333333',
      displayName: 'Support',
      mail: 'support@itguy.dk',
      userPrincipalName: 'support@itguy.dk',
      mailboxType: 'shared',
    },
  ],
  messages: [],
  files: [],
});
const port = await freePort();
const prefix = `bench${randomBytes(4).toString('hex')}`;
const config = loadConfig({
  DSAR_TABLES_CONNECTION_STRING: azurite.connectionString,
  DSAR_TABLE_PREFIX: prefix,
  PORT: String(port),
  DSAR_GRAPH_BASE_URL: tenant.authorityHost,
  DSAR_GRAPH_AUTHORITY_HOST: tenant.authorityHost,
  DSAR_GRAPH_TENANT_ID: tenant.tenantId,
  DSAR_GRAPH_CLIENT_ID: tenant.clientId,
  DSAR_GRAPH_CLIENT_SECRET: tenant.clientSecret,
  DSAR_PUBLIC_URL: `http://127.0.0.1:${port}`,
  DSAR_WEBHOOK_CLIENT_STATE: randomBytes(24).toString('base64url'),
});
// The default DSAR_INTAKE_MAILBOXES: the DPO mailbox and support@.
const mailboxes = config.intake.mailboxes;
const app = await runApp(config, createLogger('silent'));
const cases = TableClient.fromConnectionString(azurite.connectionString, `${prefix}cases`, { allowInsecureConnection: true });
const intake = TableClient.fromConnectionString(azurite.connectionString, `${prefix}intake`, { allowInsecureConnection: true });
const count = async (client: TableClient, prefixKey: string) => {
  let n = 0;
  for await (const _ of client.listEntities({
    queryOptions: { filter: `RowKey ge '${prefixKey}' and RowKey lt '${prefixKey}~'`, select: ['RowKey'] },
  }))
    n++;
  return n;
};
for (let i = 0; i < 100 && !(await fetch(`http://127.0.0.1:${port}/readyz`)).ok; i++) await new Promise((r) => setTimeout(r, 100));

console.log(
  `intake benchmark on Node ${process.version}: ${COUNT} messages (${corpus.length} corpus messages repeated) into ${mailboxes.join(' and ')}`,
);
const deliveredAt = new Map<string, number>();
const started = performance.now();
await Promise.all(
  Array.from({ length: COUNT }, async (_, i) => {
    const id = `<bench-${i}-${randomBytes(4).toString('hex')}@example.com>`;
    // Each round of the corpus comes from other people (plus-addressed senders): one person, one case would
    // otherwise make every repeat a follow-up on the first round's case.
    const round = Math.floor(i / corpus.length);
    const source = withDate(corpus[i % corpus.length]!, new Date())
      .replace(/^Message-ID:.*$/im, `Message-ID: ${id}`)
      .replace(
        /^(From:[^\r\n]*?)([\w.-]+)(\+[\w-]+)?@/im,
        (_m, head: string, local: string) => `${head}${local}${round ? `+r${round}` : ''}@`,
      );
    const raw = /^Message-ID:/im.test(source) ? source : `Message-ID: ${id}\r\n${source}`;
    deliveredAt.set(id, Date.now());
    const res = await fetch(`${tenant.url}/_dev/mailboxes/${mailboxes[i % mailboxes.length]}/deliver`, {
      method: 'POST',
      headers: { 'Content-Type': 'message/rfc822' },
      body: raw,
    });
    if (res.status !== 201) throw new Error(`deliver failed: ${res.status}`);
  }),
);
console.log(`  delivered ${COUNT} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// Poll lightly (counting done rows only), so the benchmark does not slow down what it measures.
let processed = 0;
for (let waited = 0; waited < 600_000; waited += 1000) {
  processed = await count(intake, 'done|');
  if (processed >= COUNT && (await count(intake, 'queue|')) === 0) break;
  await new Promise((r) => setTimeout(r, 1000));
}
const took = (performance.now() - started) / 1000;

// Delivery to case: the case row's creation time (its Timestamp; a case row is not rewritten by intake).
const createdAt = new Map<string, number>();
for await (const row of cases.listEntities({
  queryOptions: { filter: "RowKey ge 'case|' and RowKey lt 'case}'", select: ['RowKey', 'Timestamp'] },
})) {
  createdAt.set(String(row.rowKey).slice('case|'.length), Date.parse(String(row.timestamp)));
}
const all = await new CaseTable(cases, 'bench').listAll();
const caseTimes = new Map<string, number>();
for (const c of all) {
  const source = c.sourceMessages.find((s) => s.internetMessageId && deliveredAt.has(s.internetMessageId));
  if (source) caseTimes.set(c.id, createdAt.get(c.id)! - deliveredAt.get(source.internetMessageId!)!);
}
// Duplicates: two cases from one message (read the cases themselves, not the unique src| keys).
const perMessage = new Map<string, number>();
for (const c of all) {
  for (const s of c.sourceMessages)
    if (s.internetMessageId) perMessage.set(s.internetMessageId, (perMessage.get(s.internetMessageId) ?? 0) + 1);
}
const duplicates = [...perMessage.values()].filter((n) => n > 1).length;
const times = [...caseTimes.values()];
// The benchmark's cases by the mailbox their message reached.
const byMailbox = new Map(mailboxes.map((m) => [m, 0]));
for (const c of all) {
  const source = c.sourceMessages.find((s) => s.internetMessageId && deliveredAt.has(s.internetMessageId));
  if (source?.mailbox) byMailbox.set(source.mailbox, (byMailbox.get(source.mailbox) ?? 0) + 1);
}
const share = (n: number, of: number) => `${of ? ((100 * n) / of).toFixed(1) : '0.0'} %`;
console.log(`  messages processed              ${processed} of ${COUNT} in ${took.toFixed(1)} s`);
console.log(`  cases created                   ${caseTimes.size}`);
console.log(`  duplicates                      ${duplicates}`);
console.log(`  lost                            ${COUNT - processed}`);
// Shares of the cases, one line each.
const uncertain = all.filter((c) => c.intakeVerdict?.verdict === 'uncertain' && caseTimes.has(c.id)).length;
console.log(`  uncertain (needs confirmation)  ${uncertain} of ${caseTimes.size} cases (${share(uncertain, caseTimes.size)})`);
console.log(`  set aside as not a request      ${await count(intake, 'asideof|')}`);
console.log(`  cases by mailbox                ${[...byMailbox].map(([m, n]) => `${m} ${share(n, caseTimes.size)}`).join('   ')}`);
console.log(
  `  delivery -> case                p50 ${(pct(times, 50) / 1000).toFixed(2)} s   p95 ${(pct(times, 95) / 1000).toFixed(2)} s   max ${(Math.max(...times) / 1000).toFixed(2)} s`,
);

const graphCounters = (await (await fetch(`${tenant.url}/_dev/counters`)).json()) as {
  requests: number;
  throttled429: number;
  maxConcurrency: Record<string, number>;
};
console.log(
  `  Graph requests                  ${graphCounters.requests} (${graphCounters.throttled429} x 429, at most ${Math.max(0, ...Object.values(graphCounters.maxConcurrency))} in flight)`,
);

await app.close();
await tenant.close();
await azurite.stop();
process.exit(0);
