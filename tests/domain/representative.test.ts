import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTHORITY_KINDS,
  AUTHORITY_TASK,
  answerBlockers,
  applyCommand,
  ownIdentifiers,
  parseAuthorityKind,
  searchIdentifiers,
  type AuthorityKind,
  type Case,
  type CaseCommand,
} from '../../src/domain/index.js';
import { DPO, openedCase, run } from '../helpers/cases.js';

/** A lawyer's or parent's request is the data subject's case (gdpr-rules §3, issue 15 item 2). */

const LAWYER = { name: 'Advokat Katrine Winther', email: 'kw@winther-advokater.example.org', phone: '+45 26 84 31 90' };
const FREJA = {
  name: 'Freja Lindholm',
  email: 'freja@lindholm.example.net',
  phone: '+45 31 22 40 17',
  address: 'Vestergade 12, 8000 Aarhus C',
  customerNumber: 'K-10482',
};

const forFreja = (authority: AuthorityKind = 'power_of_attorney') =>
  run(openedCase({ requester: LAWYER, dataSubject: { ...FREJA, authority } }), ['2026-03-06T09:00:00Z', { type: 'start' }]);

const attempt = (c: Case, command: CaseCommand, now = '2026-03-10T09:00:00Z') => {
  try {
    return applyCommand(c, command, { now, actor: DPO, retentionYears: 3 });
  } catch (error) {
    return error as Error;
  }
};

/** Every task done but the authority check and the answer itself. */
const allButAuthority = (c: Case) =>
  run(
    c,
    ...c.tasks
      .filter((t) => !t.done && t.id !== 'answer' && t.id !== AUTHORITY_TASK)
      .map((t): [string, CaseCommand] => ['2026-03-09T09:00:00Z', { type: 'set_task', taskId: t.id, done: true }]),
  );

describe('searches use the data subject, not the representative', () => {
  it("a lawyer's request is searched by the data subject's address, name, phone, postal address and customer number", () => {
    expect(searchIdentifiers(forFreja())).toEqual([
      { kind: 'email', value: FREJA.email },
      { kind: 'name', value: FREJA.name },
      { kind: 'phone', value: FREJA.phone },
      { kind: 'other', value: FREJA.address },
      { kind: 'other', value: FREJA.customerNumber },
    ]);
  });

  it("the representative's identifiers only where the DPO adds them", () => {
    const c = run(forFreja(), ['2026-03-06T10:00:00Z', { type: 'add_identifier', value: LAWYER.email }]);
    expect(searchIdentifiers(c).map((i) => i.value)).toContain(LAWYER.email);
    expect(searchIdentifiers(c).map((i) => i.value)).not.toContain(LAWYER.name);
  });

  it('property: no identifier of the representative is searched unless the DPO added it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...AUTHORITY_KINDS),
        fc.emailAddress(),
        fc.string({ minLength: 3, maxLength: 30 }).filter((n) => n.trim().length >= 3),
        (authority, email, name) => {
          const lawyer = { email: `rep.${email}`.toLowerCase(), name: `Rep ${name.trim()}` };
          fc.pre(lawyer.name.toLowerCase() !== FREJA.name.toLowerCase());
          const c = openedCase({ requester: lawyer, dataSubject: { ...FREJA, authority } });
          const searched = searchIdentifiers(c).map((i) => i.value.toLowerCase());
          expect(searched).not.toContain(lawyer.email);
          expect(searched).not.toContain(lawyer.name.toLowerCase());
          expect(searched).toContain(FREJA.email);
        },
      ),
    );
  });

  it("the data subject's own address and phone, and the representative's, are never 'another person' in the copy", () => {
    const own = ownIdentifiers(forFreja()).map((i) => i.value.toLowerCase());
    expect(own).toEqual(expect.arrayContaining([FREJA.email, FREJA.phone, LAWYER.email, LAWYER.phone]));
  });

  it('without a representative the requester is the person searched for', () => {
    const own = openedCase({ requester: { name: 'Anna Hansen', email: 'anna@example.com' } });
    expect(searchIdentifiers(own).map((i) => i.value)).toEqual(['anna@example.com', 'Anna Hansen']);
  });
});

describe('the authority check', () => {
  it('a representative case starts with an authority task after the common ones, open until evidence is recorded', () => {
    const c = forFreja();
    expect(c.tasks.map((t) => t.id).slice(0, 3)).toEqual(['acknowledge', 'identity', AUTHORITY_TASK]);
    expect(c.tasks.find((t) => t.id === AUTHORITY_TASK)).toMatchObject({ done: false, title: { da: expect.stringMatching(/fuldmagt/) } });
    expect(forFreja('parent').tasks.find((t) => t.id === AUTHORITY_TASK)?.title.da).toMatch(/forældremyndighed/);
  });

  it('blocks answering until the evidence is recorded, and is not ticked without it', () => {
    const ready = allButAuthority(forFreja());
    expect(String(attempt(ready, { type: 'respond' }))).toMatch(/authority to act for the data subject is not recorded/);
    expect(String(attempt(ready, { type: 'set_task', taskId: AUTHORITY_TASK, done: true }))).toMatch(/record_authority/);
    const checked = run(ready, ['2026-03-09T10:00:00Z', { type: 'record_authority', evidence: 'fuldmagt af 1. marts 2026, underskrevet' }]);
    expect(checked.dataSubject).toMatchObject({
      authorityEvidence: 'fuldmagt af 1. marts 2026, underskrevet',
      authorityCheckedBy: DPO,
      authorityCheckedAt: '2026-03-09T10:00:00Z',
    });
    expect(checked.tasks.find((t) => t.id === AUTHORITY_TASK)).toMatchObject({ done: true, doneBy: DPO });
    expect(answerBlockers(checked, 'respond')).toEqual([]);
  });

  it('answering unchecked needs a reason, and the event records the override, its reason and the blocker', () => {
    const ready = allButAuthority(forFreja());
    const result = attempt(ready, { type: 'respond', override: 'Fuldmagten ligger hos advokaten; ringede og fik den bekræftet' });
    if (result instanceof Error) throw result;
    expect(result.event.summary).toMatch(/despite the requester's authority .* not recorded: Fuldmagten ligger/);
    expect(result.event.changes.override).toEqual({
      after: {
        reason: 'Fuldmagten ligger hos advokaten; ringede og fik den bekræftet',
        blockers: ["the requester's authority to act for the data subject is not recorded"],
      },
    });
  });

  it('a kept copy of an ID is refused as authority evidence; a kept fuldmagt is not', () => {
    expect(String(attempt(forFreja(), { type: 'record_authority', evidence: 'fuldmagt og kopi af pas gemt på sagen' }))).toMatch(
      /copy of an ID was kept/,
    );
    expect(attempt(forFreja(), { type: 'record_authority', evidence: 'fuldmagt gemt på sagen' })).not.toBeInstanceOf(Error);
  });

  it('recording an authority on the requester’s own case is refused', () => {
    const own = run(openedCase(), ['2026-03-06T09:00:00Z', { type: 'start' }]);
    expect(String(attempt(own, { type: 'record_authority', evidence: 'fuldmagt' }))).toMatch(/requester's own request/);
  });
});

describe('setting the data subject on a case', () => {
  const own = () => run(openedCase({ requester: LAWYER }), ['2026-03-06T09:00:00Z', { type: 'start' }]);

  it('turns a case into a representative case: the data subject, the authority task, the search', () => {
    const c = run(own(), [
      '2026-03-06T10:00:00Z',
      { type: 'set_data_subject', dataSubject: { name: FREJA.name, email: FREJA.email, authority: 'parent' } },
    ]);
    expect(c.dataSubject).toEqual({ name: FREJA.name, email: FREJA.email, authority: 'parent' });
    expect(c.tasks.filter((t) => t.id === AUTHORITY_TASK)).toHaveLength(1);
    expect(searchIdentifiers(c).map((i) => i.value)).toEqual([FREJA.email, FREJA.name]);
  });

  it('keeps a checked authority while its kind stays, drops it when the kind changes', () => {
    const checked = run(forFreja(), ['2026-03-06T10:00:00Z', { type: 'record_authority', evidence: 'fuldmagt af 1. marts 2026' }]);
    const renamed = run(checked, [
      '2026-03-06T11:00:00Z',
      { type: 'set_data_subject', dataSubject: { ...FREJA, name: 'Freja M. Lindholm', authority: 'power_of_attorney' } },
    ]);
    expect(renamed.dataSubject?.authorityEvidence).toBe('fuldmagt af 1. marts 2026');
    expect(renamed.tasks.find((t) => t.id === AUTHORITY_TASK)?.done).toBe(true);
    const otherKind = run(checked, ['2026-03-06T11:00:00Z', { type: 'set_data_subject', dataSubject: { ...FREJA, authority: 'parent' } }]);
    expect(otherKind.dataSubject?.authorityEvidence).toBeUndefined();
    expect(otherKind.tasks.find((t) => t.id === AUTHORITY_TASK)?.done).toBe(false);
  });

  it('null: the requester asks for themselves, and the authority task goes', () => {
    const c = run(forFreja(), ['2026-03-06T10:00:00Z', { type: 'set_data_subject', dataSubject: null }]);
    expect(c.dataSubject).toBeUndefined();
    expect(c.tasks.some((t) => t.id === AUTHORITY_TASK)).toBe(false);
    expect(answerBlockers(c, 'respond').some((b) => b.kind === 'authority_not_recorded')).toBe(false);
  });

  it('a data subject with nothing to know them by is refused', () => {
    expect(String(attempt(own(), { type: 'set_data_subject', dataSubject: { authority: 'parent' } }))).toMatch(
      /needs a name or an identifier/,
    );
  });

  it('the Danish words for the authority', () => {
    expect(parseAuthorityKind('fuldmagt')).toBe('power_of_attorney');
    expect(parseAuthorityKind('Forældremyndighed')).toBe('parent');
    expect(parseAuthorityKind('værge')).toBe('guardian');
    expect(parseAuthorityKind('andet')).toBe('other');
    expect(() => parseAuthorityKind('ven')).toThrow(/unknown authority/);
  });
});
