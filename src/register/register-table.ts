import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { RegisterConfirmations } from '../app/ports.js';
import type { Config } from '../config/config.js';
import type { Actor, RegisterConfirmation, RegisterDecision } from '../domain/index.js';
import { createTableClient } from '../store/table-client.js';

/**
 * The DPO's answers to the register's assumptions (issue 15 item 5), append-only: every answer is a new row
 * and nothing is ever updated, so two DPOs answering at once both land (no ETag race to lose) and the rows
 * are the audit trail. The latest answer per assumption wins (registerFacts). One small partition: a row per
 * answer, a few dozen assumptions, answered a few times a year.
 */

export const REGISTER_TABLE = 'register';
const PARTITION = 'confirmation';

interface Row {
  partitionKey: string;
  rowKey: string;
  assumption: string;
  decision: RegisterDecision;
  textDa?: string;
  textEn?: string;
  byKind: Actor['kind'];
  byId: string;
  byName?: string;
  at: string;
}

export class RegisterTable implements RegisterConfirmations {
  constructor(private readonly client: TableClient) {}

  async init(): Promise<void> {
    await this.client.createTable();
  }

  /** Appends one answer. The row key starts with the time, so the partition reads back in order. */
  async record(answer: RegisterConfirmation): Promise<void> {
    const row: Row = {
      partitionKey: PARTITION,
      rowKey: `${answer.at}|${randomUUID()}`,
      assumption: answer.id,
      decision: answer.decision,
      ...(answer.text ? { textDa: answer.text.da, textEn: answer.text.en } : {}),
      byKind: answer.by.kind,
      byId: answer.by.id,
      ...(answer.by.name ? { byName: answer.by.name } : {}),
      at: answer.at,
    };
    await this.client.createEntity(row);
  }

  /** Every answer ever given, oldest first (the trail; the last per assumption is the one in force). */
  async list(): Promise<RegisterConfirmation[]> {
    const rows: Row[] = [];
    for await (const row of this.client.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq '${PARTITION}'` } })) rows.push(row);
    rows.sort((a, b) => (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0));
    return rows.map((row) => ({
      id: row.assumption,
      decision: row.decision,
      ...(row.textDa !== undefined && row.textEn !== undefined ? { text: { da: row.textDa, en: row.textEn } } : {}),
      by: { kind: row.byKind, id: row.byId, ...(row.byName ? { name: row.byName } : {}) },
      at: row.at,
    }));
  }
}

export async function openRegisterTable(config: Pick<Config, 'tables' | 'tablePrefix'>): Promise<RegisterTable> {
  const table = new RegisterTable(await createTableClient(config.tables, `${config.tablePrefix}${REGISTER_TABLE}`));
  await table.init();
  return table;
}
