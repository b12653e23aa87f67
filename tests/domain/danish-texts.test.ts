import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError, applyCommand, errorText, longDa, plural, type Case, type CaseCommand } from '../../src/domain/index.js';
import { DPO, openedCase, run } from '../helpers/cases.js';

/** Danish cards show domain errors and timeline lines: each has Danish words, not English (issue 15 item 6). */

const at = (now: string) => ({ now, actor: DPO, retentionYears: 3 });
const failure = (c: Case, command: CaseCommand, now = '2026-03-10T09:00:00Z'): DomainError => {
  try {
    applyCommand(c, command, at(now));
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};
const started = () => run(openedCase(), ['2026-03-06T09:00:00Z', { type: 'start' }]);

describe('domain errors in Danish', () => {
  it('an illegal transition names the statuses as the card does', () => {
    const e = failure(started(), { type: 'start' });
    expect(e.message).toMatch(/cannot go from in_progress to in_progress/);
    expect(errorText(e, 'da')).toBe(
      'En sag kan ikke gå fra »under behandling« til »under behandling«. Herfra kan den gå til »afventer identitet«, »besvaret«, »afvist« eller »ikke en anmodning«.',
    );
    expect(errorText(e, 'en')).toBe(e.message);
  });

  it.each<[string, () => DomainError, RegExp]>([
    [
      'answering with open tasks',
      () => failure(started(), { type: 'respond' }),
      /^DSAR-2026-0001 kan ikke besvares endnu: \d+ åbne opgaver\. Gør det først/,
    ],
    ['a missing reason', () => failure(started(), { type: 'extend', reason: ' ' }), /^Skriv begrundelsen: det skal udfyldes\.$/],
    [
      'a basis that does not fit',
      () => failure(started(), { type: 'reject', basis: '17(3)', reason: 'x' }),
      /^Artikel 17, stk\. 3, kan ikke begrunde afslag på indsigt/,
    ],
    [
      'a first request as repetitive',
      () => failure(started(), { type: 'reject', basis: '12(5)', reason: 'x' }),
      /første registrerede anmodning.*artikel 12, stk\. 5/,
    ],
    [
      'a late extension',
      () => failure(started(), { type: 'extend', reason: 'mange systemer' }, '2026-04-20T09:00:00Z'),
      /^Den første frist den 7\. april 2026 er overskredet; en forlængelse skal meddeles inden for den første måned \(artikel 12, stk\. 3\)\.$/,
    ],
    [
      'a kept ID copy',
      () => failure(started(), { type: 'record_identity', identity: { method: 'kopi af pas gemt' } }),
      /^»kopi af pas gemt« siger, at en kopi af et ID er gemt/,
    ],
  ])('%s', (_what, make, danish) => {
    expect(errorText(make(), 'da')).toMatch(danish);
  });
});

describe('timeline lines in Danish', () => {
  it('with Danish dates and plurals', () => {
    const { event } = applyCommand(started(), { type: 'extend', reason: 'Mange systemer' }, at('2026-03-10T09:00:00Z'));
    expect(event.summary).toBe('Extended to 2026-06-05: Mange systemer');
    expect(event.da).toBe('Forlænget til den 5. juni 2026: Mange systemer');
    const search = applyCommand(
      started(),
      {
        type: 'record_search',
        search: { startedAt: '2026-03-10T09:00:00Z', identifiers: 1, mailboxes: 11, drives: 1, hits: 1, capped: 0 },
      },
      at('2026-03-10T09:00:00Z'),
    ).event;
    expect(search.da).toBe('Søgt i 11 postkasser og 1 OneDrive efter 1 søgeord: 1 fund');
    expect(openedCase().version).toBe(1);
  });

  it('property: every event a command records has a Danish line', () => {
    const commands: CaseCommand[] = [
      { type: 'assign', assignee: { kind: 'user', id: 'u1', name: 'Mette' } },
      { type: 'set_task', taskId: 'acknowledge', done: true },
      { type: 'add_note', text: 'ringede' },
      { type: 'add_identifier', value: 'K-10482' },
      { type: 'extend', reason: 'mange systemer' },
      { type: 'record_identity', identity: { method: 'MitID' } },
      { type: 'respond', override: 'aftalt' },
      { type: 'close', outcome: 'besvaret', override: 'aftalt' },
      { type: 'pause', kind: 'identity', reason: 'tvivl' },
      { type: 'resume' },
      { type: 'add_rights', rights: ['erasure'] },
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...commands), { maxLength: 8 }), (sequence) => {
        let c = started();
        for (const command of sequence) {
          try {
            const result = applyCommand(c, command, { ...at('2026-03-10T09:00:00Z'), register: undefined as never });
            expect(result.event.da, result.event.summary).toBeTruthy();
            expect(result.event.da).not.toMatch(/\b(the|and|to|from|Extended|Answered|Closed)\b/);
            c = result.case;
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
        }
      }),
    );
  });

  it('long dates and plurals', () => {
    expect(longDa('2026-03-05')).toBe('5. marts 2026');
    expect(plural(1, 'dokument', 'dokumenter')).toBe('1 dokument');
    expect(plural(1200, 'dokument', 'dokumenter')).toBe('1.200 dokumenter');
  });
});
