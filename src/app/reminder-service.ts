import { DEFAULT_REMINDER_POLICY, dueReminders, nextReminderAt, type Case, type Reminder, type ReminderPolicy } from '../domain/index.js';
import type { NotificationLedger, ReminderIndex } from './ports.js';
import { errorText } from '../platform/error-text.js';

/**
 * Sends the reminders that are due, each exactly once across instances, restarts and downtime: per case
 * only the most urgent unsent reminder goes out and the others it stands for are recorded as covered,
 * so a day of downtime brings one reminder per case, not a flood. A pass reads only the cases the
 * next-reminder index says are due (or changed): with nothing due it is one range query, however many
 * cases are open. A case is moved on to its next reminder moment only once everything due now is settled
 * (sent, covered, or taken by another instance, which moves it itself); otherwise it stays due for the next pass.
 */

export interface ReminderDelivery {
  /** Sends one reminder card to the DPOs; resolves how many conversations got it (0: nobody to tell yet). */
  deliver(reminder: Reminder, c: Case): Promise<{ delivered: number }>;
  /**
   * Sends a pass's reminders as ONE card (the morning digest), one line per case; resolves how many
   * conversations got it. When present the pass claims every case's reminder first, sends once, then
   * settles them all (sent and covered, or released when nobody got it).
   */
  deliverDigest?(items: readonly { reminder: Reminder; case: Case }[]): Promise<{ delivered: number }>;
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
  repository: ReminderIndex;
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
    // `busy`: another instance holds a claim; the case is not moved on until that one is done for good
    // (if the holder crashed, a later pass takes the claim over once it is stale).
    let busy = false;
    const pendingFor = async (c: Case) => {
      const pending: Reminder[] = [];
      busy = false;
      for (const reminder of dueReminders(c, now.toISOString(), policy)) {
        const progress = await ledger.progress(reminderLedgerKey(reminder), now);
        if (progress === 'open') pending.push(reminder);
        busy ||= progress === 'busy';
      }
      return pending;
    };
    const batch: { c: Case; top: Reminder; rest: Reminder[]; lock: string; advance: () => Promise<boolean> }[] = [];
    try {
      for (const id of await repository.dueForReminders(now)) {
        const check = await repository.reminderCheck(id);
        if (!check) continue;
        const c = check.case;
        const advance = () => repository.advanceReminder(id, check.token, nextReminderAt(c, now.toISOString(), policy));
        const seen = await pendingFor(c);
        if (!seen.length) {
          if (!dryRun && !busy) await advance();
          continue;
        }
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
        if (delivery.deliverDigest) {
          // Digest: hold the case's lock and its top reminder's claim until the one card has gone out.
          const pending = await pendingFor(c);
          const top = pending[0];
          if (top && (await ledger.claim(reminderLedgerKey(top), now))) batch.push({ c, top, rest: pending.slice(1), lock, advance });
          else await ledger.release(lock);
          continue;
        }
        try {
          const outcome = await this.sendOne(c, await pendingFor(c), delivery, now);
          if (outcome) outcomes.push(outcome);
          // Sent: the rest is covered. Nobody to tell, or it failed: stays due, the next pass tries again.
          if (outcome?.status === 'sent') await advance();
        } finally {
          await ledger.release(lock);
        }
      }
    } catch (error) {
      // A failure while collecting the digest must not leave the cases already claimed locked until stale.
      for (const b of batch) {
        await ledger.release(reminderLedgerKey(b.top)).catch(() => undefined);
        await ledger.release(b.lock).catch(() => undefined);
      }
      throw error;
    }
    if (batch.length && delivery?.deliverDigest)
      outcomes.push(...(await this.sendDigest(batch, delivery.deliverDigest.bind(delivery), now)));
    return outcomes;
  }

  /** The claimed reminders as one card; then each is settled as one reminder would be. */
  private async sendDigest(
    batch: { c: Case; top: Reminder; rest: Reminder[]; lock: string; advance: () => Promise<boolean> }[],
    deliverDigest: NonNullable<ReminderDelivery['deliverDigest']>,
    now: Date,
  ): Promise<ReminderOutcome[]> {
    const { ledger, log } = this.options;
    const outcomes: ReminderOutcome[] = [];
    try {
      let delivered: number | undefined;
      try {
        ({ delivered } = await deliverDigest(batch.map((b) => ({ reminder: b.top, case: b.c }))));
      } catch (error) {
        log?.error({ cases: batch.length, err: errorText(error) }, 'reminder digest failed');
      }
      for (const { c, top, rest, advance } of batch) {
        const base = { caseId: c.id, kind: top.kind, key: top.key, day: top.day, due: top.due, covered: rest.map((r) => r.key) };
        if (!delivered) {
          // Failed, or nobody has the bot yet: released, so the next pass tries again.
          await ledger.release(reminderLedgerKey(top));
          if (delivered === 0) outcomes.push({ ...base, delivered: 0, status: 'nobody' });
          continue;
        }
        try {
          await ledger.sent(reminderLedgerKey(top), now);
          for (const r of rest) await ledger.cover(reminderLedgerKey(r), now);
          await advance();
          outcomes.push({ ...base, delivered, status: 'sent' });
        } catch (error) {
          // The card went out; settle the other cases anyway (this one's claim goes stale and is retried).
          log?.error({ caseId: c.id, kind: top.kind, err: errorText(error) }, 'reminder digest: recording a sent reminder failed');
        }
      }
      if (delivered) log?.info({ cases: batch.length, delivered }, 'reminder digest sent');
    } finally {
      for (const { lock } of batch) await ledger.release(lock);
    }
    return outcomes;
  }
}
