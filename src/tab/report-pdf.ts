import PDFDocument from 'pdfkit';
import type { Report } from '../domain/index.js';
import type { MonthCount } from '../domain/report-months.js';
import { REPORT_TEXT, percent, reportRows, type Lang } from './report-rows.js';

/**
 * The year report as a PDF (A4) for the DPO's files or the supervisory authority: the same rows as the
 * CSV, and the requests per month as bars. PDFKit's built-in Helvetica (WinAnsi) has æ, ø and å, so no
 * font file ships with the app.
 */
export function reportPdf(r: Report, months: readonly MonthCount[], lang: Lang): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${REPORT_TEXT.title[lang]} ${r.year}`, Author: 'ITGuy DSAR-assistent' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(`${REPORT_TEXT.title[lang]} ${r.year}`);
  doc.moveDown(0.3).font('Helvetica').fontSize(9).fillColor('#444').text(REPORT_TEXT.scope[lang](r.year, r.asOf));
  doc.moveDown(1).fillColor('#000').fontSize(10);

  const left = doc.page.margins.left;
  const countX = 360;
  const shareX = 430;
  for (const row of reportRows(r, months, lang)) {
    if (doc.y > doc.page.height - 80) doc.addPage();
    const y = doc.y;
    doc.font(row.sub ? 'Helvetica' : 'Helvetica-Bold').text(row.label, left + (row.sub ? 14 : 0), y, { width: countX - left - 20 });
    const after = doc.y;
    if (row.count !== null) doc.text(String(row.count), countX, y, { width: 60, align: 'right' });
    if (row.share !== null) doc.text(percent(lang, row.share), shareX, y, { width: 60, align: 'right' });
    doc.y = after + 2;
  }

  // Requests per month as bars: the same counts as the rows above, for the eye.
  doc.addPage().font('Helvetica-Bold').fontSize(12).text(`${REPORT_TEXT.perMonth[lang]} ${r.year}`);
  const top = doc.y + 20;
  const height = 160;
  const max = Math.max(1, ...months.map((m) => m.total));
  const width = 32;
  months.forEach((m, i) => {
    const x = left + i * (width + 8);
    const h = (m.total / max) * height;
    doc.rect(x, top + height - h, width, h).fill('#1F5F8B');
    doc.fillColor('#000').font('Helvetica').fontSize(8);
    doc.text(String(m.total), x, top + height - h - 11, { width, align: 'center' });
    doc.text(m.month.slice(5), x, top + height + 4, { width, align: 'center' });
  });
  doc.end();
  return done;
}
