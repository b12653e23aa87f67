import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/**
 * The dev tenant's TLS certificate. Microsoft's client libraries only talk to it over HTTPS: MSAL refuses
 * an http authority, and the Graph SDK only attaches tokens to https hosts. Processes that talk to it
 * trust this self-signed certificate through NODE_EXTRA_CA_CERTS, so the product's code path is exactly
 * the production one.
 */

export interface DevCertificate {
  cert: string;
  key: string;
  /** PEM file to put in NODE_EXTRA_CA_CERTS. */
  certFile: string;
}

const CERT = 'dev-tenant-cert.pem';
const KEY = 'dev-tenant-key.pem';
const MIN_REMAINING_MS = 30 * 24 * 3600 * 1000;

/** The certificate in `dir`, created (or renewed when it is about to expire) as needed. */
export async function ensureDevCertificate(dir: string): Promise<DevCertificate> {
  const certFile = join(dir, CERT);
  const existing = await readExisting(dir);
  if (existing) return { ...existing, certFile };

  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 2 * 365 * 24 * 3600 * 1000);
  const pems = await generate(
    [
      { name: 'commonName', value: 'localhost' },
      { name: 'organizationName', value: 'ITGuy DSAR dev tenant' },
    ],
    {
      // ECDSA P-256: a TLS handshake costs the server a fraction of an RSA-2048 signature, and a search opens
      // dozens of connections at once.
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
          ],
        },
      ],
    },
  );
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, KEY), pems.private, { mode: 0o600 });
  await writeFile(certFile, pems.cert);
  return { cert: pems.cert, key: pems.private, certFile };
}

async function readExisting(dir: string): Promise<{ cert: string; key: string } | undefined> {
  try {
    const [cert, key] = await Promise.all([readFile(join(dir, CERT), 'utf8'), readFile(join(dir, KEY), 'utf8')]);
    const x509 = new X509Certificate(cert);
    if (new Date(x509.validTo).getTime() - Date.now() < MIN_REMAINING_MS) return undefined;
    if (!x509.checkPrivateKey(createPrivateKey(key))) return undefined;
    return { cert, key };
  } catch {
    return undefined;
  }
}
