import { DEFAULT_REMINDER_POLICY, dueReminders, type Case, type Reminder, type ReminderPolicy } from '../domain/index.js';
import type { CaseRepository, NotificationLedger } from './ports.js';
import { errorText } from '../platform/error-text.js';

/**
 * Sends the reminders that are due, each exactly once across instances, restarts and downtime: per case
 * only the most urgent unsent reminder goes out and the others it stands for are recorded as covered,
 * so a day of downtime brings one reminder per case, not a flood.
 */

export interface ReminderDelivery {
  /** Sends one reminder card to the DPOs; resolves how many conversations got it (0: nobody to tell yet). */
  deliver(reminder: Reminder, c: Case): Promise<{ delivered: number }>;
}

export interface ReminderOutcome {
  caseId: string;
  kind: Reminder['kind'];
  key: string;
  day: string;
  due: string;
  /** Conversations reached; 0 in a dry run. */
  delivered: number;
  /** Keys of older reminders this one stands for. */
  covered: string[];
  status: 'sent' | 'nobody' | 'would_send';
}

export interface ReminderServiceOptions {
  repository: Pick<CaseRepository, 'listOpen'>;
  ledger: NotificationLedger;
  policy?: ReminderPolicy;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export const reminderLedgerKey = (r: Pick<Reminder, 'caseId' | 'key'>) => `reminder|${r.caseId}|${r.key}`;

export class ReminderService {
  constructor(private readonly options: ReminderServiceOptions) {}

  /** Under the case's lock: the most urgent pending reminder goes out and stands for the others. */
  private async sendOne(c: Case, pending: Reminder[], delivery: ReminderDelivery, now: Date): Promise<ReminderOutcome | undefined> {
    const { ledger, log } = this.options;
    const [top, ...rest] = pending;
    if (!top) return undefined;
    const base = { caseId: c.id, kind: top.kind, key: top.key, day: top.day, due: top.due, covered: rest.map((r) => r.key) };
    if (!(await ledger.claim(reminderLedgerKey(top), now))) return undefined;
    try {
      const { delivered } = await delivery.deliver(top, c);
      if (delivered === 0) {
        // Nobody has the bot yet: keep it for the next pass rather than lose it.
        await ledger.release(reminderLedgerKey(top));
        return { ...base, delivered, status: 'nobody' };
      }
      await ledger.sent(reminderLedgerKey(top), now);
      for (const r of rest) await ledger.cover(reminderLedgerKey(r), now);
      log?.info({ caseId: c.id, kind: top.kind, delivered, covered: rest.length }, 'reminder sent');
      return { ...base, delivered, status: 'sent' };
    } catch (error) {
      await ledger.release(reminderLedgerKey(top));
      log?.error({ caseId: c.id, kind: top.kind, err: errorText(error) }, 'reminder failed');
      return undefined;
    }
  }

  /** One pass as of `now`. Without a delivery (or with dryRun) it only says what it would send. */
  async run({ now, delivery, dryRun = false }: { now: Date; delivery?: ReminderDelivery; dryRun?: boolean }): Promise<ReminderOutcome[]> {
    const { ledger, repository } = this.options;
    const outcomes: ReminderOutcome[] = [];
    const policy = this.options.policy ?? DEFAULT_REMINDER_POLICY;
    const pendingFor = async (c: Case) => {
      const pending: Reminder[] = [];
      for (const reminder of dueReminders(c, now.toISOString(), policy)) {
        if (!(await ledger.settled(reminderLedgerKey(reminder), now))) pending.push(reminder);
      }
      return pending;
    };
    for (const c of await repository.listOpen()) {
      const seen = await pendingFor(c);
      if (!seen.length) continue;
      if (dryRun || !delivery) {
        const [top, ...rest] = seen;
        outcomes.push({
          caseId: c.id,
          kind: top!.kind,
          key: top!.key,
          day: top!.day,
          due: top!.due,
          covered: rest.map((r) => r.key),
          delivered: 0,
          status: 'would_send',
        });
        continue;
      }
      // One instance at a time per case: choosing the most urgent and covering the rest must not interleave
      // with another instance doing the same, or both would send (one the top, one a "rest").
      const lock = `reminder-lock|${c.id}`;
      if (!(await ledger.claim(lock, now))) continue;
      try {
        const outcome = await this.sendOne(c, await pendingFor(c), delivery, now);
        if (outcome) outcomes.push(outcome);
      } finally {
        await ledger.release(lock);
      }
    }
    return outcomes;
  }
}
