import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Config, GraphConfig } from '../config/config.js';
import { DomainError } from '../domain/errors.js';

/**
 * Microsoft Graph for CLI commands: the configured tenant (DSAR_GRAPH_*), or, in local mode, the dev
 * tenant `npm start` runs (its app credentials from /_dev/app). The dev tenant's certificate is trusted
 * the way the app trusts it, through NODE_EXTRA_CA_CERTS, so this restarts the command once with it set.
 */
export async function openGraph(config: Config): Promise<Client> {
  const graph = config.graph ?? (config.mode === 'local' ? await localGraph(config) : undefined);
  if (!graph)
    throw new DomainError(
      'invalid_input',
      'Microsoft Graph is not configured: set DSAR_GRAPH_TENANT_ID (and DSAR_GRAPH_CLIENT_ID / DSAR_GRAPH_CLIENT_SECRET)',
    );
  const { graphClient } = await import('../compose.js');
  return graphClient(graph);
}

async function localGraph(config: Config): Promise<GraphConfig> {
  const cert = join(config.local.dataDir, 'devtenant', 'dev-tenant-cert.pem');
  if (existsSync(cert) && process.env.NODE_EXTRA_CA_CERTS !== cert) await rerunTrusting(cert);
  const url = `http://localhost:${config.local.devTenantPort}/_dev/app`;
  const app = (await fetch(url)
    .then((r) => r.json())
    .catch(() => {
      throw new DomainError('not_found', `cannot reach the dev tenant at ${new URL(url).origin}: is \`npm start\` running?`);
    })) as { tenantId: string; clientId: string; clientSecret: string };
  const authorityHost = `https://localhost:${config.local.devTenantPort}`;
  return {
    baseUrl: authorityHost,
    auth: { kind: 'client-secret', tenantId: app.tenantId, clientId: app.clientId, clientSecret: app.clientSecret, authorityHost },
  };
}

async function rerunTrusting(cert: string): Promise<never> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: cert },
  });
  const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  process.exit(code);
}
