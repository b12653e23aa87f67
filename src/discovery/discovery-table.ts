import { createHash, randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { Config } from '../config/config.js';
import type { Hit, SearchRun, SourceDone } from '../domain/hits.js';
import { groupPlaces } from '../domain/hit-groups.js';
import type { RedactionDecision, RedactionProposal } from '../domain/redaction/detect.js';
import { deleteRows } from '../store/delete-rows.js';
import { fromJsonColumns, toJsonColumns } from '../store/json-columns.js';
import { getRow } from '../store/rows.js';
import { createTableClient } from '../store/table-client.js';

/**
 * A case's search of Microsoft 365, checkpointed so a restart resumes where it was: one row for the run,
 * rows listing finished sources (mailboxes and OneDrives, many to a row: a tenant-wide search finishes
 * hundreds of sources, and a row each made the table store's work the search's largest cost), one row per
 * hit keyed by a hash of its source and item id, so finding the same item again overwrites rather than
 * doubles it (and keeps its review). Partition = case id: deleting a case's search is one partition.
 */

export const DISCOVERY_TABLE = 'discovery';

/** Characters of finished-source JSON per row, well under a string property's 64 KiB (32K UTF-16 units). */
const DONE_ROW_CHARS = 30_000;

export const hitKey = (h: Pick<Hit, 'source' | 'id'>) =>
  `hit|${createHash('sha256').update(`${h.source}\n${h.id}`).digest('hex').slice(0, 40)}`;

/** An item's proposals, cached so the review does not download every item again; `stamp` says from what. */
export interface CachedProposals {
  stamp: string;
  proposals: RedactionProposal[];
  unreadable: string[];
}

export type RedactionTarget = { hitKey: string; proposalId: string } | { person: string };

export interface RedactionDecisionRecord {
  target: RedactionTarget;
  decision: RedactionDecision;
  decidedBy: string;
  decidedAt: string;
}

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };

export class DiscoveryTable {
  constructor(private readonly client: TableClient) {}

  async init(): Promise<void> {
    await this.client.createTable();
  }

  async run(caseId: string): Promise<SearchRun | undefined> {
    const row = await getRow<Row>(this.client, caseId, 'run');
    return row && (JSON.parse(String(row.data)) as SearchRun);
  }

  async saveRun(caseId: string, run: SearchRun): Promise<void> {
    await this.client.upsertEntity({ partitionKey: caseId, rowKey: 'run', data: JSON.stringify(run) }, 'Replace');
  }

  async sourcesDone(caseId: string): Promise<Map<string, SourceDone>> {
    const done = new Map<string, SourceDone>();
    for await (const row of this.client.listEntities<Row>({
      queryOptions: { filter: `PartitionKey eq '${caseId}' and RowKey ge 'src|' and RowKey lt 'src}'` },
    })) {
      // A row lists many sources (older versions wrote one object per row); a source listed twice is one.
      for (const source of [JSON.parse(String(row.data)) as SourceDone | SourceDone[]].flat())
        done.set(`${source.kind}|${source.owner}`, source);
    }
    return done;
  }

  /**
   * Finished sources with their hits, in as few transactions as possible (100 rows each): every hit row
   * is written before the rows marking their sources done, so a crash in between only makes a resumed
   * search repeat sources. A source's hits are upserted by item id, so repeating one doubles nothing.
   */
  async checkpoint(caseId: string, finished: readonly { source: SourceDone; hits: readonly Hit[] }[]): Promise<void> {
    // One row per item, even when sources list it twice (a transaction may not touch a row twice).
    const hits = [...new Map(finished.flatMap((f) => f.hits).map((h) => [hitKey(h), h])).values()];
    const actions = [
      ...hits.map((hit) => {
        // Merge keeps a review already made on an item found again.
        const { include: _i, reason: _r, reviewedBy: _b, reviewedAt: _a, ...found } = hit;
        // Over numbered columns: an item's text can be longer than one property holds.
        return ['upsert', { partitionKey: caseId, rowKey: hitKey(hit), ...toJsonColumns(storable(found), 'A found item') }, 'Merge'];
      }),
      ...doneRows(finished.map((f) => f.source)).map((data) => [
        'upsert',
        { partitionKey: caseId, rowKey: `src|${Date.now().toString(36)}|${randomUUID()}`, data },
        'Replace',
      ]),
    ];
    // A transaction holds at most 100 rows and 4 MiB: hits carrying an item's text are large.
    let batch: unknown[] = [];
    let bytes = 0;
    for (const action of actions) {
      const size = Buffer.byteLength(JSON.stringify(action));
      if (batch.length && (batch.length >= 100 || bytes + size > 3_000_000)) {
        await this.client.submitTransaction(batch as never);
        batch = [];
        bytes = 0;
      }
      batch.push(action);
      bytes += size;
    }
    if (batch.length) await this.client.submitTransaction(batch as never);
  }

  /** Every item found, once each with all the places it was found (src/domain/hit-groups.ts). */
  async hits(caseId: string): Promise<Hit[]> {
    return (await this.grouped(caseId)).hits;
  }

  /** Items once each, and how many places were the same item as another. */
  async grouped(caseId: string): Promise<{ hits: Hit[]; duplicates: number }> {
    const grouped = groupPlaces(await this.places(caseId));
    grouped.hits.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
    return grouped;
  }

  /** Every place found, one row each. */
  async places(caseId: string): Promise<Hit[]> {
    const hits: Hit[] = [];
    for await (const row of this.client.listEntities<Row>({
      queryOptions: { filter: `PartitionKey eq '${caseId}' and RowKey ge 'hit|' and RowKey lt 'hit}'` },
    })) {
      hits.push({ ...foundOf(row), ...(row.review ? (JSON.parse(String(row.review)) as Partial<Hit>) : {}) });
    }
    return hits;
  }

  /** A review holds for the item wherever it was found: it is written on every place of it. */
  async review(
    caseId: string,
    hit: Pick<Hit, 'source' | 'id'>,
    review: Pick<Hit, 'include' | 'reason' | 'reviewedBy' | 'reviewedAt'>,
  ): Promise<void> {
    const item = (await this.hits(caseId)).find((h) => (h.foundIn ?? [h]).some((p) => p.source === hit.source && p.id === hit.id));
    const places = item?.foundIn ?? [hit];
    // One transaction (per 100 places): a crash never leaves an item reviewed in some places and not others.
    const actions = places.map((place) => [
      'update',
      { partitionKey: caseId, rowKey: hitKey(place), review: JSON.stringify(review) },
      'Merge',
    ]);
    for (let i = 0; i < actions.length; i += 100) await this.client.submitTransaction(actions.slice(i, i + 100) as never);
  }

  /** The proposals found in an item's full text, with the stamp of what they were found from (row `red|<hit key>`). */
  async proposals(caseId: string, key: string): Promise<CachedProposals | undefined> {
    const row = await getRow<Row>(this.client, caseId, `red|${key}`);
    if (!row) return undefined;
    return row.chunks === undefined ? (JSON.parse(String(row.data)) as CachedProposals) : fromJsonColumns<CachedProposals>(row);
  }

  /** Saves the cache; an item with more proposals than a row holds is not cached (it is found again each time). */
  async saveProposals(caseId: string, key: string, cached: CachedProposals): Promise<void> {
    let columns: ReturnType<typeof toJsonColumns>;
    try {
      columns = toJsonColumns(cached, 'The proposals of an item');
    } catch {
      return;
    }
    await this.client.upsertEntity({ partitionKey: caseId, rowKey: `red|${key}`, ...columns }, 'Replace');
  }

  /**
   * A DPO's redaction decision: one row each, `rdi|<hit key>|<proposal id>` for one proposal or
   * `rdp|<hash of person key>` for everything of one person, so two decisions never race on a row.
   */
  async saveDecision(caseId: string, d: RedactionDecisionRecord): Promise<void> {
    const rowKey =
      'person' in d.target
        ? `rdp|${createHash('sha256').update(d.target.person).digest('hex').slice(0, 40)}`
        : `rdi|${d.target.hitKey}|${d.target.proposalId}`;
    await this.client.upsertEntity({ partitionKey: caseId, rowKey, data: JSON.stringify(d) }, 'Replace');
  }

  async decisions(caseId: string): Promise<RedactionDecisionRecord[]> {
    const out: RedactionDecisionRecord[] = [];
    for await (const row of this.client.listEntities<Row>({
      queryOptions: { filter: `PartitionKey eq '${caseId}' and RowKey ge 'rd' and RowKey lt 'rdz'` },
    }))
      out.push(JSON.parse(String(row.data)) as RedactionDecisionRecord);
    return out;
  }

  /** Deletes the places `drop` picks (items of sources a new run does not search). */
  async dropPlaces(caseId: string, drop: (hit: Hit) => boolean): Promise<void> {
    const keys = (await this.places(caseId)).filter(drop).map((h) => hitKey(h));
    await deleteRows(this.client, caseId, keys);
  }

  /** Forgets a run (a new search from scratch); reviews are kept with the hits. */
  async reset(caseId: string): Promise<void> {
    const keys: string[] = [];
    for await (const row of this.client.listEntities<Row>({
      queryOptions: { filter: `PartitionKey eq '${caseId}' and (RowKey eq 'run' or (RowKey ge 'src|' and RowKey lt 'src}'))` },
    }))
      keys.push(row.rowKey);
    await deleteRows(this.client, caseId, keys);
  }
}

/** The item, its text shortened (and marked so) until its JSON fits a row, however much of it escapes. */
function storable<T extends { text?: string; textCut?: boolean }>(found: T): T {
  let f = found;
  while (f.text && JSON.stringify(f).length > 440_000) f = { ...f, text: f.text.slice(0, Math.floor(f.text.length / 2)), textCut: true };
  return f;
}

/** The item a hit row holds: in numbered columns, or (rows written before them) in `found`. */
const foundOf = (row: Row): Hit => (row.chunks === undefined ? (JSON.parse(String(row.found)) as Hit) : fromJsonColumns<Hit>(row));

/** Finished sources as JSON arrays, each short enough for one string property. */
function doneRows(sources: readonly SourceDone[]): string[] {
  const rows: string[] = [];
  let row: string[] = [];
  let size = 2;
  for (const source of sources) {
    const json = JSON.stringify(source);
    if (row.length && size + json.length + 1 > DONE_ROW_CHARS) {
      rows.push(`[${row.join(',')}]`);
      row = [];
      size = 2;
    }
    row.push(json);
    size += json.length + 1;
  }
  if (row.length) rows.push(`[${row.join(',')}]`);
  return rows;
}

export async function openDiscoveryTable(config: Pick<Config, 'tables' | 'tablePrefix'>): Promise<DiscoveryTable> {
  const table = new DiscoveryTable(await createTableClient(config.tables, `${config.tablePrefix}${DISCOVERY_TABLE}`));
  await table.init();
  return table;
}
