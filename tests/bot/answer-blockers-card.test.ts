import { describe, expect, it } from 'vitest';
import { caseView } from '../../src/bot/cards/case-view.js';
import { renderCard } from '../../src/bot/cards/render.js';
import { legalDate, readClock, type Case, type CaseCommand } from '../../src/domain/index.js';
import { openedCase, run } from '../helpers/cases.js';

/** The case card says what stands in the way of answering, and offers a reason to go ahead anyway. */

const card = (c: Case, lang: 'da' | 'en' = 'da') =>
  JSON.stringify(renderCard('case', caseView(c, { lang, clock: readClock(c, legalDate('2026-03-10T10:00:00Z')), events: [] })));
const started = () => run(openedCase(), ['2026-03-06T09:00:00Z', { type: 'start' }]);

describe('the answer section of the case card', () => {
  it('with open tasks: says how many and asks for a reason to answer anyway', () => {
    const c = started();
    const open = c.tasks.filter((t) => !t.done && t.id !== 'answer').length;
    const json = card(c);
    expect(json).toContain(`Ikke gjort endnu: ${open} åbne opgaver. Gør det først, eller skriv en begrundelse for at fortsætte alligevel.`);
    expect(json).toContain('"id":"override"');
    expect(card(c, 'en')).toContain(`Not done yet: ${open} open tasks.`);
  });

  it('with everything done: neither the warning nor the reason field', () => {
    const c = started();
    const done = run(
      c,
      ...c.tasks
        .filter((t) => t.id !== 'answer')
        .map((t): [string, CaseCommand] => ['2026-03-07T09:00:00Z', { type: 'set_task', taskId: t.id, done: true }]),
    );
    const json = card(done);
    expect(json).not.toContain('Ikke gjort endnu');
    expect(json).not.toContain('"id":"override"');
  });

  it("names a representative's missing authority", () => {
    const c = run(openedCase({ dataSubject: { name: 'Freja Lindholm', authority: 'parent' } }), [
      '2026-03-06T09:00:00Z',
      { type: 'start' },
    ]);
    expect(card(c)).toContain('anmoderens fuldmagt eller forældremyndighed for den registrerede er ikke dokumenteret');
    expect(card(c)).not.toContain('Freja Lindholm er ikke');
  });
});
