import type { NotificationLedger } from '../app/ports.js';
import { LEGAL_TIME_ZONE, Temporal } from '../domain/index.js';
import type { AdaptiveCard } from './cards/render.js';
import type { ProactiveSender } from './proactive.js';
import type { Lang } from './texts.js';

/**
 * A card the DPOs get at most once per Copenhagen day for `key` (a stalled mailbox, a failing calendar):
 * the ledger key holds the day, so two instances send it once; released when nobody could receive it or
 * sending failed, so the next occasion tries again.
 */

export type DailyCardOutcome = 'sent' | 'settled' | 'nobody';

export const copenhagenDay = (now: Date): string =>
  Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(LEGAL_TIME_ZONE).toPlainDate().toString();

export async function sendDailyCard(
  deps: { ledger: NotificationLedger; proactive: Pick<ProactiveSender, 'toDpos'> },
  key: string,
  card: (lang: Lang) => AdaptiveCard,
  now = new Date(),
): Promise<{ outcome: DailyCardOutcome; delivered: number }> {
  const { ledger, proactive } = deps;
  const dayKey = `${key}|${copenhagenDay(now)}`;
  if ((await ledger.settled(dayKey, now)) || !(await ledger.claim(dayKey, now))) return { outcome: 'settled', delivered: 0 };
  try {
    const { delivered } = await proactive.toDpos(card);
    if (delivered === 0) {
      await ledger.release(dayKey);
      return { outcome: 'nobody', delivered };
    }
    await ledger.sent(dayKey, now);
    return { outcome: 'sent', delivered };
  } catch (error) {
    await ledger.release(dayKey);
    throw error;
  }
}
