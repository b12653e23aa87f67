import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { ensureDevCertificate, listenDual } from 'm365-dev-tenant';
import { startAppInstance, type AppInstance } from '../helpers/app-instance.js';
import { storeEnv, uniquePrefix } from '../helpers/store.js';

/** The production entry point as App Service runs it: several instances on one store, SIGTERM, telemetry. */

const instance = (env: Record<string, string>) => startAppInstance(env);
const sigterm = (i: AppInstance) => i.stop('SIGTERM');

describe('app instances', () => {
  it('two instances on one store: both serve, the daily retention job runs on one, both stop cleanly on SIGTERM', async () => {
    const env = storeEnv(uniquePrefix());
    const [a, b] = await Promise.all([instance(env), instance(env)]);
    try {
      for (const i of [a, b]) expect((await fetch(`http://localhost:${i.port}/readyz`)).status).toBe(200);
      // Give both schedulers their first pass.
      const ran = () => [a, b].map((i) => i.logs().filter((l) => l.msg === 'scheduled job completed' && l.job === 'retention').length);
      for (let t = 0; t < 100 && ran().reduce((x, y) => x + y, 0) === 0; t++) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1000));
      expect(ran().sort()).toEqual([0, 1]);
    } finally {
      const codes = await Promise.all([sigterm(a), sigterm(b)]);
      expect(codes).toEqual([0, 0]);
    }
    for (const i of [a, b]) expect(i.logs().map((l) => l.msg)).toContain('stopped');
  }, 90_000);

  it('sends telemetry to Application Insights when configured, without query strings, and flushes it on SIGTERM', async () => {
    const received: string[] = [];
    // The exporter always speaks HTTPS; the dev certificate is trusted by the app through NODE_EXTRA_CA_CERTS.
    const { cert, key } = await ensureDevCertificate(inject('devTlsDir'));
    const ingestion = await listenDual(
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          received.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
          res
            .writeHead(200, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
        });
      },
      { port: 0, host: '127.0.0.1', cert, key },
    );
    const endpoint = `https://localhost:${ingestion.port}/`;
    const app = await instance({
      ...storeEnv(uniquePrefix()),
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=${endpoint};LiveEndpoint=${endpoint}`,
    });
    try {
      expect(app.logs().map((l) => l.msg)).toContain('telemetry: sending to Application Insights');
      await fetch(`http://localhost:${app.port}/api/cases?requester=anna.hansen@example.com`);
    } finally {
      expect(await sigterm(app)).toBe(0);
      await ingestion.close();
    }
    const all = received.join('\n');
    expect(all).toContain('RequestData');
    expect(all).toContain('/api/cases');
    expect(all).not.toContain('anna.hansen');
  }, 90_000);
});
