import { stem } from './stem.js';
import { editDistance, fold, type Token } from './text.js';
import type { Lang } from './types.js';

/**
 * A small phrase-pattern language over tokens, so the word lists read like the phrases people write:
 *
 *   "slet~ _5 @ME"        slet (any inflection, or a typo) then, within 5 words, a word of the macro @ME
 *   "afmeld* ?mig"        a word starting with afmeld, optionally followed by "mig"
 *   "ret !til _3 @ME"     "ret" not followed by "til" ("ret til" is "right to"), then @ME within 3 words
 *
 * Alternatives in one slot are separated by "|". A word matches a token when their folded forms are equal
 * or, for words of four letters or more, when their Snowball stems in the pattern's language are equal.
 *   word~   also tolerates a typo: edit distance 1 (2 for words of nine letters or more), same first letter
 *   word*   prefix       *word   suffix (Danish and German compounds: *oplysninger)       *word*  contains
 *   =word   the folded form only, no stemming       #  a number
 *   @NAME   a macro: a list of alternatives; tokens matched through it are tagged NAME
 *   _N      up to N other words before the next slot
 *   ?slot   optional slot (slot? too)        !slot  the next word must not match (consumes nothing)
 */

type AltKind = 'word' | 'typo' | 'prefix' | 'suffix' | 'contains' | 'exact' | 'number';

interface Alt {
  kind: AltKind;
  fold: string;
  stem: string;
  tag?: string;
}

interface Slot {
  alts: Alt[];
  gap: number;
  optional: boolean;
  negative: boolean;
}

export interface Pattern {
  source: string;
  lang: Lang;
  slots: Slot[];
}

export interface Match {
  start: number;
  end: number;
  tags: string[];
}

export type Macros = Record<string, string>;

function parseAlt(text: string, lang: Lang, tag?: string): Alt {
  let kind: AltKind = 'word';
  let word = text;
  if (word === '#') return { kind: 'number', fold: '', stem: '', ...(tag ? { tag } : {}) };
  if (word.startsWith('=')) {
    kind = 'exact';
    word = word.slice(1);
  } else if (word.startsWith('*') && word.endsWith('*') && word.length > 2) {
    kind = 'contains';
    word = word.slice(1, -1);
  } else if (word.startsWith('*')) {
    kind = 'suffix';
    word = word.slice(1);
  } else if (word.endsWith('*')) {
    kind = 'prefix';
    word = word.slice(0, -1);
  } else if (word.endsWith('~')) {
    kind = 'typo';
    word = word.slice(0, -1);
  }
  const f = fold(word);
  const alt: Alt = { kind, fold: f, stem: kind === 'word' || kind === 'typo' ? stem(word.toLowerCase(), lang) : '' };
  if (tag) alt.tag = tag;
  return alt;
}

export function compile(source: string, lang: Lang, macros: Macros = {}): Pattern {
  const slots: Slot[] = [];
  let gap = 0;
  for (const part of source.trim().split(/\s+/)) {
    const gapMatch = /^_(\d+)$/.exec(part);
    if (gapMatch) {
      gap += Number(gapMatch[1]);
      continue;
    }
    let text = part;
    let optional = false;
    let negative = false;
    if (text.startsWith('?')) {
      optional = true;
      text = text.slice(1);
    } else if (text.length > 1 && text.endsWith('?')) {
      optional = true;
      text = text.slice(0, -1);
    } else if (text.startsWith('!')) {
      negative = true;
      text = text.slice(1);
    }
    const alts: Alt[] = [];
    for (const alt of text.split('|')) {
      if (!alt) continue;
      if (alt.startsWith('@')) {
        const name = alt.slice(1);
        const body = macros[name];
        if (body === undefined) throw new Error(`pattern "${source}": unknown macro @${name}`);
        for (const inner of body.split('|')) if (inner) alts.push(parseAlt(inner, lang, name));
      } else alts.push(parseAlt(alt, lang));
    }
    if (!alts.length) throw new Error(`pattern "${source}": empty slot`);
    slots.push({ alts, gap, optional, negative });
    gap = 0;
  }
  if (!slots.length) throw new Error(`pattern "${source}": no words`);
  return { source, lang, slots };
}

const typoCache = new Map<string, boolean>();

function typoMatch(token: Token, alt: Alt, lang: Lang): boolean {
  // The cheap refusals first: most token/word pairs differ in length or first letter (no key, no cache).
  const t0 = token.fold;
  if (t0.length < 5 || alt.fold.length < 5 || t0[0] !== alt.fold[0]) return false;
  if (Math.abs(t0.length - alt.fold.length) > 2 && alt.stem.length < 5) return false;
  const key = `${lang}|${alt.fold}|${token.fold}`;
  const cached = typoCache.get(key);
  if (cached !== undefined) return cached;
  let ok = false;
  const t = token.fold;
  if (t.length >= 5 && alt.fold.length >= 5 && t[0] === alt.fold[0]) {
    const max = alt.fold.length >= 9 ? 2 : 1;
    if (editDistance(t, alt.fold, max) <= max) ok = true;
    else if (alt.stem.length >= 5) {
      const s = fold(stem(token.lower, lang));
      ok = s.length >= 5 && editDistance(s, fold(alt.stem), 1) <= 1;
    }
  }
  if (typoCache.size > 100_000) typoCache.clear();
  typoCache.set(key, ok);
  return ok;
}

/**
 * The token's stem in `lang`, kept on the token: a token meets hundreds of pattern words, and looking its
 * stem up in the stemmer's string-keyed memo each time was a seventh of the classifier's time.
 */
function tokenStem(token: Token, lang: Lang): string {
  token.stems ??= {};
  let s = token.stems[lang];
  if (s === undefined) {
    s = stem(token.lower, lang);
    token.stems[lang] = s;
  }
  return s;
}

function altMatches(token: Token, alt: Alt, lang: Lang): boolean {
  const t = token.fold;
  switch (alt.kind) {
    case 'exact':
      return t === alt.fold;
    case 'prefix':
      return t.startsWith(alt.fold);
    case 'suffix':
      return t.endsWith(alt.fold);
    case 'contains':
      return t.includes(alt.fold);
    case 'number':
      return /^\d+$/.test(t);
    case 'word':
    case 'typo':
      if (t === alt.fold) return true;
      if (alt.fold.length >= 4 && t.length >= 4 && tokenStem(token, lang) === alt.stem) return true;
      return alt.kind === 'typo' && typoMatch(token, alt, lang);
  }
}

function slotMatch(token: Token | undefined, slot: Slot, lang: Lang): Alt | undefined {
  if (!token) return undefined;
  return slot.alts.find((alt) => altMatches(token, alt, lang));
}

function matchFrom(p: Pattern, tokens: Token[], slotIndex: number, pos: number, extraGap: number, tags: string[]): Match | null {
  if (slotIndex >= p.slots.length) return { start: -1, end: pos - 1, tags };
  const slot = p.slots[slotIndex]!;
  const gap = slotIndex === 0 ? 0 : slot.gap + extraGap;
  if (slot.negative) {
    if (slotMatch(tokens[pos], slot, p.lang)) return null;
    return matchFrom(p, tokens, slotIndex + 1, pos, gap, tags);
  }
  for (let k = 0; k <= gap; k++) {
    const i = pos + k;
    if (i >= tokens.length) break;
    const alt = slotMatch(tokens[i], slot, p.lang);
    if (!alt) continue;
    const rest = matchFrom(p, tokens, slotIndex + 1, i + 1, 0, alt.tag ? [...tags, alt.tag] : tags);
    if (rest) return rest;
  }
  if (slot.optional) return matchFrom(p, tokens, slotIndex + 1, pos, gap, tags);
  return null;
}

/**
 * For a first slot of plain and exact words only: the folded forms and the stems (of words of four letters
 * or more) a token must have to match it, so findAll skips most tokens with two set lookups. Exactly
 * altMatches' rule for those kinds; undefined when another kind (typo, prefix, ...) needs the full check.
 */
interface FirstWords {
  folds: Set<string>;
  stems: Set<string>;
}
const firstWords = new WeakMap<Pattern, FirstWords | null>();

function firstWordsOf(p: Pattern): FirstWords | undefined {
  let words = firstWords.get(p);
  if (words === undefined) {
    const alts = p.slots[0]!.alts;
    words = alts.every((a) => a.kind === 'word' || a.kind === 'exact')
      ? {
          folds: new Set(alts.map((a) => a.fold)),
          stems: new Set(alts.filter((a) => a.kind === 'word' && a.fold.length >= 4).map((a) => a.stem)),
        }
      : null;
    firstWords.set(p, words);
  }
  return words ?? undefined;
}

/** A sentence's folded forms, and its stems per language (words of four letters or more), built once. */
interface TokenSets {
  folds: Set<string>;
  stems: Partial<Record<Lang, Set<string>>>;
}
const tokenSets = new WeakMap<Token[], TokenSets>();

function setsOf(tokens: Token[]): TokenSets {
  let sets = tokenSets.get(tokens);
  if (!sets) {
    sets = { folds: new Set(tokens.map((t) => t.fold)), stems: {} };
    tokenSets.set(tokens, sets);
  }
  return sets;
}

function stemsOf(tokens: Token[], sets: TokenSets, lang: Lang): Set<string> {
  let stems = sets.stems[lang];
  if (!stems) {
    stems = new Set(tokens.filter((t) => t.fold.length >= 4).map((t) => tokenStem(t, lang)));
    sets.stems[lang] = stems;
  }
  return stems;
}

const anyIn = (words: Set<string>, present: Set<string>) => {
  for (const w of words) if (present.has(w)) return true;
  return false;
};

/** Every match of the pattern in the tokens, one per starting word. */
export function findAll(p: Pattern, tokens: Token[]): Match[] {
  const out: Match[] = [];
  const first = p.slots[0]!;
  const words = first.optional || first.negative ? undefined : firstWordsOf(p);
  if (words) {
    // No word of the sentence can start a match: a few set lookups instead of a pass over every token.
    const sets = setsOf(tokens);
    if (!anyIn(words.folds, sets.folds) && !anyIn(words.stems, stemsOf(tokens, sets, p.lang))) return out;
  }
  for (let i = 0; i < tokens.length; i++) {
    if (first.optional || first.negative) {
      const m = matchFrom(p, tokens, 0, i, 0, []);
      if (m && m.end >= i) out.push({ ...m, start: i });
      continue;
    }
    const token = tokens[i]!;
    if (words && !words.folds.has(token.fold) && !(token.fold.length >= 4 && words.stems.has(tokenStem(token, p.lang)))) continue;
    const alt = slotMatch(token, first, p.lang);
    if (!alt) continue;
    const m = matchFrom(p, tokens, 1, i + 1, 0, alt.tag ? [alt.tag] : []);
    if (m) out.push({ ...m, start: i, end: Math.max(m.end, i) });
  }
  return out;
}

/** True when any of the patterns matches somewhere in the tokens. */
export function anyMatch(patterns: readonly Pattern[], tokens: Token[]): boolean {
  return patterns.some((p) => findAll(p, tokens).length > 0);
}
