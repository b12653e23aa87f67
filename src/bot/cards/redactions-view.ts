import type { ItemRedactions } from '../../domain/redaction/item.js';
import type { Case } from '../../domain/index.js';
import { plain } from '../card-text.js';
import { TEXTS, say, type Lang } from '../texts.js';

/**
 * The view data for redactions.json: other people's data proposed for redaction in the included items
 * (Art. 15(4)), a few items a page, each value with why and what will happen to it, and buttons to keep or
 * redact it, or everything of that person in every item. The card's size stays bounded whatever the item
 * holds: at most PROPOSALS_SHOWN values an item (the rest are counted, and `dsar redactions` lists them).
 */

export const REDACTION_ITEMS_PAGE = 2;
export const PROPOSALS_SHOWN = 6;

export function redactionsView(c: Pick<Case, 'id'>, all: readonly ItemRedactions[], o: { lang: Lang; page: number; banner?: string }) {
  const { lang } = o;
  const items = all.filter((i) => i.proposals.length || i.unreadable);
  const pages = Math.max(1, Math.ceil(items.length / REDACTION_ITEMS_PAGE));
  const current = Math.min(Math.max(1, o.page), pages);
  const r = TEXTS.redactions;
  return {
    caseId: c.id,
    title: say(lang, r.title, { id: c.id }),
    subtitle: items.length
      ? say(lang, r.subtitle, { items: String(items.length), page: say(lang, TEXTS.page, { page: current, pages }) })
      : say(lang, r.none),
    banner: o.banner ?? '',
    page: current,
    pages,
    rows: items.slice((current - 1) * REDACTION_ITEMS_PAGE, current * REDACTION_ITEMS_PAGE).map((item) => ({
      head: plain(item.title, 100) || '–',
      unreadable: item.unreadable ? say(lang, r.unreadable, { parts: plain((item.unreadableParts ?? []).join(', '), 200) }) : '',
      more: item.proposals.length > PROPOSALS_SHOWN ? say(lang, r.more, { n: item.proposals.length - PROPOSALS_SHOWN, id: c.id }) : '',
      proposals: item.proposals.slice(0, PROPOSALS_SHOWN).map((p) => {
        const decision = say(lang, p.decision === 'redact' ? r.redacted : r.kept);
        return {
          hitKey: item.hitKey,
          id: p.id,
          person: p.person,
          style: p.decision === 'redact' ? 'attention' : 'good',
          line: `${say(lang, r.kinds[p.kind])}: ${plain(p.value, 120)}`,
          why: plain(p.reason[lang], 200),
          decision: p.decidedBy ? say(lang, r.by, { decision, who: plain(p.decidedBy, 40) }) : say(lang, r.byDefault, { decision }),
          flip: p.decision === 'redact' ? 'keep' : 'redact',
          flipLabel: say(lang, p.decision === 'redact' ? r.keep : r.redact),
          personLabel: say(lang, p.decision === 'redact' ? r.keepPerson : r.redactPerson),
        };
      }),
    })),
    labels: { previous: say(lang, TEXTS.previous), next: say(lang, TEXTS.next), back: c.id },
  };
}
