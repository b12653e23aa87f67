import type { StructuredLetter } from './letter-model.js';

/** The letter as plain text: what `dsar letter` prints, the card previews and the DPO pastes into a reply. */
export function renderLetterText(letter: StructuredLetter): string {
  const out: string[] = [...letter.letterhead, '', letter.dateLine, letter.reference, ''];
  if (letter.languageNote.length) out.push(...letter.languageNote, '');
  out.push(letter.subject, '', letter.salutation, '');
  for (const block of letter.blocks) {
    if (block.type === 'heading') out.push(block.text);
    else if (block.type === 'paragraph') out.push(block.text, '');
    else out.push(...block.items.map((item) => `- ${item}`), '');
  }
  out.push(letter.closing, ...letter.signature);
  return `${out.join('\n')}\n`;
}
