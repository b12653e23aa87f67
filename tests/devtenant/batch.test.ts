import { BatchRequestContent, BatchResponseContent } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eml, smallSeed, startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { readDoc } from './graph-docs.js';

/** POST /$batch against the documented contract (concepts/json-batching.md, throttling.md). */

const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const MISSING_MESSAGE = `AAMkAGI2${'x'.repeat(60)}`;

const seed = () =>
  smallSeed({
    messages: [1, 2, 3].map((n) => ({
      mailbox: 'dpa@itguy.dk',
      folder: 'inbox' as const,
      receivedAgo: { days: n },
      eml: eml({ from: `person${n}@example.net`, to: 'dpa@itguy.dk', subject: `Anmodning ${n}`, body: `Besked ${n}` }),
    })),
    files: [{ owner: 'mette@itguy.dk', path: 'Noter/plan.txt', modifiedAgo: { days: 1 }, content: 'plan' }],
  });

let t: TestTenant;
let throttled: TestTenant;
beforeAll(async () => {
  t = await startTestTenant({ seed: seed() });
  throttled = await startTestTenant({ seed: seed(), throttle: { outlook: { limit: 5, windowMs: 60_000 } } });
});
afterAll(async () => {
  await t?.close();
  await throttled?.close();
});

interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}
/** A Graph error response body. */
interface GraphErrorBody {
  error: { code: string; message: string; innerError: Record<string, string> };
}
/** A Graph collection response body. */
interface Collection<T = Record<string, unknown>> {
  value: T[];
  '@odata.nextLink'?: string;
}
type SubRequest = { id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown; dependsOn?: string[] };

async function batch(
  requests: SubRequest[],
  tenant = t,
): Promise<{ res: Response; byId: Map<string, SubResponse>; responses: SubResponse[] }> {
  const res = await tenant.raw('/$batch', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ requests }),
  });
  if (res.status !== 200) return { res, byId: new Map(), responses: [] };
  const { responses } = (await res.clone().json()) as { responses: SubResponse[] };
  return { res, byId: new Map(responses.map((r) => [r.id, r])), responses };
}

const header = (r: SubResponse, name: string) => Object.entries(r.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

function expectErrorBody(received: unknown, code?: string) {
  const body = received as GraphErrorBody;
  expect(Object.keys(body)).toEqual(['error']);
  if (code) expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(Object.keys(body.error.innerError)).toEqual(expect.arrayContaining(['date', 'request-id', 'client-request-id']));
}

async function expectBatchRefused(res: Response) {
  expect(res.status).toBe(400);
  expectErrorBody(await res.json());
}

async function firstMessageId(tenant = t): Promise<string> {
  const page = (await tenant.graph.api('/users/dpa@itguy.dk/messages').top(1).get()) as { value: { id: string }[] };
  return page.value[0]!.id;
}

describe('POST /$batch', () => {
  it('runs several GETs and answers 200 with a response per id (status, headers, body)', async () => {
    const doc = readDoc('batch.json');
    const documentedItem = (doc.response.body as { responses: Record<string, unknown>[] }).responses[0]!;
    const { res, byId, responses } = await batch([
      { id: '1', method: 'GET', url: '/users/dpa@itguy.dk' },
      { id: '2', method: 'GET', url: '/users/dpa@itguy.dk/messages?$select=subject&$top=2' },
      { id: '3', method: 'GET', url: 'users/mette@itguy.dk/drive/root/children' },
      { id: '4', method: 'GET', url: '/users/nobody@itguy.dk' },
    ]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(responses.map((r) => r.id).sort()).toEqual(['1', '2', '3', '4']);
    for (const r of responses) expect(Object.keys(r).sort()).toEqual(Object.keys(documentedItem).sort());

    const user = byId.get('1')!;
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({
      userPrincipalName: 'dpa@itguy.dk',
      '@odata.context': expect.stringMatching(/\$metadata#users\/\$entity$/),
    });
    // OData JSON sub-responses carry the headers the documented example shows.
    expect(header(user, 'Content-Type')).toBe(GRAPH_JSON);
    expect(header(user, 'OData-Version')).toBe('4.0');
    expect(header(user, 'Cache-Control')).toBe('no-cache');

    const messages = byId.get('2')!;
    expect(messages.status).toBe(200);
    expect((messages.body as Collection).value).toHaveLength(2);
    for (const m of (messages.body as Collection).value)
      expect(
        Object.keys(m)
          .filter((k) => !k.startsWith('@odata.'))
          .sort(),
      ).toEqual(['id', 'subject']);
    expect((messages.body as Collection)['@odata.nextLink']).toMatch(/\$skip=2/);

    const files = byId.get('3')!;
    expect(files.status).toBe(200);
    expect((files.body as Collection<{ name: string }>).value.map((i) => i.name)).toEqual(['Noter']);

    const missing = byId.get('4')!;
    expect(missing.status).toBe(404);
    expect(header(missing, 'Content-Type')).toMatch(/^application\/json/);
    expectErrorBody(missing.body, 'Request_ResourceNotFound');
  });

  it('gives 424 to every request that depends on a failed one', async () => {
    const { res, byId } = await batch([
      { id: '1', method: 'GET', url: `/users/dpa@itguy.dk/messages/${MISSING_MESSAGE}` },
      { id: '2', method: 'GET', url: '/users/dpa@itguy.dk', dependsOn: ['1'] },
      { id: '3', method: 'GET', url: '/users/mette@itguy.dk', dependsOn: ['2'] },
      { id: '4', method: 'GET', url: '/users/support@itguy.dk' },
    ]);
    expect(res.status).toBe(200);
    expect(byId.get('1')!.status).toBe(404);
    expectErrorBody(byId.get('1')!.body, 'ErrorItemNotFound');
    expect(byId.get('2')!.status).toBe(424);
    expect(byId.get('3')!.status).toBe(424);
    expectErrorBody(byId.get('2')!.body);
    expect(byId.get('4')!.status).toBe(200);
  });

  it('runs a dependsOn chain in order: a GET after a PATCH sees the change', async () => {
    const id = await firstMessageId();
    const { byId } = await batch([
      { id: 'read', method: 'GET', url: `/users/dpa@itguy.dk/messages/${id}?$select=categories`, dependsOn: ['tag'] },
      {
        id: 'tag',
        method: 'PATCH',
        url: `/users/dpa@itguy.dk/messages/${id}`,
        headers: { 'Content-Type': 'application/json' },
        body: { categories: ['Kæde'] },
      },
    ]);
    expect(byId.get('tag')!.status).toBe(200);
    expect(byId.get('read')!.status).toBe(200);
    expect((byId.get('read')!.body as { categories: string[] }).categories).toEqual(['Kæde']);
  });

  it('runs a PATCH sub-request with a JSON body and Content-Type', async () => {
    const id = await firstMessageId();
    const { byId } = await batch([
      {
        id: 'p',
        method: 'PATCH',
        url: `/users/dpa@itguy.dk/messages/${id}`,
        headers: { 'Content-Type': 'application/json' },
        body: { categories: ['Indsigt'], isRead: true },
      },
    ]);
    const patched = byId.get('p')!;
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id, categories: ['Indsigt'], isRead: true });
    const after = (await t.graph.api(`/users/dpa@itguy.dk/messages/${id}`).select('categories,isRead').get()) as {
      categories: string[];
      isRead: boolean;
    };
    expect(after).toMatchObject({ categories: ['Indsigt'], isRead: true });
  });

  it('refuses a sub-request with a body but no Content-Type (400 for the whole batch)', async () => {
    const id = await firstMessageId();
    const { res } = await batch([{ id: '1', method: 'PATCH', url: `/users/dpa@itguy.dk/messages/${id}`, body: { isRead: false } }]);
    await expectBatchRefused(res);
  });

  it('allows 20 requests and refuses 21 with 400', async () => {
    const requests = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: String(i + 1),
        method: 'GET',
        url: i % 2 ? '/users/mette@itguy.dk' : '/users/support@itguy.dk',
      }));
    const twenty = await batch(requests(20));
    expect(twenty.res.status).toBe(200);
    expect(twenty.responses).toHaveLength(20);
    expect(twenty.responses.every((r) => r.status === 200)).toBe(true);
    await expectBatchRefused((await batch(requests(21))).res);
  });

  it('refuses duplicate ids, a dependsOn on an unknown id, absolute urls, a missing method and an empty batch with 400', async () => {
    await expectBatchRefused(
      (
        await batch([
          { id: '1', method: 'GET', url: '/users/dpa@itguy.dk' },
          { id: '1', method: 'GET', url: '/users/mette@itguy.dk' },
        ])
      ).res,
    );
    await expectBatchRefused((await batch([{ id: '1', method: 'GET', url: '/users/dpa@itguy.dk', dependsOn: ['9'] }])).res);
    // A request that depends on itself, or a cycle, can never run.
    await expectBatchRefused((await batch([{ id: '1', method: 'GET', url: '/users/dpa@itguy.dk', dependsOn: ['1'] }])).res);
    await expectBatchRefused(
      (
        await batch([
          { id: 'a', method: 'GET', url: '/users/dpa@itguy.dk', dependsOn: ['c'] },
          { id: 'b', method: 'GET', url: '/users/dpa@itguy.dk', dependsOn: ['a'] },
          { id: 'c', method: 'GET', url: '/users/dpa@itguy.dk', dependsOn: ['b'] },
        ])
      ).res,
    );
    await expectBatchRefused((await batch([{ id: '1', method: 'GET', url: `${t.tenant.graphBaseUrl}/users/dpa@itguy.dk` }])).res);
    await expectBatchRefused((await batch([{ id: '1', url: '/users' } as SubRequest])).res);
    await expectBatchRefused((await batch([])).res);
    const nested = await t.raw('/$batch', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        requests: [{ id: '1', method: 'POST', url: '/$batch', headers: { 'Content-Type': 'application/json' }, body: { requests: [] } }],
      }),
    });
    expect(nested.status).toBe(400);
    expect(((await nested.json()) as { error: { message: string } }).error.message).toMatch(/another \$batch/);
    const notJson = await t.raw('/$batch', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"requests": [' });
    await expectBatchRefused(notJson);
  });

  it('authorises each sub-request, and a batch itself needs a token', async () => {
    expect(
      (
        await t.raw('/$batch', {
          method: 'POST',
          token: null,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/users' }] }),
        })
      ).status,
    ).toBe(401);
    const { byId } = await batch([{ id: '1', method: 'DELETE', url: '/users/dpa@itguy.dk' }]);
    expect(byId.get('1')!.status).toBe(405);
  });

  it('runs at most 4 sub-requests at a time, so 8 slow GETs on one mailbox stay within its concurrency limit', async () => {
    await t.dev('/counters', { method: 'DELETE' });
    await t.dev('/faults', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ latencyMs: 100, pathPattern: '^/users/[^/]+/messages$' }),
    });
    try {
      const { responses } = await batch(
        Array.from({ length: 8 }, (_, i) => ({ id: `m${i}`, method: 'GET', url: '/users/dpa@itguy.dk/messages' })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
      const counters = (await (await t.dev('/counters')).json()) as { maxConcurrency: Record<string, number> };
      expect(Object.entries(counters.maxConcurrency).find(([key]) => key.startsWith('outlook|'))?.[1]).toBe(4);
    } finally {
      await t.dev('/faults', { method: 'DELETE' });
    }
  });
});

describe('throttling inside a batch', () => {
  it('throttles sub-requests one by one: 8 GETs on a mailbox with a budget of 5 → 5 succeed, 3 get 429 with Retry-After', async () => {
    const { res, responses } = await batch(
      [
        ...Array.from({ length: 8 }, (_, i) => ({ id: `dpa${i}`, method: 'GET', url: '/users/dpa@itguy.dk/messages?$top=1' })),
        // Another mailbox has a budget of its own.
        { id: 'mette', method: 'GET', url: '/users/mette@itguy.dk/messages' },
      ],
      throttled,
    );
    expect(res.status).toBe(200);
    const dpa = responses.filter((r) => r.id.startsWith('dpa'));
    expect(dpa.filter((r) => r.status === 200)).toHaveLength(5);
    const limited = dpa.filter((r) => r.status === 429);
    expect(limited).toHaveLength(3);
    for (const r of limited) {
      expect(Number(header(r, 'Retry-After'))).toBeGreaterThanOrEqual(1);
      expectErrorBody(r.body, 'ApplicationThrottled');
      expect((r.body as GraphErrorBody).error.message).toMatch(/limit/);
    }
    expect(responses.find((r) => r.id === 'mette')!.status).toBe(200);
    const counters = (await (await throttled.dev('/counters')).json()) as { throttled429: number };
    expect(counters.throttled429).toBe(3);
  });
});

describe("the SDK's BatchRequestContent / BatchResponseContent", () => {
  it('round-trips a batch built and read by the SDK', async () => {
    const id = await firstMessageId();
    // The SDK keeps everything after the host, version segment included, as it does against real Graph.
    const base = t.tenant.graphBaseUrl;
    const content = new BatchRequestContent([
      { id: 'user', request: new Request(`${base}/users/dpa@itguy.dk?$select=displayName`, { method: 'GET' }) },
      {
        id: 'flag',
        request: new Request(`${base}/users/dpa@itguy.dk/messages/${id}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ flag: { flagStatus: 'flagged' } }),
        }),
        dependsOn: ['user'],
      },
      // The SDK accepts only parallel, serial or same-dependency batches.
      {
        id: 'missing',
        request: new Request(`${base}/users/dpa@itguy.dk/messages/${MISSING_MESSAGE}`, { method: 'GET' }),
        dependsOn: ['user'],
      },
    ]);
    const raw = (await t.graph.api('/$batch').post(await content.getContent())) as ConstructorParameters<typeof BatchResponseContent>[0];
    const responses = new BatchResponseContent(raw);
    const user = responses.getResponseById('user');
    expect(user.status).toBe(200);
    expect(((await user.json()) as { displayName: string }).displayName).toBe('Databeskyttelse');
    const flag = responses.getResponseById('flag');
    expect(flag.status).toBe(200);
    expect(((await flag.json()) as { flag: { flagStatus: string } }).flag.flagStatus).toBe('flagged');
    const missing = responses.getResponseById('missing');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('ErrorItemNotFound');
  });
});
