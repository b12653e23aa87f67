import { describe, expect, it } from 'vitest';
import type { AssumptionState } from '../../src/app/register-answers.js';
import { REGISTER_PAGE, registerView } from '../../src/bot/cards/register-view.js';
import { renderCard } from '../../src/bot/cards/render.js';
import { parseText } from '../../src/bot/intents.js';
import { EDITED_MAX, ITGUY_REGISTER, registerAssumptions } from '../../src/domain/index.js';
import { DPO } from '../helpers/cases.js';

/** The `register` card's shape: within Teams' limits on every page, each assumption once, its state in words. */

const LONG = 'x'.repeat(EDITED_MAX);
// The worst case for size: every assumption edited with the longest text the form allows, in both languages.
const states: AssumptionState[] = registerAssumptions(ITGUY_REGISTER).map((assumption) => ({
  assumption,
  latest: { id: assumption.id, decision: 'edited', text: { da: LONG, en: LONG }, by: DPO, at: '2026-03-05T10:00:00Z' },
  answers: 1,
}));

function actionSets(node: unknown): unknown[][] {
  if (Array.isArray(node)) return node.flatMap(actionSets);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = o.type === 'ActionSet' ? [o.actions as unknown[]] : [];
  return [...own, ...Object.entries(o).flatMap(([key, value]) => (key === 'card' ? [] : actionSets(value)))];
}

describe('the register card', () => {
  it('keeps every page under Teams’ 28 KB and within 6 card actions, 3 buttons per item', () => {
    const pages = Math.ceil(states.length / REGISTER_PAGE);
    const seen: string[] = [];
    for (let page = 1; page <= pages; page++) {
      for (const lang of ['da', 'en'] as const) {
        const card = renderCard('register', registerView(states, { lang, page, banner: 'banner' }));
        expect(Buffer.byteLength(JSON.stringify(card)), `page ${page} ${lang}`).toBeLessThan(28_000);
        expect((card.actions as unknown[]).length).toBeLessThanOrEqual(6);
        for (const set of actionSets(card.body)) expect(set.length).toBeLessThanOrEqual(3);
        if (lang === 'da')
          seen.push(
            ...(card.body as { items?: { inlines?: { text: string }[] }[] }[]).flatMap((b) => b.items?.[0]?.inlines?.[0]?.text ?? []),
          );
      }
    }
    // Each assumption once across the pages.
    const topics = registerAssumptions(ITGUY_REGISTER).map((a) => a.topic.da);
    expect(seen.filter((t) => topics.includes(t))).toEqual(topics);
  });

  it('says the state in Danish with a long date, and offers only the answers that fit', () => {
    const view = registerView(
      [
        { assumption: registerAssumptions(ITGUY_REGISTER)[0]!, answers: 0 },
        {
          assumption: registerAssumptions(ITGUY_REGISTER)[1]!,
          latest: { id: 'x', decision: 'confirmed', by: DPO, at: '2026-03-05T10:00:00Z' },
          answers: 1,
        },
      ],
      { lang: 'da', page: 1 },
    );
    expect(view.rows[0]).toMatchObject({ state: 'Ikke bekræftet: nævnes ikke i breve', canEdit: false, canReject: false });
    expect(view.rows[1]).toMatchObject({ state: 'Bekræftet af Lasse den 5. marts 2026', canEdit: true, canReject: true, style: 'good' });
    expect(view.subtitle).toBe('1 af 2 antagelser er bekræftet eller rettet. Breve nævner kun det bekræftede.');
  });

  it('is asked for as "fortegnelse" or "register", the latter keeping the chat’s language', () => {
    expect(parseText('fortegnelse')).toEqual({ intent: { kind: 'register', page: 1 }, lang: 'da' });
    expect(parseText('Register')).toEqual({ intent: { kind: 'register', page: 1 }, lang: undefined });
    expect(parseText('processing register')).toEqual({ intent: { kind: 'register', page: 1 }, lang: 'en' });
  });
});
