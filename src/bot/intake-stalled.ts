import type { IntakeEventMap, IntakeEventSource, NotificationLedger } from '../app/ports.js';
import type { Logger } from '../logging/logger.js';
import { errorText } from '../platform/error-text.js';
import type { Feature } from '../platform/feature.js';
import { formatDateTime } from './cards/format.js';
import { sendDailyCard, type DailyCardOutcome } from './daily-card.js';
import { renderCard, type AdaptiveCard } from './cards/render.js';
import type { ProactiveSender } from './proactive.js';
import type { Lang } from './texts.js';

/**
 * When intake cannot read a watched mailbox (its mail keeps failing for a reason that may pass: Graph
 * down, the app's permission missing), the DPOs get one short card saying so and whom to ask, at most
 * once per mailbox per Copenhagen day (the ledger key holds the day, so two instances send it once).
 */

type Stalled = IntakeEventMap['intake_stalled'][0];

export function stalledCard(stalled: Stalled, lang: Lang): AdaptiveCard {
  const since = formatDateTime(lang, stalled.oldestSince);
  const title =
    lang === 'da'
      ? `Indbakken ${stalled.mailbox} kan ikke læses: ${stalled.waiting} ${stalled.waiting === 1 ? 'mail venter' : 'mails venter'} siden ${since}. Bed IT tjekke appens adgang til Microsoft Graph.`
      : `The mailbox ${stalled.mailbox} cannot be read: ${stalled.waiting} ${stalled.waiting === 1 ? 'message has' : 'messages have'} been waiting since ${since}. Ask IT to check the app's access to Microsoft Graph.`;
  const line =
    lang === 'da'
      ? 'Intake prøver igen hver time; fristerne løber fra modtagelsen.'
      : 'Intake tries again every hour; the deadlines run from receipt.';
  return renderCard('message', { title, lines: [{ text: line }], caseId: '', openLabel: '' });
}

export interface StalledDeps {
  events: IntakeEventSource;
  ledger: NotificationLedger;
  proactive: Pick<ProactiveSender, 'toDpos'>;
  logger: Logger;
}

export type StalledOutcome = DailyCardOutcome;

/** Sends the card for one event unless today's for this mailbox went out (or is going out) already. */
export async function sendStalledCard(deps: StalledDeps, stalled: Stalled, now = new Date()): Promise<StalledOutcome> {
  const { outcome, delivered } = await sendDailyCard(
    deps,
    `intake_stalled|${stalled.mailbox.toLowerCase()}`,
    (lang) => stalledCard(stalled, lang),
    now,
  );
  if (outcome === 'sent')
    deps.logger.info({ notification: 'intake_stalled', mailbox: stalled.mailbox, delivered }, 'bot: intake stalled card');
  return outcome;
}

/** Listens to intake's `intake_stalled` and turns it into the card. */
export function intakeStalledCards(deps: StalledDeps): Feature {
  deps.events.on('intake_stalled', (stalled) => {
    sendStalledCard(deps, stalled).catch((error: unknown) =>
      // Intake emits it again within hours while the mailbox stays stalled, and readiness shows it meanwhile.
      deps.logger.error({ mailbox: stalled.mailbox, err: errorText(error, { firstLine: true }) }, 'bot: intake stalled card failed'),
    );
  });
  return { name: 'intake-stalled-cards' };
}
