import { stem } from './stem.js';
import { editDistance, fold, type StemsByLang, type Token } from './text.js';
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

export interface Alt {
  kind: AltKind;
  fold: string;
  stem: string;
  tag?: string;
}

export interface Slot {
  alts: Alt[];
  gap: number;
  optional: boolean;
  negative: boolean;
  /** Built on first use (lookupOf, keysOf) and kept on the slot: a WeakMap lookup per token was a cost of its own. */
  lookup?: SlotLookup | undefined;
  keys?: SlotKeys | undefined;
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
    slots.push({ alts, gap, optional, negative, lookup: undefined, keys: undefined });
    gap = 0;
  }
  if (!slots.length) throw new Error(`pattern "${source}": no words`);
  return { source, lang, slots };
}

const typoCache = new Map<Lang, Map<string, Map<string, boolean>>>();
let typoCacheSize = 0;

function typoMatch(token: Token, alt: Alt, lang: Lang): boolean {
  // The cheap refusals first: most token/word pairs differ in length or first letter (no key, no cache).
  const t0 = token.fold;
  if (t0.length < 5 || alt.fold.length < 5 || t0[0] !== alt.fold[0]) return false;
  if (Math.abs(t0.length - alt.fold.length) > 2 && alt.stem.length < 5) return false;
  // Per language and word, the tokens seen: no key string to build for each pair.
  let byWord = typoCache.get(lang);
  if (!byWord) {
    byWord = new Map();
    typoCache.set(lang, byWord);
  }
  let seen = byWord.get(alt.fold);
  if (!seen) {
    seen = new Map();
    byWord.set(alt.fold, seen);
  }
  const cached = seen.get(token.fold);
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
  if (++typoCacheSize > 100_000) {
    typoCache.clear();
    typoCacheSize = 0;
  }
  seen.set(token.fold, ok);
  return ok;
}

/**
 * The token's stem in `lang`, kept on the token: a token meets hundreds of pattern words, and looking its
 * stem up in the stemmer's string-keyed memo each time was a seventh of the classifier's time.
 */
function tokenStem(token: Token, lang: Lang): string {
  token.stems ??= stemsOfWord(token.lower);
  let s = token.stems[lang];
  if (s === undefined) {
    s = stem(token.lower, lang);
    token.stems[lang] = s;
  }
  return s;
}

/**
 * A word's stems per language, one record shared by every token of the word in every mail: a token then
 * looks its word up once instead of once per language in the stemmer's memo.
 */
const stemsByWord = new Map<string, StemsByLang>();
const STEMS_CACHE_LIMIT = 50_000;

function stemsOfWord(lower: string): StemsByLang {
  let stems = stemsByWord.get(lower);
  if (!stems) {
    stems = { da: undefined, en: undefined, de: undefined, sv: undefined, no: undefined, nl: undefined, fr: undefined };
    if (stemsByWord.size >= STEMS_CACHE_LIMIT) stemsByWord.clear();
    stemsByWord.set(lower, stems);
  }
  return stems;
}

/** Whether the token matches the alternative (exported for the property test of slotMatch). */
export function altMatches(token: Token, alt: Alt, lang: Lang): boolean {
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

/**
 * A slot's alternatives by what a token must have to match them, so that the first matching alternative
 * (in the slot's order, as a walk over every alternative finds it) takes a few map lookups: a macro such as
 * @ME has dozens of words, and trying each in turn was the matcher's largest cost.
 */
interface SlotLookup {
  /** Folded form -> index of the first exact, word or typo alternative with it. */
  byFold: Map<string, number>;
  /** Stem -> index of the first word or typo alternative of four letters or more with it. */
  byStem: Map<string, number>;
  /** Indexes of the alternatives that have to be tried as they are (prefix, suffix, contains, number). */
  tried: number[];
  /**
   * Indexes of the typo alternatives of five letters or more, by first letter: typoMatch refuses every other
   * pair, so a token tries only the typos that share its first letter (a slot may hold dozens).
   */
  typosByLetter: Map<string, number[]>;
}

function lookupOf(slot: Slot): SlotLookup {
  let lookup = slot.lookup;
  if (!lookup) {
    const built: SlotLookup = { byFold: new Map(), byStem: new Map(), tried: [], typosByLetter: new Map() };
    slot.alts.forEach((alt, i) => {
      const { byFold, byStem, tried, typosByLetter } = built;
      if (alt.kind === 'exact' || alt.kind === 'word' || alt.kind === 'typo') {
        if (!byFold.has(alt.fold)) byFold.set(alt.fold, i);
        if (alt.kind !== 'exact' && alt.fold.length >= 4 && !byStem.has(alt.stem)) byStem.set(alt.stem, i);
      }
      if (alt.kind === 'typo') {
        if (alt.fold.length < 5) return;
        const letter = alt.fold[0]!;
        const list = typosByLetter.get(letter);
        if (list) list.push(i);
        else typosByLetter.set(letter, [i]);
      } else if (alt.kind !== 'exact' && alt.kind !== 'word') tried.push(i);
    });
    lookup = built;
    slot.lookup = lookup;
  }
  return lookup;
}

/** The slot's first alternative that matches the token (altMatches), or undefined. */
export function slotMatch(token: Token | undefined, slot: Slot, lang: Lang): Alt | undefined {
  if (!token) return undefined;
  const lookup = lookupOf(slot);
  const t = token.fold;
  let best = lookup.byFold.get(t) ?? slot.alts.length;
  if (t.length >= 4 && lookup.byStem.size) {
    const byStem = lookup.byStem.get(tokenStem(token, lang));
    if (byStem !== undefined && byStem < best) best = byStem;
  }
  // Below `best` no alternative has the token's folded form or stem (the maps hold the first of each), so
  // of a typo word only the typo rule is left to try. The first match of either list, whichever comes first.
  for (const i of lookup.tried) {
    if (i >= best) break;
    if (altMatches(token, slot.alts[i]!, lang)) {
      best = i;
      break;
    }
  }
  const typos = t.length >= 5 ? lookup.typosByLetter.get(t[0]!) : undefined;
  if (typos) {
    for (const i of typos) {
      if (i >= best) break;
      if (typoMatch(token, slot.alts[i]!, lang)) {
        best = i;
        break;
      }
    }
  }
  return slot.alts[best];
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
 * The prefilter. Each alternative has keys that any token it matches must also have (altMatches' rule,
 * loosened): its folded form (f:), its stem for words of four letters or more (stems), its first letter for
 * a typo of five letters or more (t:, with its length when its stem is short), its first four letters
 * for a prefix (p:), or "#" for a number. A suffix, a "contains" word or a prefix shorter than four
 * letters has none and is tried as it is. A token without any key
 * of a slot cannot match it, and a sentence without any key of a pattern's first slot cannot start a match:
 * a few set lookups instead of trying every alternative (a macro such as @ME has dozens) on every word.
 */
interface SlotKeys {
  /** Keys that do not depend on the language. */
  plain: KeySet;
  /** Stems, in the pattern's language. */
  stems: KeySet;
  /** Alternatives without a key. */
  loose: Alt[];
}

/** A slot's keys while they are collected. */
interface KeysFound {
  plain: Set<string>;
  stems: Set<string>;
}

/**
 * A prefix's key is its first four letters (two let "af" offer every "afmeld*" pattern); a shorter prefix
 * has none and is tried as it is (the word lists' first words have none).
 */
const PREFIX_KEY = 4;

/** Adds the alternative's keys; false when it has none. */
function addKeys(alt: Alt, keys: KeysFound): boolean {
  switch (alt.kind) {
    case 'exact':
      keys.plain.add(`f:${alt.fold}`);
      return true;
    case 'number':
      keys.plain.add('#');
      return true;
    case 'prefix':
      if (alt.fold.length < PREFIX_KEY) return false;
      keys.plain.add(`p:${alt.fold.slice(0, PREFIX_KEY)}`);
      return true;
    case 'suffix':
    case 'contains':
      return false;
    case 'typo':
    case 'word':
      keys.plain.add(`f:${alt.fold}`);
      if (alt.fold.length >= 4) keys.stems.add(alt.stem);
      if (alt.kind === 'typo' && alt.fold.length >= 5) {
        // typoMatch's refusals: a short stem allows only a length within two of the word's.
        if (alt.stem.length >= 5) keys.plain.add(`t:${alt.fold[0]}`);
        else for (let n = alt.fold.length - 2; n <= alt.fold.length + 2; n++) keys.plain.add(`t:${alt.fold[0]}${n}`);
      }
      return true;
  }
}

function keysOf(slot: Slot): SlotKeys {
  let keys = slot.keys;
  if (!keys) {
    const found: KeysFound = { plain: new Set(), stems: new Set() };
    const loose = slot.alts.filter((alt) => !addKeys(alt, found));
    keys = { plain: keySet(found.plain), stems: keySet(found.stems), loose };
    slot.keys = keys;
  }
  return keys;
}

/** Keys by folded word, shared by its tokens: the same words come back in every mail (see stem.ts). */
const keysByFold = new Map<string, string[]>();
const KEYS_CACHE_LIMIT = 50_000;

/** A token's language-independent keys, as altKeys names them. */
function tokenKeys(token: Token): string[] {
  if (token.keys) return token.keys;
  let keys = keysByFold.get(token.fold);
  if (!keys) {
    keys = keysOfWord(token.fold);
    if (keysByFold.size >= KEYS_CACHE_LIMIT) keysByFold.clear();
    keysByFold.set(token.fold, keys);
  }
  token.keys = keys;
  return keys;
}

function keysOfWord(t: string): string[] {
  const keys = [`f:${t}`];
  if (t.length >= PREFIX_KEY) keys.push(`p:${t.slice(0, PREFIX_KEY)}`);
  if (t.length >= 5) keys.push(`t:${t[0]}`, `t:${t[0]}${t.length}`);
  if (/^\d+$/.test(t)) keys.push('#');
  return keys;
}

/** A sentence's keys, and its stems per language (words of four letters or more), built once per token list. */
interface TokenSets {
  plain: KeySet;
  stems: Partial<Record<Lang, KeySet>>;
}

/** A set of keys and the same keys as a list: walking an array allocates no iterator, as walking a Set does. */
interface KeySet {
  has: Set<string>;
  list: string[];
}

function keySet(keys: Iterable<string>): KeySet {
  const has = new Set(keys);
  return { has, list: [...has] };
}
const tokenSets = new WeakMap<Token[], TokenSets>();
/** The last list asked for: callers try pattern after pattern on one sentence, so most asks are for it. */
let lastTokens: Token[] | undefined;
let lastSets: TokenSets | undefined;

function setsOf(tokens: Token[]): TokenSets {
  if (tokens === lastTokens) return lastSets!;
  let sets = tokenSets.get(tokens);
  if (!sets) {
    sets = { plain: keySet(tokens.flatMap(tokenKeys)), stems: {} };
    tokenSets.set(tokens, sets);
  }
  lastTokens = tokens;
  lastSets = sets;
  return sets;
}

function stemsOf(tokens: Token[], lang: Lang): KeySet {
  const sets = setsOf(tokens);
  let stems = sets.stems[lang];
  if (!stems) {
    stems = keySet(tokens.filter((t) => t.fold.length >= 4).map((t) => tokenStem(t, lang)));
    sets.stems[lang] = stems;
  }
  return stems;
}

/** Whether the sets share a member, walking the smaller one. */
function anyIn(a: KeySet, b: KeySet): boolean {
  const small = a.list.length <= b.list.length ? a : b;
  const large = small === a ? b : a;
  for (const w of small.list) if (large.has.has(w)) return true;
  return false;
}

/** False when no token of the sentence can match the slot (then no match of the pattern can start there). */
function mayStart(slot: Slot, lang: Lang, tokens: Token[]): boolean {
  if (slot.optional || slot.negative) return true;
  const keys = keysOf(slot);
  if (anyIn(keys.plain, setsOf(tokens).plain)) return true;
  if (keys.stems.list.length && anyIn(keys.stems, stemsOf(tokens, lang))) return true;
  for (const alt of keys.loose) for (const t of tokens) if (altMatches(t, alt, lang)) return true;
  return false;
}

/**
 * The matches of the pattern in the tokens, one per starting word, in order; `first` stops at the first
 * (what a caller that only asks "does it match?" or takes [0] needs).
 */
function matchesOf(p: Pattern, tokens: Token[], first: boolean, offered = false): Match[] {
  const slot = p.slots[0]!;
  // Most patterns tried match nowhere: they share one empty (frozen) list instead of allocating their own.
  // A pattern a PatternIndex offered has passed the same test on the same keys already.
  if (!offered && !mayStart(slot, p.lang, tokens)) return NO_MATCHES;
  const out: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (slot.optional || slot.negative) {
      const m = matchFrom(p, tokens, 0, i, 0, NO_TAGS);
      if (m && m.end >= i) out.push({ ...m, start: i });
    } else {
      const alt = slotMatch(tokens[i], slot, p.lang);
      if (!alt) continue;
      const m = matchFrom(p, tokens, 1, i + 1, 0, alt.tag ? [alt.tag] : NO_TAGS);
      if (m) out.push({ ...m, start: i, end: Math.max(m.end, i) });
    }
    if (first && out.length) break;
  }
  return out.length ? out : NO_MATCHES;
}

const NO_MATCHES: Match[] = Object.freeze([]) as unknown as Match[];
const NO_ITEMS: unknown[] = Object.freeze([]) as unknown as unknown[];
const NO_TAGS: string[] = Object.freeze([]) as unknown as string[];

/** Every match of the pattern in the tokens, one per starting word. */
export function findAll(p: Pattern, tokens: Token[]): Match[] {
  return matchesOf(p, tokens, false);
}

/**
 * findAll for a pattern that PatternIndex.candidates offered for these tokens: the prefilter is not asked
 * again (it only ever saves work; the matches are findAll's).
 */
export function findAllOffered(p: Pattern, tokens: Token[]): Match[] {
  return matchesOf(p, tokens, false, true);
}

/** The first match of the pattern in the tokens (findAll's first), or undefined. */
export function findFirst(p: Pattern, tokens: Token[]): Match | undefined {
  return matchesOf(p, tokens, true)[0];
}

/** findFirst for a pattern that PatternIndex.candidates offered for these tokens (see findAllOffered). */
export function findFirstOffered(p: Pattern, tokens: Token[]): Match | undefined {
  return matchesOf(p, tokens, true, true)[0];
}

/** Whether the pattern matches somewhere in the tokens. */
export function matches(p: Pattern, tokens: Token[]): boolean {
  return matchesOf(p, tokens, true).length > 0;
}

/** True when any of the patterns matches somewhere in the tokens. */
export function anyMatch(patterns: readonly Pattern[], tokens: Token[]): boolean {
  return patterns.some((p) => matches(p, tokens));
}

/**
 * An inverted index over a list of patterns, from the keys of their first slots (see SlotKeys) to the
 * patterns: a sentence's candidates are found from its own words in one pass, instead of asking each of
 * hundreds of patterns whether it could start there. The candidates keep the list's order, so a caller that
 * takes the first match, or keeps the first of equal hits, sees exactly what a loop over every pattern sees.
 */
export class PatternIndex<T> {
  readonly #byKey = new Map<string, number[]>();
  /** Stem keys per language: the token's cached stem looks up without building a "lang:stem" string. */
  readonly #byStem = new Map<Lang, Map<string, number[]>>();
  /** The same, as a list to walk. */
  readonly #stemLists: [Lang, Map<string, number[]>][];
  /** Patterns whose first slot is optional, negative or has an alternative without a key: always tried. */
  readonly #always: number[] = [];
  #stamp = 0;
  readonly #seen: Uint32Array;

  /** `items` are what the caller wants back (a cue, a rule), `patternOf` names each one's pattern. */
  constructor(
    readonly items: readonly T[],
    patternOf: (item: T) => Pattern,
  ) {
    this.#seen = new Uint32Array(items.length);
    items.forEach((item, i) => {
      const p = patternOf(item);
      const slot = p.slots[0]!;
      const keys = keysOf(slot);
      if (slot.optional || slot.negative || keys.loose.length) {
        this.#always.push(i);
        return;
      }
      for (const k of keys.plain.list) PatternIndex.#add(this.#byKey, k, i);
      if (keys.stems.list.length) {
        let stems = this.#byStem.get(p.lang);
        if (!stems) {
          stems = new Map();
          this.#byStem.set(p.lang, stems);
        }
        for (const st of keys.stems.list) PatternIndex.#add(stems, st, i);
      }
    });
    this.#stemLists = [...this.#byStem];
  }

  static #add(map: Map<string, number[]>, key: string, i: number): void {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  }

  /** The items whose pattern may match somewhere in the tokens, in the list's order. */
  candidates(tokens: Token[]): T[] {
    // Indexes of the patterns offered, each once (a stamp per call instead of clearing an array), then sorted.
    const stamp = ++this.#stamp;
    const found: number[] = [];
    this.#offer(this.#always, stamp, found);
    for (const k of setsOf(tokens).plain.list) this.#offer(this.#byKey.get(k), stamp, found);
    for (const [lang, stems] of this.#stemLists) for (const st of stemsOf(tokens, lang).list) this.#offer(stems.get(st), stamp, found);
    if (!found.length) return NO_ITEMS as T[];
    sortNumbers(found);
    const out: T[] = new Array(found.length);
    for (let i = 0; i < found.length; i++) out[i] = this.items[found[i]!]!;
    return out;
  }

  #offer(list: number[] | undefined, stamp: number, found: number[]): void {
    if (!list) return;
    const seen = this.#seen;
    for (const i of list) {
      if (seen[i] === stamp) continue;
      seen[i] = stamp;
      found.push(i);
    }
  }
}

/** Sorts in place, ascending: an insertion sort for the few candidates a sentence has (Array.sort allocates). */
function sortNumbers(xs: number[]): void {
  if (xs.length > 32) {
    xs.sort((a, b) => a - b);
    return;
  }
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && xs[j]! > x) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
}

const indexes = new WeakMap<readonly Pattern[], PatternIndex<Pattern>>();

/** The PatternIndex of a list of patterns compiled once (a pack's frames, its status chases), built on first use. */
export function indexOf(patterns: readonly Pattern[]): PatternIndex<Pattern> {
  let index = indexes.get(patterns);
  if (!index) {
    index = new PatternIndex(patterns, (p) => p);
    indexes.set(patterns, index);
  }
  return index;
}
