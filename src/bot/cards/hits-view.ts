import { legalDate, searchIdentifiers, searchPhrases, type Case, type Hit } from '../../domain/index.js';
import { plain } from '../card-text.js';
import { TEXTS, say, type Lang } from '../texts.js';
import { formatDate } from './format.js';

/** The view data for hits.json: one page of what the search found, to include or leave out of the answer. */

export const HITS_PAGE = 6;

export interface HitsViewOptions {
  lang: Lang;
  page: number;
  /** Identifiers of other people in the included items (to redact). */
  others: readonly string[];
  banner?: string;
}

export function hitsView(c: Case, hits: readonly Hit[], o: HitsViewOptions) {
  const { lang } = o;
  const pages = Math.max(1, Math.ceil(hits.length / HITS_PAGE));
  const current = Math.min(Math.max(1, o.page), pages);
  const marks = searchPhrases(searchIdentifiers(c))
    .map((p) => p.slice(1, -1))
    .filter((p) => p.length >= 3);
  return {
    caseId: c.id,
    title: say(lang, TEXTS.hits.title, { id: c.id }),
    subtitle: say(lang, TEXTS.hits.subtitle, {
      n: hits.length,
      page: say(lang, TEXTS.page, { page: current, pages }),
      excluded: hits.filter((h) => h.include === false).length,
    }),
    banner: o.banner ?? '',
    page: current,
    pages,
    rows: hits.slice((current - 1) * HITS_PAGE, current * HITS_PAGE).map((h) => ({
      source: h.source,
      id: h.id,
      style: h.include === false ? 'attention' : h.include === true ? 'good' : 'default',
      head: `${h.kind === 'message' ? '✉' : '📄'} ${plain(h.title, 90) || '–'} · ${plain(h.source, 60)} · ${formatDate(lang, h.date.length > 10 ? legalDate(h.date).toString() : h.date)}`,
      runs: highlight(plain(h.snippet, 240), marks),
      decision:
        h.include === undefined
          ? say(lang, TEXTS.hits.notReviewed)
          : h.include
            ? say(lang, TEXTS.hits.includedBy, { who: plain(h.reviewedBy, 40) })
            : say(lang, TEXTS.hits.excludedBy, { who: plain(h.reviewedBy, 40), reason: plain(h.reason, 120) }),
    })),
    others: o.others,
    othersText: plain(o.others.join(', '), 600),
    labels: {
      include: say(lang, TEXTS.hits.include),
      exclude: say(lang, TEXTS.hits.exclude),
      reason: say(lang, TEXTS.hits.reason),
      others: say(lang, TEXTS.hits.others),
      redactions: say(lang, TEXTS.redactions.open),
      previous: say(lang, TEXTS.previous),
      next: say(lang, TEXTS.next),
      back: c.id,
    },
  };
}

/** A snippet as TextRuns with the requester's identifiers highlighted (case-insensitive). */
function highlight(text: string, marks: readonly string[]): { text: string; mark: boolean; weight: string }[] {
  if (!marks.length || !text) return [{ text, mark: false, weight: 'Default' }];
  const pattern = new RegExp(`(${marks.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return text
    .split(pattern)
    .filter((part) => part !== '')
    .map((part) => {
      const mark = marks.some((m) => m.toLowerCase() === part.toLowerCase());
      return { text: part, mark, weight: mark ? 'Bolder' : 'Default' };
    });
}
