import { describe, expect, it } from 'vitest';
import { ITGUY_REGISTER, registerAssumptions, registerFacts, registerProblems, type RegisterConfirmation } from '../../src/domain/index.js';
import { DPO } from '../helpers/cases.js';

/** The register tells the truth about itself (issue 15 item 5). */

const confirm = (id: string, at = '2026-03-10T09:00:00Z', extra: Partial<RegisterConfirmation> = {}): RegisterConfirmation => ({
  id,
  decision: 'confirmed',
  by: DPO,
  at,
  ...extra,
});

describe('the register', () => {
  it('is consistent, lists no Art. 9(2)(f) basis, names Xink as a recipient and has a staff purpose needing confirmation', () => {
    expect(registerProblems(ITGUY_REGISTER)).toEqual([]);
    expect(ITGUY_REGISTER.purposes.flatMap((p) => p.legalBases)).not.toContain('9(2)(f)');
    expect(ITGUY_REGISTER.processors.find((p) => p.id === 'xink')?.mayHoldRequesterData).toBe(true);
    const staff = ITGUY_REGISTER.purposes.find((p) => p.id === 'employment');
    expect(staff).toMatchObject({ needsConfirmation: true, dataCategories: expect.arrayContaining(['employment']) });
    expect(ITGUY_REGISTER.dataCategories.find((c) => c.id === 'employment')?.examples.da).toMatch(/løn.*personalemappe/);
  });

  it('says per processor whether data leaves the EU/EEA and under which safeguard', () => {
    for (const p of ITGUY_REGISTER.processors) {
      if (p.transfer.outsideEea) expect(p.transfer.safeguard, p.id).toBeDefined();
      expect(p.transfer.where, p.id).toBeDefined();
    }
    expect(ITGUY_REGISTER.processors.find((p) => p.id === 'digitalocean')?.transfer.safeguard?.da).toMatch(/Data Privacy Framework/);
  });

  it('lists its assumptions: what the policy says, what was assumed, what to confirm', () => {
    const ids = registerAssumptions(ITGUY_REGISTER).map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'supervisory_authority',
        'purpose:marketing',
        'purpose:legal_obligations',
        'purpose:employment',
        'transfer:microsoft_365',
      ]),
    );
    const authority = registerAssumptions(ITGUY_REGISTER).find((a) => a.id === 'supervisory_authority')!;
    expect(authority.policySays.da).toMatch(/Borgergade 28/);
    expect(authority.assumed.da).toMatch(/Carl Jacobsens Vej 35, 2500 Valby/);
  });
});

describe('registerFacts: what letters may state', () => {
  it('holds back unconfirmed assumptions: the staff purpose and every assumed transfer', () => {
    const facts = registerFacts(ITGUY_REGISTER);
    expect(facts.purposes.map((p) => p.id)).not.toContain('employment');
    expect(facts.transfers.every((t) => !t.confirmed && t.text === undefined)).toBe(true);
    expect(facts.unconfirmed.length).toBe(registerAssumptions(ITGUY_REGISTER).length);
  });

  it('gives out what the DPO confirmed, and the DPO’s own words where they edited', () => {
    const facts = registerFacts(ITGUY_REGISTER, [
      confirm('purpose:employment'),
      confirm('transfer:digitalocean'),
      confirm('transfer:xena', '2026-03-10T09:00:00Z'),
      confirm('transfer:xena', '2026-03-11T09:00:00Z', {
        decision: 'edited',
        text: { da: 'Data behandles i Danmark.', en: 'Data is processed in Denmark.' },
      }),
    ]);
    expect(facts.purposes.map((p) => p.id)).toContain('employment');
    expect(facts.transfers.find((t) => t.processor === 'DigitalOcean')).toMatchObject({
      confirmed: true,
      text: { da: expect.stringMatching(/USA på grundlag af EU-US Data Privacy Framework/) },
    });
    expect(facts.transfers.find((t) => t.processor === 'Xena')?.text?.da).toBe('Data behandles i Danmark.');
    expect(facts.unconfirmed.map((a) => a.id)).not.toContain('purpose:employment');
  });
});
