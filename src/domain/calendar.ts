import { Temporal } from 'temporal-polyfill';
import { invalidInput } from './errors.js';

/** Danish law counts days in Danish time; the day of receipt is the calendar date here (gdpr-rules §1). */
export const LEGAL_TIME_ZONE = 'Europe/Copenhagen';

/** A calendar date as `YYYY-MM-DD`: how dates are stored and printed everywhere. */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseIsoDate(text: string, what = 'date'): Temporal.PlainDate {
  if (!ISO_DATE.test(text)) {
    throw invalidInput(
      `${what} "${text}" is not a date in the form YYYY-MM-DD`,
      `»${text}« er ikke en dato; skriv den som år-måned-dag, fx 2026-03-05.`,
    );
  }
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    throw invalidInput(`${what} "${text}" is not a valid calendar date`, `»${text}« er ikke en dato, der findes i kalenderen.`);
  }
}

/**
 * Parses an ISO 8601 date-time that carries a UTC offset (or Z). A local time without an offset is
 * refused rather than guessed: one hour either way can move the day of receipt and so the deadline.
 */
export function parseInstantWithOffset(text: string, what = 'date-time'): Temporal.Instant {
  try {
    return Temporal.Instant.from(text);
  } catch {
    // Tell "valid but ambiguous" apart from "not a date at all"; the fix the user needs differs.
  }
  let local: Temporal.PlainDateTime | undefined;
  try {
    local = Temporal.PlainDateTime.from(text, { overflow: 'reject' });
  } catch {
    local = undefined;
  }
  if (local) {
    throw invalidInput(
      `${what} "${text}" has no UTC offset; write it with one, e.g. ${local.toString({ smallestUnit: 'minute' })}+01:00 or ...Z`,
      `»${text}« mangler tidszone; skriv den med, fx ${local.toString({ smallestUnit: 'minute' })}+01:00.`,
    );
  }
  throw invalidInput(
    `${what} "${text}" is not an ISO 8601 date-time (e.g. 2026-03-05T10:00+01:00)`,
    `»${text}« er ikke et tidspunkt; skriv det fx som 2026-03-05T10:00+01:00.`,
  );
}

/** The calendar date in Copenhagen of an instant. */
export function legalDate(instant: Temporal.Instant | string): Temporal.PlainDate {
  const at = typeof instant === 'string' ? Temporal.Instant.from(instant) : instant;
  return at.toZonedDateTimeISO(LEGAL_TIME_ZONE).toPlainDate();
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Temporal.PlainDate, to: Temporal.PlainDate): number {
  return from.until(to, { largestUnit: 'day' }).days;
}

export function isBefore(a: Temporal.PlainDate, b: Temporal.PlainDate): boolean {
  return Temporal.PlainDate.compare(a, b) < 0;
}

export { Temporal };
