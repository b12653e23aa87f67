import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Microsoft 365 Agents Playground (a devDependency): the Teams client on this machine, talking to the
 * bot at /api/messages without a Bot Framework token. Its users come from playground.yml, where the
 * current user is the demo DPO.
 */

export const PLAYGROUND_CONFIG = fileURLToPath(new URL('./playground.yml', import.meta.url));
/** Makes the Playground's servers listen on localhost only (it binds every interface by itself). */
const LOOPBACK_ONLY = fileURLToPath(new URL('./loopback-listen.cjs', import.meta.url));

export interface RunningPlayground {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startPlayground(options: { botUrl: string; port: number; timeoutMs?: number }): Promise<RunningPlayground> {
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const child = spawn(
    process.execPath,
    [
      '--require',
      LOOPBACK_ONLY,
      cli,
      '-e',
      `${options.botUrl}/api/messages`,
      '-c',
      'msteams',
      '-p',
      String(options.port),
      '--disable-telemetry',
    ],
    {
      env: { ...process.env, M365_AGENTS_PLAYGROUND_CONFIG_PATH: PLAYGROUND_CONFIG, BROWSER: 'none' }, // It stops when its stdin closes (it is an interactive CLI): keep a pipe open.
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const url = `http://localhost:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the Agents Playground exited (${child.exitCode}): ${output.trim().slice(-500)}`);
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`the Agents Playground did not start on port ${options.port}: ${output.trim().slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
