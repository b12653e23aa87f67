import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DomainError,
  ITGUY_REGISTER,
  LETTER_LANGS,
  LETTER_TEMPLATES,
  PHRASES,
  RIGHTS,
  joinList,
  letterFor,
  renderLetterText,
  systemsHoldingRequesterData,
  type Case,
  type LetterFacts,
  type Right,
} from '../../src/domain/index.js';
import { openedCase, run } from '../helpers/cases.js';

/**
 * The rules every letter keeps, over random case states: the Art. 19 "we told" sentences name only notices
 * recorded as sent; "done" only for systems whose task is ticked; a letter to a representative names the data
 * subject and never says "about you".
 */

const SYSTEMS = systemsHoldingRequesterData(ITGUY_REGISTER);
const RECIPIENT_IDS = [...SYSTEMS.map((s) => s.id), 'other_recipients'];
const CHANGE = ['erasure', 'rectification', 'restriction'] as const;

const lang = fc.constantFrom(...LETTER_LANGS);

/** A case asking for `rights` with a random subset of its tasks ticked. */
const caseWithTicks = (rights: Right[], dataSubject?: string) =>
  fc
    .subarray(
      openedCase({ rights, ...(dataSubject ? { dataSubject: { name: dataSubject, authority: 'power_of_attorney' } } : {}) }).tasks.map(
        (t) => t.id,
      ),
    )
    .map((ids) =>
      run(
        openedCase({ rights, ...(dataSubject ? { dataSubject: { name: dataSubject, authority: 'power_of_attorney' } } : {}) }),
        ...ids.map((taskId, n): [string, { type: 'set_task'; taskId: string; done: true }] => [
          `2026-03-06T10:${String(n % 60).padStart(2, '0')}:00Z`,
          { type: 'set_task', taskId, done: true },
        ]),
      ),
    );

const done = (c: Case, id: string) => c.tasks.some((t) => t.id === id && t.done);

/**
 * The text between a phrase's fixed beginning and end, when the letter holds that sentence. A sentence
 * is on one line, and its beginning may open other sentences too (German "Wir haben die Löschung …
 * abgeschlossen" as well as "Wir haben Xena … informiert"): the first beginning whose end follows on the
 * same line.
 */
function filled(text: string, phrase: (x: string) => string): string | undefined {
  const [before, after] = phrase('\u0000').split('\u0000') as [string, string];
  for (let start = text.indexOf(before); start >= 0; start = text.indexOf(before, start + 1)) {
    const lineEnd = text.indexOf('\n', start);
    const end = text.indexOf(after, start + before.length);
    if (end >= 0 && (lineEnd < 0 || end < lineEnd)) return text.slice(start + before.length, end);
  }
  return undefined;
}

describe('letters tell only recorded facts', () => {
  it('the Art. 19 "we told" sentences name exactly the recipients whose notice is recorded', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CHANGE).chain((right) => fc.tuple(fc.constant(right), caseWithTicks([right]))),
        lang,
        fc.subarray(RECIPIENT_IDS, { maxLength: 3 }),
        fc.context(),
        ([right, c], l, exemptIds, ctx) => {
          const exempt = Object.fromEntries(exemptIds.map((id) => [id, 'reason']));
          const text = renderLetterText(letterFor(c, right, l, { register: ITGUY_REGISTER, date: '2026-03-20', art19Exempt: exempt }));
          const p = PHRASES[l];
          const name = (id: string) => (id === 'other_recipients' ? p.otherRecipients : (SYSTEMS.find((s) => s.id === id)?.name ?? id));
          // A recorded exemption settles the task without telling anyone: never named as told.
          const told = RECIPIENT_IDS.filter((id) => done(c, `art19:${id}`) && !exemptIds.includes(id)).map(name);
          ctx.log(text);
          // Only the Art. 19 section: German opens other sentences with "Wir haben" too.
          const section = text.slice(Math.max(0, text.indexOf(p.art19Heading)));
          const all = filled(section, p.art19AllTold);
          if (all !== undefined) {
            expect(RECIPIENT_IDS.every((id) => done(c, `art19:${id}`) && !exemptIds.includes(id))).toBe(true);
            expect(all).toBe(joinList(told, l));
          }
          const some = filled(section, p.art19Told);
          if (some !== undefined) expect(some).toBe(joinList(told, l));
          if (told.length === 0) expect(all ?? some).toBeUndefined();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a system is reported done only when its task is ticked, and "all done" only when every one is', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CHANGE).chain((right) => fc.tuple(fc.constant(right), caseWithTicks([right]))),
        lang,
        fc.constantFrom<LetterFacts['accounting']>(undefined, 'none', { latestRecord: '2025-06-30' }),
        ([right, c], l, accounting) => {
          const letter = letterFor(c, right, l, { register: ITGUY_REGISTER, date: '2026-03-20', ...(accounting ? { accounting } : {}) });
          const p = PHRASES[l];
          const at = letter.blocks.findIndex((b) => b.type === 'heading' && b.text === p.systemsHeading[right]);
          const list = letter.blocks[at + 1];
          if (list?.type !== 'list') throw new Error('no system list');
          expect(list.items).toHaveLength(SYSTEMS.length);
          for (const [n, item] of list.items.entries()) {
            const system = SYSTEMS[n];
            if (!system) throw new Error('more items than systems');
            expect(item.startsWith(`${system.name}: `)).toBe(true);
            const inProgress = item === `${system.name}: ${p.statusInProgress}`;
            expect(inProgress, item).toBe(!done(c, `${right}:${system.id}`));
          }
          const text = renderLetterText(letter);
          const allDone = SYSTEMS.every((s) => done(c, `${right}:${s.id}`));
          expect(text.includes(p.allDone(right, p.you))).toBe(allDone);
          // Bookkeeping retention is stated only when the person has accounting records.
          const kept = text.includes(p.keptHeading);
          expect(kept).toBe(right === 'erasure' && typeof accounting === 'object');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a letter to a representative always names the data subject and never says "about you"', () => {
    const aboutYou = [/personoplysninger om dig/, /personal data about you/, /Daten über Sie/, /personuppgifter om dig/];
    fc.assert(
      fc.property(
        fc.subarray([...RIGHTS], { minLength: 1 }),
        fc.constantFrom('Jens Møller', 'Åse Øster-Bæk', 'Karl-Heinz Müller', 'Li Wei'),
        fc.constantFrom(...LETTER_TEMPLATES),
        lang,
        (rights, subject, template, l) => {
          const c = openedCase({ rights, dataSubject: { name: subject, authority: 'parent' } });
          let text: string;
          try {
            text = renderLetterText(
              letterFor(c, template, l, {
                register: ITGUY_REGISTER,
                date: '2026-03-20',
                found: template === 'no_data' ? 0 : 3,
                portability: { files: ['a.json'], messages: 1 },
              }),
            );
          } catch (error) {
            // A kind the case's state does not support is refused, never written.
            expect(error).toBeInstanceOf(DomainError);
            return;
          }
          expect(text).toContain(subject);
          for (const pattern of aboutYou) expect(text).not.toMatch(pattern);
        },
      ),
      { numRuns: 300 },
    );
  });
});
