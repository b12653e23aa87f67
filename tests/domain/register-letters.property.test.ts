import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EDITED_MAX,
  ITGUY_REGISTER,
  checkConfirmation,
  decisionsFor,
  letterFor,
  registerAssumptions,
  renderLetterText,
  transferText,
  type LetterFacts,
  type RegisterConfirmation,
} from '../../src/domain/index.js';
import { DPO, openedCase } from '../helpers/cases.js';

/**
 * Letters use the DPO's confirmed register values (issue 15 item 5): over random sets of answers, a confirmed
 * (or edited) assumption reaches the access and information letters, and an unconfirmed or rejected one never does.
 */

const ASSUMPTIONS = registerAssumptions(ITGUY_REGISTER);
const copy = { messages: 1, files: 0, withheld: [], redactedOthers: false };
const facts = (confirmations: readonly RegisterConfirmation[]): LetterFacts => ({
  register: ITGUY_REGISTER,
  date: '2026-03-20',
  confirmations,
  found: 1,
  copy,
});

const answer: fc.Arbitrary<RegisterConfirmation> = fc
  .record({
    a: fc.constantFrom(...ASSUMPTIONS),
    pick: fc.nat(),
    minute: fc.integer({ min: 0, max: 59 }),
    marker: fc.integer({ min: 1000, max: 9999 }),
  })
  .map(({ a, pick, minute, marker }) => {
    const decisions = decisionsFor(a.id);
    const decision = decisions[pick % decisions.length]!;
    return {
      id: a.id,
      decision,
      ...(decision === 'edited' ? { text: { da: `Rettet af DPO ${marker}.`, en: `Edited by the DPO ${marker}.` } } : {}),
      by: DPO,
      at: `2026-03-10T09:${String(minute).padStart(2, '0')}:00.000Z`,
    };
  });

/** The answer in force per assumption: the latest, and of equal times the last given (as registerFacts reads them). */
function inForce(answers: readonly RegisterConfirmation[]): Map<string, RegisterConfirmation> {
  const byId = new Map<string, RegisterConfirmation>();
  for (const c of [...answers].sort((x, y) => x.at.localeCompare(y.at))) byId.set(c.id, c);
  return byId;
}

describe('letters state a register assumption only once the DPO confirmed it', () => {
  it('over random answers: confirmed and edited assumptions appear, unconfirmed and rejected ones never do', () => {
    fc.assert(
      fc.property(
        fc.array(answer, { maxLength: 30 }),
        fc.constantFrom('access' as const, 'information' as const),
        fc.constantFrom('da' as const, 'en' as const),
        (answers, kind, lang) => {
          const text = renderLetterText(letterFor(openedCase({ rights: ['access', 'information'] }), kind, lang, facts(answers)));
          const lines = text.split('\n');
          const force = inForce(answers);
          const isFact = (id: string) => ['confirmed', 'edited'].includes(force.get(id)?.decision ?? '');
          for (const a of ASSUMPTIONS) {
            const c = force.get(a.id);
            const edited = c?.decision === 'edited' ? c.text![lang] : undefined;
            if (edited) expect(text, a.id).toContain(edited);
            if (a.id.startsWith('transfer:')) {
              const p = ITGUY_REGISTER.processors.find((x) => `transfer:${x.id}` === a.id)!;
              if (!p.mayHoldRequesterData) continue;
              const line = `- ${p.name}: ${edited ?? transferText(p.transfer)[lang]}`;
              expect(lines.includes(line), `${a.id} ${c?.decision ?? 'unanswered'}`).toBe(isFact(a.id));
            } else if (a.id.startsWith('purpose:')) {
              const p = ITGUY_REGISTER.purposes.find((x) => `purpose:${x.id}` === a.id)!;
              const line = lines.find((l) => l.startsWith(`- ${p.name[lang]}: `));
              if (p.needsConfirmation) {
                // The product's own purpose (staff): absent until confirmed.
                expect(line !== undefined, `${a.id} ${c?.decision ?? 'unanswered'}`).toBe(isFact(a.id));
              } else {
                // The policy's purpose stays; its assumed legal basis is stated only once confirmed.
                expect(line, a.id).toBeDefined();
                const basisStated = /Retsgrundlag|Legal basis/.test(line!);
                expect(basisStated, `${a.id} ${c?.decision ?? 'unanswered'}`).toBe(c?.decision === 'confirmed');
              }
            }
          }
          // Edited words of an answer no longer in force never reach the letter.
          // (Unless an answer in force, of this or another assumption, happens to have the same words.)
          const inForceWords = new Set([...force.values()].flatMap((c) => (c.text ? [c.text[lang]] : [])));
          for (const old of answers.filter((x) => x.decision === 'edited' && force.get(x.id) !== x))
            if (!inForceWords.has(old.text![lang])) expect(text).not.toContain(old.text![lang]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('with no answers, the staff purpose, every assumed transfer and every assumed basis stay out', () => {
    const text = renderLetterText(letterFor(openedCase({ rights: ['access', 'information'] }), 'information', 'da', facts([])));
    expect(text).not.toContain('Ansættelse');
    expect(text).not.toMatch(/Data kan overføres til USA/);
    expect(text).not.toMatch(/Markedsføring:.*Retsgrundlag/);
  });
});

describe('checkConfirmation: what the DPO may answer', () => {
  it('refuses unknown assumptions, unknown decisions, a rejected authority address and an edit without both languages', () => {
    expect(() => checkConfirmation(ITGUY_REGISTER, { id: 'purpose:nope', decision: 'confirmed' })).toThrow(/no assumption/);
    expect(() => checkConfirmation(ITGUY_REGISTER, { id: 'purpose:marketing', decision: 'maybe' })).toThrow(/not an answer/);
    expect(() => checkConfirmation(ITGUY_REGISTER, { id: 'supervisory_authority', decision: 'rejected' })).toThrow(/not an answer/);
    expect(() => checkConfirmation(ITGUY_REGISTER, { id: 'transfer:xena', decision: 'edited', text: { da: 'Kun dansk' } })).toThrow(
      /Danish and in English/,
    );
    expect(() =>
      checkConfirmation(ITGUY_REGISTER, {
        id: 'transfer:xena',
        decision: 'edited',
        text: { da: 'x'.repeat(EDITED_MAX + 1), en: 'In Denmark.' },
      }),
    ).toThrow(/at most 600/);
    expect(
      checkConfirmation(ITGUY_REGISTER, { id: 'transfer:xena', decision: 'edited', text: { da: ' I Danmark. ', en: 'In Denmark.' } }),
    ).toEqual({
      id: 'transfer:xena',
      decision: 'edited',
      text: { da: 'I Danmark.', en: 'In Denmark.' },
    });
  });
});
