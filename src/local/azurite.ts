import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { AZURITE_ACCOUNT, AZURITE_KEY } from '../config/config.js';

/**
 * Azurite's table service as a child process: persisted under a folder for `npm start`, in memory for
 * tests. A separate process, like the real service, so the app talks to it over HTTP only.
 */
export interface AzuriteOptions {
  port: number;
  /** Folder for the database; omit for in-memory (tests). */
  location?: string;
  startTimeoutMs?: number;
}

export interface RunningAzurite {
  port: number;
  url: string;
  /** A connection string for the dev account on this instance. */
  connectionString: string;
  /** Its process (benches read its CPU time). */
  pid: number | undefined;
  stop: () => Promise<void>;
}

export class AzuriteStartError extends Error {
  override name = 'AzuriteStartError';
}

const require = createRequire(import.meta.url);

function azuriteTableMain(): string {
  return require.resolve('azurite/dist/src/table/main.js');
}

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startAzurite({ port, location, startTimeoutMs = 20_000 }: AzuriteOptions): Promise<RunningAzurite> {
  const args = ['--tableHost', '127.0.0.1', '--tablePort', String(port), '--disableTelemetry', '--skipApiVersionCheck', '--silent'];
  if (location) {
    mkdirSync(location, { recursive: true });
    args.push('--location', location);
  } else {
    args.push('--inMemoryPersistence');
  }
  // Its own process group: Ctrl-C reaches only us, and we stop Azurite after the app has finished.
  const child = spawn(process.execPath, [azuriteTableMain(), ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  await waitUntilListening(child, port, startTimeoutMs);

  const url = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  return {
    port,
    url,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};TableEndpoint=${url};`,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

function waitUntilListening(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onExit = (code: number | null) => fail(`it exited with code ${code}`);
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.kill('SIGKILL');
      reject(new AzuriteStartError(`Azurite did not start on port ${port}: ${reason}${output ? `\n${output.trim()}` : ''}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/successfully (started|listening)/i.test(output)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining so a chatty child never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      } else if (/EADDRINUSE|address already in use/i.test(output)) {
        fail('the port is already in use');
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    // SIGINT, not SIGTERM: only on SIGINT does Azurite close its database, writing the last changes to
    // disk (it autosaves every 5 s; SIGTERM would lose what came since).
    child.kill('SIGINT');
  });
}
