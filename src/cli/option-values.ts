import { InvalidArgumentError } from 'commander';
import { DomainError, parseCaseId, parseInstantWithOffset, parseIsoDate } from '../domain/index.js';

/**
 * Parsers for option values that must have a form (an address, a date, a case id): commander runs them
 * while parsing, so a bad value stops the command (exit 2, with the reason) before any store is opened.
 */

// The same shape the domain accepts for a person's address (src/domain/open-case.ts).
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const reasonOf = (parse: () => void): void => {
  try {
    parse();
  } catch (error) {
    // The domain says `the value "x" is not …`; commander has named the option and the value already.
    if (error instanceof DomainError) throw new InvalidArgumentError(error.message.replace(/^the value "[^"]*"/, 'It'));
    throw error;
  }
};

export function emailAddress(value: string): string {
  if (!EMAIL.test(value.trim())) throw new InvalidArgumentError('Not an e-mail address (e.g. anna@example.com)');
  return value.trim();
}

/** A colleague: an e-mail address or an Entra object id. */
export function colleague(value: string): string {
  const text = value.trim();
  if (!EMAIL.test(text) && !OBJECT_ID.test(text))
    throw new InvalidArgumentError("give the colleague's e-mail address (mette@itguy.dk) or Entra object id (a GUID)");
  return text;
}

export function instant(value: string): string {
  reasonOf(() => parseInstantWithOffset(value, 'the value'));
  return value;
}

export function isoDate(value: string): string {
  reasonOf(() => parseIsoDate(value, 'the value'));
  return value;
}

export function caseId(value: string): string {
  let id = value;
  reasonOf(() => {
    id = parseCaseId(value);
  });
  return id;
}
