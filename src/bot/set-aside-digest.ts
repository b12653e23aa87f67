import type { NotificationLedger, SetAsideLog } from '../app/ports.js';
import { LEGAL_TIME_ZONE, Temporal } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import type { Feature } from '../platform/feature.js';
import type { Job } from '../platform/job.js';
import type { BotHandlers } from './handlers.js';
import type { ProactiveSender } from './proactive.js';
import { SET_ASIDE_LIMIT } from './set-aside-controller.js';

/**
 * Once a week the DPOs get one card of what intake set aside as not a request, so nothing is lost
 * silently: from Monday 08:00 Copenhagen time, covering the seven days before. The ledger key is the ISO
 * week, so two instances (or a restart, or a job run that comes late in the week) send it once. A week
 * with nothing set aside sends no card: the DPO learns nothing from an empty one and can always ask
 * ("lagt til side"); its key is marked covered.
 */

const DIGEST_HOUR = 8;

export interface DigestWeek {
  /** "2026-W49". */
  week: string;
  /** What was set aside from `since` until `until` (the week's Monday 08:00) goes in it. */
  since: Date;
  until: Date;
}

/** The digest that is due at `now`: the one of the latest Monday 08:00 (Copenhagen) at or before it. */
export function digestWeek(now: Date): DigestWeek {
  const here = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(LEGAL_TIME_ZONE);
  let monday = here.toPlainDate().subtract({ days: here.dayOfWeek - 1 });
  const sendAt = (day: Temporal.PlainDate) =>
    day.toZonedDateTime({ timeZone: LEGAL_TIME_ZONE, plainTime: Temporal.PlainTime.from({ hour: DIGEST_HOUR }) });
  if (Temporal.ZonedDateTime.compare(here, sendAt(monday)) < 0) monday = monday.subtract({ days: 7 });
  const until = sendAt(monday);
  return {
    week: `${monday.yearOfWeek}-W${String(monday.weekOfYear).padStart(2, '0')}`,
    since: new Date(until.subtract({ days: 7 }).epochMilliseconds),
    until: new Date(until.epochMilliseconds),
  };
}

export interface DigestDeps {
  setAside: SetAsideLog;
  ledger: NotificationLedger;
  proactive: Pick<ProactiveSender, 'toDpos'>;
  handlers: Pick<BotHandlers, 'setAsideCard'>;
  logger: Logger;
}

export type DigestOutcome = 'sent' | 'settled' | 'empty' | 'nobody';

/** One pass: sends this week's digest unless it went out (or is going out) already. */
export async function sendSetAsideDigest(deps: DigestDeps, now: Date): Promise<DigestOutcome> {
  const { setAside, ledger, proactive, handlers, logger } = deps;
  const { week, since, until } = digestWeek(now);
  const key = `set_aside_digest|${week}`;
  if (await ledger.settled(key, now)) return 'settled';
  if (!(await ledger.claim(key, now))) return 'settled';
  try {
    const mails = (await setAside.list({ since, limit: SET_ASIDE_LIMIT })).filter((m) => Date.parse(m.setAsideAt) < until.getTime());
    if (!mails.length) {
      // Our claim becomes "covered": never to be sent (cover leaves a claim in place, so release it first).
      await ledger.release(key);
      await ledger.cover(key, now);
      logger.info({ notification: 'set_aside_digest', week, mails: 0 }, 'bot: nothing set aside this week; no digest');
      return 'empty';
    }
    const window = { period: 'week' as const, until: until.toISOString() };
    const { delivered } = await proactive.toDpos((lang) => handlers.setAsideCard(mails, lang, window));
    // Nobody to tell yet (no DPO has installed the bot): the next pass tries again.
    if (delivered === 0) {
      await ledger.release(key);
      return 'nobody';
    }
    await ledger.sent(key, now);
    logger.info({ notification: 'set_aside_digest', week, mails: mails.length, delivered }, 'bot: set-aside digest');
    return 'sent';
  } catch (error) {
    await ledger.release(key);
    throw error;
  }
}

/** The weekly digest as a feature: a job that looks every 15 minutes and sends when a week's digest is due. */
export function setAsideDigest(deps: DigestDeps): Feature {
  const job: Job = {
    name: 'set-aside-digest',
    everyMs: 15 * 60_000,
    maxRunMs: 5 * 60_000,
    // A failure is logged by the scheduler and tried again on the next pass.
    run: async (now) => void (await sendSetAsideDigest(deps, now)),
  };
  return { name: 'set-aside-digest', jobs: [job] };
}
