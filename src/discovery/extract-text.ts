import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { convert } from 'html-to-text';
import { simpleParser, type AddressObject } from 'mailparser';
import type { MailPeople } from '../domain/redaction/detect.js';

/**
 * An item's full plain text for Art. 15(4) redaction: a message's headers, body and each attachment's text;
 * a file's text by type. PDF through Mozilla's pdf.js, DOCX and XLSX by reading their XML out of the zip with
 * fflate (no converter needed for text only), CSV/TXT/MD/JSON as UTF-8. Parts with no readable text are
 * named in `unreadable`, never passed over silently.
 */

export interface ItemContent {
  bytes: Buffer;
  name: string;
  contentType: string;
}

export interface ItemText {
  text: string;
  mail?: MailPeople;
  /** Parts whose text could not be read (the item itself, or an attachment's name): to review by hand. */
  unreadable: string[];
}

type Lang = 'da' | 'en';
const LABELS = {
  da: { from: 'Fra', to: 'Til', cc: 'Cc', date: 'Dato', subject: 'Emne', attachment: 'Vedhæftet fil' },
  en: { from: 'From', to: 'To', cc: 'Cc', date: 'Date', subject: 'Subject', attachment: 'Attachment' },
};

const standardFontDataUrl = () => `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

async function pdfText(bytes: Buffer): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl: standardFontDataUrl(),
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : '')).join(''));
  }
  await doc.destroy();
  return pages.join('\n');
}

const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

function docxText(bytes: Buffer): string {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes), { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']!);
  return xml
    .split(/<\/w:p>/)
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(?:br|tab)\b[^>]*\/>/g)]
        .map((m) => (m[1] === undefined ? ' ' : xmlText(m[1])))
        .join(''),
    )
    .join('\n')
    .trim();
}

function xlsxText(bytes: Buffer): string {
  const files = unzipSync(new Uint8Array(bytes), {
    filter: (f) => f.name === 'xl/sharedStrings.xml' || f.name.startsWith('xl/worksheets/'),
  });
  const shared = [...strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array()).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((t) => xmlText(t[1]!)).join(''),
  );
  const sheets = Object.keys(files)
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  return sheets
    .map((name) =>
      [...strFromU8(files[name]!).matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)]
        .map((row) =>
          [...row[1]!.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)]
            .map((cell) => {
              const type = cell[1]!.match(/\bt="(\w+)"/)?.[1];
              const inner = cell[2] ?? '';
              if (type === 'inlineStr') return [...inner.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((t) => xmlText(t[1]!)).join('');
              const v = inner.match(/<v>([^<]*)<\/v>/)?.[1];
              if (v === undefined) return '';
              return type === 's' ? (shared[Number(v)] ?? '') : xmlText(v);
            })
            .join('\t'),
        )
        .join('\n'),
    )
    .join('\n\n');
}

const ext = (name: string) => name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';

/** A file's text by its type, or undefined when it has none we can read. */
export async function fileText(bytes: Buffer, name: string, contentType: string): Promise<string | undefined> {
  const type = contentType.toLowerCase();
  const e = ext(name);
  try {
    if (e === 'pdf' || type.includes('application/pdf')) return await pdfText(bytes);
    if (e === 'docx' || type.includes('wordprocessingml')) return docxText(bytes);
    if (e === 'xlsx' || type.includes('spreadsheetml')) return xlsxText(bytes);
    if (['csv', 'txt', 'md', 'json', 'tsv', 'log'].includes(e) || type.startsWith('text/plain') || type.startsWith('text/csv'))
      return bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (e === 'html' || e === 'htm' || type.startsWith('text/html')) return convert(bytes.toString('utf8'), { wordwrap: false });
  } catch {
    // A damaged or encrypted file: no text, so it is flagged for review by hand.
    return undefined;
  }
  return undefined;
}

const people = (a: AddressObject | AddressObject[] | undefined) =>
  [a ?? []]
    .flat()
    .flatMap((o) => o.value.map((v) => ({ ...(v.name ? { name: v.name } : {}), ...(v.address ? { address: v.address } : {}) })));
const line = (a: { name?: string; address?: string }[]) =>
  a.map((p) => (p.name ? `${p.name} <${p.address ?? ''}>` : (p.address ?? ''))).join(', ');

export async function extractText(content: ItemContent, lang: Lang): Promise<ItemText> {
  const l = LABELS[lang];
  if (ext(content.name) !== 'eml' && !content.contentType.includes('message/rfc822')) {
    const text = await fileText(content.bytes, content.name, content.contentType);
    return text === undefined || !text.trim() ? { text: '', unreadable: [content.name] } : { text, unreadable: [] };
  }
  const mail = await simpleParser(content.bytes);
  const from = people(mail.from);
  const to = people(mail.to);
  const cc = people(mail.cc);
  const body = mail.text ?? (mail.html ? convert(mail.html, { wordwrap: false }) : '');
  const parts = [
    `${l.from}: ${line(from)}`,
    `${l.to}: ${line(to)}`,
    ...(cc.length ? [`${l.cc}: ${line(cc)}`] : []),
    ...(mail.date ? [`${l.date}: ${mail.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`] : []),
    `${l.subject}: ${mail.subject ?? ''}`,
    '',
    body.trim(),
  ];
  const unreadable: string[] = [];
  for (const a of mail.attachments) {
    const name = a.filename ?? 'attachment';
    const text = await fileText(a.content, name, a.contentType);
    parts.push('', `--- ${l.attachment}: ${name} ---`);
    if (text?.trim()) parts.push(text.trim());
    else unreadable.push(name);
  }
  return { text: parts.join('\n'), mail: { addresses: [...from, ...to, ...cc] }, unreadable };
}
