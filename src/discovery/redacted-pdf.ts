import PDFDocument from 'pdfkit';

/**
 * The redacted copy of an item as PDF: its text with the redacted values already replaced (applyRedactions),
 * so the values are not in the file at all, not just covered. pdfkit's standard Helvetica (WinAnsi) covers
 * Danish; other characters become "?" rather than garbage.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters other than line breaks and tabs are dropped.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const winAnsi = (s: string) =>
  s.replace(CONTROL, '').replace(/[^\t\n\u0020-\u007e\u00a0-\u00ff\u20ac\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]/gu, '?');

export function redactedPdf(o: { title: string; note: string; text: string; lang: 'da' | 'en' }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 56, left: 64, right: 64 },
      info: { Title: winAnsi(o.title) },
      lang: o.lang,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(12).text(winAnsi(o.title));
    doc.font('Helvetica-Oblique').fontSize(9).text(winAnsi(o.note)).moveDown();
    doc.font('Helvetica').fontSize(10).text(winAnsi(o.text));
    doc.end();
  });
}
