import type { TableClient } from '@azure/data-tables';

/**
 * Counts the requests the app's table clients send (each is one Azure Tables transaction on the bill: a
 * read, a write, one page of a query, one entity-group transaction). Always on and only an increment per
 * request; the benches read it to state what a case action, a bot turn and a reminders pass cost.
 */
export interface TableRequestCounts {
  total: number;
  /** Per table, e.g. `cases`: the table name without the prefix is not known here, so the full name. */
  byTable: Record<string, number>;
}

const counts: TableRequestCounts = { total: 0, byTable: {} };

/** A snapshot of the counts so far. */
export function tableRequests(): TableRequestCounts {
  return { total: counts.total, byTable: { ...counts.byTable } };
}

/** Adds the counting policy to a client (once per client). */
export function countRequests(client: TableClient, tableName: string): TableClient {
  client.pipeline.addPolicy({
    name: 'dsarRequestCount',
    sendRequest: (request, next) => {
      counts.total++;
      counts.byTable[tableName] = (counts.byTable[tableName] ?? 0) + 1;
      return next(request);
    },
  });
  return client;
}
