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
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** For illegal transitions: the statuses the case could move to instead, so adapters can offer those actions. */
    readonly allowed: readonly string[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalidInput = (message: string): DomainError => new DomainError('invalid_input', message);
export const refused = (message: string): DomainError => new DomainError('refused', message);
export const notFound = (message: string): DomainError => new DomainError('not_found', message);
