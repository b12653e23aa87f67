import {
  checkConfirmation,
  latestConfirmations,
  registerAssumptions,
  type Actor,
  type ProcessingRegister,
  type RegisterAssumption,
  type RegisterConfirmation,
  type Text,
} from '../domain/index.js';
import type { RegisterConfirmations } from './ports.js';

/** Each assumption with the answer in force and how many answers its trail holds (the card, `dsar register`). */
export interface AssumptionState {
  assumption: RegisterAssumption;
  latest?: RegisterConfirmation;
  answers: number;
}

/**
 * The register's assumptions and the DPO's answers: the one place an answer is checked, stamped with who and
 * when, and stored; and the place letters get the confirmations from.
 */
export class RegisterAnswers {
  constructor(private readonly deps: { register: ProcessingRegister; store: RegisterConfirmations; now?: () => Date }) {}

  confirmations(): Promise<RegisterConfirmation[]> {
    return this.deps.store.list();
  }

  async states(): Promise<AssumptionState[]> {
    const all = await this.deps.store.list();
    const latest = latestConfirmations(all);
    return registerAssumptions(this.deps.register).map((assumption) => {
      const current = latest.get(assumption.id);
      return { assumption, ...(current ? { latest: current } : {}), answers: all.filter((c) => c.id === assumption.id).length };
    });
  }

  /** Checks and appends one answer; DomainError (invalid_input) with a reason when it does not fit. */
  async answer(input: { id: string; decision: string; text?: Partial<Text> }, by: Actor): Promise<RegisterConfirmation> {
    const checked = checkConfirmation(this.deps.register, input);
    const answer: RegisterConfirmation = { ...checked, by, at: (this.deps.now?.() ?? new Date()).toISOString() };
    await this.deps.store.record(answer);
    return answer;
  }
}
