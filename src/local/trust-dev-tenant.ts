import { spawn } from 'node:child_process';
import { devTlsDir } from './dev-tls-dir.js';

/**
 * The app must trust the dev tenant's self-signed certificate the way production trusts Microsoft's:
 * through the process's CA store, with no switch in the app's code. Node reads NODE_EXTRA_CA_CERTS only at
 * start-up: `npm start` sets it in a small launcher (launch.mjs) before the app starts. Run any other way
 * (`tsx src/local/start.ts`, the benches), a process without it restarts itself once with it set.
 */

export { devTlsDir };

/** Resolves when this process trusts the certificate; otherwise runs the restarted process and exits with it. */
export async function trustDevTenantCertificate(dataDir: string): Promise<void> {
  // Loaded here, not at the top: start.ts loads the dev tenant in the background while this runs.
  const { ensureDevCertificate } = await import('m365-dev-tenant');
  const { certFile } = await ensureDevCertificate(devTlsDir(dataDir));
  if (process.env.NODE_EXTRA_CA_CERTS === certFile) return;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile },
  });
  // Ctrl-C reaches both processes (same process group); the child shuts down in order and we follow it.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  process.exit(code);
}
