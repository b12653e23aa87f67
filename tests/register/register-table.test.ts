import { TableClient } from '@azure/data-tables';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { RegisterAnswers } from '../../src/app/register-answers.js';
import { DomainError, ITGUY_REGISTER, registerFacts } from '../../src/domain/index.js';
import { REGISTER_TABLE, RegisterTable } from '../../src/register/register-table.js';
import { DPO } from '../helpers/cases.js';
import { uniquePrefix } from '../helpers/store.js';

/** The register feature's own table on the real Azurite: append-only answers, latest wins, the trail kept. */

async function freshRegisterTable(prefix = uniquePrefix()): Promise<RegisterTable> {
  const client = TableClient.fromConnectionString(inject('azuriteConnectionString'), `${prefix}${REGISTER_TABLE}`, {
    allowInsecureConnection: true,
  });
  const table = new RegisterTable(client);
  await table.init();
  return table;
}

const OTHER_DPO = { kind: 'user' as const, id: '00000000-0000-0000-0000-0000000000d2', name: 'Mette' };

describe('the register table', () => {
  it('two DPOs answering at once both land; the later answer is in force and the earlier stays in the trail', async () => {
    const prefix = uniquePrefix();
    // Two instances, two clients on one table: nothing is shared but the store.
    const [a, b] = await Promise.all([freshRegisterTable(prefix), freshRegisterTable(prefix)]);
    const first = new RegisterAnswers({ register: ITGUY_REGISTER, store: a, now: () => new Date('2026-03-10T09:00:00Z') });
    const second = new RegisterAnswers({ register: ITGUY_REGISTER, store: b, now: () => new Date('2026-03-10T09:00:01Z') });
    await Promise.all([
      first.answer({ id: 'transfer:xena', decision: 'confirmed' }, DPO),
      second.answer(
        { id: 'transfer:xena', decision: 'edited', text: { da: 'Data behandles i Danmark.', en: 'Data is processed in Denmark.' } },
        OTHER_DPO,
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? first : second).answer({ id: 'purpose:employment', decision: i % 3 ? 'confirmed' : 'rejected' }, i % 2 ? DPO : OTHER_DPO),
      ),
    ]);
    const trail = await a.list();
    expect(trail).toHaveLength(12);
    expect(trail.filter((c) => c.id === 'transfer:xena').map((c) => [c.decision, c.by.name])).toEqual([
      ['confirmed', 'Lasse'],
      ['edited', 'Mette'],
    ]);
    const states = await first.states();
    const xena = states.find((s) => s.assumption.id === 'transfer:xena')!;
    expect(xena).toMatchObject({ answers: 2, latest: { decision: 'edited', by: OTHER_DPO, at: '2026-03-10T09:00:01.000Z' } });
    expect(states.find((s) => s.assumption.id === 'purpose:employment')?.answers).toBe(10);
    // What letters get: the later (edited) answer's words.
    const facts = registerFacts(ITGUY_REGISTER, await second.confirmations());
    expect(facts.transfers.find((t) => t.processor === 'Xena')).toMatchObject({
      confirmed: true,
      text: { da: 'Data behandles i Danmark.' },
    });
  });

  it('a later answer replaces an earlier one in force (rejecting a confirmed purpose holds it back again), nothing is overwritten', async () => {
    const table = await freshRegisterTable();
    let now = new Date('2026-03-10T09:00:00Z');
    const answers = new RegisterAnswers({ register: ITGUY_REGISTER, store: table, now: () => now });
    await answers.answer({ id: 'purpose:employment', decision: 'confirmed' }, DPO);
    expect(registerFacts(ITGUY_REGISTER, await answers.confirmations()).purposes.map((p) => p.id)).toContain('employment');
    now = new Date('2026-04-01T08:00:00Z');
    await answers.answer({ id: 'purpose:employment', decision: 'rejected' }, OTHER_DPO);
    expect(registerFacts(ITGUY_REGISTER, await answers.confirmations()).purposes.map((p) => p.id)).not.toContain('employment');
    expect((await table.list()).map((c) => [c.decision, c.at])).toEqual([
      ['confirmed', '2026-03-10T09:00:00.000Z'],
      ['rejected', '2026-04-01T08:00:00.000Z'],
    ]);
  });

  it('refuses an answer that does not fit the register, and stores nothing for it', async () => {
    const table = await freshRegisterTable();
    const answers = new RegisterAnswers({ register: ITGUY_REGISTER, store: table });
    await expect(answers.answer({ id: 'transfer:nowhere', decision: 'confirmed' }, DPO)).rejects.toBeInstanceOf(DomainError);
    await expect(answers.answer({ id: 'supervisory_authority', decision: 'rejected' }, DPO)).rejects.toThrow(/not an answer/);
    await expect(answers.answer({ id: 'purpose:marketing', decision: 'edited', text: { da: 'Samtykke.' } }, DPO)).rejects.toThrow(
      /English/,
    );
    expect(await table.list()).toEqual([]);
  });
});
