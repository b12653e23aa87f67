import {
  caseStatistic,
  compareCaseIds,
  isDueForDeletion,
  parseInstantWithOffset,
  type CaseId,
  type CaseStatistic,
  type IsoDate,
} from '../domain/index.js';
import type { CaseRepository } from './ports.js';
import { errorText } from '../platform/error-text.js';

/**
 * The retention job (gdpr-rules §4): a closed or dismissed case is kept until its delete-after date
 * (closure + the retention period, fixed when it was closed) and deleted after it. What is personal goes
 * (the record, its audit trail, its source-message keys); an anonymous statistic stays for the yearly
 * figures. Running it again is harmless: a deleted case is no longer listed, and a purge that was
 * interrupted is finished because the case still is.
 */

/** Log lines carry case ids and dates only: never names, addresses, free text or message ids. */
export type RetentionLogFields =
  | { event: 'case_deleted'; caseId: CaseId; closedAt: string | null; deleteAfter: IsoDate | null; runAsOf: string }
  | { event: 'case_delete_failed'; caseId: CaseId; reason: string }
  | { event: 'retention_run'; runAsOf: string; dryRun: boolean; deleted: number; kept: number; failed: number };

/** What the job logs to: a pino Logger fits, and so does anything with these two methods. */
export interface RetentionLogger {
  info(fields: RetentionLogFields, message: string): void;
  warn(fields: RetentionLogFields, message: string): void;
}

export interface DeletedCase {
  id: CaseId;
  closedAt: string | null;
  deleteAfter: IsoDate | null;
}

export interface RetentionResult {
  /** The moment the run went by (ISO instant). */
  now: string;
  dryRun: boolean;
  /** Deleted by this run, or (dry run) that would be. */
  deleted: DeletedCase[];
  /** Closed (or dismissed) cases that stay: their period has not ended. Open cases are not counted. */
  kept: number;
  /** Cases due that could not be deleted this time (the next run tries again). */
  failed: { id: CaseId; reason: string }[];
}

const SILENT: RetentionLogger = { info: () => {}, warn: () => {} };

/** A failure's first line, short: store errors name rows and statuses, not the data in them. */
const reasonOf = (error: unknown) => errorText(error, { firstLine: true }).slice(0, 300);

export class RetentionService {
  private readonly repository: Pick<CaseRepository, 'closedCases' | 'get' | 'purge'>;
  private readonly log: RetentionLogger;

  constructor(options: { repository: Pick<CaseRepository, 'closedCases' | 'get' | 'purge'>; log?: RetentionLogger }) {
    this.repository = options.repository;
    this.log = options.log ?? SILENT;
  }

  /**
   * Deletes (or, dry run, lists) every case whose delete-after date has passed as of `now`. Reads the
   * closed cases' dates (one small row each, never an open case), then only the records of those due.
   */
  async run({ now, dryRun = false }: { now: string; dryRun?: boolean }): Promise<RetentionResult> {
    const runAsOf = parseInstantWithOffset(now, 'now').toString();
    const closed = await this.repository.closedCases();
    const candidates = closed
      .filter((c) => isDueForDeletion({ status: 'closed', deleteAfter: c.deleteAfter }, runAsOf))
      .sort((a, b) => compareCaseIds(a.id, b.id));
    const result: RetentionResult = { now: runAsOf, dryRun, deleted: [], kept: closed.length - candidates.length, failed: [] };
    for (const { id } of candidates) {
      try {
        // The record decides, not the row's copy of its date (they move in one transaction, but the record is the truth).
        const c = await this.repository.get(id);
        if (!c) continue; // deleted meanwhile by another run, which logged it
        if (!isDueForDeletion(c, runAsOf)) {
          result.kept++;
          continue;
        }
        const entry: DeletedCase = { id: c.id, closedAt: c.closedAt ?? null, deleteAfter: c.deleteAfter ?? null };
        if (dryRun) {
          result.deleted.push(entry);
          continue;
        }
        // false: another run deleted it meanwhile; it is gone either way and that run logged it.
        if (await this.repository.purge(c.id, caseStatistic(c, runAsOf))) {
          result.deleted.push(entry);
          this.log.info(
            { event: 'case_deleted', caseId: c.id, closedAt: entry.closedAt, deleteAfter: entry.deleteAfter, runAsOf },
            'case deleted: retention period ended',
          );
        }
      } catch (error) {
        const reason = reasonOf(error);
        result.failed.push({ id, reason });
        this.log.warn({ event: 'case_delete_failed', caseId: id, reason }, 'case not deleted; the next run tries again');
      }
    }
    this.log.info(
      { event: 'retention_run', runAsOf, dryRun, deleted: result.deleted.length, kept: result.kept, failed: result.failed.length },
      dryRun ? 'retention dry run: nothing deleted' : 'retention run finished',
    );
    return result;
  }
}

/**
 * Every case as a statistic as of `now`: live cases (converted with caseStatistic) and the rows kept for
 * deleted ones. A case id appears once; the live case wins (it cannot have both, but never count twice).
 * With `years`, only cases whose ids are of those years are read (year-keyed ranges, not every case).
 */
export async function collectStatistics(
  repository: Pick<CaseRepository, 'listAll' | 'listYears' | 'listStatistics'>,
  now: string,
  years?: readonly number[],
): Promise<CaseStatistic[]> {
  const [live, deleted] = await Promise.all([years ? repository.listYears(years) : repository.listAll(), repository.listStatistics(years)]);
  const stats = live.map((c) => caseStatistic(c, now));
  const ids = new Set(stats.map((s) => s.caseId));
  return [...stats, ...deleted.filter((s) => !ids.has(s.caseId))].sort((a, b) => compareCaseIds(a.caseId, b.caseId));
}
