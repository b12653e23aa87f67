import { spawn, type ChildProcess } from 'node:child_process';

/** `npm start` as a newcomer runs it, in its own process group so Ctrl-C can be sent to all of it. */

export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

export function npmStart(env: Record<string, string>, timeoutMs = 60_000): Promise<Started> {
  const child = spawn('npm', ['start'], { detached: true, env: { ...process.env, NPM_CONFIG_LOGLEVEL: 'error', ...env } });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), timeoutMs);
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

/** What Ctrl-C in a terminal does: SIGINT to the whole group; resolves when npm has exited. */
export async function ctrlC(started: Started): Promise<void> {
  process.kill(-started.child.pid!, 'SIGINT');
  await started.exited;
}
