import { describe, expect, it } from 'vitest';
import { candidateIds, parseText, similarIds } from '../../src/bot/intents.js';

describe('what the DPO types', () => {
  it.each([
    ['hjælp', { kind: 'help' }, 'da'],
    ['Help', { kind: 'help' }, 'en'],
    ['sager', { kind: 'list', filter: 'open', page: 1 }, 'da'],
    ['cases 2', { kind: 'list', filter: 'open', page: 2 }, 'en'],
    ['Forfalder denne uge', { kind: 'list', filter: 'due_week', page: 1 }, 'da'],
    ['due this week', { kind: 'list', filter: 'due_week', page: 1 }, 'en'],
    ['overskredet', { kind: 'list', filter: 'overdue', page: 1 }, 'da'],
    ['overdue', { kind: 'list', filter: 'overdue', page: 1 }, 'en'],
    ['ny sag', { kind: 'new_case_form' }, 'da'],
    ['New case', { kind: 'new_case_form' }, 'en'],
    ['lagt til side', { kind: 'set_aside' }, 'da'],
    ['Ignoreret', { kind: 'set_aside' }, 'da'],
    ['set aside', { kind: 'set_aside' }, 'en'],
  ])('%s', (text, intent, lang) => {
    expect(parseText(text)).toEqual({ intent, lang });
  });

  it('reads a receipt correction and added rights', () => {
    expect(parseText('ret modtaget DSAR-2026-0042 2026-12-01 9.30 Originalen er sendt 1. december').intent).toEqual({
      kind: 'act',
      caseId: 'DSAR-2026-0042',
      action: 'correct_receipt',
      inputs: { correctedDate: '2026-12-01', correctedTime: '9:30', correctionReason: 'Originalen er sendt 1. december' },
    });
    expect(parseText('correct receipt DSAR-2026-0042 2026-12-01 forwarded late').intent).toMatchObject({
      action: 'correct_receipt',
      inputs: { correctedDate: '2026-12-01', correctionReason: 'forwarded late' },
    });
    expect(parseText('tilføj ret DSAR-2026-0042 sletning').intent).toMatchObject({ action: 'add_rights', inputs: { rights: 'sletning' } });
  });

  it('finds a case id however it is written', () => {
    expect(parseText('DSAR-2026-0042').intent).toEqual({ kind: 'show', caseId: 'DSAR-2026-0042' });
    expect(parseText('dsar 2026 42').intent).toEqual({ kind: 'show', caseId: 'DSAR-2026-0042' });
    expect(parseText('<at>DSAR-assistent</at> dsar-2026-7').intent).toEqual({ kind: 'show', caseId: 'DSAR-2026-0007' });
  });

  it('reads typed actions in either order, keeping the free text as written', () => {
    expect(parseText('forlæng DSAR-2026-0042 Mange systemer skal gennemgås')).toEqual({
      intent: { kind: 'act', caseId: 'DSAR-2026-0042', action: 'extend', inputs: { reason: 'Mange systemer skal gennemgås' } },
      lang: 'da',
    });
    expect(parseText('DSAR-2026-0042 extend Many systems').intent).toMatchObject({ action: 'extend', inputs: { reason: 'Many systems' } });
    expect(parseText('identitet bekræftet DSAR-2026-0042 MitID-video').intent).toMatchObject({
      action: 'resume',
      inputs: { method: 'MitID-video' },
    });
    expect(parseText('ask for identity DSAR-2026-0042 name does not match').intent).toMatchObject({
      action: 'pause',
      inputs: { reason: 'name does not match' },
    });
    expect(parseText('afvis DSAR-2026-0042 12(5) tredje ens anmodning i år').intent).toMatchObject({
      action: 'reject',
      inputs: { basis: '12(5)', reason: 'tredje ens anmodning i år' },
    });
    expect(parseText('besvaret DSAR-2026-0042').intent).toMatchObject({ action: 'respond', inputs: {} });
    expect(parseText('ikke en anmodning DSAR-2026-0042 nyhedsbrev').intent).toMatchObject({
      action: 'dismiss',
      inputs: { reason: 'nyhedsbrev' },
    });
    expect(parseText('identifikator DSAR-2026-0042 Kundenr. 10482').intent).toMatchObject({
      action: 'add_identifier',
      inputs: { value: 'Kundenr. 10482' },
    });
    expect(parseText('søg DSAR-2026-0042').intent).toEqual({ kind: 'search', caseId: 'DSAR-2026-0042' });
    expect(parseText('hits DSAR-2026-0042').intent).toEqual({ kind: 'hits', caseId: 'DSAR-2026-0042', page: 1 });
  });

  it('says what it understood of a case id with unknown words', () => {
    expect(parseText('DSAR-2026-0042 blablabla').intent).toEqual({ kind: 'show', caseId: 'DSAR-2026-0042', unrecognised: true });
  });

  it('keeps mistyped ids for a "did you mean"', () => {
    expect(parseText('DSAR-2026-0O42').intent).toMatchObject({ kind: 'unknown', looseId: 'dsar-2026-0o42' });
    expect(similarIds('dsar-2026-0o42', ['DSAR-2026-0042', 'DSAR-2026-0043', 'DSAR-2025-0042', 'DSAR-2026-0100'])).toEqual([
      'DSAR-2026-0042',
      'DSAR-2025-0042',
      'DSAR-2026-0043',
    ]);
    expect(similarIds('DSAR-2026-9999', ['DSAR-2026-0042'])).toEqual([]);
  });

  it('checks a bounded set of likely ids, not every case, for a "did you mean"', () => {
    expect(candidateIds('dsar-2026-0o42')).toContain('DSAR-2026-0042');
    expect(candidateIds('DSAR-2026-0024')).toEqual(expect.arrayContaining(['DSAR-2026-0204', 'DSAR-2026-0025', 'DSAR-2025-0024']));
    expect(candidateIds('DSAR-2026-0024').length).toBeLessThanOrEqual(8);
    expect(candidateIds('hello')).toEqual([]);
  });

  it('calls anything else unknown, with a guess at the language', () => {
    expect(parseText('hvad med vejret i morgen?')).toEqual({ intent: { kind: 'unknown', text: 'hvad med vejret i morgen?' }, lang: 'da' });
  });
});
