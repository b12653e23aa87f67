import { RIGHT_INFO, RIGHTS, type Report, type Share } from '../../domain/index.js';
import { CHAT } from '../chat-texts.js';
import { say, type Lang } from '../texts.js';
import { formatDate } from './format.js';

/** The view data for report.json: the figures `dsar report` prints, as a card. */

const percent = (lang: Lang, s: Share) =>
  s.share === null
    ? say(lang, CHAT.report.none)
    : `${s.count} (${(s.share * 100).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 0 })} %)`;

export function reportView(r: Report, lang: Lang, tabUrl = '') {
  const L = CHAT.report;
  const fact = (title: (typeof L)[keyof typeof L], value: string | number) => ({ title: say(lang, title), value: String(value) });
  return {
    title: say(lang, L.title, { year: r.year }),
    subtitle: say(lang, L.subtitle, { year: r.year, asOf: formatDate(lang, r.asOf) }),
    facts: [
      fact(L.total, r.total),
      fact(L.answered, r.answered),
      fact(L.withinOne, percent(lang, r.withinOneMonth)),
      fact(L.withinThree, percent(lang, r.withinThreeMonths)),
      fact(
        L.median,
        r.medianDaysToAnswer === null ? say(lang, L.none) : r.medianDaysToAnswer.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB'),
      ),
      fact(L.extensions, r.extensions),
      fact(L.rejections, r.rejections.total),
      fact(L.dismissed, r.dismissed),
      fact(L.open, r.open),
      fact(L.overdue, r.overdueOpen),
    ],
    perRightLabel: say(lang, L.perRight),
    perRight: RIGHTS.filter((right) => r.perRight[right] > 0).map((right) => ({
      title: RIGHT_INFO[right].name[lang],
      value: String(r.perRight[right]),
    })),
    tabUrl,
    tabLabel: say(lang, L.openTab),
  };
}
