import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../src/local/azurite.js';

/** The production entry point (src/server/main.ts) in a child process, as App Service runs it. */

export interface AppInstance {
  child: ChildProcess;
  port: number;
  url: string;
  logs: () => Record<string, unknown>[];
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startAppInstance(env: Record<string, string>, port?: number): Promise<AppInstance> {
  const p = port ?? (await freePort());
  // One process (node with tsx's loader), so a SIGKILL really kills the app, as a crash would.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: String(p) },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  for (let i = 0; i < 300 && !logs().some((l) => l.msg === 'listening'); i++) {
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!logs().some((l) => l.msg === 'listening')) {
    child.kill('SIGKILL');
    throw new Error(`app did not start:\n${out}`);
  }
  return {
    child,
    port: p,
    url: `http://127.0.0.1:${p}`,
    logs,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
