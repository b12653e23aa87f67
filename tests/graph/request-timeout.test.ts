import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphCredential } from '../../src/graph/credential.js';
import { createGraphClient } from '../../src/graph/graph-client.js';
import { isGraphTimeout } from '../../src/graph/errors.js';
import { isPermanent } from '../../src/intake/retry-policy.js';
import { startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(() => t?.close());

const clientWithin = (timeoutMs: number) =>
  createGraphClient(
    { baseUrl: t.tenant.authorityHost },
    createGraphCredential({
      kind: 'client-secret',
      tenantId: t.tenant.tenantId,
      clientId: t.tenant.clientId,
      clientSecret: t.tenant.clientSecret,
      authorityHost: t.tenant.authorityHost,
    }),
    { timeoutMs },
  );

const setLatency = (latencyMs: number) =>
  t.dev('/faults', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs, pathPattern: '/users' }),
  });

describe('Graph request time limit', () => {
  it('a request Graph does not answer in time fails with a clear error instead of waiting for ever', async () => {
    const graph = clientWithin(400);
    await graph.api('/users').top(1).get(); // signed in and warm
    expect((await setLatency(3_000)).ok).toBe(true);
    try {
      const started = Date.now();
      const error = await graph
        .api('/users')
        .top(1)
        .get()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(isGraphTimeout(error)).toBe(true);
      expect((error as Error).message).toBe('Microsoft Graph did not answer within 400 ms');
      // An outage, not a broken message: intake keeps it and tries again later.
      expect(isPermanent(error)).toBe(false);
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      await setLatency(0);
    }
  });

  it('a slow answer within the limit is not cut', async () => {
    const graph = clientWithin(3_000);
    await setLatency(300);
    try {
      const page = (await graph.api('/users').top(1).get()) as { value: unknown[] };
      expect(page.value).toHaveLength(1);
    } finally {
      await setLatency(0);
    }
  });
});
