import type { Client } from '@microsoft/microsoft-graph-client';
import type { Hit, SearchCounts, SourceDone } from '../domain/hits.js';
import { GraphConcurrency } from '../graph/concurrency.js';
import { isGraphNotFound } from '../graph/errors.js';
import {
  type FoundFile,
  type FoundMessage,
  GraphSearch,
  searchRequests,
  type SearchPage,
  type SearchRequest,
  type SearchUser,
} from '../graph/search.js';
import type { DiscoveryTable } from './discovery-table.js';

/**
 * Searches every mailbox ($search with KQL) and every OneDrive (root/search) in the tenant for a case's
 * identifiers. Every request waits for a slot in a GraphConcurrency shared by all searches of the process
 * (Graph's limits: 4 per mailbox, a tenant-wide cap that halves on 429 and grows back slowly), so what
 * holds a search back is Graph, not a fixed number of slots here. Later pages follow @odata.nextLink one
 * at a time per source and go ahead of other sources' first pages. With `batch`, first pages go 20 to a
 * $batch (Graph runs Outlook sub-requests four at a time, and the SDK does not retry inside a batch, so
 * 429/503 sub-responses are retried here after their Retry-After). Each source's hits and its "done"
 * mark are checkpointed, so a restart resumes with the sources not yet done.
 */

/** Graph's cap on $search results per mailbox. */
export const SEARCH_CAP = 1000;
const BATCH_SIZE = 20;
const MAX_ATTEMPTS = 6;

export interface SearchOptions {
  caseId: string;
  /** KQL for $search and for drive search. */
  query: string;
  table: DiscoveryTable;
  /**
   * First pages in $batch requests of up to 20, split evenly over the tenant-wide slots, rather than one
   * request per source. Fewer round trips and less of this app's CPU, but Graph runs a batch's Outlook
   * sub-requests four at a time and a batch answers when its slowest sub-request does; bench:discovery
   * measures both ways.
   */
  batch?: boolean;
  onProgress?: (progress: SearchProgress) => void;
  signal?: AbortSignal;
}

/** Reported after each finished source. */
export type SearchProgress = SearchCounts;

export interface SearchOutcome extends SearchProgress {
  /** HTTP requests sent (a $batch is one), the /users pages included. */
  requests: number;
  /** Of those, pages of /users. */
  userPages: number;
  /** Requests of the source that needed most (its pages follow one another): what no concurrency shortens. */
  mostPages: number;
  throttledRetries: number;
}

interface Source extends SearchRequest {
  owner: string;
  userId: string;
}

type Page = SearchPage;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

export class SearchEngine {
  /**
   * @param limiter shared by every search of the process, so two searches at once still keep to 4
   * requests per mailbox and one tenant-wide cap.
   */
  constructor(
    private readonly graph: Client,
    private readonly limiter: GraphConcurrency = new GraphConcurrency(),
  ) {}

  async run(o: SearchOptions): Promise<SearchOutcome> {
    // One failed source stops the rest of this search (what finished is kept); so does the caller's signal.
    const stop = new AbortController();
    const signal = o.signal ? AbortSignal.any([o.signal, stop.signal]) : stop.signal;
    // Counts requests and throttled retries for this search.
    const search = new GraphSearch(this.graph, this.limiter, signal);
    const users: SearchUser[] = await search.users();
    const requests = searchRequests(o.query);
    const all: Source[] = users.flatMap((u) => [
      { ...requests.mailbox(u.id), owner: u.userPrincipalName, userId: u.id },
      { ...requests.drive(u.id), owner: u.userPrincipalName, userId: u.id },
    ]);
    const done = await o.table.sourcesDone(o.caseId);
    const progress: SearchProgress = {
      mailboxesDone: 0,
      mailboxesTotal: users.length,
      drivesDone: 0,
      drivesTotal: users.length,
      hits: 0,
      capped: 0,
    };
    const count = (s: SourceDone) => {
      if (s.kind === 'mailbox') progress.mailboxesDone++;
      else progress.drivesDone++;
      progress.hits += s.hits;
      if (s.capped) progress.capped++;
    };
    for (const s of done.values()) count(s);
    const pending = all.filter((s) => !done.has(`${s.kind}|${s.owner}`));
    o.onProgress?.({ ...progress });

    // Finished sources are checkpointed in groups (one table transaction for many), at most every 250 ms.
    const checkpoint = new CheckpointBuffer(o.table, o.caseId);
    let mostPages = 0;
    const finish = async (source: Source, first: Page | undefined) => {
      signal.throwIfAborted();
      const items = first ? await follow(search, first, source, signal) : { hits: [], capped: false, pages: 1 };
      mostPages = Math.max(mostPages, items.pages);
      const record: SourceDone = { kind: source.kind, owner: source.owner, hits: items.hits.length, capped: items.capped };
      checkpoint.add({ source: record, hits: items.hits });
      count(record);
      o.onProgress?.({ ...progress });
    };
    const stopOnFailure = (work: Promise<void>) =>
      work.catch((error: unknown) => {
        stop.abort(error);
        throw error;
      });
    try {
      if (o.batch) {
        // As many batches as there are tenant-wide slots, each of one slot and its sources' mailboxes.
        const chunks = evenBatches(pending, this.limiter.limit);
        await Promise.all(
          chunks.map((chunk) =>
            stopOnFailure(
              (async () => {
                const firstPages = await batchFirstPages(search, chunk, signal);
                for (const [i, source] of chunk.entries()) await finish(source, firstPages[i]);
              })(),
            ),
          ),
        );
      } else {
        // Every source's requests wait in the limiter: its pages one after another, four at most per mailbox.
        await Promise.all(pending.map((source) => stopOnFailure((async () => finish(source, await firstPage(search, source)))())));
      }
    } finally {
      // Whatever finished is kept, also when the search stops part-way (a restart resumes after it).
      await checkpoint.flush();
    }
    return { ...progress, requests: search.requests, userPages: search.userPages, mostPages, throttledRetries: search.throttled };
  }
}

/** A source's first page on its own; a 404 (no mailbox, no OneDrive) is an empty result. */
async function firstPage(search: GraphSearch, source: Source): Promise<Page | undefined> {
  try {
    return await search.first(source);
  } catch (error) {
    if (isGraphNotFound(error)) return undefined;
    throw error;
  }
}

/** Pages after the first, to the end or the cap. */
async function follow(
  search: GraphSearch,
  first: Page,
  source: Source,
  signal: AbortSignal,
): Promise<{ hits: Hit[]; capped: boolean; pages: number }> {
  const hits: Hit[] = [];
  let seen = 0;
  let pages = 0;
  for await (const page of search.pages(first, source, signal)) {
    pages++;
    for (const item of page.value) hits.push(source.kind === 'mailbox' ? messageHit(item, source.owner) : fileHit(item, source.owner));
    seen += page.value.length;
    if (source.kind === 'mailbox' && seen >= SEARCH_CAP) break;
  }
  return { hits, capped: source.kind === 'mailbox' && seen >= SEARCH_CAP, pages };
}

/**
 * GETs in one $batch. A 404 (a user without a OneDrive or mailbox) is an empty result; 429 and 5xx
 * sub-responses are sent again after the longest Retry-After among them, and a 429 tells the limiter.
 */
async function batchFirstPages(search: GraphSearch, sources: readonly Source[], signal: AbortSignal): Promise<(Page | undefined)[]> {
  const results: (Page | undefined)[] = new Array(sources.length);
  let open = sources.map((_, i) => i);
  for (let attempt = 1; open.length; attempt++) {
    const responses = await search.batch(
      open.map((i) => ({ id: String(i), kind: sources[i]!.kind, url: sources[i]!.url, key: sources[i]!.key })),
    );
    const retry: number[] = [];
    let wait = 0;
    let throttled = false;
    for (const r of responses) {
      const i = Number(r.id);
      if (r.status >= 200 && r.status < 300) results[i] = r.body as Page;
      else if (r.status === 404) results[i] = undefined;
      else if (r.status === 429 || r.status >= 500) {
        retry.push(i);
        throttled ||= r.status === 429;
        const after = Number(Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1] ?? 0);
        wait = Math.max(wait, Number.isFinite(after) && after > 0 ? after * 1000 : 2 ** attempt * 100);
      } else {
        throw new Error(
          `Graph answered ${r.status} to a search request: ${r.body?.error?.code ?? ''} ${r.body?.error?.message ?? ''}`.trim(),
        );
      }
    }
    if (!retry.length) break;
    if (attempt >= MAX_ATTEMPTS) throw new Error(`Graph kept throttling ${retry.length} search requests; the search will resume from here`);
    search.throttled += retry.length;
    if (throttled) search.limiter.throttled(wait);
    await sleep(wait, signal);
    open = retry;
  }
  return results;
}

/**
 * Sources in batches of at most 20, as many as it takes to give every one of `slots` concurrent batches
 * the same share: fifty full batches over 16 slots would leave the fourth round almost empty, while
 * sixty-four batches of 15 or 16 keep every slot busy to the end (and Graph runs a batch's sub-requests
 * four at a time, so 16 takes as long as 13).
 */
export function evenBatches<T>(items: readonly T[], slots: number): T[][] {
  if (!items.length) return [];
  const needed = Math.ceil(items.length / BATCH_SIZE);
  const count = Math.min(items.length, Math.ceil(needed / slots) * slots);
  const batches: T[][] = [];
  for (let i = 0, start = 0; i < count; i++) {
    const size = Math.floor(items.length / count) + (i < items.length % count ? 1 : 0);
    batches.push(items.slice(start, start + size));
    start += size;
  }
  return batches;
}

/**
 * Collects finished sources and writes them together (one table transaction for up to 100 rows), at
 * least every 250 ms, without holding up the search. A failed write fails the search at its end; what
 * was not written is searched again when it resumes.
 */
class CheckpointBuffer {
  private waiting: { source: SourceDone; hits: Hit[] }[] = [];
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown;
  private timer?: NodeJS.Timeout | undefined;

  constructor(
    private readonly table: DiscoveryTable,
    private readonly caseId: string,
  ) {}

  add(finished: { source: SourceDone; hits: Hit[] }): void {
    this.waiting.push(finished);
    if (this.waiting.length >= 50) void this.write();
    else this.timer ??= setTimeout(() => void this.write(), 250);
  }

  private write(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    this.writing = this.writing.then(async () => {
      if (!batch.length || this.failure) return;
      try {
        await this.table.checkpoint(this.caseId, batch);
      } catch (error) {
        this.failure = error;
      }
    });
    return this.writing;
  }

  /** Writes what is left; throws if any write failed. */
  async flush(): Promise<void> {
    await this.write();
    if (this.failure) throw this.failure;
  }
}

function messageHit(m: FoundMessage, owner: string): Hit {
  const from = m.from?.emailAddress;
  return {
    kind: 'message',
    source: owner,
    id: String(m.id),
    title: String(m.subject ?? ''),
    date: String(m.receivedDateTime ?? ''),
    snippet: `${from?.name ?? from?.address ?? ''}: ${String(m.bodyPreview ?? '')}`.slice(0, 400),
    ...(m.webLink ? { webUrl: String(m.webLink) } : {}),
    ...(from?.address ? { from: String(from.address).toLowerCase() } : {}),
  };
}

function fileHit(f: FoundFile, owner: string): Hit {
  return {
    kind: 'file',
    source: owner,
    id: String(f.id),
    ...(f.parentReference?.driveId ? { driveId: String(f.parentReference.driveId) } : {}),
    title: String(f.name ?? ''),
    date: String(f.lastModifiedDateTime ?? ''),
    snippet: `${String(f.parentReference?.path ?? '').replace(/^\/drive\/root:?/, '') || '/'}/${String(f.name ?? '')}`.slice(0, 400),
    ...(f.webUrl ? { webUrl: String(f.webUrl) } : {}),
    ...(typeof f.size === 'number' ? { size: f.size } : {}),
  };
}
