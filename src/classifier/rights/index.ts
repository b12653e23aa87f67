import type { Right } from '../../domain/rights.js';
import { compile, type Pattern, PatternIndex } from '../matcher.js';
import { fold } from '../text.js';
import type { Lang } from '../types.js';
import type { LanguagePack, RightCue } from './cue.js';
import { da } from './da.js';
import { de } from './de.js';
import { en } from './en.js';
import { fr } from './fr.js';
import { nl } from './nl.js';
import { no } from './no.js';
import { sv } from './sv.js';

export type { LanguagePack, RightCue } from './cue.js';

export interface CompiledCue {
  right: Right;
  weight: number;
  negated: boolean;
  pattern: Pattern;
  unless: Pattern[];
  unlessMessage: Pattern[];
  secondary: boolean;
}

export interface CompiledPack {
  lang: Lang;
  rights: CompiledCue[];
  /** The rights' cues by the words that can start them: a sentence tries only the cues it has words for. */
  rightsIndex: PatternIndex<CompiledCue>;
  frames: Pattern[];
  statusChase: Pattern[];
  asRequested: Pattern[];
  idSent: Pattern[];
  /** Folded negation words. */
  negators: Set<string>;
  /** First person (object, possessive or subject): "mig", "min", "jeg", "me", "my", "I". */
  firstPerson: Pattern;
  /** Third person and relatives, counted only when someone asks on another's behalf. */
  thirdPerson: Pattern;
  macros: Record<string, string>;
}

export const PACKS_SOURCE: readonly LanguagePack[] = [da, en, de, sv, no, nl, fr];

function compileCue(cue: RightCue, pack: LanguagePack): CompiledCue {
  return {
    right: cue.right,
    weight: cue.weight,
    negated: cue.negated ?? false,
    pattern: compile(cue.pattern, pack.lang, pack.macros),
    unless: (cue.unless ?? []).map((u) => compile(u, pack.lang, pack.macros)),
    unlessMessage: (cue.unlessMessage ?? []).map((u) => compile(u, pack.lang, pack.macros)),
    secondary: cue.secondary ?? false,
  };
}

function compilePack(pack: LanguagePack): CompiledPack {
  const c = (p: string) => compile(p, pack.lang, pack.macros);
  const rights = pack.rights.map((cue) => compileCue(cue, pack));
  return {
    lang: pack.lang,
    rights,
    rightsIndex: new PatternIndex(rights, (cue) => cue.pattern),
    frames: pack.frames.map(c),
    statusChase: pack.statusChase.map(c),
    asRequested: pack.asRequested.map(c),
    idSent: pack.idSent.map(c),
    negators: new Set(pack.negators.map(fold)),
    firstPerson: c('@ME|@I'),
    thirdPerson: c('@THEM'),
    macros: pack.macros,
  };
}

let compiled: CompiledPack[] | undefined;

/** The language packs, compiled once. */
export function packs(): CompiledPack[] {
  compiled ??= PACKS_SOURCE.map(compilePack);
  return compiled;
}

/**
 * The full packs read every mail (a Danish subject over an English body is common). The recognition packs
 * (Norwegian, Dutch, French) read only mail in their own language: their words overlap Danish and English
 * ("kopi", "data") and would count twice, and some mean something else there (French "pas" is a Danish
 * passport, not a negation).
 */
const EVERY_MAIL: ReadonlySet<Lang> = new Set<Lang>(['da', 'en', 'de', 'sv']);
const byLanguage = new Map<Lang | 'und', CompiledPack[]>();

export function packsFor(lang: Lang | 'und'): CompiledPack[] {
  let list = byLanguage.get(lang);
  if (!list) {
    list = packs().filter((p) => EVERY_MAIL.has(p.lang) || p.lang === lang);
    byLanguage.set(lang, list);
  }
  return list;
}

/**
 * The cues and the request frames of packsFor(lang), each in one PatternIndex (pack order, then list
 * order): a sentence asks one index instead of one per pack, and gets the same candidates in the same order.
 */
export interface ActiveIndexes {
  rights: PatternIndex<CompiledCue>;
  frames: PatternIndex<Pattern>;
}

const activeByLanguage = new Map<Lang | 'und', ActiveIndexes>();

export function activeIndexes(lang: Lang | 'und'): ActiveIndexes {
  let active = activeByLanguage.get(lang);
  if (!active) {
    const list = packsFor(lang);
    active = {
      rights: new PatternIndex(
        list.flatMap((p) => p.rights),
        (cue) => cue.pattern,
      ),
      frames: new PatternIndex(
        list.flatMap((p) => p.frames),
        (p) => p,
      ),
    };
    activeByLanguage.set(lang, active);
  }
  return active;
}
