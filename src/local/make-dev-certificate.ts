import { ensureDevCertificate } from 'm365-dev-tenant';
import { loadConfigOrExit } from '../config/config.js';
import { errorText } from '../platform/error-text.js';
import { scrub } from '../logging/scrub.js';
import { unignoredDataDir } from './data-dir-check.js';
import { devTlsDir } from './trust-dev-tenant.js';

/**
 * Run by launch.mjs before the app when the dev tenant's certificate is missing or about to expire: makes it,
 * after the same check as start.ts that git ignores the data directory (the private key goes there).
 * In Azure mode there is no dev tenant and nothing to make; the app reports a configuration error itself.
 */
try {
  const config = loadConfigOrExit();
  if (config.mode === 'local') {
    const unignored = await unignoredDataDir(config.local.dataDir);
    if (unignored) throw new Error(unignored);
    await ensureDevCertificate(devTlsDir(config.local.dataDir));
  }
} catch (error) {
  console.error(`npm start failed: ${scrub(errorText(error))}`);
  process.exit(1);
}
