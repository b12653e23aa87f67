import { describe, expect, it } from 'vitest';
import { caseView } from '../../src/bot/cards/case-view.js';
import { renderCard } from '../../src/bot/cards/render.js';
import { intentFromCard } from '../../src/bot/verbs.js';
import { legalDate, readClock, type Case } from '../../src/domain/index.js';
import { openedCase, run } from '../helpers/cases.js';

/** The case card's source picker: every source, all chosen; the DPO's choice reaches the search. */

type Node = Record<string, unknown>;
const render = (c: Case, lang: 'da' | 'en' = 'da', searchable = true) =>
  renderCard(
    'case',
    caseView(c, {
      lang,
      clock: readClock(c, legalDate('2026-03-10T10:00:00Z')),
      events: [],
      ...(searchable ? { discovery: { available: true, hits: 0 } as const } : {}),
    }),
  ) as unknown as Node;
const picker = (card: Node) =>
  (card.actions as Node[]).find((a) => a.type === 'Action.ShowCard' && JSON.stringify(a).includes('"sources"'));
const started = () => run(openedCase(), ['2026-03-06T09:00:00Z', { type: 'start' }]);

describe('the source picker on the case card', () => {
  it('offers every source, all chosen, in the overflow beside "Søg efter data", and names them in Danish and English', () => {
    const card = render(started());
    const action = picker(card)!;
    expect(action).toMatchObject({ mode: 'secondary', title: 'Søg i udvalgte kilder' });
    const input = (action.card as { body: Node[] }).body[0]!;
    expect(input).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, isRequired: true });
    expect((input.choices as Node[]).map((c) => c.title)).toEqual([
      'Postkasser',
      'OneDrives',
      'SharePoint',
      'Teams-chats',
      'Teams-kanaler',
      'Kalendere',
      'Kontakter',
      'Copilot',
    ]);
    expect(String(input.value).split(',')).toEqual((input.choices as Node[]).map((c) => c.value));
    const en = (picker(render(started(), 'en'))!.card as { body: Node[] }).body[0]!;
    expect((en.choices as Node[]).map((c) => c.title)).toContain('Teams chats');
    // The plain search of everything stays a top-level button.
    expect((card.actions as Node[]).some((a) => a.type === 'Action.Execute' && a.verb === 'search' && a.mode !== 'secondary')).toBe(true);
  });

  it('is not offered where the case cannot be searched (Graph not set up)', () => {
    expect(picker(render(started(), 'da', false))).toBeUndefined();
  });

  it('searches the sources ticked; all of them, or none sent, is every source; an unknown one is refused', () => {
    const caseId = 'DSAR-2026-0007';
    expect(intentFromCard('search', { caseId, sources: 'chats,calendar' })).toEqual({
      kind: 'search',
      caseId,
      kinds: ['chats', 'calendar'],
    });
    expect(intentFromCard('search', { caseId, sources: 'mailbox,drive,sites,chats,channels,calendar,contacts,copilot' })).toEqual({
      kind: 'search',
      caseId,
    });
    expect(intentFromCard('search', { caseId })).toEqual({ kind: 'search', caseId });
    expect(() => intentFromCard('search', { caseId, sources: 'chats,faxes' })).toThrow(/faxes/);
  });
});
