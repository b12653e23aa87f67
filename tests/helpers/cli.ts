import { execFile } from 'node:child_process';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `dsar` executable (bin/dsar.js, what `npx dsar` runs) in a child process. */
export function dsar(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/dsar.js', ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DSAR_ACTOR: 'tester', ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
