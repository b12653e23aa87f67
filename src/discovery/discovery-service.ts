import { EventEmitter } from 'node:events';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import {
  DomainError,
  answerLanguage,
  kqlQuery,
  otherPeopleIdentifiers,
  searchIdentifiers,
  type Actor,
  type Case,
  type CaseId,
} from '../domain/index.js';
import {
  ALL_SOURCE_KINDS,
  HIT_KIND_SOURCE,
  SOURCE_HIT_KIND,
  searchFinds,
  summarizeSources,
  type Hit,
  type HitKind,
  type SourceKind,
  type SourceSummary,
} from '../domain/hits.js';
import { isGraphNotFound } from '../graph/errors.js';
import { fetchMessage } from '../graph/mail.js';
import { GraphConcurrency } from '../graph/concurrency.js';
import { hitKey, type DiscoveryTable, type RedactionTarget } from './discovery-table.js';
import { decisionFor, RedactionReview, type ItemRedactions } from './redaction-review.js';
import type { RedactionDecision } from '../domain/redaction/detect.js';
import { directoryNames } from '../graph/directory.js';
import { SearchEngine, type SearchProgress } from './search-engine.js';
import type { Logger } from '../logging/logger.js';
import { errorText } from '../platform/error-text.js';

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
  /** Per hit kind: sources searched, failed, and why not searched (the `dsar search --json` contract). */
  sources: SourceSummary;
  /** Places that were the same item as another (kept once, with all places in `foundIn`). */
  duplicatesSkipped: number;
  /** Items left out as answer packages or the case's own correspondence. */
  ownSkipped: number;
  /** Per source kind: requests and elapsed milliseconds of this run (for bench:discovery). */
  perKind: Partial<Record<SourceKind, { requests: number; ms: number; mostPages: number }>>;
}

/** What the DPO can ask of a search. */
export interface SearchChoice {
  signal?: AbortSignal;
  fresh?: boolean;
  /** The source kinds to search; all when absent or empty. */
  kinds?: readonly SourceKind[];
}

/** How long the review keeps the directory's names (a colleague who joins shows up within this). */
const STAFF_TTL_MS = 5 * 60_000;

export class DiscoveryService {
  readonly events = new DiscoveryEvents();
  /** Graph requests in flight for all of this process's searches: 4 per mailbox, one tenant-wide cap that adapts to 429s. */
  readonly limiter: GraphConcurrency;
  private readonly running = new Map<CaseId, Promise<SearchResult>>();
  private staff: { at: number; names: Promise<string[]> } | undefined;

  constructor(
    private readonly deps: {
      graph: Client;
      table: DiscoveryTable;
      cases: CaseService;
      /** The tenant-wide cap on requests in flight (DEFAULT_TENANT_CONCURRENCY unless given). */
      concurrency?: number;
      batch?: boolean;
      companyDomain: string;
      /** Microsoft Search region for the site search (EUR unless given). */
      searchRegion?: string;
      teamsExportModel?: 'A' | 'B' | 'evaluation';
      now?: () => Date;
      logger?: Logger;
    },
  ) {
    this.limiter = new GraphConcurrency(deps.concurrency ? { tenantCap: deps.concurrency } : {});
  }

  /** Runs the case's search to the end, resuming a run that was interrupted; one run per case at a time here. */
  search(caseId: CaseId, actor: Actor, options: SearchChoice = {}): Promise<SearchResult> {
    const running = this.running.get(caseId);
    if (running !== undefined) return running;
    const work = this.runSearch(caseId, actor, options).finally(() => this.running.delete(caseId));
    this.running.set(caseId, work);
    return work;
  }

  private async runSearch(caseId: CaseId, actor: Actor, { signal, fresh = false, kinds: asked }: SearchChoice): Promise<SearchResult> {
    const { table, cases } = this.deps;
    const now = () => this.deps.now?.() ?? new Date();
    const c = await cases.get(caseId);
    const identifiers = searchIdentifiers(c);
    if (!identifiers.length)
      throw new DomainError('invalid_input', `${caseId} has no e-mail address, name or phone number to search for; add one first`).saying(
        `${caseId} har ingen e-mailadresse, navn eller telefonnummer at søge efter; tilføj et først.`,
      );
    const query = kqlQuery(identifiers);
    const kinds = ALL_SOURCE_KINDS.filter((k) => !asked?.length || asked.includes(k));
    let run = await table.run(caseId);
    // Runs before the choice of sources searched mailboxes and OneDrives.
    const sameKinds = (run?.kinds ?? ['mailbox', 'drive']).join() === kinds.join();
    // A finished run, or one for other identifiers or sources, starts over; an interrupted one resumes.
    if (fresh || run?.state === 'done' || (run && (run.query !== query || !sameKinds))) {
      await table.reset(caseId);
      // Items of sources this run does not search go: the package must hold only what the record says was searched.
      if (!sameKinds) await table.dropPlaces(caseId, (h) => !searchFinds(kinds, h.kind));
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
      kinds,
    };
    await table.saveRun(caseId, base);
    const exclude = await this.ownItems(c);
    const engine = new SearchEngine(this.deps.graph, this.limiter);
    // The totals are written once they are known, so a card drawn elsewhere meanwhile shows "3/15", not "3/3".
    let totalsSaved: Promise<void> | undefined;
    const saveTotals = (p: SearchProgress) =>
      table.saveRun(caseId, {
        ...base,
        mailboxesTotal: p.mailboxesTotal,
        drivesTotal: p.drivesTotal,
        totals: Object.fromEntries(Object.entries(p.sources ?? {}).map(([k, v]) => [HIT_KIND_SOURCE[k as HitKind], v!.total])),
      });
    const outcome = await engine.run({
      caseId,
      query,
      identifiers,
      kinds,
      ...(this.deps.searchRegion ? { region: this.deps.searchRegion } : {}),
      ...(this.deps.teamsExportModel ? { teamsModel: this.deps.teamsExportModel } : {}),
      exclude,
      table,
      ...(this.deps.batch ? { batch: true } : {}),
      ...(signal ? { signal } : {}),
      onProgress: (p) => {
        // Only the progress shown elsewhere depends on it: a failed write is logged, the search goes on.
        totalsSaved ??= saveTotals(p).catch((error: unknown) =>
          this.deps.logger?.warn({ caseId, err: errorText(error) }, 'discovery: could not save the search totals'),
        );
        this.events.emit('progress', { caseId, ...p });
      },
    });
    await totalsSaved;
    const durationMs = Math.round(base.durationMs + performance.now() - started);
    const throttledRetries = base.throttledRetries + outcome.throttledRetries;
    const done = [...(await table.sourcesDone(caseId)).values()].filter((s) => kinds.includes(s.kind));
    const sources = summarizeSources(kinds, done);
    const ownSkipped = done.reduce((n, s) => n + (s.excluded ?? 0), 0);
    const { hits, duplicates: duplicatesSkipped } = await table.grouped(caseId);
    await table.saveRun(caseId, {
      ...base,
      state: 'done',
      finishedAt: now().toISOString(),
      mailboxesTotal: outcome.mailboxesTotal,
      drivesTotal: outcome.drivesTotal,
      throttledRetries,
      durationMs,
      totals: outcome.totals,
      duplicatesSkipped,
      ownSkipped,
    });
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
          sources,
          duplicates: duplicatesSkipped,
          finishedAt: now().toISOString(),
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
      sources,
      duplicatesSkipped,
      ownSkipped,
      perKind: outcome.perKind,
    };
  }

  /**
   * What a search never keeps: answer packages (DSAR/<case id>/ folders, this case's or another's) and the
   * case's own correspondence (the request's thread, its drafts and replies: the case keeps those itself).
   * The thread is known by the conversation of the messages the request arrived in.
   */
  private async ownItems(c: Case): Promise<(hit: Hit) => boolean> {
    const messageIds = new Set(c.sourceMessages.flatMap((m) => (m.internetMessageId ? [`msg:${m.internetMessageId.toLowerCase()}`] : [])));
    const conversations = new Set<string>();
    await Promise.all(
      c.sourceMessages.map(async (m) => {
        if (!m.graphId || !m.mailbox) return;
        // A request gone from the mailbox has no thread left to leave out; any other failure stops the search
        // rather than let the case's own correspondence into the copy.
        const message = await fetchMessage(this.deps.graph, m.mailbox, m.graphId).catch((error: unknown) => {
          if (isGraphNotFound(error)) return undefined;
          throw error;
        });
        if (message?.conversationId) conversations.add(message.conversationId);
        if (message?.internetMessageId) messageIds.add(`msg:${message.internetMessageId.toLowerCase()}`);
      }),
    );
    return (hit) => {
      if (hit.kind === 'message')
        return (
          (hit.dedupeKey !== undefined && messageIds.has(hit.dedupeKey)) ||
          (hit.conversationId !== undefined && conversations.has(hit.conversationId))
        );
      if (hit.kind === 'file' || hit.kind === 'siteFile') return isAnswerPackage(hit);
      return false;
    };
  }

  /** The last run's per-source summary, for the card and `dsar search --json` without searching again. */
  async sourceSummary(caseId: CaseId): Promise<SourceSummary | undefined> {
    const run = await this.deps.table.run(caseId);
    if (!run) return undefined;
    const kinds = run.kinds ?? ['mailbox', 'drive'];
    return summarizeSources(
      kinds,
      [...(await this.deps.table.sourcesDone(caseId)).values()].filter((s) => kinds.includes(s.kind)),
    );
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
      // Runs that chose their sources say how far each kind has got (the card lists them).
      ...(run.kinds
        ? {
            sources: Object.fromEntries(
              run.kinds.map((k) => [
                SOURCE_HIT_KIND[k],
                { done: done.filter((s) => s.kind === k).length, total: run.totals?.[k] ?? done.filter((s) => s.kind === k).length },
              ]),
            ),
          }
        : {}),
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

  /**
   * The directory's names for the review, read at most every few minutes: each click on the review card
   * renders it again, and a large tenant's directory is many pages. The package reads it afresh.
   */
  private staffNames(): Promise<string[]> {
    const now = Date.now();
    if (!this.staff || now - this.staff.at > STAFF_TTL_MS) {
      const names = directoryNames(this.deps.graph);
      this.staff = { at: now, names };
      // A failed read is not kept: the next render asks again.
      names.catch(() => {
        if (this.staff?.names === names) this.staff = undefined;
      });
    }
    return this.staff.names;
  }

  /**
   * The redactions proposed in every included item (Art. 15(4)) from its full text, with the decision that
   * holds for each (the latest on the proposal or on its person; redact when none), for the DPO's review.
   */
  async redactions(caseId: CaseId): Promise<ItemRedactions[]> {
    const c = await this.deps.cases.get(caseId);
    const hits = await this.hits(caseId);
    const reviewed = hits.some((h) => h.include !== undefined);
    const included = hits.filter((h) => (reviewed ? h.include !== false : true));
    const lang = answerLanguage(c.language) === 'da' ? 'da' : 'en';
    const review = new RedactionReview({ graph: this.deps.graph, table: this.deps.table, companyDomain: this.deps.companyDomain });
    const [decisions, staff] = await Promise.all([this.deps.table.decisions(caseId), this.staffNames()]);
    const items: ItemRedactions[] = [];
    for (const hit of included) {
      const key = hitKey(hit);
      const found = await review.item(c, hit, staff, lang);
      items.push({
        hitKey: key,
        title: hit.title,
        kind: hit.kind,
        ...(found.unreadable.length ? { unreadable: true, unreadableParts: found.unreadable } : {}),
        proposals: found.proposals.map((p) => ({ ...p, ...decisionFor(decisions, key, p) })),
      });
    }
    return items;
  }

  /** Keep or redact one proposed value, or everything of one other person in every item. */
  async decideRedaction(caseId: CaseId, target: RedactionTarget, decision: RedactionDecision, actor: Actor): Promise<void> {
    await this.deps.cases.get(caseId);
    await this.deps.table.saveDecision(caseId, {
      target,
      decision,
      decidedBy: actor.name ?? actor.id,
      decidedAt: (this.deps.now?.() ?? new Date()).toISOString(),
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

/** An answer package's folder: DSAR/<case id>/ in a path or a link, however encoded. */
const PACKAGE_FOLDER = /(^|\/)DSAR\/DSAR-\d{4}-\d+(\/|$)/i;

export function isAnswerPackage(hit: Pick<Hit, 'snippet' | 'webUrl'>): boolean {
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return PACKAGE_FOLDER.test(decode(hit.snippet.split(' — ')[0] ?? '')) || PACKAGE_FOLDER.test(decode(hit.webUrl ?? ''));
}
