import { describe, expect, it } from 'vitest';
import { ITGUY_REGISTER, confirmationLetter, keptUntil } from '../../src/domain/index.js';
import { openedCase, run } from '../helpers/cases.js';

describe('the erasure confirmation', () => {
  it('keeps bookkeeping records 5 years from the end of the financial year', () => {
    expect(keptUntil('2026-03-20', 5)).toBe('2031-12-31');
    expect(keptUntil('2026-08-01', 5, 6)).toBe('2032-06-30');
    expect(keptUntil('2026-02-10', 5, 6)).toBe('2031-06-30');
  });

  it('says per system what was done, what was kept and until when, and the Art. 19 notifications', () => {
    const c = run(
      openedCase({ rights: ['erasure'], requester: { name: 'Bo Rasmussen', email: 'bo@example.com' } }),
      ['2026-03-06T10:00:00Z', { type: 'set_task', taskId: 'erasure:microsoft_365', done: true }],
      ['2026-03-06T10:01:00Z', { type: 'set_task', taskId: 'art19:microsoft_365', done: true }],
    );
    const { body, art19 } = confirmationLetter({ case: c, register: ITGUY_REGISTER, date: '2026-03-20' });
    expect(body).toMatch(/- Microsoft 365: udført – Søg i alle postkasser/);
    expect(body).toMatch(/- Microsoft Azure: under behandling/);
    expect(body).toContain('Bogføringsloven (art. 17(3)(b))');
    expect(body).toContain('Opbevares til og med 2031-12-31');
    expect(body).toContain('art. 19');
    expect(art19.find((a) => a.recipient === 'Microsoft 365')).toEqual({ recipient: 'Microsoft 365', right: 'erasure', done: true });
    expect(art19.at(-1)).toEqual({ recipient: 'Øvrige modtagere', right: 'erasure', done: false });
  });
});
