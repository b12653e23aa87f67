import { describe, expect, it } from 'vitest';
import { caseView } from '../../src/bot/cards/case-view.js';
import { renderCard } from '../../src/bot/cards/render.js';
import { stoppedText } from '../../src/bot/search-updates.js';
import { DomainError, legalDate, readClock } from '../../src/domain/index.js';
import { openedCase } from '../helpers/cases.js';

/** A search started from Teams that fails ends its card with why, in the DPO's language, never only in the log. */

describe('a search that stops', () => {
  it("says a rule's own reason in Danish, and a Graph failure without its English details", () => {
    const rule = new DomainError('invalid_input', 'DSAR-2026-0001 has no e-mail address to search for').saying(
      'DSAR-2026-0001 har ingen e-mailadresse at søge efter.',
    );
    expect(stoppedText(rule, 'da')).toBe('Søgningen stoppede: DSAR-2026-0001 har ingen e-mailadresse at søge efter.');
    expect(stoppedText(rule, 'en')).toBe('The search stopped: DSAR-2026-0001 has no e-mail address to search for.');
    const graph = Object.assign(new Error('ECONNRESET socket hang up'), { statusCode: 503 });
    const da = stoppedText(graph, 'da');
    expect(da).toContain('Microsoft 365 svarede ikke som ventet');
    expect(da).toContain('en ny søgning i de samme kilder fortsætter, hvor den slap');
    expect(da).not.toContain('ECONNRESET');
  });

  it('shows on the case card', () => {
    const c = openedCase();
    const card = renderCard(
      'case',
      caseView(c, {
        lang: 'da',
        clock: readClock(c, legalDate('2026-03-10T10:00:00Z')),
        events: [],
        notice: stoppedText(new Error('x'), 'da'),
      }),
    );
    expect(JSON.stringify(card)).toContain('Søgningen stoppede: Microsoft 365 svarede ikke som ventet');
  });
});
