import { readdirSync, readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { htmlToText, parseEmail } from '../../src/classifier/parse-email.js';

/**
 * parseEmail converts a single-part HTML message with html-to-text compiled once (mailparser's options)
 * instead of mailparser's own per-mail conversion: the text must be what mailparser makes of it.
 */
describe('single-part HTML messages', () => {
  const dir = 'tests/fixtures/classifier/';
  const htmlOnly = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => readFileSync(dir + f))
    .filter((b) => /^content-type:[ \t]*text\/html/im.test(b.toString('latin1').split(/\r?\n\r?\n/)[0]!));

  it('are in the corpus', () => {
    expect(htmlOnly.length).toBeGreaterThan(10);
  });

  it('read as mailparser reads them', async () => {
    for (const mime of htmlOnly) {
      const reference = await simpleParser(mime, { skipImageLinks: true, skipTextToHtml: true });
      const expected = reference.text?.trim() ? reference.text : htmlToText(reference.html as string);
      expect((await parseEmail(mime)).text).toBe(expected);
    }
  });

  it('fall back to mailparser when the HTML is nested deeper than it converts', async () => {
    const deep = `${'<div>'.repeat(1200)}Slet mine data${'</div>'.repeat(1200)}`;
    const mime = `From: a@example.com\r\nSubject: Dyb\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${deep}\r\n`;
    const reference = await simpleParser(mime, { skipImageLinks: true, skipTextToHtml: true });
    // mailparser refuses: its text stays empty, and parseEmail converts the HTML itself, as before.
    expect(reference.text ?? '').toBe('');
    expect((await parseEmail(mime)).text).toBe(htmlToText(reference.html as string));
  });
});
