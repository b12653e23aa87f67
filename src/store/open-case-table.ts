import { describeTables, type Config } from '../config/config.js';
import { CaseTable, type CaseTableOptions } from './case-table.js';
import { createTableClient, type TableClientOptions } from './table-client.js';

export const CASES_TABLE = 'cases';
/** The open cases by deadline (open-case-index.ts): its own table, see there why. */
export const OPEN_INDEX_TABLE = 'openidx';

/** The case table of the configured store, created if missing. Fails with StoreUnavailableError if unreachable. */
export async function openCaseTable(
  config: Pick<Config, 'tables' | 'tablePrefix'>,
  options: TableClientOptions & Pick<CaseTableOptions, 'backgroundSync' | 'log'> = {},
): Promise<CaseTable> {
  const { backgroundSync, log, ...clientOptions } = options;
  const client = await createTableClient(config.tables, `${config.tablePrefix}${CASES_TABLE}`, clientOptions);
  const indexClient = await createTableClient(config.tables, `${config.tablePrefix}${OPEN_INDEX_TABLE}`, clientOptions);
  const table = new CaseTable(client, describeTables(config.tables), {
    indexClient,
    ...(backgroundSync !== undefined ? { backgroundSync } : {}),
    ...(log ? { log } : {}),
  });
  await table.init();
  return table;
}
