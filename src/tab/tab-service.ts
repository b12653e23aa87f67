import type { CaseService } from '../app/case-service.js';
import {
  type Temporal,
  extensionBinds,
  isAwaitingAnswer,
  legalDate,
  nextCommands,
  buildReport,
  type Actor,
  type Case,
  type CaseCommand,
  type CaseId,
  type CaseEvent,
  type CaseStatistic,
  type NextCommand,
  type Report,
} from '../domain/index.js';
import { requestsPerMonth, type MonthCount } from '../domain/report-months.js';
import { deadlineCalendar, type DeadlineCalendar } from './deadline-calendar.js';
import { queryRows, rowOf, type OpenQuery, type OpenResult, type OpenRow } from './open-rows.js';

/**
 * What the tab shows, read through the case service: the open cases from the open-case index (pages of
 * PAGE lines, no case reads), one case with its timeline, and the year report from the statistics.
 */

/** Index lines per read: one Table storage page holds up to 1,000 entities. */
const PAGE = 1000;

export interface CaseDetail {
  case: {
    id: string;
    status: Case['status'];
    rights: Case['rights'];
    language: Case['language'];
    requester: { name?: string; email?: string };
    dataSubject?: { name?: string; email?: string };
    owner?: { id: string; name?: string };
    receivedAt: string;
    tasks: { id: string; title: { da: string; en: string }; done: boolean }[];
    pauses: Case['pauses'];
    extension?: { reason: string; notifiedAt?: string };
    version: number;
  };
  clock: {
    due: string;
    firstDue: string;
    extendedDue: string;
    daysLeft: number;
    overdue: boolean;
    paused: boolean;
    extended: boolean;
    running: boolean;
  };
  /** What the DPO may do next: the same list the bot's card offers (domain nextCommands). */
  next: NextCommand[];
  timeline: { at: string; type: CaseEvent['type']; summary: string; by: string }[];
  /** A chat with the bot about the case, when the bot is registered. */
  teamsUrl?: string;
}

export interface YearReport {
  report: Report;
  months: MonthCount[];
}

export class TabService {
  constructor(
    private readonly deps: {
      cases: CaseService;
      /** The statistics of live and deleted cases with ids of these years (app/retention.ts collectStatistics). */
      statistics: (now: string, years: readonly number[]) => Promise<CaseStatistic[]>;
      botAppId?: string;
      now?: () => string;
    },
  ) {}

  private now(): string {
    return this.deps.now?.() ?? new Date().toISOString();
  }

  today(): Temporal.PlainDate {
    return legalDate(this.now());
  }

  /** Every open case as a row: the whole open-case index, a page of lines at a time. */
  async rows(): Promise<OpenRow[]> {
    const rows: OpenRow[] = [];
    let token: string | undefined;
    do {
      const page = await this.deps.cases.openPage({ limit: PAGE, token });
      for (const { case: line, clock } of page.items) rows.push(rowOf(line, clock));
      token = page.next;
    } while (token);
    return rows;
  }

  async open(query: OpenQuery, callerOid: string): Promise<OpenResult & { asOf: string }> {
    return { ...queryRows(await this.rows(), query, callerOid), asOf: this.today().toString() };
  }

  async calendar(month: Temporal.PlainYearMonth | undefined): Promise<DeadlineCalendar & { asOf: string }> {
    const today = this.today();
    const shown = month ?? today.toPlainYearMonth();
    return { ...deadlineCalendar(await this.rows(), shown, (row) => isAwaitingAnswer(row.status)), asOf: today.toString() };
  }

  get(id: CaseId): Promise<Case> {
    return this.deps.cases.get(id);
  }

  act(id: CaseId, command: CaseCommand, actor: Actor): Promise<Case> {
    return this.deps.cases.act(id, command, actor);
  }

  async detail(c: Case): Promise<CaseDetail> {
    const clock = this.deps.cases.clock(c);
    const events = await this.deps.cases.timeline(c.id);
    const { botAppId } = this.deps;
    return {
      case: {
        id: c.id,
        status: c.status,
        rights: c.rights,
        language: c.language,
        requester: { ...(c.requester.name ? { name: c.requester.name } : {}), ...(c.requester.email ? { email: c.requester.email } : {}) },
        ...(c.dataSubject
          ? {
              dataSubject: {
                ...(c.dataSubject.name ? { name: c.dataSubject.name } : {}),
                ...(c.dataSubject.email ? { email: c.dataSubject.email } : {}),
              },
            }
          : {}),
        ...(c.assignee ? { owner: { id: c.assignee.id, ...(c.assignee.name ? { name: c.assignee.name } : {}) } } : {}),
        receivedAt: c.receivedAt,
        tasks: c.tasks.map((t) => ({ id: t.id, title: t.title, done: t.done })),
        pauses: c.pauses,
        ...(c.extension
          ? { extension: { reason: c.extension.reason, ...(c.extension.notifiedAt ? { notifiedAt: c.extension.notifiedAt } : {}) } }
          : {}),
        version: c.version,
      },
      clock: {
        due: clock.due,
        firstDue: clock.deadlines.due,
        extendedDue: clock.deadlines.extendedDue,
        daysLeft: clock.daysLeft,
        overdue: clock.overdue,
        paused: clock.paused,
        extended: extensionBinds({ deadlines: clock.deadlines, extension: c.extension }),
        running: clock.running,
      },
      next: nextCommands(c, clock),
      timeline: events.map((e) => ({
        at: e.at,
        type: e.type,
        summary: e.summary,
        by: e.actor.name ?? (e.actor.kind === 'system' ? 'system' : e.actor.kind),
      })),
      ...(botAppId ? { teamsUrl: `https://teams.microsoft.com/l/chat/0/0?users=28:${botAppId}&message=${encodeURIComponent(c.id)}` } : {}),
    };
  }

  /**
   * The year report with its months. A case id carries its year of receipt as opened, and a corrected
   * receipt can move it across a new year, so the neighbouring years are read too (as `dsar report` does).
   */
  async report(year: number): Promise<YearReport> {
    const now = this.now();
    const stats = await this.deps.statistics(now, [year - 1, year, year + 1]);
    return { report: buildReport(stats, year, now), months: requestsPerMonth(stats, year) };
  }
}
