import type { CaseService } from '../app/case-service.js';
import type { IntakeEventSource, NotificationLedger } from '../app/ports.js';
import { needsConfirmation } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import type { BotHandlers } from './handlers.js';
import type { ProactiveSender } from './proactive.js';
import { TEXTS, say } from './texts.js';
import { errorText } from '../platform/error-text.js';

/**
 * Intake's events as cards to the DPOs: a new request gets the full case card with what decided it and
 * its actions; a follow-up gets a short card. A ledger mark makes each go out once even when intake
 * finishes the same message twice (a restart, a second instance).
 */

export function notifyOnIntake(deps: {
  events: IntakeEventSource;
  cases: CaseService;
  handlers: BotHandlers;
  proactive: ProactiveSender;
  ledger: NotificationLedger;
  logger: Logger;
}): void {
  const { events, cases, handlers, proactive, ledger, logger } = deps;
  const once = async (key: string, send: () => Promise<{ delivered: number }>) => {
    if (!(await ledger.claim(key))) return;
    try {
      const { delivered } = await send();
      // Nobody to tell yet (no DPO has installed the bot): keep it for later.
      if (delivered === 0) await ledger.release(key);
      else await ledger.sent(key);
      logger.info({ notification: key.split('|')[0], delivered }, 'bot: intake notification');
    } catch (error) {
      await ledger.release(key);
      throw error;
    }
  };
  const report = (error: unknown) => logger.error({ err: errorText(error) }, 'bot: intake notification failed');

  events.on('case_opened', ({ caseId, evidence }) => {
    void once(`new_request|${caseId}`, async () => {
      const c = await cases.get(caseId);
      // An uncertain case says so itself ("Mulig anmodning — bekræft eller afvis"), with the phrases behind it.
      return proactive.toDpos((lang) =>
        handlers.caseCard(c, lang, {
          ...(needsConfirmation(c) ? {} : { banner: say(lang, TEXTS.newRequest) }),
          ...(evidence ? { evidence } : {}),
        }),
      );
    }).catch(report);
  });
  events.on('follow_up_received', ({ caseId, messageId, possibleIdentityDocument, newThread, newRights }) => {
    void once(`follow_up|${caseId}|${messageId}`, () =>
      proactive.toDpos((lang) => handlers.followUpCard({ caseId, possibleIdentityDocument, newThread, newRights }, lang)),
    ).catch(report);
  });
}
