import { DEFAULT_REMINDER_POLICY, dueReminders, type Case, type Reminder, type ReminderPolicy } from '../domain/index.js';
import type { CaseRepository, NotificationLedger } from './ports.js';

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

  /** One pass as of `now`. Without a delivery (or with dryRun) it only says what it would send. */
  async run({ now, delivery, dryRun = false }: { now: Date; delivery?: ReminderDelivery; dryRun?: boolean }): Promise<ReminderOutcome[]> {
    const { ledger, repository, log } = this.options;
    const outcomes: ReminderOutcome[] = [];
    for (const c of await repository.listOpen()) {
      const pending: Reminder[] = [];
      for (const reminder of dueReminders(c, now.toISOString(), this.options.policy ?? DEFAULT_REMINDER_POLICY)) {
        if (!(await ledger.settled(reminderLedgerKey(reminder), now))) pending.push(reminder);
      }
      const [top, ...rest] = pending;
      if (!top) continue;
      const base = { caseId: c.id, kind: top.kind, key: top.key, day: top.day, due: top.due, covered: rest.map((r) => r.key) };
      if (dryRun || !delivery) {
        outcomes.push({ ...base, delivered: 0, status: 'would_send' });
        continue;
      }
      if (!(await ledger.claim(reminderLedgerKey(top), now))) continue; // another instance is on it
      try {
        const { delivered } = await delivery.deliver(top, c);
        if (delivered === 0) {
          // Nobody has the bot yet: keep it for the next pass rather than lose it.
          await ledger.release(reminderLedgerKey(top));
          outcomes.push({ ...base, delivered, status: 'nobody' });
          continue;
        }
        await ledger.sent(reminderLedgerKey(top), now);
        for (const r of rest) await ledger.cover(reminderLedgerKey(r), now);
        outcomes.push({ ...base, delivered, status: 'sent' });
        log?.info({ caseId: c.id, kind: top.kind, delivered, covered: rest.length }, 'reminder sent');
      } catch (error) {
        await ledger.release(reminderLedgerKey(top));
        log?.error({ caseId: c.id, kind: top.kind, err: error instanceof Error ? error.message : String(error) }, 'reminder failed');
      }
    }
    return outcomes;
  }
}
