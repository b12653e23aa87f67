import type { NotificationLedger } from '../app/ports.js';
import type { Logger } from '../logging/logger.js';
import { errorText } from '../platform/error-text.js';
import { renderCard, type AdaptiveCard } from './cards/render.js';
import { sendDailyCard } from './daily-card.js';
import type { ProactiveSender } from './proactive.js';
import type { Lang } from './texts.js';

/**
 * When the deadlines cannot be written to the Outlook calendar (DSAR_CALENDAR_MAILBOX: the app's
 * Calendars.ReadWrite permission missing, the mailbox gone, Graph down), the DPOs get one short card a
 * Copenhagen day saying so; the deadlines themselves stay right in Teams and the reminders still come.
 */

export function calendarFailingCard(failure: { failed: number; mailbox: string }, lang: Lang): AdaptiveCard {
  const n = failure.failed;
  const title =
    lang === 'da'
      ? `Fristerne kan ikke skrives i kalenderen for ${failure.mailbox}: ${n} ${n === 1 ? 'sag er' : 'sager er'} ikke ajour. Bed IT tjekke appens adgang (Calendars.ReadWrite) til postkassen.`
      : `The deadlines cannot be written to the calendar of ${failure.mailbox}: ${n} ${n === 1 ? 'case is' : 'cases are'} not up to date. Ask IT to check the app's access (Calendars.ReadWrite) to the mailbox.`;
  const line =
    lang === 'da'
      ? 'Fristerne i Teams og påmindelserne er ikke berørt; kalenderen prøves igen ved hver gennemgang.'
      : 'The deadlines in Teams and the reminders are not affected; the calendar is tried again on every pass.';
  return renderCard('message', { title, lines: [{ text: line }], caseId: '', openLabel: '' });
}

export interface CalendarFailingDeps {
  ledger: NotificationLedger;
  proactive: Pick<ProactiveSender, 'toDpos'>;
  logger: Logger;
  mailbox: string;
}

/** Sends the card unless today's went out (or is going out) already; never throws (the pass goes on). */
export async function sendCalendarFailingCard(deps: CalendarFailingDeps, failed: number, now = new Date()): Promise<boolean> {
  try {
    const { outcome, delivered } = await sendDailyCard(
      deps,
      'calendar_failing',
      (lang) => calendarFailingCard({ failed, mailbox: deps.mailbox }, lang),
      now,
    );
    if (outcome === 'sent') deps.logger.info({ notification: 'calendar_failing', delivered }, 'bot: calendar failing card');
    return outcome === 'sent';
  } catch (error) {
    deps.logger.error({ err: errorText(error, { firstLine: true }) }, 'bot: calendar failing card failed');
    return false;
  }
}
