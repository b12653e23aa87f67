import type { AssumptionState } from '../../app/register-answers.js';
import { decisionsFor, legalDate } from '../../domain/index.js';
import { plain } from '../card-text.js';
import { TEXTS, say, type Lang } from '../texts.js';
import { formatDate } from './format.js';
import { REGISTER_TEXTS as R } from './register-texts.js';

/**
 * The view data for register.json: one page of the register's assumptions, each once, with what the policy
 * says, what the product assumed, what to confirm, the answer in force and Bekræft / Ret / Afvis. Paged,
 * because 21 assumptions with their buttons would pass Teams' card size; each item's buttons sit in its
 * own container (3 at most), so the card's own actions stay within Teams' limit of 6.
 */

export const REGISTER_PAGE = 6;

/** The answer in force, in words ("Bekræftet af Lasse den 5. marts 2026"). */
export function stateText(s: AssumptionState, lang: Lang): string {
  const c = s.latest;
  if (!c) return say(lang, R.open);
  const params = { who: plain(c.by.name ?? c.by.id, 60), date: formatDate(lang, legalDate(c.at).toString()) };
  if (c.decision === 'confirmed') return say(lang, R.confirmedBy, params);
  if (c.decision === 'rejected') return say(lang, R.rejectedBy, params);
  return say(lang, R.editedBy, { ...params, text: plain(c.text?.[lang], 400) });
}

export function registerView(states: readonly AssumptionState[], o: { lang: Lang; page: number; banner?: string }) {
  const { lang } = o;
  const pages = Math.max(1, Math.ceil(states.length / REGISTER_PAGE));
  const current = Math.min(Math.max(1, o.page), pages);
  const answered = states.filter((s) => s.latest && s.latest.decision !== 'rejected').length;
  return {
    title: say(lang, R.title),
    subtitle: say(lang, R.subtitle, {
      confirmed: answered,
      n: states.length,
      page: pages > 1 ? say(lang, TEXTS.page, { page: current, pages }) : '',
    }).trim(),
    banner: o.banner ?? '',
    page: current,
    pages,
    rows: states.slice((current - 1) * REGISTER_PAGE, current * REGISTER_PAGE).map((s) => {
      const a = s.assumption;
      const decisions = decisionsFor(a.id);
      const d = s.latest?.decision;
      return {
        id: a.id,
        style: d === 'confirmed' || d === 'edited' ? 'good' : d === 'rejected' ? 'attention' : 'default',
        head: a.topic[lang],
        facts: [
          { title: say(lang, R.policySays), value: a.policySays[lang] },
          { title: say(lang, R.assumed), value: a.assumed[lang] },
          { title: say(lang, R.toConfirm), value: a.toConfirm[lang] },
        ],
        state: stateText(s, lang),
        canEdit: decisions.includes('edited'),
        canReject: decisions.includes('rejected'),
        // The edit form starts from the words in force: the DPO's earlier edit, else the assumption.
        textDa: s.latest?.decision === 'edited' ? (s.latest.text?.da ?? '') : a.assumed.da,
        textEn: s.latest?.decision === 'edited' ? (s.latest.text?.en ?? '') : a.assumed.en,
      };
    }),
    labels: {
      confirm: say(lang, R.confirm),
      edit: say(lang, R.edit),
      reject: say(lang, R.reject),
      save: say(lang, R.save),
      textDa: say(lang, R.textDa),
      textEn: say(lang, R.textEn),
      needText: say(lang, R.needText),
      previous: say(lang, TEXTS.previous),
      next: say(lang, TEXTS.next),
    },
  };
}
