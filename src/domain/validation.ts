import { invalidInput } from './errors.js';

// The fields people fill in, in Danish, for the errors a Danish card shows.
const DANISH_WHAT: Record<string, string> = {
  reason: 'begrundelsen',
  outcome: 'udfaldet',
  summary: 'resuméet',
  'override reason': 'begrundelsen for at fortsætte',
  'identity method': 'identitetsmetoden',
  'authority evidence': 'hvad der viste retten',
  note: 'noten',
  identifier: 'søgeordet',
  assignee: 'kollegaen',
  'forwarded to': 'modtageren',
};

/** Free text from a person (a reason, an outcome): trimmed, required, and bounded so it fits a table row. */
export function checkedText(value: string | undefined, what: string, maxLength = 2000): string {
  const text = value?.trim() ?? '';
  const da = DANISH_WHAT[what] ?? `feltet »${what}«`;
  if (!text) throw invalidInput(`${what} is required`, `Skriv ${da}: det skal udfyldes.`);
  if (text.length > maxLength)
    throw invalidInput(`${what} is longer than ${maxLength} characters`, `${capital(da)} er længere end ${maxLength} tegn.`);
  return text;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function optionalText(value: string | undefined, what: string, maxLength = 2000): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : checkedText(value, what, maxLength);
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
export const EMAIL_MAX_LENGTH = 320;

/** An address a case can hold as the person's e-mail (what checkNewCase accepts). */
export function isEmailAddress(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value);
}
