import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plain, truncate } from '../../src/bot/card-text.js';
import { caseView } from '../../src/bot/cards/case-view.js';
import { renderCard } from '../../src/bot/cards/render.js';
import { legalDate, readClock } from '../../src/domain/index.js';
import { openedCase } from '../helpers/cases.js';

/** Every string in a card with the element type that holds it. */
function stringsIn(node: unknown, holder = 'root', found: { holder: string; key: string; text: string }[] = []) {
  if (Array.isArray(node)) {
    for (const n of node) stringsIn(n, holder, found);
  } else if (node && typeof node === 'object') {
    const type = typeof (node as { type?: unknown }).type === 'string' ? (node as { type: string }).type : holder;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') found.push({ holder: type, key, text: value });
      else stringsIn(value, type === 'Fact' ? 'FactSet' : type, found);
    }
  }
  return found;
}

describe('text from e-mail on cards', () => {
  it('is one line without controls, bidi overrides or clickable schemes', () => {
    expect(plain('Anna\n\n**Hansen**\u202E')).toBe('Anna **Hansen**');
    expect(plain('see https://evil.example/x')).toBe('see https:/\u200D/evil.example/x');
    expect(plain('mailto:a@b.example or www.evil.example')).toBe('mailto\u200D:a@b.example or www\u200D.evil.example');
    expect(plain('Re: Anmodning')).toBe('Re: Anmodning');
    expect(plain('\u0007bell\u0000')).toBe('bell');
    expect(plain(undefined)).toBe('');
  });

  it('is cut at a word boundary and marked, never splitting an emoji', () => {
    expect(truncate('Anmodning om indsigt i alle mine oplysninger', 22)).toBe('Anmodning om indsigt…');
    expect(truncate('Anmodningomindsigtialle', 10)).toBe('Anmodning…');
    expect(Array.from(truncate('😀'.repeat(30), 10))).toHaveLength(10);
  });

  it('never exceeds the limit nor keeps a line break (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer({ min: 5, max: 300 }), (text, max) => {
        const out = plain(text, max);
        expect(Array.from(out).length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/[\n\r\u202E]/);
      }),
    );
  });

  it('reaches a case card only inside TextRuns, where markdown and templates are inert', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the card data deliberately carries a literal template placeholder, to prove it is never evaluated
    const hostile = '[Klik her](https://evil.example) **Urgent** ${labels.start} <at>all</at>';
    const c = openedCase({ requester: { name: hostile, email: 'anna@example.com' }, dataSubject: { name: hostile, authority: 'other' } });
    const view = caseView(c, { lang: 'da', clock: readClock(c, legalDate('2026-03-10T10:00:00Z')), events: [], evidence: [hostile] });
    const card = renderCard('case', view);
    const holders = stringsIn(card).filter((s) => s.text.includes('Klik her'));
    expect(holders.length).toBeGreaterThanOrEqual(3);
    for (const h of holders) {
      expect(h.holder).toBe('TextRun');
      expect(h.text).not.toContain('https://');
      // The template placeholder in the data stayed text: data is never evaluated.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal placeholder must survive as text, unevaluated
      expect(h.text).toContain('${labels.start}');
    }
  });
});
