import { describe, expect, it } from 'vitest';
import { caseList, caseSummary } from '../../src/cli/format.js';
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

  it('marks them in the table', () => {
    const text = caseList([uncertain, sure].map((c) => ({ case: c, clock: readClock(c, today) })));
    const [, first, second] = text.split('\n');
    expect(first).toMatch(/received \(confirm\?\)/);
    expect(second).not.toMatch(/confirm/);
  });
});
