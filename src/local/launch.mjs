// `npm start`: trusts the dev tenant's certificate, then starts the app once with NODE_EXTRA_CA_CERTS set
// (Node reads it only at start-up). Plain JavaScript with Node's own modules, so this process, which
// only waits for the app, stays small: no TypeScript loader, none of the app. The app runs as JavaScript
// compiled by scripts/compile.mjs (brought up to date here first if a source changed since), so no start
// compiles TypeScript; if that build fails, the TypeScript through tsx as before.
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

/** `node <args> <module>` for src/local/<name>.ts: its compiled dist/local/<name>.js, or the source through tsx. */
async function runnable() {
  const { compiledIsFresh } = await import('../../scripts/compiled-fresh.mjs');
  let fresh = compiledIsFresh();
  if (!fresh) {
    const { compile } = await import('../../scripts/compile.mjs');
    fresh = await compile().then(
      () => true,
      (error) => (console.warn(`npm start: not compiled, running the TypeScript (${error?.message ?? error})`), false),
    );
  }
  // The dsar-compiled condition selects the dev tenant's compiled JS (packages/m365-dev-tenant/package.json).
  if (fresh) return (name) => ['--conditions=dsar-compiled', here(`../../dist/local/${name}.js`)];
  // Resolved from here, so it does not depend on the directory npm start was run from.
  const tsx = ['--import', import.meta.resolve('tsx')];
  return (name) => [...tsx, here(`./${name}.ts`)];
}

const command = await runnable();
if (!certificateUsable()) {
  // First start (or a certificate about to expire): a short-lived helper checks the data directory and makes it.
  const made = spawnSync(process.execPath, command('make-dev-certificate'), { stdio: 'inherit' });
  if (made.status !== 0) process.exit(made.status ?? 1);
}
// In Azure mode the helper makes none: then no extra trust (and no Node warning about a missing file).
const trust = certificateUsable() ? { NODE_EXTRA_CA_CERTS: certFile } : {};
const app = spawn(process.execPath, command('start'), { stdio: 'inherit', env: { ...process.env, ...trust } });
// Ctrl-C reaches the app too (same process group): it shuts down in order and this process follows it.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => app.kill('SIGTERM'));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
