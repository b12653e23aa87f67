import { describe, expect, it } from 'vitest';
import {
  ACCOUNTING_DELETE_TASK,
  ACCOUNTING_TASK,
  ITGUY_REGISTER,
  answerBlockers,
  applyCommand,
  letterFor,
  renderLetterText,
  type Case,
  type LetterFacts,
} from '../../src/domain/index.js';
import { DPO, openedCase, run } from '../helpers/cases.js';

/** Recorded facts the letters need (issue 15 item 1): accounting records, and Art. 19 notices not given. */

const facts: LetterFacts = { register: ITGUY_REGISTER, date: '2026-03-20' };
const erasure = () => run(openedCase({ rights: ['erasure'] }), ['2026-03-05T11:00:00Z', { type: 'start', identity: { notNeeded: true } }]);
const letter = (c: Case, extra: Partial<LetterFacts> = {}) => renderLetterText(letterFor(c, 'erasure', 'da', { ...facts, ...extra }));

describe('accounting records, recorded on the case', () => {
  it('a date: the task is answered, the deletion is scheduled 5 years from the end of that financial year, the letter says so', () => {
    const c = run(erasure(), ['2026-03-10T09:00:00Z', { type: 'record_accounting', latestRecord: '2025-11-14' }]);
    expect(c.facts?.accounting).toEqual({ latestRecord: '2025-11-14', by: DPO, at: '2026-03-10T09:00:00Z' });
    expect(c.tasks.find((t) => t.id === ACCOUNTING_TASK)?.done).toBe(true);
    expect(c.tasks.find((t) => t.id === ACCOUNTING_DELETE_TASK)).toMatchObject({
      done: false,
      title: { da: 'Slet regnskabsmaterialet om personen den 31. december 2030 (5 år efter udløbet af regnskabsåret 2025)' },
    });
    // Years away: scheduled, it does not hold up the answer.
    expect(answerBlockers(c, 'respond').flatMap((b) => (b.kind === 'open_tasks' ? b.taskIds : []))).not.toContain(ACCOUNTING_DELETE_TASK);
    expect(letter(c)).toContain('slettes den 31. december 2030');
  });

  it('none: nothing about bookkeeping in the letter, and a later answer replaces the earlier one and its deletion task', () => {
    const dated = run(erasure(), ['2026-03-10T09:00:00Z', { type: 'record_accounting', latestRecord: '2025-11-14' }]);
    const none = run(dated, ['2026-03-11T09:00:00Z', { type: 'record_accounting', latestRecord: 'none' }]);
    expect(none.facts?.accounting).toMatchObject({ none: true });
    expect(none.tasks.some((t) => t.id === ACCOUNTING_DELETE_TASK)).toBe(false);
    expect(letter(none)).not.toMatch(/bogføring|regnskabsmateriale/i);
    // Unanswered: nothing said either.
    expect(letter(erasure())).not.toMatch(/slettes den/);
    // The CLI's --accounting still previews an answer not yet recorded.
    expect(letter(none, { accounting: { latestRecord: '2024-06-01' } })).toContain('slettes den 31. december 2029');
  });

  it('refuses a future date, a malformed one, and a case without erasure', () => {
    const at = '2026-03-10T09:00:00Z';
    const ctx = { now: at, actor: DPO, retentionYears: 3, register: ITGUY_REGISTER };
    expect(() => applyCommand(erasure(), { type: 'record_accounting', latestRecord: '2026-04-01' }, ctx)).toThrow(/after today/);
    expect(() => applyCommand(erasure(), { type: 'record_accounting', latestRecord: 'last year' }, ctx)).toThrow(/YYYY-MM-DD/);
    expect(() => applyCommand(openedCase({ rights: ['access'] }), { type: 'record_accounting', latestRecord: 'none' }, ctx)).toThrow(
      /no erasure request/,
    );
  });
});

describe('Art. 19 notices recorded as impossible or disproportionate', () => {
  it('settle the task, and the letter says why the recipient is not told, never that it was', () => {
    const c = run(erasure(), [
      '2026-03-10T09:00:00Z',
      { type: 'record_art19_exempt', recipient: 'acronis', reason: 'backuppen kun indeholder data, der slettes ved rotation' },
    ]);
    expect(c.tasks.find((t) => t.id === 'art19:acronis')?.done).toBe(true);
    expect(c.facts?.art19Exempt?.acronis).toMatchObject({ reason: 'backuppen kun indeholder data, der slettes ved rotation', by: DPO });
    const text = letter(c);
    expect(text).toContain('Vi giver ikke Acronis besked, fordi backuppen kun indeholder data, der slettes ved rotation.');
    expect(text).not.toMatch(/Vi har givet (alle|besked)[^\n]*Acronis/);
  });

  it('refuses an unknown recipient naming the ones there are, and an empty reason', () => {
    const ctx = { now: '2026-03-10T09:00:00Z', actor: DPO, retentionYears: 3, register: ITGUY_REGISTER };
    expect(() => applyCommand(erasure(), { type: 'record_art19_exempt', recipient: 'nobody', reason: 'x' }, ctx)).toThrow(
      /no Art. 19 recipient "nobody"; use one of microsoft_365/,
    );
    expect(() => applyCommand(erasure(), { type: 'record_art19_exempt', recipient: 'acronis', reason: ' ' }, ctx)).toThrow();
  });
});
