import { startDevTenant } from 'm365-dev-tenant';

/**
 * The dev tenant in a process of its own, for benchmarks: Graph is a remote service, and sharing the
 * client's event loop would charge the client for the server's work. Prints one JSON line with how to
 * reach it, then serves until stdin closes.
 */
const tenant = await startDevTenant({ tlsDir: process.argv[2]!, seed: 'empty' });
process.stdout.write(
  `${JSON.stringify({ url: tenant.url, authorityHost: tenant.authorityHost, tenantId: tenant.tenantId, clientId: tenant.clientId, clientSecret: tenant.clientSecret })}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => void tenant.close().then(() => process.exit(0)));
