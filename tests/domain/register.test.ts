import { describe, expect, it } from 'vitest';
import {
  ITGUY_REGISTER,
  RIGHTS,
  registerProblems,
  systemsHoldingRequesterData,
  taskTemplates,
  tasksForRights,
  type ProcessingRegister,
} from '../../src/domain/index.js';

const NAMED_PROCESSORS = [
  'Microsoft 365',
  'Microsoft Azure',
  'Datto',
  'Cloudfactory',
  'Xink',
  'ITGlue',
  'Acronis',
  'DigitalOcean',
  'Spinup',
  'TeamViewer',
  'Uni-Tel',
  'Flexfone',
  'Xena',
];

describe('the processing register encodes the privacy policy', () => {
  it('has no broken cross-references', () => {
    expect(registerProblems(ITGUY_REGISTER)).toEqual([]);
  });

  it('detects broken cross-references', () => {
    const broken: ProcessingRegister = {
      ...ITGUY_REGISTER,
      purposes: [{ ...ITGUY_REGISTER.purposes[0]!, systems: ['nonexistent'], dataCategories: ['nope'] }],
    };
    const problems = registerProblems(broken);
    expect(problems).toContain('purpose service_delivery: unknown processor nonexistent');
    expect(problems).toContain('purpose service_delivery: unknown data category nope');
  });

  it('names every processor in the policy', () => {
    const names = ITGUY_REGISTER.processors.map((p) => p.name);
    for (const name of NAMED_PROCESSORS)
      expect(
        names.some((n) => n.startsWith(name)),
        name,
      ).toBe(true);
  });

  it('has the controller, DPO and Datatilsynet contact details from the policy and the rules', () => {
    expect(ITGUY_REGISTER.controller).toMatchObject({ name: 'ITGuy ApS', cvr: '36936894', email: 'dpa@itguy.dk' });
    expect(ITGUY_REGISTER.dpo).toMatchObject({ name: 'Lasse Bloch Holmsgaard', email: 'lbh@itguy.dk' });
    expect(ITGUY_REGISTER.supervisoryAuthority).toMatchObject({
      name: 'Datatilsynet',
      email: 'dt@datatilsynet.dk',
      phone: '+45 33 19 32 00',
    });
    // Its address today, not the one the privacy policy still gives (Borgergade 28, until 2020).
    expect(ITGUY_REGISTER.supervisoryAuthority.address).toMatchObject({
      street: 'Carl Jacobsens Vej 35',
      postalCode: '2500',
      city: 'Valby',
    });
  });

  it('gives every purpose the items an Art. 15 answer needs: categories (b), retention (d), sources (g)', () => {
    for (const purpose of ITGUY_REGISTER.purposes) {
      expect(purpose.dataCategories.length, purpose.id).toBeGreaterThan(0);
      expect(purpose.retention.length, purpose.id).toBeGreaterThan(0);
      expect(purpose.sources.length, purpose.id).toBeGreaterThan(0);
      expect(purpose.name.da && purpose.name.en, purpose.id).toBeTruthy();
    }
  });

  it('keeps accounting data under the bookkeeping exception (Art. 17(3)(b), 5 years)', () => {
    const xena = ITGUY_REGISTER.processors.find((p) => p.id === 'xena');
    expect(xena?.erasure).toMatchObject({ method: 'retain', exception: 'bookkeeping' });
    expect(ITGUY_REGISTER.retentionExceptions.find((e) => e.id === 'bookkeeping')).toMatchObject({ article: '17(3)(b)', years: 5 });
  });
});

describe('task checklists per right', () => {
  const ids = (rights: Parameters<typeof taskTemplates>[0]) => taskTemplates(rights, ITGUY_REGISTER).map((t) => t.id);
  const holders = systemsHoldingRequesterData(ITGUY_REGISTER).map((p) => p.id);

  it('erasure covers every system that may hold the data, with Art. 19 notices and what was kept', () => {
    const tasks = ids(['erasure']);
    for (const id of holders) {
      expect(tasks).toContain(`erasure:${id}`);
      expect(tasks).toContain(`art19:${id}`);
    }
    expect(tasks).toContain('art19:other_recipients');
    expect(tasks).toContain('erasure:explain_kept');
    // Xink is a recipient like the others: nothing shows it holds no requester data (the DPO can narrow it).
    expect(tasks).toContain('erasure:xink');
    const xena = taskTemplates(['erasure'], ITGUY_REGISTER).find((t) => t.id === 'erasure:xena');
    expect(xena?.title.en).toMatch(/keep what the law requires/);
    expect(xena?.note?.en).toMatch(/5 years/);
  });

  it('rectification and restriction carry the Art. 19 notices; access, portability and opt-out do not', () => {
    expect(ids(['rectification'])).toContain('art19:itglue');
    expect(ids(['restriction'])).toContain('art19:itglue');
    expect(ids(['restriction'])).toContain('restriction:before_lifting');
    for (const right of ['access', 'portability', 'marketing_opt_out', 'objection', 'information'] as const) {
      expect(
        ids([right]).some((id) => id.startsWith('art19:')),
        right,
      ).toBe(false);
    }
  });

  it('every right gets its own tasks plus acknowledge, identity and answer; shared tasks appear once', () => {
    for (const right of RIGHTS) {
      const tasks = ids([right]);
      expect(tasks[0]).toBe('acknowledge');
      expect(tasks.at(-1)).toBe('answer');
      expect(tasks.length, right).toBeGreaterThan(3);
    }
    const both = ids(['rectification', 'erasure']);
    expect(new Set(both).size).toBe(both.length);
  });

  it('marketing opt-out: stop at once and keep the suppression record', () => {
    expect(ids(['marketing_opt_out'])).toEqual(['acknowledge', 'identity', 'marketing:stop', 'marketing:suppress', 'answer']);
  });

  it('regenerating for new rights keeps what was done', () => {
    const first = tasksForRights(['access'], ITGUY_REGISTER).map((t) =>
      t.id === 'acknowledge' ? { ...t, done: true, doneAt: '2026-03-05T10:00:00Z' } : t,
    );
    const again = tasksForRights(['access', 'erasure'], ITGUY_REGISTER, first);
    expect(again.find((t) => t.id === 'acknowledge')).toMatchObject({ done: true, doneAt: '2026-03-05T10:00:00Z' });
    expect(again.find((t) => t.id === 'erasure:itglue')?.done).toBe(false);
  });
});
