import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import type { StructuredLetter } from '../domain/index.js';

/**
 * The letter as PDF and DOCX for the answer package, from the same structure as the text: ITGuy's letterhead
 * from the register, the long date, then the blocks. pdfkit (actively maintained, pure JS, no engines limit,
 * standard PDF fonts cover Danish, German and Swedish letters) and docx (the maintained DOCX writer, Node >=16).
 */

export function letterPdf(letter: StructuredLetter): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 56, left: 64, right: 64 },
      info: { Title: `${letter.subject} (${letter.caseId})`, Author: letter.letterhead[0] ?? '' },
      lang: letter.lang,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const [name, ...rest] = letter.letterhead;
    doc
      .font('Helvetica-Bold')
      .fontSize(14)
      .text(name ?? '', { align: 'right' });
    doc.font('Helvetica').fontSize(9).text(rest.join('\n'), { align: 'right' });
    doc.moveDown(2).fontSize(10.5).text(letter.dateLine).text(letter.reference);
    if (letter.languageNote.length) doc.moveDown().font('Helvetica-Oblique').text(letter.languageNote.join('\n')).font('Helvetica');
    doc.moveDown().font('Helvetica-Bold').fontSize(12).text(letter.subject).font('Helvetica').fontSize(10.5);
    doc.moveDown().text(letter.salutation);
    for (const block of letter.blocks) {
      doc.moveDown(0.6);
      if (block.type === 'heading') doc.font('Helvetica-Bold').text(block.text).font('Helvetica');
      else if (block.type === 'paragraph') doc.text(block.text, { align: 'left' });
      else doc.list(block.items, { bulletRadius: 1.5, textIndent: 10 });
    }
    doc.moveDown().text(letter.closing).moveDown(0.3).text(letter.signature.join('\n'));
    doc.end();
  });
}

export function letterDocx(letter: StructuredLetter): Promise<Buffer> {
  const p = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; right?: boolean } = {}) =>
    new Paragraph({
      ...(options.right ? { alignment: AlignmentType.RIGHT } : {}),
      spacing: { after: 120 },
      children: [
        new TextRun({
          text,
          ...(options.bold ? { bold: true } : {}),
          ...(options.italics ? { italics: true } : {}),
          ...(options.size ? { size: options.size } : {}),
        }),
      ],
    });
  const [name, ...rest] = letter.letterhead;
  const children: Paragraph[] = [
    p(name ?? '', { bold: true, size: 28, right: true }),
    ...rest.map((line) => p(line, { size: 18, right: true })),
    p(letter.dateLine),
    p(letter.reference),
    ...letter.languageNote.map((line) => p(line, { italics: true })),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(letter.subject)] }),
    p(letter.salutation),
  ];
  for (const block of letter.blocks) {
    if (block.type === 'heading') children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(block.text)] }));
    else if (block.type === 'paragraph') children.push(p(block.text));
    else children.push(...block.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] })));
  }
  children.push(p(letter.closing), ...letter.signature.map((line) => p(line)));
  const doc = new Document({
    creator: name ?? '',
    title: `${letter.subject} (${letter.caseId})`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
