import type { Client } from '@microsoft/microsoft-graph-client';
import pLimit from 'p-limit';
import { deadlineEvent, legalDate, type Case, type CalendarLang, type DeadlineEvent } from '../domain/index.js';
import { createAllDayEvent, deleteEvent, updateAllDayEvent } from '../graph/calendar.js';
import type { Logger } from '../logging/logger.js';
import { errorText } from '../platform/error-text.js';
import type { Feature } from '../platform/feature.js';
import type { CalendarColumns, CalendarRow, CalendarTable } from './calendar-table.js';

/**
 * Deadlines in Outlook (DSAR_CALENDAR_MAILBOX): each case waiting for its answer has one all-day event on
 * its effective deadline; the event moves when the deadline (or what it shows) changes and goes when the
 * case is answered, closed or dismissed. Every case change syncs that case at once; a periodic pass
 * repairs whatever a crash, an outage or a change made elsewhere (the CLI) left behind.
 *
 * Exactly one event per case across instances: an instance takes a short lease on the case's row before
 * it talks to Graph and writes the outcome back under that lease's ETag; an event is created with a
 * transactionId fixed in the row before the POST, so a create retried after a crash returns the same event.
 * After each write it reads the case again and goes on until the calendar shows what the case says.
 */

type Facts = Pick<Case, 'id' | 'status' | 'receivedAt' | 'pauses' | 'extension' | 'rights'>;

export interface CalendarCases {
  /** The case's current facts; undefined when it is gone (deleted by retention). */
  facts(id: string): Promise<Facts | undefined>;
  /** Every open case's facts, from the open-case index. */
  open(): AsyncIterable<Facts>;
}

export interface CalendarSyncDeps {
  table: CalendarTable;
  graph: Client;
  mailbox: string;
  lang: CalendarLang;
  cases: CalendarCases;
  logger: Logger;
  everyMs: number;
  now?: () => Date;
  /** A pass that could not bring every case in step (Graph refused or failed): for a person to see. */
  onFailure?: (failure: { failed: number; reason: string }) => void;
}

export type SyncOutcome = 'created' | 'moved' | 'removed' | 'unchanged' | 'busy';

const LEASE_MS = 60_000;
const DONE = { create: 'created', move: 'moved', remove: 'removed' } as const;
const MAX_ROUNDS = 5;
/** Outlook allows 4 concurrent requests per mailbox, and every event lives in one mailbox. */
const MAILBOX_CONCURRENCY = 4;

export const transactionIdOf = (caseId: string, generation: number) => `dsar-${caseId}-${generation}`;

export class CalendarSync {
  private readonly now: () => Date;
  private readonly limit = pLimit(MAILBOX_CONCURRENCY);
  /** Syncs started by case changes, so stopping the app lets them finish. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: CalendarSyncDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  private want(facts: Facts | undefined): DeadlineEvent | undefined {
    return facts && deadlineEvent(facts, legalDate(this.now().toISOString()), this.deps.lang);
  }

  /** Brings one case's event in step with the case; `facts` (when the caller has them) saves the first read. */
  async sync(caseId: string, facts?: Facts): Promise<SyncOutcome> {
    const { table } = this.deps;
    let outcome: SyncOutcome = 'unchanged';
    let known = facts;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const row = await table.get(caseId);
      const now = this.now();
      if (row?.leaseUntil && Date.parse(row.leaseUntil) > now.getTime()) return outcome === 'unchanged' ? 'busy' : outcome;
      const current = known ?? (await this.deps.cases.facts(caseId));
      known = undefined;
      const want = this.want(current);
      const inStep = want ? row?.state === 'synced' && row.fingerprint === want.fingerprint : !row || row.state === 'removed';
      if (inStep) return outcome;
      const plan = planFor(row, want);
      const lease: CalendarColumns = { ...plan.claim, at: now.toISOString(), leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() };
      const etag = row ? await table.replace(caseId, lease, row.etag) : await table.insert(caseId, lease);
      if (!etag) continue;
      let result: CalendarColumns;
      try {
        result = await this.act(caseId, lease, want);
      } catch (error) {
        // Leave the row as it was before the lease, so the next attempt starts from what is true.
        await table.replace(caseId, { ...plan.claim, at: now.toISOString() }, etag).catch(() => undefined);
        throw error;
      }
      // Our lease ran out and another instance took the case over: what it writes stands; look again.
      if (!(await table.replace(caseId, result, etag))) continue;
      if (result.state !== 'creating') outcome = outcome === 'created' && plan.kind === 'move' ? 'created' : DONE[plan.kind];
    }
    return outcome;
  }

  /** Under the lease: what Graph is asked to do, and the row that records it. */
  private async act(caseId: string, claim: CalendarColumns, want: DeadlineEvent | undefined): Promise<CalendarColumns> {
    const { graph, mailbox } = this.deps;
    const at = this.now().toISOString();
    const base = { generation: claim.generation, at };
    if (!want) {
      // A create a crash interrupted may have made an event we do not know the id of: the same transactionId finds it.
      const eventId =
        claim.eventId ??
        (claim.state === 'creating'
          ? await createAllDayEvent(
              graph,
              mailbox,
              { date: at.slice(0, 10), subject: '', body: '' },
              transactionIdOf(caseId, claim.generation),
            )
          : undefined);
      if (eventId) await deleteEvent(graph, mailbox, eventId);
      return { state: 'removed', ...base };
    }
    if (claim.state === 'synced' && claim.eventId) {
      if (await updateAllDayEvent(graph, mailbox, claim.eventId, want)) {
        return { state: 'synced', ...base, eventId: claim.eventId, fingerprint: want.fingerprint };
      }
      // Deleted in Outlook: a new event, under a new transactionId (the old one would return the deleted event).
      return { state: 'creating', generation: claim.generation + 1, at };
    }
    const eventId = await createAllDayEvent(graph, mailbox, want, transactionIdOf(caseId, claim.generation));
    // A create retried after a crash may return an event made with older content: bring it in step. Gone
    // already (deleted in Outlook meanwhile): a new one under the next generation, never a row without an event.
    if (!(await updateAllDayEvent(graph, mailbox, eventId, want))) return { state: 'creating', generation: claim.generation + 1, at };
    return { state: 'synced', ...base, eventId, fingerprint: want.fingerprint };
  }

  /** One pass over every open case and every row: what is out of step is synced, four at a time. */
  async pass(): Promise<{ checked: number; changed: number; failed: number }> {
    const rows = new Map((await this.deps.table.list()).map((r) => [r.caseId, r]));
    const work: { id: string; facts?: Facts }[] = [];
    const seen = new Set<string>();
    for await (const facts of this.deps.cases.open()) {
      seen.add(facts.id);
      const want = this.want(facts);
      const row = rows.get(facts.id);
      if (!inStep(row, want)) work.push({ id: facts.id, facts });
    }
    // Rows of cases the index no longer lists (closed, dismissed, deleted), unless already removed.
    for (const row of rows.values()) if (!seen.has(row.caseId) && row.state !== 'removed') work.push({ id: row.caseId });
    let changed = 0;
    let failed = 0;
    let reason = '';
    await Promise.all(
      work.map(({ id, facts }) =>
        this.limit(async () => {
          try {
            const outcome = await this.sync(id, facts);
            if (outcome !== 'unchanged' && outcome !== 'busy') changed++;
          } catch (error) {
            failed++;
            reason ||= errorText(error, { firstLine: true });
          }
        }),
      ),
    );
    if (failed) {
      this.deps.logger.error({ failed, err: reason }, 'calendar: cases not in step with the calendar');
      this.deps.onFailure?.({ failed, reason });
    } else if (changed) this.deps.logger.info({ changed }, 'calendar: events brought in step');
    return { checked: seen.size + rows.size, changed, failed };
  }

  /** A case changed: sync it now (the pass retries whatever fails). */
  changed(c: Facts): void {
    const running = this.limit(() => this.sync(c.id, c))
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: errorText(error, { firstLine: true }) }, 'calendar: event sync failed; the next pass retries it'),
      )
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** Resolves when the syncs started by changes so far have ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  feature(): Feature {
    return {
      name: 'calendar',
      jobs: [{ name: 'calendar-sync', everyMs: this.deps.everyMs, maxRunMs: 10 * 60_000, run: async () => void (await this.pass()) }],
      stop: () => this.settled(),
    };
  }
}

/** The calendar shows what the case says: its event as wanted, or no event when none is. */
const inStep = (row: CalendarRow | undefined, want: DeadlineEvent | undefined): boolean =>
  want ? row?.state === 'synced' && row.fingerprint === want.fingerprint : !row || row.state === 'removed';

/** What a row must become (under a lease) for the case to have the event it should. */
function planFor(
  row: CalendarRow | undefined,
  want: DeadlineEvent | undefined,
): { kind: 'create' | 'move' | 'remove'; claim: CalendarColumns } {
  const at = row?.at ?? '';
  if (!want) return { kind: 'remove', claim: strip(row, at) };
  if (row?.state === 'synced' && row.eventId) return { kind: 'move', claim: strip(row, at) };
  // The transactionId is fixed here, before any POST: a crashed create is finished under the same one.
  const generation = row?.state === 'creating' ? row.generation : (row?.generation ?? 0) + 1;
  return { kind: 'create', claim: { state: 'creating', generation, at } };
}

function strip(row: CalendarRow | undefined, at: string): CalendarColumns {
  if (!row) return { state: 'removed', generation: 0, at };
  return {
    state: row.state,
    generation: row.generation,
    at,
    ...(row.eventId ? { eventId: row.eventId } : {}),
    ...(row.fingerprint ? { fingerprint: row.fingerprint } : {}),
  };
}
