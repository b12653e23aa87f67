import { EventEmitter } from 'node:events';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import { DomainError, kqlQuery, otherPeopleIdentifiers, searchIdentifiers, type Actor, type CaseId } from '../domain/index.js';
import type { Hit } from '../domain/hits.js';
import { GraphConcurrency } from '../graph/concurrency.js';
import type { DiscoveryTable } from './discovery-table.js';
import { SearchEngine, type SearchProgress } from './search-engine.js';

/**
 * Finding a requester's data for a case: runs (or resumes) the search, records it on the case's
 * timeline, and keeps the hits for review. Progress goes out as events with counts only, so the Teams
 * card can update in place.
 */

export interface DiscoveryEventMap {
  progress: [{ caseId: CaseId } & SearchProgress];
}

export class DiscoveryEvents extends EventEmitter<DiscoveryEventMap> {}

export interface SearchResult {
  caseId: CaseId;
  mailboxesSearched: number;
  drivesSearched: number;
  hits: Hit[];
  capped: number;
  durationMs: number;
  throttledRetries: number;
  requests: number;
  /** Of the requests, pages of /users. */
  userPages: number;
  /** Requests of the source that needed most. */
  mostPages: number;
}

export class DiscoveryService {
  readonly events = new DiscoveryEvents();
  /** Graph requests in flight for all of this process's searches: 4 per mailbox, one tenant-wide cap that adapts to 429s. */
  readonly limiter: GraphConcurrency;
  private readonly running = new Map<CaseId, Promise<SearchResult>>();

  constructor(
    private readonly deps: {
      graph: Client;
      table: DiscoveryTable;
      cases: CaseService;
      /** The tenant-wide cap on requests in flight (DEFAULT_TENANT_CONCURRENCY unless given). */
      concurrency?: number;
      batch?: boolean;
      companyDomain: string;
      now?: () => Date;
    },
  ) {
    this.limiter = new GraphConcurrency(deps.concurrency ? { tenantCap: deps.concurrency } : {});
  }

  /** Runs the case's search to the end, resuming a run that was interrupted; one run per case at a time here. */
  search(caseId: CaseId, actor: Actor, options: { signal?: AbortSignal; fresh?: boolean } = {}): Promise<SearchResult> {
    const running = this.running.get(caseId);
    if (running !== undefined) return running;
    const work = this.runSearch(caseId, actor, options).finally(() => this.running.delete(caseId));
    this.running.set(caseId, work);
    return work;
  }

  private async runSearch(
    caseId: CaseId,
    actor: Actor,
    { signal, fresh = false }: { signal?: AbortSignal; fresh?: boolean },
  ): Promise<SearchResult> {
    const { table, cases } = this.deps;
    const now = () => this.deps.now?.() ?? new Date();
    const c = await cases.get(caseId);
    const identifiers = searchIdentifiers(c);
    if (!identifiers.length)
      throw new DomainError('invalid_input', `${caseId} has no e-mail address, name or phone number to search for; add one first`).saying(
        `${caseId} har ingen e-mailadresse, navn eller telefonnummer at søge efter; tilføj et først.`,
      );
    const query = kqlQuery(identifiers);
    let run = await table.run(caseId);
    // A finished run, or one for other identifiers, starts over; an interrupted one resumes.
    if (fresh || run?.state === 'done' || (run && run.query !== query)) {
      await table.reset(caseId);
      run = undefined;
    }
    const started = performance.now();
    const base = run ?? {
      state: 'running' as const,
      startedAt: now().toISOString(),
      query,
      identifiers: identifiers.length,
      mailboxesTotal: 0,
      drivesTotal: 0,
      throttledRetries: 0,
      durationMs: 0,
    };
    await table.saveRun(caseId, base);
    const engine = new SearchEngine(this.deps.graph, this.limiter);
    const outcome = await engine.run({
      caseId,
      query,
      table,
      ...(this.deps.batch ? { batch: true } : {}),
      ...(signal ? { signal } : {}),
      onProgress: (p) => this.events.emit('progress', { caseId, ...p }),
    });
    const durationMs = Math.round(base.durationMs + performance.now() - started);
    const throttledRetries = base.throttledRetries + outcome.throttledRetries;
    await table.saveRun(caseId, {
      ...base,
      state: 'done',
      finishedAt: now().toISOString(),
      mailboxesTotal: outcome.mailboxesTotal,
      drivesTotal: outcome.drivesTotal,
      throttledRetries,
      durationMs,
    });
    const hits = await table.hits(caseId);
    await cases.act(
      caseId,
      {
        type: 'record_search',
        search: {
          startedAt: base.startedAt,
          identifiers: identifiers.length,
          mailboxes: outcome.mailboxesDone,
          drives: outcome.drivesDone,
          hits: hits.length,
          capped: outcome.capped,
        },
      },
      actor,
    );
    return {
      caseId,
      mailboxesSearched: outcome.mailboxesDone,
      drivesSearched: outcome.drivesDone,
      hits,
      capped: outcome.capped,
      durationMs,
      throttledRetries,
      requests: outcome.requests,
      userPages: outcome.userPages,
      mostPages: outcome.mostPages,
    };
  }

  async progress(caseId: CaseId): Promise<(SearchProgress & { state: 'running' | 'done' }) | undefined> {
    const run = await this.deps.table.run(caseId);
    if (!run) return undefined;
    const done = [...(await this.deps.table.sourcesDone(caseId)).values()];
    return {
      state: run.state,
      mailboxesDone: done.filter((s) => s.kind === 'mailbox').length,
      mailboxesTotal: run.mailboxesTotal || done.filter((s) => s.kind === 'mailbox').length,
      drivesDone: done.filter((s) => s.kind === 'drive').length,
      drivesTotal: run.drivesTotal || done.filter((s) => s.kind === 'drive').length,
      hits: done.reduce((n, s) => n + s.hits, 0),
      capped: done.filter((s) => s.capped).length,
    };
  }

  hits(caseId: CaseId): Promise<Hit[]> {
    return this.deps.table.hits(caseId);
  }

  /**
   * Other people's e-mail addresses and phone numbers in the included items (title and excerpt), to be
   * redacted in the copy (Art. 15(4)); what counts as the data subject's own is in src/domain/other-people.ts.
   */
  async thirdPartyIdentifiers(caseId: CaseId): Promise<string[]> {
    const c = await this.deps.cases.get(caseId);
    const included = (await this.hits(caseId)).filter((hit) => hit.include !== false);
    return otherPeopleIdentifiers({
      c,
      texts: included.map((hit) => `${hit.title} ${hit.snippet}`),
      companyDomain: this.deps.companyDomain,
    });
  }

  /** Include or exclude a hit in the answer; excluding needs a reason (it goes in the letter). */
  async review(
    caseId: CaseId,
    hit: Pick<Hit, 'source' | 'id'>,
    decision: { include: boolean; reason?: string },
    actor: Actor,
  ): Promise<void> {
    const reason = decision.reason?.trim();
    if (!decision.include && !reason)
      throw new DomainError('invalid_input', 'a reason is required to exclude an item').saying('Skriv hvorfor emnet udelades.');
    await this.deps.table.review(caseId, hit, {
      include: decision.include,
      ...(reason ? { reason } : {}),
      reviewedBy: actor.name ?? actor.id,
      reviewedAt: (this.deps.now?.() ?? new Date()).toISOString(),
    });
  }
}
