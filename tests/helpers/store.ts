import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { CaseService } from '../../src/app/case-service.js';
import type { TableTarget } from '../../src/config/config.js';
import { ITGUY_REGISTER } from '../../src/domain/index.js';
import { DISCOVERY_TABLE, DiscoveryTable } from '../../src/discovery/discovery-table.js';
import { CaseTable, type CaseTableOptions } from '../../src/store/case-table.js';
import { CASES_TABLE } from '../../src/store/open-case-table.js';

/** A table prefix no other test uses, so test files can share the one Azurite. */
export function uniquePrefix(): string {
  return `t${randomBytes(6).toString('hex')}`;
}

export function testTarget(): TableTarget {
  return { kind: 'connection-string', connectionString: inject('azuriteConnectionString') };
}

/** Environment for a child process (CLI, app) that should use the test Azurite under `prefix`. */
export function storeEnv(prefix: string): Record<string, string> {
  return { DSAR_TABLES_CONNECTION_STRING: inject('azuriteConnectionString'), DSAR_TABLE_PREFIX: prefix };
}

/** A case table in its own namespace; `options` lets a test add HTTP pipeline policies. */
export async function freshCaseTable(
  prefix = uniquePrefix(),
  options: TableServiceClientOptions = {},
  tableOptions: CaseTableOptions = {},
): Promise<CaseTable> {
  const client = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${CASES_TABLE}`, {
    allowInsecureConnection: true,
    ...options,
  });
  const table = new CaseTable(client, 'test Azurite', tableOptions);
  await table.init();
  return table;
}

/** The discovery table (search checkpoints, hits, redaction decisions) under `prefix`. */
export async function freshDiscoveryTable(prefix: string): Promise<DiscoveryTable> {
  const table = new DiscoveryTable(
    TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${DISCOVERY_TABLE}`, { allowInsecureConnection: true }),
  );
  await table.init();
  return table;
}

export function caseService(repository: CaseTable, now?: () => string): CaseService {
  return new CaseService({ repository, register: ITGUY_REGISTER, retentionYears: 3, ...(now ? { now } : {}) });
}
