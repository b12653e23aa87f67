import type { CaseService } from '../app/case-service.js';
import type { DiscoveryPort, SetAsideMail } from '../app/ports.js';
import { DomainError, Temporal, legalDate, type Case, type CaseId, type Reminder, type Report } from '../domain/index.js';
import { lineOf } from '../app/open-line.js';
import { CARD_EVENTS, caseView, progressText, type CaseViewOptions } from './cards/case-view.js';
import { followUpView, type FollowUp } from './cards/follow-up-view.js';
import { helpView } from './cards/help-view.js';
import { hitsView } from './cards/hits-view.js';
import { redactionsView } from './cards/redactions-view.js';
import { PAGE_SIZE, foundView, listView, type ListedCase } from './cards/list-view.js';
import { digestView, waitingView, type WaitingLists } from './cards/digest-view.js';
import { reportView } from './cards/report-view.js';
import { newCaseView, type OpenCaseWarning } from './cards/new-case-view.js';
import { renderCard, type AdaptiveCard } from './cards/render.js';
import { setAsideView } from './cards/set-aside-view.js';
import type { CaseFilter, SetAsideWindow } from './intents.js';
import type { Lang } from './texts.js';

/**
 * The bot's cards with what they show fetched: the case service and the search are asked here, the
 * views (src/bot/cards/*-view.ts) turn the answers into template data.
 */
export class CardBuilder {
  constructor(private readonly deps: { cases: CaseService; discovery?: DiscoveryPort; now: () => string }) {}

  help(lang: Lang, intro = ''): AdaptiveCard {
    return renderCard('help', helpView(lang, intro));
  }

  /**
   * One page of a case list: one index query (a "more" button carries where it left off). A typed page
   * number without a token walks the pages before it, a query each.
   */
  async list(filter: CaseFilter, page: number, lang: Lang, token?: string): Promise<AdaptiveCard> {
    const { cases } = this.deps;
    let at = token ? page : 1;
    let current = await cases.openPage({ filter, limit: PAGE_SIZE, token });
    while (at < page && current.next) {
      current = await cases.openPage({ filter, limit: PAGE_SIZE, token: current.next });
      at++;
    }
    return renderCard('list', listView(current.items, filter, at, lang, current.next));
  }

  /** A list not paged through the index (by person, "mine", "lukkede"): rows as given. */
  found(rows: readonly ListedCase[], title: string, subtitle: string, lang: Lang): AdaptiveCard {
    return renderCard('list', foundView(rows, title, subtitle, lang));
  }

  /** Cases that are not open any more, as list rows (their clock says it stopped). */
  closedRows(cases: readonly Case[]): ListedCase[] {
    return cases.map((c) => ({ case: lineOf(c), clock: this.deps.cases.clock(c) }));
  }

  /** The morning's reminders as one card, most urgent first. */
  digest(items: readonly { reminder: Reminder; case: Case }[], lang: Lang): AdaptiveCard {
    return renderCard('digest', digestView(items, lang));
  }

  /** The install greeting's list of what is waiting. */
  waiting(lists: WaitingLists, lang: Lang, intro: string): AdaptiveCard {
    return renderCard('digest', waitingView(lists, lang, intro));
  }

  report(r: Report, lang: Lang, tabUrl = ''): AdaptiveCard {
    return renderCard('report', reportView(r, lang, tabUrl));
  }

  /** The case card; used by replies, actions, and proactive messages. */
  async caseCard(
    c: Case,
    lang: Lang,
    extra: { banner?: string; notice?: string; evidence?: readonly string[] } = {},
  ): Promise<AdaptiveCard> {
    const { cases, discovery } = this.deps;
    const clock = cases.clock(c);
    // Colleagues are not listed: the assignee picker asks the directory as the DPO types (application/search).
    const [events, progress, earlier] = await Promise.all([
      cases.recentTimeline(c, CARD_EVENTS),
      discovery?.progress(c.id),
      this.earlier(c),
    ]);
    const search = discovery
      ? { available: true as const, hits: progress?.hits ?? 0, ...(progress ? { state: progress.state } : {}) }
      : undefined;
    const line = progressText(lang, c, progress);
    return renderCard(
      'case',
      caseView(c, {
        lang,
        clock,
        events,
        ...(earlier ? { earlier } : {}),
        ...extra,
        ...(line ? { progress: line } : {}),
        ...(search ? { discovery: search } : {}),
      }),
    );
  }

  /**
   * The same person's earlier cases split at 12 months before this one was received (Art. 12(5) needs the
   * count; it never refuses by itself). A case deleted after its retention period is older than that.
   */
  private async earlier(c: Case): Promise<CaseViewOptions['earlier']> {
    if (!c.earlierCases?.length) return undefined;
    const since = legalDate(c.receivedAt).subtract({ months: 12 });
    const found = await Promise.all(
      c.earlierCases.map((id) =>
        this.deps.cases.get(id).catch((error: unknown) => {
          if (error instanceof DomainError && error.code === 'not_found') return undefined;
          throw error;
        }),
      ),
    );
    const within = found
      .filter(
        (e): e is Case => e !== undefined && e.receivedAt < c.receivedAt && Temporal.PlainDate.compare(legalDate(e.receivedAt), since) >= 0,
      )
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .map((e) => e.id);
    return { within, older: c.earlierCases.filter((id) => !within.includes(id)) };
  }

  /** A follow-up on a case: a new message, perhaps on a new thread, perhaps asking for more rights. */
  followUp(f: FollowUp, lang: Lang): AdaptiveCard {
    return renderCard('followUp', followUpView(f, lang));
  }

  /** What intake set aside: the weekly digest, or the last 7 days on demand. */
  setAside(mails: readonly SetAsideMail[], lang: Lang, window: SetAsideWindow): AdaptiveCard {
    return renderCard('setAside', setAsideView(mails, { lang, window }));
  }

  /** The hits card; only called when the search is set up. */
  async hitsCard(caseId: CaseId, page: number, lang: Lang, banner = ''): Promise<AdaptiveCard> {
    const discovery = this.deps.discovery!;
    const c = await this.deps.cases.get(caseId);
    const [hits, others] = await Promise.all([discovery.hits(caseId), discovery.thirdPartyIdentifiers(caseId)]);
    return renderCard('hits', hitsView(c, hits, { lang, page, others, banner }));
  }

  async redactionsCard(caseId: CaseId, page: number, lang: Lang, banner = ''): Promise<AdaptiveCard> {
    const c = await this.deps.cases.get(caseId);
    const items = await this.deps.discovery!.redactions(caseId);
    return renderCard('redactions', redactionsView(c, items, { lang, page, banner }));
  }

  newCaseForm(lang: Lang, values: Record<string, string> = {}, error = '', openCase?: OpenCaseWarning): AdaptiveCard {
    return renderCard('newCase', newCaseView(lang, legalDate(this.deps.now()).toString(), values, error, openCase));
  }
}
