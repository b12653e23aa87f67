import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/local/azurite.js';
import { dsar } from '../helpers/cli.js';

/** `npm start` as a newcomer runs it: no configuration, Azurite and the app, Ctrl-C, start again. */

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

function npmStart(env: Record<string, string>): Promise<Started> {
  // Its own process group, so a SIGINT to the group is what Ctrl-C in a terminal sends.
  const child = spawn('npm', ['start'], { detached: true, env: { ...process.env, NPM_CONFIG_LOGLEVEL: 'error', ...env } });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve({ child, output: () => output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`npm start exited:\n${output}`)));
  });
}

async function ctrlC(started: Started): Promise<void> {
  process.kill(-started.child.pid!, 'SIGINT');
  await started.exited;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dsar-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs Azurite and the app, stops cleanly on Ctrl-C, and keeps cases across restarts', async () => {
    const [appPort, tablesPort] = [await freePort(), await freePort()];
    const env = { PORT: String(appPort), DSAR_LOCAL_TABLES_PORT: String(tablesPort), DSAR_DATA_DIR: dataDir };

    const first = await npmStart(env);
    const logLines = first.output().split('\n').filter((line) => line.startsWith('{'));
    expect(JSON.parse(logLines[0]!)).toMatchObject({ mode: 'local', msg: 'starting in local mode' });
    expect(first.output()).toContain(`App         http://localhost:${appPort}`);
    expect(first.output()).toContain(`Case store  local Azurite at http://127.0.0.1:${tablesPort}/devstoreaccount1`);
    expect(await (await fetch(`http://localhost:${appPort}/healthz`)).json()).toMatchObject({ status: 'ok' });

    // The CLI finds the running store with the same (default-derived) settings.
    const opened = await dsar(['case', 'new', '--requester-email', 'anna@example.com', '--rights', 'access', '--json'], { DSAR_LOCAL_TABLES_PORT: String(tablesPort) });
    expect(opened.code).toBe(0);
    const id = JSON.parse(opened.stdout).id as string;

    await ctrlC(first);
    expect(first.output()).toMatch(/"msg":"stopped"/);
    expect(await listening(appPort)).toBe(false);
    expect(await listening(tablesPort)).toBe(false);

    const second = await npmStart(env);
    const list = await dsar(['cases', '--json'], { DSAR_LOCAL_TABLES_PORT: String(tablesPort) });
    expect(JSON.parse(list.stdout).map((c: { id: string }) => c.id)).toEqual([id]);
    await ctrlC(second);
  }, 120_000);

  it('explains a busy port instead of crashing', async () => {
    const tablesPort = await freePort();
    const blocker = (await import('node:net')).createServer().listen(tablesPort, '127.0.0.1');
    try {
      const child = spawn('npm', ['start'], {
        env: { ...process.env, NPM_CONFIG_LOGLEVEL: 'error', PORT: String(await freePort()), DSAR_LOCAL_TABLES_PORT: String(tablesPort), DSAR_DATA_DIR: dataDir },
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
