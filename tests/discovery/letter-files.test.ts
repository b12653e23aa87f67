import { describe, expect, it } from 'vitest';
import { letterDocx, letterPdf } from '../../src/discovery/letter-files.js';
import { letterFor } from '../../src/domain/index.js';
import { DEMOS, demoIn } from '../golden/letters/demo-cases.js';
import { docxText, pdfText } from '../helpers/document-text.js';

/** The package's PDF and DOCX hold the same letter as the text: letterhead from the register, Danish long dates. */

const demo = DEMOS.find((d) => d.template === 'erasure' && d.variant === 'in-progress');
if (!demo) throw new Error('no erasure demo');
const { case: c, facts } = demoIn(demo, 'da');
const letter = letterFor(c, 'erasure', 'da', facts);

describe('the letter as PDF and DOCX', () => {
  it('the PDF holds the letterhead, the long Danish date and what the letter says, with æ, ø and å intact', async () => {
    const pdf = await letterPdf(letter);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const line of [
      'ITGuy ApS',
      'Centervænget 19 st tv',
      '3400 Hillerød',
      'CVR 36936894',
      'Hillerød, den 20. marts 2026',
      'Sagsnummer DSAR-2026-0001',
      'Svar på din anmodning om sletning',
      'Kære Bo Rasmussen,',
      'Microsoft 365: slettet',
      'Microsoft Azure: under behandling',
      'slettes den 31. december 2030',
      'Carl Jacobsens Vej 35, 2500 Valby',
      'Lasse Bloch Holmsgaard',
    ])
      expect(text).toContain(line);
  });

  it('the DOCX holds the same text', async () => {
    const docx = await letterDocx(letter);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const text = await docxText(docx);
    for (const line of [
      'ITGuy ApS',
      'Hillerød, den 20. marts 2026',
      'Kære Bo Rasmussen,',
      'Microsoft 365: slettet',
      'Carl Jacobsens Vej 35, 2500 Valby',
    ])
      expect(text).toContain(line);
  });
});
