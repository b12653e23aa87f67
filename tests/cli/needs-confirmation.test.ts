import { describe, expect, it } from 'vitest';
import { caseDetail, caseList, caseSummary } from '../../src/cli/format.js';
import { Temporal, readClock } from '../../src/domain/index.js';
import { openedCase } from '../helpers/cases.js';

/** `dsar cases`: an uncertain intake case waiting for the DPO is marked, in JSON and for people. */

describe('dsar cases and uncertain intake cases', () => {
  const uncertain = openedCase({ intakeVerdict: { verdict: 'uncertain', evidence: ['mine oplysninger'] } });
  const sure = openedCase({ intakeVerdict: { verdict: 'request', evidence: ['indsigt'] } });
  const today = Temporal.PlainDate.from('2026-03-06');

  it('gives every case "needsConfirmation" in --json', () => {
    expect(caseSummary(uncertain, readClock(uncertain, today)).needsConfirmation).toBe(true);
    expect(caseSummary(sure, readClock(sure, today)).needsConfirmation).toBe(false);
    expect(caseSummary(openedCase(), readClock(openedCase(), today)).needsConfirmation).toBe(false);
  });

  it('says so, with where receipt came from, on dsar case show', () => {
    const forwarded = {
      ...uncertain,
      receiptBasis: { kind: 'forwarded_original' as const, note: 'Date header' },
      earlierCases: ['DSAR-2026-0004'],
    };
    const text = caseDetail(forwarded, readClock(forwarded, today));
    expect(text).toContain(`Possible request: confirm (dsar case start ${uncertain.id})`);
    expect(text).toContain(`Receipt basis forwarded original: Date header (correct with dsar case correct-receipt ${uncertain.id})`);
    expect(text).toContain('Intake        uncertain: mine oplysninger');
    expect(text).toContain('Earlier cases DSAR-2026-0004');
    expect(caseDetail(sure, readClock(sure, today))).not.toContain('Possible request');
  });

  it('marks them in the table', () => {
    const text = caseList([uncertain, sure].map((c) => ({ case: c, clock: readClock(c, today) })));
    const [, first, second] = text.split('\n');
    expect(first).toMatch(/received \(confirm\?\)/);
    expect(second).not.toMatch(/confirm/);
  });
});
