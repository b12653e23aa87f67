import type { SetAsideMail } from '../../app/ports.js';
import { legalDate } from '../../domain/index.js';
import { plain } from '../card-text.js';
import type { SetAsideWindow } from '../intents.js';
import { TEXTS, say, type Lang } from '../texts.js';
import { formatDate } from './format.js';

/** The view data for set-aside.json: what intake set aside as not a request, each one click from a case. */

/** A card stays well under Teams' 28 KB with this many mails; the rest are counted and left to the CLI. */
export const SET_ASIDE_CAP = 25;

type KindName = keyof typeof TEXTS.mailKinds;
const kindOf = (kind: string): KindName => (Object.hasOwn(TEXTS.mailKinds, kind) ? (kind as KindName) : 'other');

/** "7 nyhedsbreve" / "1 faktura". */
function kindCount(lang: Lang, kind: KindName, n: number): string {
  const [one, many] = TEXTS.mailKinds[kind];
  return `${n} ${(n === 1 ? one : many)[lang]}`;
}

/** "12 mails — 7 nyhedsbreve, 3 autosvar, 2 fakturaer": the kinds most common first. */
export function setAsideSummary(lang: Lang, mails: readonly Pick<SetAsideMail, 'kind'>[]): string {
  const counts = new Map<KindName, number>();
  for (const m of mails) counts.set(kindOf(m.kind), (counts.get(kindOf(m.kind)) ?? 0) + 1);
  const kinds = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => kindCount(lang, kind, n))
    .join(', ');
  return say(lang, mails.length === 1 ? TEXTS.setAside.summaryOne : TEXTS.setAside.summary, { n: mails.length, kinds });
}

/** Only Outlook on the web's own addresses become a link: a record cannot put another link on the card. */
export function outlookLink(url: string | undefined): string {
  return url && /^https:\/\/outlook\.(office|office365|live)\.com\/[^\s"<>]*$/.test(url) ? url : '';
}

export function setAsideView(mails: readonly SetAsideMail[], o: { lang: Lang; window: SetAsideWindow }) {
  const { lang } = o;
  const newest = [...mails].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  const shown = newest.slice(0, SET_ASIDE_CAP);
  return {
    title: say(lang, o.window.period === 'week' ? TEXTS.setAside.week : TEXTS.setAside.recent, { summary: setAsideSummary(lang, mails) }),
    more: newest.length > shown.length ? say(lang, TEXTS.setAside.more, { n: newest.length - shown.length }) : '',
    items: shown.map((m) => {
      const sender = plain(m.from.name ?? m.from.address ?? '', 80) || say(lang, TEXTS.setAside.unknownSender);
      const kind = TEXTS.mailKinds[kindOf(m.kind)][0][lang];
      return {
        key: m.key,
        line: `${formatDate(lang, legalDate(m.receivedAt).toString())} · ${sender}${m.from.name && m.from.address ? ` <${plain(m.from.address, 120)}>` : ''} · ${kind}`,
        subject: plain(m.subject, 100) || say(lang, TEXTS.setAside.noSubject),
        reason: plain(m.reason, 100),
        link: outlookLink(m.webLink),
        caseId: m.caseId ?? '',
        hasCase: m.caseId ? say(lang, TEXTS.setAside.hasCase, { id: m.caseId }) : '',
      };
    }),
    // The list the card shows goes with each "Opret sag", so the card can be shown again with that mail's case.
    list: o.window.period === 'week' ? o.window.until.replace('.000Z', 'Z') : 'recent',
    labels: { makeCase: say(lang, TEXTS.setAside.makeCase), open: say(lang, TEXTS.setAside.openInOutlook) },
  };
}
