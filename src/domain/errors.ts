import type { Text } from './text.js';

/**
 * Errors the domain raises. Adapters map them to their medium: the CLI to an exit code and one line on
 * stderr, HTTP to a 4xx with the message, the bot to a polite sentence. The `code` is stable so adapters
 * can translate without parsing messages.
 */
export type DomainErrorCode =
  /** The caller gave something malformed (an unparseable date, an unknown right). */
  | 'invalid_input'
  /** The case is in a state where this action is not allowed (closing a case that was never answered). */
  | 'illegal_transition'
  /** The action is well-formed and the state allows it, but a rule forbids it (extending after the first deadline). */
  | 'refused'
  | 'not_found';

export class DomainError extends Error {
  /**
   * The message in Danish and English for people (a Danish card must not show English): set where the rule
   * is, since only there the words are known. `message` stays English for the CLI, logs and tests.
   */
  text?: Text;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** For illegal transitions: the statuses the case could move to instead, so adapters can offer those actions. */
    readonly allowed: readonly string[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** The error with its Danish text (the English is the message). */
  saying(da: string): this {
    this.text = { da, en: this.message };
    return this;
  }
}

/** The error's words in `lang`: its own text when it has one, else the English message. */
export function errorText(error: DomainError, lang: keyof Text): string {
  return error.text?.[lang] ?? error.message;
}

export const invalidInput = (message: string, da?: string): DomainError => {
  const e = new DomainError('invalid_input', message);
  return da ? e.saying(da) : e;
};
export const refused = (message: string, da?: string): DomainError => {
  const e = new DomainError('refused', message);
  return da ? e.saying(da) : e;
};
export const notFound = (message: string, da?: string): DomainError => {
  const e = new DomainError('not_found', message);
  return da ? e.saying(da) : e;
};
