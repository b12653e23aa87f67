import type { TableClient } from '@azure/data-tables';
import type { Config } from '../config/config.js';
import { isStatus } from '../store/store-errors.js';
import { getRow } from '../store/rows.js';
import { createTableClient } from '../store/table-client.js';

/**
 * Where the bot can reach people proactively: one Bot Framework conversation reference per personal
 * chat (keyed by the user's Entra object id) or team channel. Written on install and on every message,
 * removed on uninstall or when Teams answers 403 (the user blocked or removed the bot).
 */

export const CONVERSATIONS_TABLE = 'conversations';

export type ConversationScope = 'personal' | 'channel';

export interface StoredConversation {
  scope: ConversationScope;
  /** The user's Entra object id (personal) or the channel's conversation id. */
  key: string;
  /** The serialized ConversationReference (ids and the service URL; no message content). */
  reference: Record<string, unknown>;
  /** 'da' or 'en': the language the user last wrote in, so proactive cards speak it. */
  language: string;
  updatedAt: string;
}

interface Row {
  partitionKey: string;
  rowKey: string;
  reference: string;
  language: string;
  updatedAt: string;
}

// Row keys may not contain / \ # ? (Teams channel ids contain ':' and '@', which are fine).
const rowKey = (key: string) => encodeURIComponent(key).replace(/%/g, '~');
const fromRowKey = (key: string) => decodeURIComponent(key.replace(/~/g, '%'));

export class ConversationTable {
  constructor(private readonly client: TableClient) {}

  async init(): Promise<void> {
    await this.client.createTable();
  }

  async save(conversation: Omit<StoredConversation, 'updatedAt'>, now = new Date()): Promise<void> {
    await this.client.upsertEntity<Row>(
      {
        partitionKey: conversation.scope,
        rowKey: rowKey(conversation.key),
        reference: JSON.stringify(conversation.reference),
        language: conversation.language,
        updatedAt: now.toISOString(),
      },
      'Replace',
    );
  }

  async remove(scope: ConversationScope, key: string): Promise<void> {
    try {
      await this.client.deleteEntity(scope, rowKey(key));
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
    }
  }

  async get(scope: ConversationScope, key: string): Promise<StoredConversation | undefined> {
    const row = await getRow<Row>(this.client, scope, rowKey(key));
    return row && toConversation(row);
  }

  /**
   * The message that last showed a case's card in a conversation, so a typed action can update that card
   * in place (updateActivity) instead of posting another. Kept beside the conversations, in partitions of
   * their own ("card-personal", "card-channel"): ids only.
   */
  async saveCard(scope: ConversationScope, key: string, caseId: string, activityId: string, now = new Date()): Promise<void> {
    await this.client.upsertEntity(
      { partitionKey: `card-${scope}`, rowKey: `${rowKey(key)}|${caseId}`, activityId, updatedAt: now.toISOString() },
      'Replace',
    );
  }

  async cardOf(scope: ConversationScope, key: string, caseId: string): Promise<string | undefined> {
    const row = await getRow<{ activityId?: string }>(this.client, `card-${scope}`, `${rowKey(key)}|${caseId}`);
    return typeof row?.activityId === 'string' ? row.activityId : undefined;
  }

  async list(scope: ConversationScope): Promise<StoredConversation[]> {
    const found: StoredConversation[] = [];
    for await (const row of this.client.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq '${scope}'` } }))
      found.push(toConversation(row));
    return found;
  }
}

function toConversation(row: Row): StoredConversation {
  return {
    scope: row.partitionKey as ConversationScope,
    key: fromRowKey(row.rowKey),
    reference: JSON.parse(row.reference) as Record<string, unknown>,
    language: row.language,
    updatedAt: row.updatedAt,
  };
}

export async function openConversationTable(config: Pick<Config, 'tables' | 'tablePrefix'>): Promise<ConversationTable> {
  const table = new ConversationTable(await createTableClient(config.tables, `${config.tablePrefix}${CONVERSATIONS_TABLE}`));
  await table.init();
  return table;
}
