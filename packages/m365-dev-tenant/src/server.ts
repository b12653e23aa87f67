import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleIdentity } from './auth/identity-routes.js';
import { TokenIssuer } from './auth/tokens.js';
import { Counters } from './counters.js';
import { handleDev } from './dev-routes.js';
import { FaultSwitch } from './faults.js';
import { generateTenant } from './generate.js';
import type { Services } from './graph/context.js';
import { dispatch } from './graph/dispatch.js';
import { handleDownload, handleUpload } from './graph/drive/transfer.js';
import { UploadSessions } from './graph/drive/upload-sessions.js';
import { graphRoutes } from './graph/routes.js';
import { GraphErrors } from './errors.js';
import { errorBody, GRAPH_JSON, type DevRequest, type DevResponse } from './http/kit.js';
import { listenDual, type DualListener } from './listen.js';
import { Notifier, type NotifierOptions } from './notify/notifier.js';
import type { SeedTenant } from './seed.js';
import { GRAPH_ROLES, Tenant, type Snapshot } from './state/tenant.js';
import { Throttle, DEFAULT_THROTTLE, type ThrottleConfig } from './throttle.js';
import { ensureDevCertificate } from './tls.js';

/**
 * The local Microsoft 365 dev tenant: a Graph v1.0-compatible server (under /v1.0) with its own token
 * endpoint, for `npm start` and tests. Production never starts it.
 */

export interface DevTenantOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Where the TLS certificate is kept (created on first use). */
  tlsDir: string;
  /** What to load when there is no saved state. */
  seed?: 'demo' | 'empty' | SeedTenant;
  /** Keep the tenant in this JSON file across restarts (npm start); in memory when absent. */
  stateFile?: string;
  throttle?: Partial<{ [K in keyof ThrottleConfig]: Partial<ThrottleConfig[K]> }>;
  notifier?: Partial<NotifierOptions>;
  /** The app registration the product signs in with; a secret is generated when not given. */
  app?: { clientId?: string; secret?: string; roles?: string[] };
  /**
   * More app registrations: APIs users sign in to (the add-in's), which may redeem a user's token for a
   * delegated Graph token through the on-behalf-of grant with this secret. No application permissions.
   */
  apis?: { clientId: string; secret: string; displayName?: string }[];
}

export interface DevTenant {
  port: number;
  /** http://localhost:{port} (also speaks HTTPS on the same port). */
  url: string;
  /** https://localhost:{port}/v1.0, for the Graph client's baseUrl. */
  graphBaseUrl: string;
  /** https://localhost:{port}, for @azure/identity's authorityHost. */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The PEM file clients must trust (NODE_EXTRA_CA_CERTS). */
  certFile: string;
  services: Services;
  /** Saves state (when persistent) and stops. */
  close(): Promise<void>;
}

export const DEMO_APP_ID = '5e1f8d2a-6a53-4c1e-9a55-1d0f3c7b2e41';

async function loadSeed(seed: 'demo' | 'empty' | SeedTenant): Promise<SeedTenant> {
  if (typeof seed !== 'string') return seed;
  if (seed === 'empty')
    return {
      tenantId: '7d1b4c3e-2f7a-4b8e-9c61-0a5e3d2f1b90',
      domain: 'itguy.dk',
      displayName: 'ITGuy ApS',
      users: [],
      messages: [],
      files: [],
    };
  const { demoTenant } = await import('./demo/demo-tenant.js');
  return demoTenant();
}

export async function startDevTenant(options: DevTenantOptions): Promise<DevTenant> {
  const certificate = await ensureDevCertificate(options.tlsDir);
  const seed = options.seed ?? 'demo';
  const saved = options.stateFile ? await readSnapshot(options.stateFile) : undefined;
  const first = saved ?? (await loadSeed(seed));
  const tenant = new Tenant({ tenantId: first.tenantId, domain: first.domain, displayName: first.displayName });
  if (saved) tenant.restore(saved);
  else await tenant.load(first as SeedTenant);
  const app = tenant.registerApp({
    displayName: 'ITGuy DSAR assistant (dev)',
    clientId: options.app?.clientId ?? DEMO_APP_ID,
    secret: options.app?.secret,
    roles: options.app?.roles ?? GRAPH_ROLES,
  });
  for (const api of options.apis ?? []) {
    tenant.registerApp({ displayName: api.displayName ?? 'API (dev)', clientId: api.clientId, secret: api.secret, roles: [] });
  }

  const counters = new Counters();
  const faults = new FaultSwitch();
  const throttle = new Throttle(structuredClone(DEFAULT_THROTTLE));
  throttle.configure(options.throttle ?? {});
  const services: Services = {
    tenant,
    issuer: await TokenIssuer.create(() => tenant.tenantId),
    throttle,
    faults,
    counters,
    notifier: new Notifier(tenant, faults, counters, options.notifier),
    uploads: new UploadSessions(),
  };

  let saveTimer: NodeJS.Timeout | undefined;
  let saving = Promise.resolve();
  const save = () => {
    if (!options.stateFile) return saving;
    saving = saving
      .then(() => writeSnapshot(options.stateFile!, tenant.snapshot()))
      .catch((error: unknown) => console.error('dev tenant: could not save state', error));
    return saving;
  };
  const scheduleSave = () => {
    if (!options.stateFile || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      void save();
    }, 500);
  };
  tenant.mail.on('change', scheduleSave);

  const reload = async (next: 'demo' | 'empty' | SeedTenant) => {
    await tenant.reset(await loadSeed(next));
    scheduleSave();
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((error: unknown) => {
      console.error('dev tenant: request failed', error);
      const failed = GraphErrors.serverFailed();
      if (!res.headersSent) res.writeHead(failed.status, { 'Content-Type': GRAPH_JSON });
      const ids = { requestId: randomUUID(), clientRequestId: String(req.headers['client-request-id'] ?? '') };
      res.end(JSON.stringify(errorBody(ids, failed.code, failed.message, tenant.now())));
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const secure = 'encrypted' in req.socket && Boolean((req.socket as { encrypted?: boolean }).encrypted);
    const origin = `${secure ? 'https' : 'http'}://${req.headers.host ?? `localhost:${listener.port}`}`;
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    const requestId = randomUUID();
    const clientRequestId = headers['client-request-id'] ?? requestId;

    let response: DevResponse;
    if (url.pathname.startsWith('/v1.0/') || url.pathname === '/v1.0') {
      let path: string;
      try {
        path =
          url.pathname
            .slice('/v1.0'.length)
            .split('/')
            .map((s) => decodeURIComponent(s))
            .join('/') || '/';
      } catch {
        path = url.pathname.slice('/v1.0'.length);
      }
      const devReq: DevRequest = { method, path, query: url.searchParams, headers, body, origin, requestId, clientRequestId };
      response = await dispatch(devReq, graphRoutes, services);
      if (method !== 'GET' && response.status < 300) scheduleSave();
    } else if (url.pathname.startsWith('/_dev')) {
      if (!isLoopback(req.socket.remoteAddress)) {
        response = { status: 403, body: { error: { code: 'devTenant', message: '/_dev is only served to this machine.' } } };
      } else {
        response = await handleDev(
          method,
          url.pathname,
          url.searchParams,
          { ...headers, 'x-dev-origin': `https://localhost:${listener.port}` },
          body,
          {
            services,
            reload,
            generate: async (input) => {
              await reload('empty');
              const result = await generateTenant(tenant, input as Parameters<typeof generateTenant>[1]);
              scheduleSave();
              return result;
            },
          },
        );
      }
    } else if (url.pathname.startsWith('/_download/')) {
      response = handleDownload(url.pathname.slice('/_download/'.length), services);
    } else if (url.pathname.startsWith('/_upload/')) {
      response = handleUpload(method, url.pathname.slice('/_upload/'.length), headers, body, services, origin);
      scheduleSave();
    } else {
      response =
        (await handleIdentity({ method, path: url.pathname, body, origin }, tenant, services.issuer)) ??
        (url.pathname === '/'
          ? {
              status: 200,
              body: {
                name: 'ITGuy DSAR dev tenant',
                graph: `${origin}/v1.0`,
                tenantId: tenant.tenantId,
                docs: 'packages/m365-dev-tenant/README.md',
              },
            }
          : { status: 404, body: { error: { code: 'NotFound', message: `Nothing at ${url.pathname}.` } } });
    }
    write(res, response, requestId, clientRequestId, tenant.now());
  }

  const listener: DualListener = await listenDual(handler, {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    cert: certificate.cert,
    key: certificate.key,
  });
  const port = listener.port;
  return {
    port,
    url: `http://localhost:${port}`,
    graphBaseUrl: `https://localhost:${port}/v1.0`,
    authorityHost: `https://localhost:${port}`,
    tenantId: tenant.tenantId,
    clientId: app.clientId,
    clientSecret: app.secret,
    certFile: certificate.certFile,
    services,
    close: async () => {
      services.notifier.close();
      if (saveTimer) clearTimeout(saveTimer);
      await save();
      await listener.close();
    },
  };
}

function write(res: ServerResponse, response: DevResponse, requestId: string, clientRequestId: string, now: Date): void {
  const headers: Record<string, string> = {
    'request-id': requestId,
    'client-request-id': clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({
      ServerInfo: { DataCenter: 'Local', Slice: 'E', Ring: 'dev', ScaleUnit: '000', RoleInstance: 'dev-tenant' },
    }),
    'Cache-Control': 'no-cache',
    'OData-Version': '4.0',
    'Strict-Transport-Security': 'max-age=31536000',
    Date: now.toUTCString(),
    ...(response.headers ?? {}),
  };
  let payload: Buffer | undefined;
  if (Buffer.isBuffer(response.body)) payload = response.body;
  else if (typeof response.body === 'string') payload = Buffer.from(response.body);
  else if (response.body !== undefined) {
    payload = Buffer.from(JSON.stringify(response.body));
    headers['Content-Type'] ??= GRAPH_JSON;
  }
  if (payload) headers['Content-Length'] = String(payload.length);
  res.writeHead(response.status, headers);
  res.end(payload);
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address === '::ffff:127.0.0.1');
}

const MAX_BODY = 300 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  try {
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as Snapshot;
    return snapshot.version === 1 ? snapshot : undefined;
  } catch {
    return undefined;
  }
}

async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(snapshot));
  await rename(tmp, file);
}
