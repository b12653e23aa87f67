import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDevCertificate } from 'm365-dev-tenant';

declare module 'vitest' {
  export interface ProvidedContext {
    devTlsDir: string;
  }
}

let dir: string | undefined;

/**
 * One TLS certificate for every dev tenant the tests start. Test workers are forked after this runs, so
 * they inherit NODE_EXTRA_CA_CERTS and trust the dev tenant exactly as `npm start` makes the app do.
 */
export async function setup(project: TestProject): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), 'dsar-dev-tls-'));
  const { certFile } = await ensureDevCertificate(dir);
  process.env.NODE_EXTRA_CA_CERTS = certFile;
  project.provide('devTlsDir', dir);
}

export async function teardown(): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}
