// `npm start`: trusts the dev tenant's certificate, then starts the app once with NODE_EXTRA_CA_CERTS set
// (Node reads it only at start-up). Plain JavaScript with Node's own modules, so this process, which
// only waits for the app, stays small: no TypeScript loader, none of the app.
import { spawn, spawnSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
// As the app's config reads DSAR_DATA_DIR (src/config/config.ts) and places the certificate (trust-dev-tenant.ts).
const dataDir = resolve((process.env.DSAR_DATA_DIR ?? '.data').trim() || '.data');
const certFile = join(dataDir, 'devtenant', 'dev-tenant-cert.pem');
const MIN_REMAINING_MS = 30 * 24 * 3600 * 1000;

/** The same test as the dev tenant's ensureDevCertificate: present, not about to expire, matching its key. */
function certificateUsable() {
  try {
    const x509 = new X509Certificate(readFileSync(certFile));
    const key = createPrivateKey(readFileSync(join(dataDir, 'devtenant', 'dev-tenant-key.pem')));
    return new Date(x509.validTo).getTime() - Date.now() >= MIN_REMAINING_MS && x509.checkPrivateKey(key);
  } catch {
    return false;
  }
}

// Resolved from here, so it does not depend on the directory npm start was run from.
const tsx = ['--import', import.meta.resolve('tsx')];
if (!certificateUsable()) {
  // First start (or a certificate about to expire): a short-lived helper checks the data directory and makes it.
  const made = spawnSync(process.execPath, [...tsx, here('./make-dev-certificate.ts')], { stdio: 'inherit' });
  if (made.status !== 0) process.exit(made.status ?? 1);
}
// In Azure mode the helper makes none: then no extra trust (and no Node warning about a missing file).
const trust = certificateUsable() ? { NODE_EXTRA_CA_CERTS: certFile } : {};
const app = spawn(process.execPath, [...tsx, here('./start.ts')], { stdio: 'inherit', env: { ...process.env, ...trust } });
// Ctrl-C reaches the app too (same process group): it shuts down in order and this process follows it.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => app.kill('SIGTERM'));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
