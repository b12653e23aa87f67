import type { CaseService } from '../app/case-service.js';
import { DomainError, errorText as domainErrorText, type CaseId } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import { replaceCard, type BotAdapter, type StoredReference } from './bot-framework.js';
import type { BotHandlers } from './handlers.js';
import { TEXTS, say, type Lang } from './texts.js';
import { errorText } from '../platform/error-text.js';

/**
 * Keeps the case card a DPO started a search from up to date while the search runs: the card is
 * replaced in place ("38/42 mailboxes, 17 hits") at most every `everyMs`, and once more when it ends.
 */

interface Watched {
  reference: StoredReference;
  activityId: string;
  lang: Lang;
  timer?: NodeJS.Timeout | undefined;
  lastAt: number;
}

export class SearchCardUpdater {
  private readonly watching = new Map<CaseId, Watched>();

  constructor(
    private readonly deps: {
      adapter: BotAdapter;
      appId: string;
      handlers: BotHandlers;
      cases: CaseService;
      logger: Logger;
      everyMs?: number;
    },
  ) {}

  /** The card the DPO clicked (message `activityId`, the invoke's replyToId) follows the case's search from now on. */
  watch(reference: StoredReference, activityId: string | undefined, caseId: CaseId, lang: Lang): void {
    if (!activityId) return;
    this.watching.set(caseId, { reference, activityId, lang, lastAt: Date.now() });
  }

  /** A progress event: update soon, not on every source. */
  progressed(caseId: CaseId): void {
    const w = this.watching.get(caseId);
    if (!w || w.timer) return;
    const every = this.deps.everyMs ?? 1500;
    w.timer = setTimeout(
      () => {
        w.timer = undefined;
        w.lastAt = Date.now();
        void this.update(caseId, w);
      },
      Math.max(0, w.lastAt + every - Date.now()),
    );
  }

  /** The search ended (or failed: the card then says so and why): one last update, then the card is left alone. */
  async finished(caseId: CaseId, failure?: unknown): Promise<void> {
    const w = this.watching.get(caseId);
    if (!w) return;
    if (w.timer) clearTimeout(w.timer);
    this.watching.delete(caseId);
    await this.update(caseId, w, failure === undefined ? undefined : stoppedText(failure, w.lang));
  }

  private async update(caseId: CaseId, w: Watched, notice?: string): Promise<void> {
    const { adapter, appId, handlers, cases, logger } = this.deps;
    try {
      const card = await handlers.caseCard(await cases.get(caseId), w.lang, notice ? { notice } : {});
      await replaceCard(adapter, appId, w.reference, w.activityId, card);
    } catch (error) {
      logger.warn({ caseId, err: errorText(error) }, 'bot: could not update the search card');
    }
  }
}

/**
 * Why the search stopped, in the DPO's words: a rule's own text (searching again fails the same way until
 * the case changes), else that Microsoft 365 failed and that the same sources resume (details in the log).
 */
export function stoppedText(failure: unknown, lang: Lang): string {
  const reason =
    failure instanceof DomainError ? `${domainErrorText(failure, lang).replace(/[.\s]*$/, '')}.` : say(lang, TEXTS.search.stoppedRetry);
  return say(lang, TEXTS.search.stopped, { reason });
}
