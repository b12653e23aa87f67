import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeNotification } from '@microsoft/microsoft-graph-types';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/local/azurite.js';
import { dsar } from '../helpers/cli.js';
import { ctrlC, npmStart } from '../helpers/npm-start.js';

/** `npm start` as a newcomer runs it: no configuration, Azurite and the app, Ctrl-C, start again. */

/** The JSON body Graph posts to a webhook: a batch of change notifications. */
interface NotificationBody {
  value: ChangeNotification[];
}

/** A webhook that answers Graph's validation and hands over each notification with its arrival time. */
async function webhook() {
  const waiting: ((n: { at: number; body: NotificationBody }) => void)[] = [];
  const server = createServer((req, res) => {
    const token = new URL(req.url!, 'http://x').searchParams.get('validationToken');
    if (token) return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end(token);
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.writeHead(202).end();
      waiting.shift()?.({ at: Date.now(), body: JSON.parse(body) as NotificationBody });
    });
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/notifications`,
    next: () => new Promise<{ at: number; body: NotificationBody }>((resolve) => waiting.push(resolve)),
    close: () => server.close(),
  };
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dsar-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs Azurite and the app, stops cleanly on Ctrl-C, and keeps cases across restarts', async () => {
    const [appPort, tablesPort, tenantPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      PORT: String(appPort),
      DSAR_LOCAL_TABLES_PORT: String(tablesPort),
      DSAR_DEV_TENANT_PORT: String(tenantPort),
      DSAR_PLAYGROUND_PORT: String(await freePort()),
      DSAR_DATA_DIR: dataDir,
    };

    const first = await npmStart(env);
    const logLines = first
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(JSON.parse(logLines[0]!)).toMatchObject({ mode: 'local', msg: 'starting in local mode' });
    expect(first.output()).toContain(`App         http://localhost:${appPort}`);
    expect(first.output()).toContain(`Case store  local Azurite at http://127.0.0.1:${tablesPort}/devstoreaccount1`);
    expect(await (await fetch(`http://localhost:${appPort}/healthz`)).json()).toMatchObject({ status: 'ok' });

    // The CLI finds the running store with the same (default-derived) settings.
    const opened = await dsar(['case', 'new', '--requester-email', 'anna@example.com', '--rights', 'access', '--json'], {
      DSAR_LOCAL_TABLES_PORT: String(tablesPort),
    });
    expect(opened.code).toBe(0);
    const id = JSON.parse(opened.stdout).id as string;

    // Intake turns the demo's requests in dpa@'s inbox into cases too; wait until that has settled.
    const listIds = async () =>
      JSON.parse((await dsar(['cases', '--json', '--all'], { DSAR_LOCAL_TABLES_PORT: String(tablesPort) })).stdout).map(
        (c: { id: string }) => c.id,
      ) as string[];
    let before = await listIds();
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const now = await listIds();
      if (now.length === before.length && now.length > 1) break;
      before = now;
    }
    expect(before).toContain(id);
    expect(before.length).toBeGreaterThanOrEqual(5);

    await ctrlC(first);
    expect(first.output()).toMatch(/"msg":"stopped"/);
    expect(await listening(appPort)).toBe(false);
    expect(await listening(tablesPort)).toBe(false);

    const second = await npmStart(env);
    // Same cases after the restart: nothing lost, and the inbox is not turned into cases a second time.
    await new Promise((r) => setTimeout(r, 2000));
    expect((await listIds()).sort()).toEqual([...before].sort());
    await ctrlC(second);
  }, 120_000);

  it('stops Azurite too on Ctrl-C while it is still starting', async () => {
    const tablesPort = await freePort();
    const env = {
      PORT: String(await freePort()),
      DSAR_LOCAL_TABLES_PORT: String(tablesPort),
      DSAR_DEV_TENANT_PORT: String(await freePort()),
      DSAR_PLAYGROUND_PORT: String(await freePort()),
      DSAR_DATA_DIR: dataDir,
    };
    const child = spawn('npm', ['start'], { detached: true, env: { ...process.env, NPM_CONFIG_LOGLEVEL: 'error', ...env } });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let output = '';
    // Azurite runs in its own process group: only the app can stop it, and the app is not up yet.
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Azurite table service started')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => reject(new Error(`npm start exited:\n${output}`)));
    });
    expect(output).not.toContain('Press Ctrl-C to stop.');
    process.kill(-child.pid!, 'SIGINT');
    await exited;
    let stillListening = true;
    for (let i = 0; i < 30 && stillListening; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stillListening = await listening(tablesPort);
    }
    expect(stillListening, output).toBe(false);
  }, 120_000);

  it('serves the demo tenant, and `dsar dev deliver` reaches a subscribed webhook within a second', async () => {
    const [appPort, tablesPort, tenantPort] = [await freePort(), await freePort(), await freePort()];
    const started = await npmStart({
      PORT: String(appPort),
      DSAR_LOCAL_TABLES_PORT: String(tablesPort),
      DSAR_DEV_TENANT_PORT: String(tenantPort),
      DSAR_DATA_DIR: dataDir,
    });
    const hook = await webhook();
    try {
      const devTenant = `http://localhost:${tenantPort}`;
      expect(started.output()).toContain(`Dev tenant  ${devTenant}`);
      // The app signed in to the dev tenant with its own credential: readiness checks Graph.
      // Ready once the subscriptions on dpa@'s and support@'s inboxes exist (the first scheduler pass makes them)
      // and neither mailbox's intake is stalled.
      let ready: unknown;
      for (let i = 0; i < 40; i++) {
        ready = await (await fetch(`http://localhost:${appPort}/readyz`)).json();
        if ((ready as { status: string }).status === 'ready') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(ready).toEqual({
        status: 'ready',
        checks: {
          store: 'ok',
          graph: 'ok',
          'subscription:dpa@itguy.dk': 'ok',
          'subscription:support@itguy.dk': 'ok',
          'intake:dpa@itguy.dk': 'ok',
          'intake:support@itguy.dk': 'ok',
        },
      });

      // Call Graph as a client would (plain HTTP, so this test need not trust the run's own certificate).
      const app = (await (await fetch(`${devTenant}/_dev/app`)).json()) as { tenantId: string; clientId: string; clientSecret: string };
      const tokenRes = await fetch(`${devTenant}/${app.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: app.clientId,
          client_secret: app.clientSecret,
          scope: 'https://graph.microsoft.com/.default',
        }),
      });
      const auth = { Authorization: `Bearer ${((await tokenRes.json()) as { access_token: string }).access_token}` };
      const graph = async <T = unknown>(path: string, init: RequestInit = {}) =>
        (await fetch(`${devTenant}/v1.0${path}`, { ...init, headers: { ...auth, ...(init.headers ?? {}) } })).json() as Promise<T>;

      const users = await graph<{ value: { userPrincipalName: string }[] }>('/users?$select=userPrincipalName');
      expect(users.value.map((u: { userPrincipalName: string }) => u.userPrincipalName)).toEqual(
        expect.arrayContaining(['dpa@itguy.dk', 'support@itguy.dk']),
      );
      expect(users.value.length).toBeGreaterThanOrEqual(10);
      const unread = await graph<{ '@odata.count': number }>(
        '/users/dpa@itguy.dk/mailFolders/inbox/messages?$filter=isRead eq false&$count=true&$top=50',
      );
      expect(unread['@odata.count']).toBeGreaterThanOrEqual(4);

      await graph('/subscriptions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          changeType: 'created',
          notificationUrl: hook.url,
          resource: "users/dpa@itguy.dk/mailFolders('Inbox')/messages",
          expirationDateTime: new Date(Date.now() + 3600_000).toISOString(),
          clientState: 'npm-start-test',
        }),
      });
      const sample = join(
        import.meta.dirname,
        '../../packages/m365-dev-tenant/src/demo/samples',
        readdirSync(join(import.meta.dirname, '../../packages/m365-dev-tenant/src/demo/samples'))[0]!,
      );
      const cli = spawn(process.execPath, [join(import.meta.dirname, '../../bin/dsar.js'), 'dev', 'deliver', sample], {
        env: { ...process.env, DSAR_DEV_TENANT_PORT: String(tenantPort) },
      });
      const deliveredAt = new Promise<number>((resolve) =>
        cli.stdout.on('data', (d: Buffer) => d.toString().includes('Delivered to dpa@itguy.dk') && resolve(Date.now())),
      );
      const [notification, delivered] = await Promise.all([hook.next(), deliveredAt]);
      expect(notification.body.value[0]).toMatchObject({ changeType: 'created', clientState: 'npm-start-test' });
      // The CLI prints after the dev tenant answered; the notification may even arrive first.
      expect(notification.at - delivered).toBeLessThan(1000);
    } finally {
      hook.close();
      await ctrlC(started);
    }
  }, 120_000);

  it('explains a busy port instead of crashing', async () => {
    const tablesPort = await freePort();
    const blocker = (await import('node:net')).createServer().listen(tablesPort, '127.0.0.1');
    try {
      const child = spawn('npm', ['start'], {
        env: {
          ...process.env,
          NPM_CONFIG_LOGLEVEL: 'error',
          PORT: String(await freePort()),
          DSAR_LOCAL_TABLES_PORT: String(tablesPort),
          DSAR_DEV_TENANT_PORT: String(await freePort()),
          DSAR_DATA_DIR: dataDir,
        },
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain(`port ${tablesPort} for the local case store is in use`);
      expect(output).toContain('DSAR_LOCAL_TABLES_PORT');
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('stops with the key named when the configuration is invalid', async () => {
    const child = spawn('npm', ['start'], { env: { ...process.env, NPM_CONFIG_LOGLEVEL: 'error', PORT: 'http' } });
    let output = '';
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(78);
    expect(output).toContain('PORT: must be a port number');
  }, 60_000);
});
