import { describe, expect, it } from 'vitest';
import { ITGUY_REGISTER, caseYear, checkNewCase, openCase } from '../../src/domain/index.js';
import { DPO, newCaseInput } from '../helpers/cases.js';

const NOW = '2026-03-05T12:00:00Z';
const check = (overrides: Parameters<typeof newCaseInput>[0]) => checkNewCase(newCaseInput(overrides), NOW);

describe('a new case is validated before it is opened', () => {
  it('normalises what it keeps: UTC instant, lower-case e-mail, canonical right order', () => {
    const checked = check({
      receivedAt: '2026-03-05T10:00+01:00',
      requester: { email: ' Anna@Example.COM ', name: ' Anna ' },
      rights: ['erasure', 'access'],
    });
    expect(checked).toMatchObject({
      receivedAt: '2026-03-05T09:00:00Z',
      requester: { email: 'anna@example.com', name: 'Anna' },
      rights: ['access', 'erasure'],
    });
  });

  it.each([
    ['no offset', { receivedAt: '2026-03-05T10:00' }, /no UTC offset/],
    ['in the future', { receivedAt: '2026-03-06T10:00Z' }, /in the future/],
    ['no way to answer', { requester: { name: 'Anna' } }, /e-mail address, a phone number or a postal address/],
    ['a bad e-mail', { requester: { email: 'anna(at)example.com' } }, /is not an e-mail address/],
    ['a bad phone', { requester: { phone: 'call me' } }, /is not a phone number/],
    ['no rights', { rights: [] }, /at least one right/],
    ['an unknown channel', { channel: 'fax' as never }, /unknown channel "fax"/],
    ['a bad language', { language: 'dansk' }, /two-letter/],
    ['an unknown authority', { dataSubject: { name: 'Emil', authority: 'friend' as never } }, /unknown authority/],
    ['a source without ids', { sourceMessages: [{ mailbox: 'dpa@itguy.dk' }] }, /internetMessageId or a Graph id/],
    [
      'too many source messages',
      { sourceMessages: Array.from({ length: 21 }, (_, i) => ({ internetMessageId: `<${i}@x>` })) },
      /at most 20 messages/,
    ],
    ['an overlong name', { requester: { email: 'a@example.com', name: 'x'.repeat(201) } }, /longer than 200/],
  ])('refuses %s', (_what, overrides, message) => {
    expect(() => check(overrides)).toThrow(message);
  });

  it('accepts a phone-only request, a letter with only an address, and a few minutes of clock skew', () => {
    expect(check({ channel: 'phone', requester: { phone: '+45 70 40 47 07' } }).requester.phone).toBe('+45 70 40 47 07');
    expect(check({ channel: 'letter', requester: { name: 'Bo', address: 'Hovedgaden 1, 3400 Hillerød' } }).requester.address).toContain(
      'Hillerød',
    );
    expect(check({ receivedAt: '2026-03-05T12:04:00Z' }).receivedAt).toBe('2026-03-05T12:04:00Z');
  });

  it('keeps the data subject apart from the requester, with the authority evidence', () => {
    const checked = check({
      requester: { name: 'Advokat Jensen', email: 'jensen@advokat.example' },
      dataSubject: { name: 'Emil Sørensen', authority: 'power_of_attorney', authorityEvidence: 'fuldmagt dated 2026-03-01' },
    });
    expect(checked.dataSubject).toEqual({
      name: 'Emil Sørensen',
      authority: 'power_of_attorney',
      authorityEvidence: 'fuldmagt dated 2026-03-01',
    });
  });
});

describe('opening', () => {
  it('numbers the case in the year of receipt in Copenhagen', () => {
    expect(caseYear('2026-12-31T23:30:00Z')).toBe(2027);
    expect(caseYear('2026-12-31T22:59:00Z')).toBe(2026);
  });

  it('records the opening as event 1 with the whole record as "after"', () => {
    const { case: c, event } = openCase('DSAR-2026-0007', check({}), { now: NOW, actor: DPO, register: ITGUY_REGISTER });
    expect(event).toMatchObject({ caseId: 'DSAR-2026-0007', sequence: 1, type: 'case_opened', actor: DPO, at: NOW });
    expect(event.changes.status).toEqual({ after: 'received' });
    expect(event.changes.requester).toEqual({ after: c.requester });
    expect(c.createdBy).toEqual(DPO);
  });
});
