/**
 * Text plumbing for the classifier: normalisation, folding (æøå and friends to ASCII, for typo-tolerant
 * comparison), tokens, sentences, and an edit distance.
 */

import type { Lang } from './types.js';
export interface Token {
  /** As written. */
  raw: string;
  /** Lower case, NFC. */
  lower: string;
  /** Lower case, æ→ae ø→oe å→aa ä→ae ö→oe ü→ue ß→ss, other accents dropped, hyphens and apostrophes removed. */
  fold: string;
  /** Offsets in the sentence text. */
  start: number;
  /** Its Snowball stem per language, filled in by the matcher as it needs them (shared by tokens of one word). */
  stems?: StemsByLang | undefined;
  /** Its keys for the matcher's first-slot prefilter, filled in by the matcher. */
  keys?: string[] | undefined;
  end: number;
  /** Inside quotation marks ("...", „...“, «...»): a phrase cited, not said. */
  quoted: boolean;
}

export type StemsByLang = Record<Lang, string | undefined>;

export interface Sentence {
  text: string;
  tokens: Token[];
  /** Where the sentence came from: the subject line, the sender's own text, quoted or forwarded text. */
  source: 'subject' | 'own' | 'quoted' | 'forwarded';
}

const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** NFC, unified line ends, no invisible characters, non-breaking spaces as spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(/[\u00A0\u2007\u202F\t]/g, ' ');
}

const FOLD_MAP: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', œ: 'oe' };

/** Folded words, memoised: the same few thousand words come back in every mail (see stem.ts). */
const folded = new Map<string, string>();
const FOLD_CACHE_LIMIT = 50_000;

export function fold(word: string): string {
  let f = folded.get(word);
  if (f === undefined) {
    f = foldWord(word);
    if (folded.size >= FOLD_CACHE_LIMIT) folded.clear();
    folded.set(word, f);
  }
  return f;
}

function foldWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/[æøåäöüßœ]/g, (c) => FOLD_MAP[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[-'’]/g, '');
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const ADDRESS_OR_LINK = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const OPEN_QUOTES = new Set(['"', '“', '„', '«', '»', '”']);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Quotation spans: between a quote mark at a word boundary and the next quote mark.
  const quotedRanges: [number, number][] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!OPEN_QUOTES.has(c)) continue;
    if (open < 0) open = i;
    else {
      quotedRanges.push([open, i]);
      open = -1;
    }
  }
  // Addresses and links are not words: "dpa@itguy.dk" must not read as "dpa", ".../afmeld" not as "afmeld".
  const skipped: [number, number][] = [];
  for (const m of text.matchAll(ADDRESS_OR_LINK)) skipped.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    if (inRange(skipped, start, true)) continue;
    const raw = m[0];
    const lower = raw.toLowerCase();
    // Every field set here, the matcher's too: tokens of one shape keep the matcher's property reads fast.
    tokens.push({
      raw,
      lower,
      fold: fold(raw),
      start,
      stems: undefined,
      keys: undefined,
      end: start + raw.length,
      quoted: inRange(quotedRanges, start, false),
    });
  }
  return tokens;
}

/** Whether `at` falls in one of the ranges (from its start when `fromStart`, else strictly inside); a loop, no closure per word. */
function inRange(ranges: [number, number][], at: number, fromStart: boolean): boolean {
  for (const [a, b] of ranges) if ((fromStart ? at >= a : at > a) && at < b) return true;
  return false;
}

const BULLET = /^\s*(?:[-*•–·]|\d{1,2}[.)]|[a-h][.)])\s+/;

/**
 * Splits a block of text into sentences: paragraphs and list items first, then sentence punctuation.
 * Lines of one paragraph are joined, since mail clients wrap long lines.
 */
export function splitSentences(text: string, source: Sentence['source']): Sentence[] {
  const units: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) units.push(current.join(' '));
    current = [];
  };
  const lines = normalizeText(text).split('\n');
  for (const [i, line] of lines.entries()) {
    const trimmed = line.trim();
    if (!trimmed) {
      flush();
      continue;
    }
    if (BULLET.test(line)) flush();
    current.push(trimmed);
    // A short first line followed by a capitalised one is a line of its own (greeting, name, "Fjern mig nu");
    // followed by a lower-case one it was wrapped.
    const next = lines[i + 1]?.trim() ?? '';
    if (!/[.!?:,]$/.test(trimmed) && trimmed.length < 40 && current.length === 1 && !/^\p{Ll}/u.test(next)) flush();
  }
  flush();
  const sentences: Sentence[] = [];
  for (const unit of units) {
    // Sentences, and clauses that start over with a subject of their own (", og jeg vil ikke have tilbud").
    for (const part of unit.split(
      /(?<=[.!?])\s+(?=[\p{Lu}"„«(])|(?<=[!?])\s+|\s+[–—]\s+(?=\p{Lu})|[,;]\s+(?=(?:og|men|samt|and|but|und|aber|och)\s+(?:jeg|i|ich|jag|vi|we|wir)\s)/iu,
    )) {
      const t = part.trim();
      if (!t) continue;
      const tokens = tokenize(t);
      if (tokens.length) sentences.push({ text: t, tokens, source });
    }
  }
  return sentences;
}

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

/** A phrase of a sentence for the evidence list: the matched words with a little context, at most ~120 characters. */
export function excerpt(sentence: Sentence, from: number, to: number): string {
  const tokens = sentence.tokens;
  const a = tokens[Math.max(0, from)]!;
  const b = tokens[Math.min(tokens.length - 1, to)]!;
  let start = a.start;
  let end = b.end;
  // Widen to the whole sentence when it is short.
  if (sentence.text.length <= 110) {
    start = 0;
    end = sentence.text.length;
  } else {
    const before = tokens[Math.max(0, from - 3)]!;
    const after = tokens[Math.min(tokens.length - 1, to + 3)]!;
    start = before.start;
    end = Math.min(after.end, start + 140);
  }
  let out = sentence.text.slice(start, end).replace(/\s+/g, ' ').trim();
  if (start > 0) out = `…${out}`;
  if (end < sentence.text.length) out = `${out}…`;
  return out;
}
