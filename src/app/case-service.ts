import {
  applyCommand,
  caseYear,
  checkNewCase,
  legalDate,
  notFound,
  openCase,
  readClock,
  type Actor,
  type Case,
  type CaseCommand,
  type CaseEvent,
  type CaseId,
  type ClockReading,
  type NewCaseInput,
  type ProcessingRegister,
} from '../domain/index.js';
import { sourceKeysOf, type CaseRepository, type SourceKey } from './ports.js';

export interface CaseServiceOptions {
  repository: CaseRepository;
  register: ProcessingRegister;
  retentionYears: number;
  /** The current moment as an ISO instant; tests and `--now` options replace it. */
  now?: () => string;
}

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

  constructor(private readonly options: CaseServiceOptions) {
    this.repository = options.repository;
    this.now = options.now ?? (() => new Date().toISOString());
  }

  /** Opens a case, or returns the one already opened from the same source message. */
  async open(input: NewCaseInput, actor: Actor): Promise<{ case: Case; created: boolean }> {
    const now = this.now();
    const checked = checkNewCase(input, now);
    return this.repository.create({
      year: caseYear(checked.receivedAt),
      sourceKeys: sourceKeysOf(checked.sourceMessages ?? []),
      build: (id) => openCase(id, checked, { now, actor, register: this.options.register }),
    });
  }

  async act(id: CaseId, command: CaseCommand, actor: Actor): Promise<Case> {
    const now = this.now();
    const { case: updated } = await this.repository.update(id, (current) =>
      applyCommand(current, command, { now, actor, retentionYears: this.options.retentionYears, register: this.options.register }),
    );
    return updated;
  }

  async get(id: CaseId): Promise<Case> {
    const found = await this.repository.get(id);
    if (!found) throw notFound(`there is no case ${id}`);
    return found;
  }

  async findBySource(key: SourceKey): Promise<Case | undefined> {
    return this.repository.findBySource(key);
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

  clock(c: Case): ClockReading {
    return readClock(c, legalDate(this.now()));
  }
}
