import {
  applyCommand,
  buildReport,
  caseYear,
  checkNewCase,
  DomainError,
  idAttachmentTaskId,
  legalDate,
  isOpen,
  type Temporal,
  notFound,
  openCase,
  readClock,
  type Actor,
  type Case,
  type CaseCommand,
  type CaseEvent,
  type CaseId,
  type CaseStatus,
  type ClockReading,
  type NewCaseInput,
  type ProcessingRegister,
  type Report,
} from '../domain/index.js';
import { collectStatistics } from './retention.js';
import {
  sourceKeysOf,
  type CaseRepository,
  type OpenCaseLine,
  type OpenCaseList,
  type OpenRange,
  type SourceKey,
  type TimelineEntry,
} from './ports.js';
import { lineOf } from './open-line.js';

export interface CaseServiceOptions {
  repository: CaseRepository;
  register: ProcessingRegister;
  retentionYears: number;
  /** The current moment as an ISO instant; tests and `--now` options replace it. */
  now?: () => string;
  /** The open-case index; without it, pages are cut from a read of every open case (tests, small stores). */
  openIndex?: OpenCaseList;
}

/** Which open cases a page lists: all, those overdue, or those due this calendar week (Monday to Sunday). */
export type OpenFilter = 'open' | 'overdue' | 'due_week';

export interface OpenCasePage {
  items: { case: OpenCaseLine; clock: ClockReading }[];
  /** Token for the next page; absent on the last. */
  next?: string;
}

/** One person's cases: those still awaiting an answer, and the earlier requests (dismissed ones are neither). */
export interface PersonCases {
  /** Received, awaiting identity or in progress: the request is still being worked. Newest first. */
  open: Case[];
  /** Responded, rejected or closed: earlier requests of the person (the evidence Art. 12(5) needs). Newest first. */
  earlier: Case[];
}

const STILL_OPEN: readonly CaseStatus[] = ['received', 'awaiting_identity', 'in_progress'];
const EARLIER: readonly CaseStatus[] = ['responded', 'rejected', 'closed'];

/** Whose request a new case is: the data subject's when someone asks for them, else the requester's. */
const personOf = (input: Pick<NewCaseInput, 'requester' | 'dataSubject'>): string | undefined =>
  input.dataSubject ? input.dataSubject.email : input.requester.email;

/** Letters folded the way people type names: case, accents and æ/ø/å ("Kjærgaard" = "kjaergaard"). */
export function foldName(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Does a list line match every word typed: in a name, the e-mail address, or its domain (the company)? */
export function lineMatches(line: OpenCaseLine, query: string): boolean {
  const words = foldName(query).split(' ').filter(Boolean);
  if (!words.length) return false;
  const hay = foldName([line.requester.name, line.requester.email, line.dataSubject?.name].filter(Boolean).join(' '));
  return words.every((w) => hay.includes(w));
}

/** What a search by person found: open cases as list lines, and earlier (answered, refused, closed) cases. */
export interface PeopleFound {
  open: { case: OpenCaseLine; clock: ClockReading }[];
  earlier: Case[];
}

const FIND_LIMIT = 10;
/** Remembered clocks (clockOf): a few times the open cases of a large tenant; cleared when full. */
const CLOCK_MEMO = 50_000;
const INDEX_PAGE = 500;

export interface CaseOverview {
  case: Case;
  clock: ClockReading;
}

/**
 * The application's use cases for cases. Every adapter (CLI, Teams bot, add-in API, mail intake) goes
 * through here, so validation, the clock and the audit trail are the same whoever acts.
 */
export class CaseService {
  private readonly repository: CaseRepository;
  private readonly now: () => string;
  private readonly listeners: ((c: Case) => void)[] = [];
  private readonly clocks = new Map<string, ClockReading>();

  constructor(private readonly options: CaseServiceOptions) {
    this.repository = options.repository;
    this.now = options.now ?? (() => new Date().toISOString());
  }

  /**
   * Opens a case, or returns the one already opened from the same source message. Unless `input` names them,
   * the case records the person's earlier requests (`earlierCases`, newest first). It never refuses because
   * the person has a case open: adapters that open by hand warn first (openCasesFor).
   */
  /** `sourcesChecked`: the caller found no case for the input's source messages just now (ports.ts, create). */
  async open(input: NewCaseInput, actor: Actor, { sourcesChecked = false } = {}): Promise<{ case: Case; created: boolean }> {
    const now = this.now();
    let checked = checkNewCase(input, now);
    if (input.earlierCases === undefined) {
      const email = personOf(checked);
      const earlier = email ? (await this.casesOf(email)).earlier.map((c) => c.id) : [];
      if (earlier.length) checked = { ...checked, earlierCases: earlier };
    }
    const opened = await this.repository.create({
      year: caseYear(checked.receivedAt),
      sourceKeys: sourceKeysOf(checked.sourceMessages ?? []),
      build: (id) => openCase(id, checked, { now, actor, register: this.options.register }),
      sourcesChecked,
    });
    if (opened.created) this.changed(opened.case);
    return opened;
  }

  /**
   * Called after every case this service opens or changes (the calendar sync listens). In-process and
   * after the write: a listener must not throw, and whatever it misses a periodic repair must find.
   */
  onChange(listener: (c: Case) => void): void {
    this.listeners.push(listener);
  }

  private changed(c: Case): void {
    for (const listener of this.listeners) listener(c);
  }

  async act(id: CaseId, command: CaseCommand, actor: Actor): Promise<Case> {
    const now = this.now();
    const { case: updated } = await this.repository.update(id, (current) =>
      applyCommand(current, command, { now, actor, retentionYears: this.options.retentionYears, register: this.options.register }),
    );
    this.changed(updated);
    return updated;
  }

  /**
   * Ticks a task the product itself did (the search of Microsoft 365 ran): once, as `actor` (a system
   * actor, shown "af systemet"), and only while the case is open and the task exists and is open.
   * Resolves whether it ticked.
   */
  async tickBySystem(id: CaseId, taskId: string, actor: Actor): Promise<boolean> {
    const c = await this.repository.get(id);
    const task = c?.tasks.find((t) => t.id === taskId);
    if (!c || !task || task.done || !STILL_OPEN.includes(c.status)) return false;
    await this.act(id, { type: 'set_task', taskId, done: true }, actor);
    return true;
  }

  /**
   * Tasks to remove the ID attachments a follow-up carried: exactly once per attachment, however often the
   * follow-up is processed (a redelivery, two instances). Resolves whether it added any.
   */
  async addIdAttachmentTasks(
    id: CaseId,
    from: { mailbox: string; messageId: string; attachments: readonly { id: string; name: string }[] },
    actor: Actor,
  ): Promise<boolean> {
    const missing = (c: Case) => from.attachments.filter((a) => !c.tasks.some((t) => t.id === idAttachmentTaskId(a.id)));
    const c = await this.get(id);
    // Any case not closed or dismissed: an ID sent unasked, or after the answer, must leave the mailbox too.
    if (!isOpen(c.status) || !missing(c).length) return false;
    try {
      await this.act(id, { type: 'add_id_attachment_tasks', ...from, attachments: missing(c) }, actor);
      return true;
    } catch (error) {
      // Another instance added them between the read and the write: the update re-ran on its version.
      if (error instanceof DomainError && error.code === 'invalid_input' && !missing(await this.get(id)).length) return false;
      throw error;
    }
  }

  async get(id: CaseId): Promise<Case> {
    const found = await this.repository.get(id);
    if (!found) throw notFound(`there is no case ${id}`, `Der findes ingen sag ${id}.`);
    return found;
  }

  /** Which of these ids are stored cases (one point read each, in parallel). */
  async existing(ids: readonly CaseId[]): Promise<CaseId[]> {
    const found = await Promise.all(ids.map((id) => this.repository.get(id)));
    return ids.filter((_, i) => found[i] !== undefined);
  }

  async findBySource(key: SourceKey): Promise<Case | undefined> {
    return this.repository.findBySource(key);
  }

  /** The cases of the person with this e-mail address (as requester or data subject), sorted into open and earlier. */
  async casesOf(email: string): Promise<PersonCases> {
    const all = await this.repository.findByPerson(email);
    return { open: all.filter((c) => STILL_OPEN.includes(c.status)), earlier: all.filter((c) => EARLIER.includes(c.status)) };
  }

  /**
   * The cases still open for whoever a new case would be about (its requester's or data subject's e-mail
   * address), newest first: what the CLI, the bot and the add-in warn about before opening a second one.
   */
  async openCasesFor(input: Pick<NewCaseInput, 'requester' | 'dataSubject'>): Promise<Case[]> {
    const emails = [...new Set([input.requester.email, input.dataSubject?.email].filter(Boolean).map((e) => e!.trim().toLowerCase()))];
    const found = new Map<CaseId, Case>();
    for (const email of emails) for (const c of (await this.casesOf(email)).open) found.set(c.id, c);
    return [...found.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  }

  /** The latest events of this version of the case, for a card (the case row keeps them: no event range). */
  async recentTimeline(c: Pick<Case, 'id' | 'version'>, count: number): Promise<TimelineEntry[]> {
    return this.repository.recentEvents(c.id, count, c.version);
  }

  async timeline(id: CaseId): Promise<CaseEvent[]> {
    await this.get(id);
    return this.repository.events(id);
  }

  /** Cases with their clocks as of now, most urgent first. */
  async overview({ includeClosed = false } = {}): Promise<CaseOverview[]> {
    const today = legalDate(this.now());
    const cases = includeClosed ? await this.repository.listAll() : await this.repository.listOpen();
    return cases
      .map((c) => ({ case: c, clock: readClock(c, today) }))
      .sort(
        (a, b) =>
          Number(b.clock.running) - Number(a.clock.running) ||
          a.clock.due.localeCompare(b.clock.due) ||
          a.case.receivedAt.localeCompare(b.case.receivedAt),
      );
  }

  /**
   * One page of open cases, most urgent first: one range query of the index (overdue and due this week are
   * ranges of it, their last few cases checked against the clock), no per-case reads.
   */
  async openPage({
    filter = 'open',
    limit,
    token,
  }: {
    filter?: OpenFilter;
    limit: number;
    token?: string | undefined;
  }): Promise<OpenCasePage> {
    const today = legalDate(this.now());
    const range: OpenRange =
      filter === 'overdue'
        ? { kind: 'before', date: today.toString() }
        : filter === 'due_week'
          ? { kind: 'between', from: today.toString(), to: today.add({ days: 7 - today.dayOfWeek }).toString() }
          : { kind: 'all' };
    const { lines, next } = this.options.openIndex
      ? await this.options.openIndex.page(range, limit, token)
      : await this.scanPage(limit, token);
    const items = lines
      .map((line) => ({ case: line, clock: this.clockOf(line, today) }))
      // A paused case's stored deadline is as of its last change: the clock says where it stands today.
      .filter(({ clock }) =>
        filter === 'overdue'
          ? clock.overdue
          : filter === 'due_week'
            ? clock.running && !clock.paused && !clock.overdue && range.kind === 'between' && clock.due <= range.to
            : true,
      );
    return { items, ...(next ? { next } : {}) };
  }

  /**
   * A line's clock, remembered per case version and day: the deadlines are recomputed from receipt and
   * pauses over the holiday calendar, which for every open case on every list, tab query and calendar
   * pass was most of their CPU. A new version or a new day reads it afresh.
   */
  private clockOf(line: OpenCaseLine, today: Temporal.PlainDate): ClockReading {
    const key = `${line.id}|${line.version}|${today.toString()}`;
    const known = this.clocks.get(key);
    if (known) return known;
    if (this.clocks.size >= CLOCK_MEMO) this.clocks.clear();
    const clock = readClock(line, today);
    this.clocks.set(key, clock);
    return clock;
  }

  /** Without an index: every open case read, in the index's order, and a page cut out (token = offset). */
  private async scanPage(limit: number, token?: string): Promise<{ lines: OpenCaseLine[]; next?: string }> {
    const lines = (await this.overview()).map(({ case: c }) => lineOf(c));
    const from = Number(token ?? 0);
    return { lines: lines.slice(from, from + limit), ...(from + limit < lines.length ? { next: String(from + limit) } : {}) };
  }

  /** Every open case's list line (what its clock needs, its rights), from the index a page at a time. */
  openFacts(): AsyncGenerator<OpenCaseLine> {
    return this.openLines();
  }

  /** Every open case's list line, most urgent first: the index read a page at a time (no case records). */
  private async *openLines(): AsyncGenerator<OpenCaseLine> {
    let token: string | undefined;
    do {
      const { lines, next } = this.options.openIndex
        ? await this.options.openIndex.page({ kind: 'all' }, INDEX_PAGE, token)
        : await this.scanPage(INDEX_PAGE, token);
      yield* lines;
      token = next;
    } while (token);
  }

  /**
   * Cases by person: an e-mail address through the person index (every status); a name or company
   * through the open-case index's lines, then each match's address through the person index for
   * their earlier cases. No case record is read to search; only the (at most 10) earlier ones found.
   */
  async findPeople(query: string): Promise<PeopleFound> {
    const today = legalDate(this.now());
    const typed = query.trim();
    if (typed.includes('@')) {
      const all = await this.repository.findByPerson(typed);
      return {
        open: all.filter((c) => STILL_OPEN.includes(c.status)).map((c) => ({ case: lineOf(c), clock: readClock(c, today) })),
        earlier: all.filter((c) => EARLIER.includes(c.status)).slice(0, FIND_LIMIT),
      };
    }
    const open: OpenCaseLine[] = [];
    for await (const line of this.openLines()) {
      if (lineMatches(line, typed)) open.push(line);
      if (open.length >= FIND_LIMIT) break;
    }
    const emails = [...new Set(open.map((l) => l.requester.email?.toLowerCase()).filter((e): e is string => Boolean(e)))];
    const earlier = new Map<CaseId, Case>();
    for (const email of emails) for (const c of (await this.casesOf(email)).earlier) earlier.set(c.id, c);
    return {
      open: open.map((line) => ({ case: line, clock: readClock(line, today) })),
      earlier: [...earlier.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).slice(0, FIND_LIMIT),
    };
  }

  /** The open cases someone is responsible for, most urgent first (the index's lines carry the assignee). */
  async assignedTo(userId: string, limit = FIND_LIMIT): Promise<OpenCasePage['items']> {
    const today = legalDate(this.now());
    const found: OpenCasePage['items'] = [];
    for await (const line of this.openLines()) {
      if (line.assignee?.id === userId) found.push({ case: line, clock: readClock(line, today) });
      if (found.length >= limit) break;
    }
    return found;
  }

  /**
   * The latest answered, refused, closed or dismissed cases, last changed first: this year's and last
   * year's cases are read (ids carry the year of receipt), as there is no index of closed cases.
   */
  async closedCases(limit = FIND_LIMIT): Promise<Case[]> {
    const year = legalDate(this.now()).year;
    const cases = await this.repository.listYears([year - 1, year]);
    return cases
      .filter((c) => !STILL_OPEN.includes(c.status))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, limit);
  }

  /** The year's report, as `dsar report` builds it (three year ranges: a corrected receipt can cross a new year). */
  async report(year = legalDate(this.now()).year): Promise<Report> {
    const now = this.now();
    return buildReport(await collectStatistics(this.repository, now, [year - 1, year, year + 1]), year, now);
  }

  clock(c: Case): ClockReading {
    return readClock(c, legalDate(this.now()));
  }
}
