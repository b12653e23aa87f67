import type { Span } from './cpr.js';

/**
 * Phone numbers as Danes write them ("+45 22 33 44 55", "0045 22334455", "22 33 44 55", "2233 4455",
 * "22334455", "+4522334455") and foreign E.164 ("+44 7700 900123"). A Danish national number never starts
 * with 0 or 1, which keeps most dates and order numbers out; numbers right after words for invoices, orders,
 * CVR, accounts or amounts are not phones.
 */

const DK = String.raw`(?:(?:\+|00)45[ ]?)?[2-9]\d(?:[ ]?\d{2}){3}|(?:(?:\+|00)45[ ]?)?[2-9]\d{3}[ ]\d{4}`;
const FOREIGN = String.raw`\+(?!45)[1-9]\d{0,2}(?:[ ]?\d{2,4}){2,5}`;
const PHONE = new RegExp(String.raw`(?<![\w.,/+-])(?:${FOREIGN}|${DK})(?![\w-]|[.,/]\d)`, 'g');

/** Words before a number that make it something else than a phone number. */
const NOT_PHONE_BEFORE =
  /(?:faktura|fakturanr|invoice|ordre|ordrenr|order|cvr|se-nr|konto|kontonr|account|reg|sag|sagsnr|case|ref|kr|dkk|eur|beløb|amount|nr|no|id|postnr|kunde(?:nr|nummer)?)\.?\s*(?:nr\.?|no\.?|nummer|number)?\s*[:#]?\s*$/i;
const NOT_PHONE_AFTER = /^\s*(?:kr\b|dkk\b|,-|€|eur\b|stk\b)/i;

export const phoneDigits = (phone: string): string => phone.replace(/\D/g, '');

/** The national (last 8) digits of a Danish number, or all digits of a foreign one: a phone's identity. */
export function phoneKey(phone: string): string {
  const d = phoneDigits(phone.startsWith('00') ? `+${phone.slice(2)}` : phone);
  return d.length === 10 && d.startsWith('45') ? d.slice(2) : d;
}

export function findPhones(text: string): Span[] {
  const found: Span[] = [];
  for (const m of text.matchAll(PHONE)) {
    const digits = phoneDigits(m[0]);
    if (m[0].startsWith('+') && !m[0].startsWith('+45') && (digits.length < 8 || digits.length > 15)) continue;
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    if (NOT_PHONE_BEFORE.test(before) || NOT_PHONE_AFTER.test(text.slice(m.index + m[0].length))) continue;
    found.push({ value: m[0], start: m.index, end: m.index + m[0].length });
  }
  return found;
}
