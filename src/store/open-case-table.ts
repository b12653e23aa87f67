import { describeTables, type Config } from '../config/config.js';
import { CaseTable } from './case-table.js';
import { createTableClient, type TableClientOptions } from './table-client.js';

export const CASES_TABLE = 'cases';

/** The case table of the configured store, created if missing. Fails with StoreUnavailableError if unreachable. */
export async function openCaseTable(config: Pick<Config, 'tables' | 'tablePrefix'>, options: TableClientOptions = {}): Promise<CaseTable> {
  const client = await createTableClient(config.tables, `${config.tablePrefix}${CASES_TABLE}`, options);
  const table = new CaseTable(client, describeTables(config.tables));
  await table.init();
  return table;
}
