/**
 * The text of the demo data's PDFs (invoices, quotes, a power of attorney). They are small, uncompressed
 * PDFs with one `(…) Tj` per line in WinAnsiEncoding, so reading the string operands is enough; this is
 * not a general PDF text extractor.
 */
export function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)) lines.push(match[1]!.replace(/\\([\\()])/g, '$1'));
  return lines.join('\n');
}
