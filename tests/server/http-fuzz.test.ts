import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAppInstance, type AppInstance } from '../helpers/app-instance.js';
import { startConnector } from '../helpers/connector.js';
import { eml, graphEnv, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { uniquePrefix } from '../helpers/store.js';

/**
 * Hostile HTTP against every route the app registers (listed by the app itself at start-up), through the
 * production entry point in local mode, on loopback: random methods, content types (multipart with files
 * too), sizes up to 3 MiB (chunked or not), hostile JSON, bad query strings and headers, no token, forged
 * tokens and a real one. Nothing may answer 5xx except 503 with Retry-After while a dependency is down;
 * the process must survive, write no file, and log a bounded number of lines.
 */

const API_CLIENT_ID = '5d6f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const API_SECRET = 'the-api-secret';
const METTE = '22222222-2222-4222-8222-222222222222'; // the DPO
const CLIENT_STATE = 'fuzz-client-state-0123456789';
const RUNS_PER_ROUTE = 50;

type Route = { method: string; path: string };
type Sent = { status: number; retryAfter?: string | undefined; type?: string | undefined; body: string; reset?: string };
type Input = { method: string; path: string; headers: Record<string, string>; body?: Buffer; chunked: boolean };

let tenant: TestTenant;
let connector: Awaited<ReturnType<typeof startConnector>>;
let app: AppInstance;
let appTmp: string;
let dataDir: string;
let routes: Route[];
let validToken: string;
let forgedToken: string;
let messageId: string;
const systemTmpBefore = new Set(readdirSync(tmpdir()));
let outputLines = 0;

beforeAll(async () => {
  tenant = await startTestTenant({ apis: [{ clientId: API_CLIENT_ID, secret: API_SECRET }] });
  connector = await startConnector();
  const delivered = await tenant.dev('/mailboxes/mette@itguy.dk/deliver', {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: eml({ from: 'jens@example.com', to: 'mette@itguy.dk', subject: 'Indsigt', body: 'Jeg vil have indsigt, jf. artikel 15.' }),
  });
  messageId = ((await delivered.json()) as { id: string }).id;
  // The app's own temp folder: any file it writes (formidable's upload_*) lands here and only here.
  appTmp = mkdtempSync(join(tmpdir(), 'dsar-fuzz-app-'));
  dataDir = mkdtempSync(join(tmpdir(), 'dsar-fuzz-data-'));
  const port = await (await import('../../src/local/azurite.js')).freePort();
  app = await startAppInstance(
    {
      // Local mode (the bot without a registration, as `npm start` runs it) on the tests' Azurite.
      DSAR_LOCAL_TABLES_PORT: new URL(inject('azuriteUrl')).port,
      DSAR_TABLE_PREFIX: uniquePrefix(),
      DSAR_DATA_DIR: dataDir,
      ...graphEnv(tenant),
      DSAR_API_CLIENT_ID: API_CLIENT_ID,
      DSAR_API_CLIENT_SECRET: API_SECRET,
      DSAR_DPO_USER_IDS: METTE,
      // The connector stands in for the Playground: the only service URL a local bot talks to.
      DSAR_PLAYGROUND_PORT: new URL(connector.url).port,
      DSAR_PUBLIC_URL: `http://127.0.0.1:${port}`,
      DSAR_WEBHOOK_CLIENT_STATE: CLIENT_STATE,
      TMPDIR: appTmp,
    },
    port,
  );
  // Every line the process writes, JSON or not (a library's console.error counts too).
  for (const stream of [app.child.stdout!, app.child.stderr!])
    stream.on('data', (d: Buffer) => {
      outputLines += d.toString('utf8').split('\n').length - 1;
    });
  routes = (app.logs().find((l) => l.msg === 'routes')?.routes as Route[]) ?? [];
  const userToken = await tenant.dev('/user-token', {
    method: 'POST',
    body: JSON.stringify({ user: METTE, audience: `api://${API_CLIENT_ID}` }),
  });
  validToken = ((await userToken.json()) as { access_token: string }).access_token;
  const { privateKey } = await generateKeyPair('RS256');
  forgedToken = await new SignJWT({ oid: METTE, tid: tenant.tenant.tenantId, scp: 'Cases.ReadWrite' })
    .setProtectedHeader({ alg: 'RS256', kid: 'forged' })
    .setIssuer(`${tenant.tenant.authorityHost}/${tenant.tenant.tenantId}/v2.0`)
    .setAudience(`api://${API_CLIENT_ID}`)
    .setExpirationTime('1h')
    .sign(privateKey);
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await connector?.close();
  await tenant?.close();
  for (const dir of [appTmp, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One raw request with node:http, so paths, headers and chunking are exactly what was generated. */
function send(port: number, input: Input): Promise<Sent> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (sent: Sent) => {
      if (!settled) {
        settled = true;
        resolve(sent);
      }
    };
    const req = request(
      { host: '127.0.0.1', port, method: input.method, path: input.path, headers: input.headers, agent: false, timeout: 15_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          if (body.length < 65_536) body += c;
        });
        const finish = () =>
          done({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], type: res.headers['content-type'], body });
        res.on('end', finish);
        res.on('error', finish);
        res.on('close', finish);
      },
    );
    // The server may answer 413/415 and close before the whole body is sent: that is a refusal, not a failure.
    req.on('error', (error: NodeJS.ErrnoException) => done({ status: 0, body: '', reset: error.code ?? error.message }));
    req.on('timeout', () => {
      req.destroy();
      done({ status: 0, body: '', reset: 'timeout' });
    });
    const body = input.body;
    if (!body) return void req.end();
    if (!input.chunked) return void req.end(body);
    // Chunked: no Content-Length, 64 KiB at a time.
    let offset = 0;
    const pump = () => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + 65_536);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

// ---- what is sent -------------------------------------------------------------------------------

const hostileSegment = fc.oneof(
  fc.constantFrom('DSAR-2026-0001', 'DSAR-9999-99999999', '..%2F..%2Fetc', '%00', '%zz', '%E0%A4%A', 'a'.repeat(3000), ''),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);
const addinFile = fc.constantFrom(
  'taskpane.js',
  'taskpane.js.map',
  'commands.js.m%61p',
  'TASKPANE.JS.MAP',
  '../../package.json',
  '%2e%2e/%2e%2e/package.json',
  'assets/',
  'nope.html',
  '',
);
const randomId = fc.oneof(
  fc.constant('__message__'),
  fc.constantFrom('AAMk/../x', 'AAMk+x', 'a b', '', 'null', 'A'.repeat(600)),
  fc.string({ maxLength: 30 }),
);
const query = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 60 }).map((t) => `?validationToken=${encodeURIComponent(t)}`),
  fc.constantFrom('?validationToken=a&validationToken=b', '?validationToken[x]=1', '?%zz', '?a[b][c][d][e][f]=1', `?${'a=1&'.repeat(500)}`),
  fc
    .record({ mailbox: fc.oneof(fc.constant('mette@itguy.dk'), fc.emailAddress(), fc.string({ maxLength: 20 })), id: randomId })
    .map(({ mailbox, id }) => `?mailbox=${encodeURIComponent(mailbox)}&messageId=${encodeURIComponent(id)}`),
);

const loopbackServiceUrl = () =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(connector.url) }, fc.constantFrom('http://127.0.0.1:1/', 'not-a-url', ''));
const activityFields = () => ({
  type: fc.oneof(
    fc.constantFrom('message', 'invoke', 'conversationUpdate', 'event', 'typing', 'messageReaction'),
    fc.string({ maxLength: 10 }),
  ),
  name: fc.oneof(
    fc.constantFrom('adaptiveCard/action', 'task/fetch', 'composeExtension/query', 'signin/verifyState'),
    fc.string({ maxLength: 20 }),
  ),
  text: fc.oneof(fc.constantFrom('sager', 'hjælp', 'cases', 'help'), fc.string({ maxLength: 200 })),
  id: fc.string({ maxLength: 20 }),
  channelId: fc.oneof({ weight: 5, arbitrary: fc.constant('msteams') }, fc.constantFrom('emulator', '')),
  serviceUrl: loopbackServiceUrl(),
  conversation: fc.oneof({ weight: 5, arbitrary: fc.record({ id: fc.string({ minLength: 1, maxLength: 20 }) }) }, fc.constant(null)),
  from: fc.record({ id: fc.string({ maxLength: 20 }), aadObjectId: fc.oneof(fc.constant(METTE), fc.uuid()) }),
  recipient: fc.record({ id: fc.constant('28:bot') }),
  value: fc.jsonValue({ maxDepth: 3 }),
  timestamp: fc.oneof(fc.constant(new Date().toISOString()), fc.string({ maxLength: 10 })),
});
/** Mostly complete activities (so the bot's turn runs), some with anything missing. */
const activity = () =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record(activityFields(), { requiredKeys: ['type', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient'] }),
    },
    { weight: 1, arbitrary: fc.record(activityFields(), { requiredKeys: [] }) },
  );
const notification = fc.record({
  value: fc.oneof(
    fc.array(
      fc.record(
        {
          subscriptionId: fc.oneof(fc.uuid(), fc.string({ maxLength: 10 })),
          clientState: fc.oneof(fc.constant(CLIENT_STATE), fc.string({ maxLength: 10 })),
          resourceData: fc.oneof(fc.record({ id: randomId }), fc.constant(null), fc.string()),
          lifecycleEvent: fc.constantFrom('missed', 'subscriptionRemoved', 'reauthorizationRequired', 'x'),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 20 },
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
});
const logBody = fc.record(
  {
    mailbox: fc.oneof(fc.constant('mette@itguy.dk'), fc.emailAddress(), fc.string({ maxLength: 20 })),
    messageId: randomId,
    overrides: fc.jsonValue({ maxDepth: 3 }),
    force: fc.oneof(fc.boolean(), fc.string()),
  },
  { requiredKeys: [] },
);
const deepJson = fc.integer({ min: 1, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));

type Body = { contentType?: string | undefined; bytes?: Buffer };
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value).replaceAll('__message__', messageId));
const multipart = (size: number): Body => {
  const boundary = `----fuzz${size}`;
  const file = Buffer.alloc(size, 0x41);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    bytes: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="type"\r\n\r\nmessage\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evil.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
};
const jsonTypes = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"');
const otherTypes = fc.constantFrom(
  undefined,
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/jsonx',
  'a/b;;;=',
);
/** The shape the route expects, to mutate: an activity, a notification batch, a case request. */
const shapeFor = (path: string): fc.Arbitrary<unknown> =>
  path === '/api/messages'
    ? activity()
    : path.startsWith('/api/notifications')
      ? notification
      : path.startsWith('/api/cases')
        ? logBody
        : fc.oneof(activity(), notification, logBody);
const body = (path: string): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<Body>({}) },
    { weight: 8, arbitrary: fc.record({ contentType: jsonTypes, bytes: shapeFor(path).map(json) }) },
    { weight: 2, arbitrary: fc.record({ contentType: jsonTypes, bytes: fc.jsonValue({ maxDepth: 4 }).map(json) }) },
    { weight: 1, arbitrary: fc.record({ contentType: jsonTypes, bytes: deepJson.map((s) => Buffer.from(s)) }) },
    {
      weight: 1,
      arbitrary: fc.record({ contentType: fc.oneof(jsonTypes, otherTypes), bytes: fc.uint8Array({ maxLength: 2000 }).map(Buffer.from) }),
    },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 600 * 1024 }).map(multipart) },
    // Up to 3 MiB of valid JSON: the size limit, not the parser, must stop it.
    {
      weight: 1,
      arbitrary: fc
        .record({ contentType: jsonTypes, size: fc.integer({ min: 200 * 1024, max: 3 * 1024 * 1024 }) })
        .map(({ contentType, size }) => ({ contentType, bytes: Buffer.from(`{"type":"message","pad":"${'x'.repeat(size)}"}`) })),
    },
    { weight: 1, arbitrary: fc.record({ contentType: otherTypes, bytes: fc.string({ maxLength: 500 }).map((s) => Buffer.from(s)) }) },
  );
const auth = () =>
  fc.constantFrom<string | undefined>(
    undefined,
    'Bearer garbage',
    `Bearer ${forgedToken}`,
    'Basic Zm9vOmJhcg==',
    `Bearer ${validToken}`,
    'Bearer ',
  );
const extraHeaders = fc.record(
  {
    'content-encoding': fc.oneof({ weight: 3, arbitrary: fc.constant('identity') }, fc.constantFrom('gzip', 'br, x')),
    accept: fc.constantFrom('image/png', '*/*', 'application/xml', ';;;'),
    'x-forwarded-for': fc.constantFrom('10.0.0.1', 'evil, 127.0.0.1'),
    'x-ms-client-request-id': fc.string({ maxLength: 20 }).map(encodeURIComponent),
  },
  { requiredKeys: [] },
);

function inputFor(route: Route): fc.Arbitrary<Input> {
  const path = fc
    .tuple(hostileSegment, addinFile)
    .map(([segment, file]) => route.path.replace(/:[A-Za-z]+/g, segment).replace(/\*$/, file));
  return fc
    .record({
      method: fc.oneof(
        { weight: 3, arbitrary: fc.constant(route.method) },
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      ),
      path,
      query,
      body: body(route.path),
      chunked: fc.boolean(),
      auth: auth(),
      extra: extraHeaders,
    })
    .map(({ method, path, query, body, chunked, auth, extra }) => {
      const headers: Record<string, string> = { ...extra };
      if (body.contentType) headers['content-type'] = body.contentType;
      if (auth) headers.authorization = auth;
      if (body.bytes && !chunked) headers['content-length'] = String(body.bytes.length);
      if (body.bytes && chunked) headers['transfer-encoding'] = 'chunked';
      return {
        method,
        path: path + query,
        headers,
        chunked,
        ...(body.bytes && method !== 'GET' && method !== 'HEAD' ? { body: body.bytes } : {}),
      };
    });
}

// ---- what is checked ----------------------------------------------------------------------------

const LEAKS = /\n\s+at |node_modules|TypeError|ReferenceError|Cannot read prop|ENOTFOUND|ECONNREFUSED/;

describe('HTTP fuzz: every route, hostile input', () => {
  const tally = { inputs: 0, s2xx: 0, s3xx: 0, s4xx: 0, s5xx: 0, s503: 0, resets: 0 };
  const failures: string[] = [];
  const perRoute: Record<string, Record<string, number>> = {};

  const check = (input: Input, sent: Sent, dependencyDown: boolean) => {
    tally.inputs++;
    if (sent.status === 0) tally.resets++;
    else if (sent.status < 300) tally.s2xx++;
    else if (sent.status < 400) tally.s3xx++;
    else if (sent.status < 500) tally.s4xx++;
    else {
      tally.s5xx++;
      if (sent.status === 503 && sent.retryAfter) tally.s503++;
    }
    const what = `${input.method} ${input.path.slice(0, 120)} [${input.headers['content-type'] ?? '-'}] ${input.body?.length ?? 0}B -> ${sent.status}`;
    if (sent.status >= 500 && !(sent.status === 503 && sent.retryAfter && (dependencyDown || /unavailable/.test(sent.body))))
      failures.push(`${what} ${sent.body.slice(0, 200)}`);
    // Error answers and JSON (the add-in's bundles are JavaScript and may name anything).
    if ((sent.status >= 400 || /json/.test(sent.type ?? '')) && LEAKS.test(sent.body))
      failures.push(`${what} leaks: ${sent.body.slice(0, 200)}`);
    // A reset is only acceptable as the server refusing a body it would not read to the end.
    if (sent.status === 0 && !(input.body && input.body.length > 64 * 1024)) failures.push(`${what} reset: ${sent.reset}`);
  };

  it('the app lists its routes, and they are the whole HTTP surface', () => {
    const listed = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(listed).toEqual(
      expect.arrayContaining([
        'GET /healthz',
        'GET /readyz',
        'POST /api/messages',
        'POST /api/notifications',
        'POST /api/notifications/lifecycle',
        'POST /api/cases/from-message',
        'POST /api/cases/:id/follow-ups',
        'GET /api/cases/by-message',
        'GET /addin/config.json',
        'GET /addin/*',
      ]),
    );
  });

  it("still serves what the real senders send: a Playground activity, Graph's handshake and notifications", async () => {
    const replied = connector.next();
    const turn: Input = {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json' },
      body: json({
        type: 'message',
        id: 'fuzz-1',
        text: 'hjælp',
        channelId: 'msteams',
        serviceUrl: connector.url,
        locale: 'da-DK',
        conversation: { id: `a:${METTE}`, conversationType: 'personal' },
        from: { id: `29:${METTE}`, aadObjectId: METTE },
        recipient: { id: '28:bot' },
      }),
      chunked: false,
    };
    expect((await send(app.port, turn)).status).toBe(200);
    expect((await replied).activity.replyToId).toBe('fuzz-1');
    const handshake = await send(app.port, {
      method: 'POST',
      path: '/api/notifications?validationToken=abc%20123',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      chunked: false,
    });
    expect(handshake).toMatchObject({ status: 200, body: 'abc 123' });
    const notified = await send(app.port, {
      method: 'POST',
      path: '/api/notifications',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: json({ value: [{ subscriptionId: crypto.randomUUID(), clientState: CLIENT_STATE, resourceData: { id: messageId } }] }),
      chunked: true,
    });
    expect(notified.status).toBe(202);
  });

  it('answers every input with no 5xx, leaks no internals, writes no file and keeps its log bounded', async () => {
    const linesBefore = outputLines;
    // tsx keeps its compile cache in the temp folder (tsx-<uid>); anything else is the app's.
    const appFiles = () => readdirSync(appTmp).filter((f) => !/^tsx-\d+$/.test(f));
    const appFilesBefore = appFiles();
    const started = Date.now();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(inputFor(route), async (input) => {
          const sent = await send(app.port, input);
          check(input, sent, false);
          const key = `${route.method} ${route.path}`;
          const counts = perRoute[key] ?? {};
          perRoute[key] = counts;
          const bucket = sent.status === 0 ? 'reset' : `${Math.floor(sent.status / 100)}xx`;
          counts[bucket] = (counts[bucket] ?? 0) + 1;
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    }
    // A dependency down: Graph answers 503 to everything; what needs it must say 503 with Retry-After.
    await tenant.dev('/faults', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rate503: 1, retryAfterSeconds: 0 }),
    });
    try {
      for (const path of [`/api/cases/by-message?mailbox=mette%40itguy.dk&messageId=${messageId}`, '/readyz']) {
        const input: Input = { method: 'GET', path, headers: { authorization: `Bearer ${validToken}` }, chunked: false };
        const sent = await send(app.port, input);
        check(input, sent, true);
        expect(sent.status, path).toBe(503);
      }
      const log: Input = {
        method: 'POST',
        path: '/api/cases/from-message',
        headers: { authorization: `Bearer ${validToken}`, 'content-type': 'application/json' },
        body: json({ mailbox: 'mette@itguy.dk', messageId: '__message__' }),
        chunked: false,
      };
      const sent = await send(app.port, log);
      check(log, sent, true);
      expect(sent.status).toBe(503);
      expect(sent.retryAfter).toMatch(/^\d+$/);
    } finally {
      await tenant.dev('/faults', { method: 'DELETE' });
    }
    const seconds = (Date.now() - started) / 1000;

    // Still alive and serving.
    expect(app.child.exitCode).toBeNull();
    expect((await send(app.port, { method: 'GET', path: '/healthz', headers: {}, chunked: false })).status).toBe(200);
    const filesLeft = appFiles().filter((f) => !appFilesBefore.includes(f));
    const uploadsElsewhere = readdirSync(tmpdir()).filter((f) => f.startsWith('upload_') && !systemTmpBefore.has(f));
    const lines = outputLines - linesBefore;
    console.log(
      JSON.stringify({
        ...tally,
        seconds,
        crashes: app.child.exitCode === null ? 0 : 1,
        filesLeft: filesLeft.length + uploadsElsewhere.length,
        logLines: lines,
        perRoute,
      }),
    );
    expect(failures).toEqual([]);
    expect(tally.s5xx).toBe(tally.s503);
    expect(filesLeft).toEqual([]);
    expect(uploadsElsewhere).toEqual([]);
    // A few lines per request at most (background jobs log too).
    expect(lines).toBeLessThanOrEqual(3 * tally.inputs + 50);
  }, 120_000);
});
