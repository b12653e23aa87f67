import { invalidInput } from './errors.js';

/** Free text from a person (a reason, an outcome): trimmed, required, and bounded so it fits a table row. */
export function checkedText(value: string | undefined, what: string, maxLength = 2000): string {
  const text = value?.trim() ?? '';
  if (!text) throw invalidInput(`${what} is required`);
  if (text.length > maxLength) throw invalidInput(`${what} is longer than ${maxLength} characters`);
  return text;
}

export function optionalText(value: string | undefined, what: string, maxLength = 2000): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : checkedText(value, what, maxLength);
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
export const EMAIL_MAX_LENGTH = 320;

/** An address a case can hold as the person's e-mail (what checkNewCase accepts). */
export function isEmailAddress(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value);
}
