import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import pLimit from 'p-limit';
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
 *
 * `npm run bench:intake -- --poison [percent]` (default 5) mixes in poison: awkward but ordinary requests
 * (a 300-character name, a quoted local part, a domain without a dot, no From, a 1,200-character
 * Message-ID), undecodable ones (a NUL byte, broken base64, an unknown charset, invalid UTF-8) and
 * notifications naming an id with "/" (no mail behind them: refused at the webhook, which makes the app
 * catch the mailbox up through delta). It prints the legitimate mail's delivery-to-case times (compare with
 * a clean run) and how many poison messages the DPO sees (as a case, uncertain or a dead letter).
 */

const COUNT = Number(process.env.COUNT ?? 1000);
const poisonArg = process.argv.findIndex((a) => a.startsWith('--poison'));
const POISON_PCT =
  poisonArg < 0
    ? 0
    : Number(process.argv[poisonArg]!.split('=')[1] ?? (/^\d/.test(process.argv[poisonArg + 1] ?? '') ? process.argv[poisonArg + 1] : 5));
const POISON_KINDS = [
  'long name',
  'quoted local part',
  'domain without a dot',
  'no From',
  'long Message-ID',
  'NUL byte',
  'broken base64',
  'unknown charset',
  'invalid UTF-8',
  'id with /',
] as const;
const isPoison = (i: number) => POISON_PCT > 0 && Math.floor(((i + 1) * POISON_PCT) / 100) > Math.floor((i * POISON_PCT) / 100);
const REQUEST_TEXT =
  'Hej\r\n\r\nJeg vil gerne have en kopi af alle de personoplysninger, I har om mig, jf. artikel 15.\r\n\r\nVenlig hilsen';
/** A request that is awkward or undecodable in the `kind` way; undefined for a notification-only poison. */
function poisonMail(kind: (typeof POISON_KINDS)[number], n: number, id: string, to: string): Buffer | undefined {
  const head = (from: string | null, extra: string[] = [], messageId = id) =>
    [
      ...(from === null ? [] : [`From: ${from}`]),
      `To: ${to}`,
      'Subject: Indsigt',
      `Message-ID: ${messageId}`,
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      ...extra,
      '',
      '',
    ].join('\r\n');
  const plain = 'Content-Type: text/plain; charset=utf-8';
  switch (kind) {
    case 'long name':
      return Buffer.from(`${head(`${'Anna '.repeat(60)}Poison <poison-${n}@example.com>`, [plain])}${REQUEST_TEXT}\r\n`);
    case 'quoted local part':
      return Buffer.from(`${head(`"poison ${n}"@example.org`, [plain])}${REQUEST_TEXT}\r\n`);
    case 'domain without a dot':
      return Buffer.from(`${head(`Poison <poison-${n}@localhost>`, [plain])}${REQUEST_TEXT}\r\n`);
    case 'no From':
      return Buffer.from(`${head(null, [plain])}${REQUEST_TEXT}\r\n`);
    case 'long Message-ID':
      return Buffer.from(
        `${head(`Poison <poison-${n}@example.com>`, [plain], `<${'x'.repeat(1200)}${n}@example.com>`)}${REQUEST_TEXT}\r\n`,
      );
    case 'NUL byte':
      return Buffer.from(`${head(`Poison <poison-${n}@example.com>`, [plain])}\0${REQUEST_TEXT}\0\r\n`);
    case 'broken base64':
      return Buffer.from(
        `${head(`Poison <poison-${n}@example.com>`, [plain, 'Content-Transfer-Encoding: base64'])}!!${Buffer.from(REQUEST_TEXT).toString('base64').slice(5)}\r\n`,
      );
    case 'unknown charset':
      return Buffer.from(
        `${head(`Poison <poison-${n}@example.com>`, ['Content-Type: text/plain; charset=x-no-such-charset'])}${REQUEST_TEXT}\r\n`,
      );
    case 'invalid UTF-8':
      return Buffer.concat([
        Buffer.from(`${head(`Poison <poison-${n}@example.com>`, [plain])}${REQUEST_TEXT}`),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from('\r\n'),
      ]);
    case 'id with /':
      return undefined;
  }
}
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
  `intake benchmark on Node ${process.version}: ${COUNT} messages (${corpus.length} corpus messages repeated) into ${mailboxes.join(' and ')}${POISON_PCT ? `, ${POISON_PCT} % of them poison` : ''}`,
);
/** Delivery times by Graph id (every case knows its message's Graph id, even when its Message-ID was unusable). */
const deliveredAt = new Map<string, number>();
const poisonIds = new Set<string>();
const poisonKind = new Map<string, string>();
/** Notifications naming an id Graph never issues; there is no message behind them. */
const garbled = new Set<string>();
const subscriptionOf = async (mailbox: string) => String((await intake.getEntity('intake', `sub|inbox:${mailbox}`)).subscriptionId);
const started = performance.now();
// A burst, but at most 64 connections at once: 1,000 at once overflow the listen backlog (ECONNRESET).
const burst = pLimit(64);
await Promise.all(
  Array.from({ length: COUNT }, (_, i) =>
    burst(async () => {
      const id = `<bench-${i}-${randomBytes(4).toString('hex')}@example.com>`;
      const to = mailboxes[i % mailboxes.length]!;
      if (isPoison(i)) {
        // Numbered by position, not by arrival: deliveries run concurrently.
        const n = Math.floor((i * POISON_PCT) / 100);
        const kind = POISON_KINDS[n % POISON_KINDS.length]!;
        const mail = poisonMail(kind, n, id, to);
        if (!mail) {
          // A notification naming a message id with "/" (Graph answers 400 for it): sent as Graph would.
          const badId = `AAMkAGI2poison/${n}/..%2F${randomBytes(4).toString('hex')}`;
          garbled.add(badId);
          const res = await fetch(`http://127.0.0.1:${port}/api/notifications`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
              value: [
                {
                  subscriptionId: await subscriptionOf(to),
                  clientState: config.intake.clientState,
                  changeType: 'created',
                  resourceData: { id: badId },
                },
              ],
            }),
          });
          if (res.status !== 202) throw new Error(`notification refused: ${res.status}`);
          return;
        }
        const sent = Date.now();
        const res = await fetch(`${tenant.url}/_dev/mailboxes/${to}/deliver`, {
          method: 'POST',
          headers: { 'Content-Type': 'message/rfc822' },
          body: mail,
        });
        if (res.status !== 201) throw new Error(`deliver failed: ${res.status}`);
        const graphId = ((await res.json()) as { immutableId: string }).immutableId;
        poisonIds.add(graphId);
        poisonKind.set(graphId, kind);
        deliveredAt.set(graphId, sent);
        return;
      }
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
      const sent = Date.now();
      const res = await fetch(`${tenant.url}/_dev/mailboxes/${to}/deliver`, {
        method: 'POST',
        headers: { 'Content-Type': 'message/rfc822' },
        body: raw,
      });
      if (res.status !== 201) throw new Error(`deliver failed: ${res.status}`);
      deliveredAt.set(((await res.json()) as { immutableId: string }).immutableId, sent);
    }),
  ),
);
console.log(`  delivered ${COUNT} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// Poll lightly (counting done rows only), so the benchmark does not slow down what it measures.
let processed = 0;
for (let waited = 0; waited < 600_000; waited += 1000) {
  processed = await count(intake, 'done|');
  if (processed >= COUNT - garbled.size && (await count(intake, 'queue|')) === 0) break;
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
const sourceOf = (c: (typeof all)[number]) => c.sourceMessages.find((s) => s.graphId && deliveredAt.has(s.graphId));
for (const c of all) {
  const source = sourceOf(c);
  if (source) caseTimes.set(c.id, createdAt.get(c.id)! - deliveredAt.get(source.graphId!)!);
}
// Duplicates: two cases from one message (read the cases themselves, not the unique src| keys).
const perMessage = new Map<string, number>();
for (const c of all) {
  for (const s of c.sourceMessages) if (s.graphId) perMessage.set(s.graphId, (perMessage.get(s.graphId) ?? 0) + 1);
}
const duplicates = [...perMessage.values()].filter((n) => n > 1).length;
const legitimate = all.filter((c) => caseTimes.has(c.id) && !poisonIds.has(sourceOf(c)!.graphId!));
const times = legitimate.map((c) => caseTimes.get(c.id)!);
const poisonCases = all.filter((c) => caseTimes.has(c.id) && poisonIds.has(sourceOf(c)!.graphId!));
// The benchmark's cases by the mailbox their message reached.
const byMailbox = new Map(mailboxes.map((m) => [m, 0]));
for (const c of all) {
  const source = sourceOf(c);
  if (source?.mailbox) byMailbox.set(source.mailbox, (byMailbox.get(source.mailbox) ?? 0) + 1);
}
const share = (n: number, of: number) => `${of ? ((100 * n) / of).toFixed(1) : '0.0'} %`;
console.log(`  messages processed              ${processed} of ${COUNT - garbled.size} in ${took.toFixed(1)} s`);
console.log(`  cases created                   ${caseTimes.size}`);
console.log(`  duplicates                      ${duplicates}`);
console.log(`  lost                            ${COUNT - garbled.size - processed}`);
// Shares of the cases, one line each.
const uncertain = all.filter((c) => c.intakeVerdict?.verdict === 'uncertain' && caseTimes.has(c.id)).length;
console.log(`  uncertain (needs confirmation)  ${uncertain} of ${caseTimes.size} cases (${share(uncertain, caseTimes.size)})`);
console.log(`  set aside as not a request      ${await count(intake, 'asideof|')}`);
console.log(`  cases by mailbox                ${[...byMailbox].map(([m, n]) => `${m} ${share(n, caseTimes.size)}`).join('   ')}`);
console.log(
  `  delivery -> case${POISON_PCT ? ' (legitimate)' : '             '}   p50 ${(pct(times, 50) / 1000).toFixed(2)} s   p95 ${(pct(times, 95) / 1000).toFixed(2)} s   max ${(Math.max(...times) / 1000).toFixed(2)} s`,
);
if (POISON_PCT) {
  const deadLetters = poisonCases.filter((c) => c.intakeVerdict?.evidence[0]?.startsWith('could not be read automatically')).length;
  const uncertainPoison = poisonCases.filter((c) => c.intakeVerdict?.verdict === 'uncertain').length;
  console.log(
    `  poison messages                 ${poisonIds.size} (and ${garbled.size} notifications with an unusable id, refused: no mail behind them): ${poisonCases.length} visible to the DPO as cases (${uncertainPoison} uncertain, of them ${deadLetters} dead letters), ${poisonIds.size - poisonCases.length} not`,
  );
  // What became of the rest: a follow-up on another case is visible too (a card), a set-aside is not.
  const seen = new Set(poisonCases.map((c) => sourceOf(c)!.graphId!));
  for (const id of poisonIds) {
    if (seen.has(id)) continue;
    const done = await intake
      .getEntity<{ outcome: string }>('intake', `done|${createHash('sha256').update(id).digest('hex')}`)
      .catch(() => undefined);
    console.log(`    ${poisonKind.get(id)}: ${done?.outcome ?? 'no outcome'}`);
  }
}

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
