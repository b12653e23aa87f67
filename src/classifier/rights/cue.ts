import type { Right } from '../../domain/rights.js';
import type { Macros } from '../matcher.js';
import type { Lang } from '../types.js';

/**
 * A phrase that asks for a right. Weights: 3 asks for it on its own ("slet mine oplysninger"), 2 names it
 * with something personal around it ("sletning af data"), 1 only names it ("sletning").
 */
export interface RightCue {
  right: Right;
  pattern: string;
  weight: 1 | 2 | 3;
  /** The pattern carries its own negation ("ikke flere nyhedsbreve"): a "not" before it does not cancel it. */
  negated?: boolean;
  /** Patterns that, anywhere in the same sentence, cancel this cue ("kopi af min legitimation" is not access). */
  unless?: string[];
  /** Patterns that cancel this cue when they occur anywhere in what the sender wrote ("remove me" in a mail about a mailing list). */
  unlessMessage?: string[];
  /** Names the right only with what the mail already asks ("... og slet dem bagefter"): adds the right, never makes a request. */
  secondary?: boolean;
}

/** Words and phrases of one language. Macros every pack defines: ME, I, THEM, DATA, WANT, ATTR, MARKETING, LISTS, IDDOC. */
export interface LanguagePack {
  lang: Lang;
  macros: Macros;
  rights: RightCue[];
  /** Request framing: "jeg anmoder hermed om", "under the GDPR". Raise the score of a right named nearby. */
  frames: string[];
  /** Words that cancel a cue right before it ("ikke slette"). */
  negators: string[];
  /** Asking about a case already open: "hvor langt er I med min sag", "any update on my request". */
  statusChase: string[];
  /** Sending what was asked for: "som aftalt", "as requested". */
  asRequested: string[];
  /** Sending an identity document: "hermed kopi af mit pas", "attached is my passport". */
  idSent: string[];
}
