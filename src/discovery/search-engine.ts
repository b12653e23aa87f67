import type { Client } from '@microsoft/microsoft-graph-client';
import { identifierMatcher, type IdentifierMatcher, type SearchIdentifier } from '../domain/index.js';
import { ALL_SOURCE_KINDS, SOURCE_HIT_KIND, type Hit, type SearchCounts, type SourceDone, type SourceKind } from '../domain/hits.js';
import { GraphConcurrency } from '../graph/concurrency.js';
import { isGraphNotFound } from '../graph/errors.js';
import {
  sourceRequests,
  SITE_PAGE_SIZE,
  type FoundChatMessage,
  type FoundContact,
  type FoundEvent,
  type FoundInteraction,
  type SiteSearchResponse,
  type SourceRequest,
  type TeamsExportModel,
} from '../graph/source-requests.js';
import { chatHit, contactHit, copilotHit, eventHit, fileHit, messageHit, siteHit } from './found-hits.js';
import { refusalOf, type Refusal } from './source-refusals.js';
import { GraphSearch, searchRequests, type SearchPage, type SearchRequest, type SearchUser } from '../graph/search.js';
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
  /** KQL for $search, drive search and the site search. */
  query: string;
  /** What the sources read whole (chats, channels, calendars, contacts, Copilot) are matched against. */
  identifiers: readonly SearchIdentifier[];
  /** The source kinds to search (all when absent). */
  kinds?: readonly SourceKind[];
  /** The tenant's Microsoft Search region (app-only site search needs it): EUR, NAM, APC … */
  region?: string;
  /** The Teams export APIs' payment model. */
  teamsModel?: TeamsExportModel;
  /** Items never to keep (answer packages, the case's own correspondence); counted as excluded. */
  exclude?: (hit: Hit) => boolean;
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
  /** Sources of each kind searched or to search (users, teams, 1 for the site search). */
  totals: Partial<Record<SourceKind, number>>;
  /** Per source kind: requests sent and milliseconds from its first request to its last answer. */
  perKind: Partial<Record<SourceKind, { requests: number; ms: number; mostPages: number }>>;
}

interface Source {
  kind: SourceKind;
  url: string;
  body?: unknown;
  key: string;
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
    const kinds = new Set(o.kinds?.length ? o.kinds : ALL_SOURCE_KINDS);
    const perUser = (['mailbox', 'drive', 'chats', 'calendar', 'contacts', 'copilot'] as const).some((k) => kinds.has(k));
    const [users, teams] = await Promise.all([
      perUser ? search.users() : Promise.resolve([] as SearchUser[]),
      kinds.has('channels') ? teamsOrRefusal(search) : Promise.resolve<TeamsFound>({ teams: [] }),
    ]);
    const requests = searchRequests(o.query);
    const more = sourceRequests({ query: o.query, region: o.region ?? 'EUR', teamsModel: o.teamsModel ?? 'B' });
    const matcher = identifierMatcher(o.identifiers);
    const user = (r: SourceRequest | SearchRequest, u: SearchUser): Source => ({ ...r, owner: u.userPrincipalName, userId: u.id });
    const all: Source[] = [
      ...(kinds.has('mailbox') ? users.map((u) => user(requests.mailbox(u.id), u)) : []),
      ...(kinds.has('drive') ? users.map((u) => user(requests.drive(u.id), u)) : []),
      ...(kinds.has('sites') ? [{ ...more.sites(0), owner: 'tenant', userId: '' }] : []),
      ...(kinds.has('chats') ? users.map((u) => user(more.chats(u.id), u)) : []),
      ...teams.teams.map((t) => ({ ...more.channels(t.id), owner: t.id, userId: '' })),
      ...(kinds.has('calendar') ? users.map((u) => user(more.calendar(u.id), u)) : []),
      ...(kinds.has('contacts') ? users.map((u) => user(more.contacts(u.id), u)) : []),
      ...(kinds.has('copilot') ? users.map((u) => user(more.copilot(u.id), u)) : []),
    ];
    const totals: Partial<Record<SourceKind, number>> = {};
    for (const k of kinds) totals[k] = all.filter((s) => s.kind === k).length;
    const done = await o.table.sourcesDone(o.caseId);
    const progress: SearchProgress = {
      mailboxesDone: 0,
      mailboxesTotal: kinds.has('mailbox') ? users.length : 0,
      drivesDone: 0,
      drivesTotal: kinds.has('drive') ? users.length : 0,
      hits: 0,
      capped: 0,
      sources: Object.fromEntries([...kinds].map((k) => [SOURCE_HIT_KIND[k], { done: 0, total: totals[k] ?? 0 }])),
    };
    const count = (s: SourceDone) => {
      if (s.kind === 'mailbox') progress.mailboxesDone++;
      else if (s.kind === 'drive') progress.drivesDone++;
      const entry = progress.sources?.[SOURCE_HIT_KIND[s.kind]];
      if (entry) entry.done++;
      progress.hits += s.hits;
      if (s.capped) progress.capped++;
    };
    for (const s of done.values()) if (kinds.has(s.kind)) count(s);
    const pending = all.filter((s) => !done.has(`${s.kind}|${s.owner}`));
    o.onProgress?.(copy(progress));

    const checkpoint = new CheckpointBuffer(o.table, o.caseId);
    // The teams list itself refused (no Team.ReadBasic.All, export not enabled): every channel source is skipped.
    if (teams.refusal) {
      const record: SourceDone = { kind: 'channels', owner: 'tenant', hits: 0, capped: false, skipped: teams.refusal.reason };
      checkpoint.add({ source: record, hits: [] });
      count(record);
    }
    // A refusal that holds for the whole tenant (Teams export not enabled) skips the kind's other sources unasked.
    const refusedKinds = new Map<SourceKind, Refusal>();
    // Per kind: requests (one per page; retries count apart, in throttledRetries) and first request to last answer.
    const spans = new Map<SourceKind, { requests: number; first: number; last: number; mostPages: number }>();
    const span = (kind: SourceKind, from: number, requests = 0) => {
      const s = spans.get(kind) ?? { requests: 0, first: from, last: from, mostPages: 0 };
      spans.set(kind, {
        requests: s.requests + requests,
        first: Math.min(s.first, from),
        last: Math.max(s.last, performance.now()),
        // One source's pages, one after another (a recorded source's requests are its pages).
        mostPages: Math.max(s.mostPages, requests),
      });
    };
    const timed = <T>(kind: SourceKind, work: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      return work().finally(() => span(kind, t0));
    };
    let mostPages = 0;
    const record = (source: Source, items: Found) => {
      const kept = o.exclude ? items.hits.filter((h) => !o.exclude!(h)) : items.hits;
      mostPages = Math.max(mostPages, items.pages);
      span(source.kind, performance.now(), items.pages);
      const r: SourceDone = {
        kind: source.kind,
        owner: source.owner,
        hits: kept.length,
        capped: items.capped,
        ...(items.skipped ? { skipped: items.skipped } : {}),
        ...(kept.length < items.hits.length ? { excluded: items.hits.length - kept.length } : {}),
      };
      checkpoint.add({ source: r, hits: kept });
      count(r);
      o.onProgress?.(copy(progress));
    };
    const finish = async (source: Source, first: Page | undefined) => {
      signal.throwIfAborted();
      record(source, first ? await follow(search, first, source, signal) : { hits: [], capped: false, pages: 1 });
    };
    const read = async (source: Source) => {
      const refused = refusedKinds.get(source.kind);
      if (refused) return record(source, { hits: [], capped: false, pages: 0, skipped: refused.reason });
      try {
        record(source, await timed(source.kind, () => readWhole(search, source, matcher, signal)));
      } catch (error) {
        // Stopped because another source failed (or the caller stopped it): not this source's refusal.
        if (signal.aborted) throw error;
        if (isGraphNotFound(error) && source.kind !== 'copilot') return record(source, { hits: [], capped: false, pages: 1 });
        const refusal = refusalOf(source.kind, error);
        if (!refusal) throw error;
        if (refusal.tenantWide) refusedKinds.set(source.kind, refusal);
        record(source, { hits: [], capped: false, pages: 1, skipped: refusal.reason });
      }
    };
    const stopOnFailure = (work: Promise<void>) =>
      work.catch((error: unknown) => {
        stop.abort(error);
        throw error;
      });
    const searched = pending.filter((s) => s.kind === 'mailbox' || s.kind === 'drive');
    const whole = pending.filter((s) => s.kind !== 'mailbox' && s.kind !== 'drive');
    try {
      const wholeWork = whole.map((source) => stopOnFailure(read(source)));
      if (o.batch) {
        // As many batches as there are tenant-wide slots, each of one slot and its sources' mailboxes.
        const chunks = evenBatches(searched, this.limiter.limit);
        await Promise.all([
          ...wholeWork,
          ...chunks.map((chunk) =>
            stopOnFailure(
              (async () => {
                const firstPages = await batchFirstPages(search, chunk, signal);
                for (const [i, source] of chunk.entries()) await finish(source, firstPages[i]);
              })(),
            ),
          ),
        ]);
      } else {
        // Every source's requests wait in the limiter: its pages one after another, four at most per mailbox.
        await Promise.all([
          ...wholeWork,
          ...searched.map((source) => stopOnFailure(timed(source.kind, async () => finish(source, await firstPage(search, source))))),
        ]);
      }
    } finally {
      // Whatever finished is kept, also when the search stops part-way (a restart resumes after it).
      await checkpoint.flush();
    }
    return {
      ...progress,
      requests: search.requests,
      userPages: search.userPages,
      mostPages,
      throttledRetries: search.throttled,
      totals,
      perKind: Object.fromEntries(
        [...spans].map(([k, v]) => [k, { requests: v.requests, ms: Math.round(v.last - v.first), mostPages: v.mostPages }]),
      ),
    };
  }
}

const copy = (p: SearchProgress): SearchProgress => ({
  ...p,
  ...(p.sources ? { sources: Object.fromEntries(Object.entries(p.sources).map(([k, v]) => [k, { ...v! }])) } : {}),
});

interface Found {
  hits: Hit[];
  capped: boolean;
  pages: number;
  skipped?: string;
}

interface TeamsFound {
  teams: { id: string }[];
  refusal?: Refusal;
}

async function teamsOrRefusal(search: GraphSearch): Promise<TeamsFound> {
  try {
    return { teams: await search.teams() };
  } catch (error) {
    const refusal = refusalOf('channels', error);
    if (!refusal) throw error;
    return { teams: [], refusal };
  }
}

/**
 * A source Graph cannot search for us, read to the end and matched here: chats, a team's channels, a
 * calendar, contacts, Copilot interactions; or the site search, paged with from/size.
 */
async function readWhole(search: GraphSearch, source: Source, matcher: IdentifierMatcher, signal: AbortSignal): Promise<Found> {
  const hits: Hit[] = [];
  let pages = 0;
  if (source.kind === 'sites') {
    const body = source.body as { requests: { from: number }[] };
    for (let from = 0; ; from += SITE_PAGE_SIZE) {
      signal.throwIfAborted();
      const request = { requests: body.requests.map((r) => ({ ...r, from })) };
      const answer = await search.post<SiteSearchResponse>(source.url, request, source.key);
      pages++;
      const containers = (answer.value ?? []).flatMap((v) => v.hitsContainers ?? []);
      const found = containers.flatMap((c) => c.hits ?? []);
      for (const h of found) if (h.resource?.id) hits.push(siteHit(h.resource, h.summary));
      if (!found.length || !containers.some((c) => c.moreResultsAvailable)) break;
    }
    return { hits, capped: false, pages };
  }
  const headers: Record<string, string> = source.kind === 'calendar' ? { Prefer: 'outlook.body-content-type="text"' } : {};
  for await (const page of search.collection<unknown>(source.url, source.key, headers)) {
    pages++;
    for (const item of page.value) {
      const hit =
        source.kind === 'chats'
          ? chatHit(item as FoundChatMessage, source.owner, matcher, 'chatMessage')
          : source.kind === 'channels'
            ? chatHit(item as FoundChatMessage, source.owner, matcher, 'channelMessage')
            : source.kind === 'calendar'
              ? eventHit(item as FoundEvent, source.owner, matcher)
              : source.kind === 'contacts'
                ? contactHit(item as FoundContact, source.owner, matcher)
                : copilotHit(item as FoundInteraction, source.owner, matcher);
      if (hit) hits.push(hit);
    }
  }
  return { hits, capped: false, pages };
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
