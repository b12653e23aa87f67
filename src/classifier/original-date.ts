import { LEGAL_TIME_ZONE, Temporal } from '../domain/calendar.js';

/**
 * The date of a forwarded original, as mail clients write it in the forwarded block or the attached
 * message's Date header, to ISO 8601 with offset: RFC 2822 ("Fri, 04 Dec 2026 09:03:00 +0100"), Outlook in
 * English ("Friday, December 4, 2026 9:03 AM") and Danish ("5. december 2026 10:12"), Gmail ("fre. 4. dec.
 * 2026 kl. 09.03"), German, Swedish, Norwegian, Dutch and French long dates, numeric "04-12-2026 09:03" and
 * ISO. A time without a zone is Copenhagen time (the company's clock, gdpr-rules §1). Null when no full date
 * can be read: a guessed date would move the deadline.
 */

const MONTHS: Record<string, number> = {};
const NAMES: [number, string[]][] = [
  [1, ['january', 'januar', 'janvier', 'januari', 'jan', 'jänner', 'janv']],
  [2, ['february', 'februar', 'février', 'fevrier', 'februari', 'feb', 'febr', 'févr', 'fevr']],
  [3, ['march', 'marts', 'märz', 'maerz', 'mars', 'maart', 'mar', 'mrt', 'mär']],
  [4, ['april', 'avril', 'apr', 'avr']],
  [5, ['may', 'maj', 'mai', 'mei']],
  [6, ['june', 'juni', 'juin', 'jun']],
  [7, ['july', 'juli', 'juillet', 'jul', 'juil']],
  [8, ['august', 'augusti', 'août', 'aout', 'augustus', 'aug']],
  [9, ['september', 'septembre', 'sep', 'sept']],
  [10, ['october', 'oktober', 'octobre', 'oct', 'okt']],
  [11, ['november', 'novembre', 'nov']],
  [12, ['december', 'dezember', 'desember', 'décembre', 'decembre', 'dec', 'dez', 'des', 'déc']],
];
for (const [n, names] of NAMES) for (const name of names) MONTHS[name] = n;

const ZONES: Record<string, string> = {
  z: '+00:00',
  ut: '+00:00',
  utc: '+00:00',
  gmt: '+00:00',
  cet: '+01:00',
  cest: '+02:00',
  bst: '+01:00',
  est: '-05:00',
  edt: '-04:00',
  pst: '-08:00',
  pdt: '-07:00',
};

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offset: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function offsetOf(text: string): string | null {
  const numeric = /(?:^|[\s(])(?:utc|gmt)?\s*([+-])(\d{1,2}):?(\d{2})?\b/i.exec(text);
  if (numeric) return `${numeric[1]}${pad(Number(numeric[2]))}:${numeric[3] ?? '00'}`;
  const named = /\b(z|ut|utc|gmt|cet|cest|bst|est|edt|pst|pdt)\b\)?\s*$/i.exec(text.trim());
  return named ? (ZONES[named[1]!.toLowerCase()] ?? null) : null;
}

/** The time of day: "9:03 AM", "10.12", "kl. 09.03", "09:03:00"; the text after it holds the zone. */
function timeOf(text: string): { hour: number; minute: number; second: number; rest: string } | null {
  const m =
    /(?:^|[\s,T])(?:kl\.?\s*|um\s+|à\s+|at\s+|om\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([ap]\.?\s?m\.?)?(?=$|[\s,)(+-]|[a-z])/i.exec(
      text,
    );
  if (!m) return null;
  let hour = Number(m[1]);
  const ampm = m[4]?.replace(/[.\s]/g, '').toLowerCase();
  if (ampm === 'pm' && hour < 12) hour += 12;
  if (ampm === 'am' && hour === 12) hour = 0;
  return { hour, minute: Number(m[2]), second: Number(m[3] ?? 0), rest: text.slice(m.index + m[0].length) };
}

function dateOf(text: string): { year: number; month: number; day: number; end: number } | null {
  const t = text.toLowerCase();
  // ISO: 2026-12-04
  let m = /\b(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), end: m.index + m[0].length };
  // Numeric day first: 04-12-2026, 4.12.2026, 04/12/2026 (European order).
  m = /\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b/.exec(t);
  if (m) return { year: Number(m[3]), month: Number(m[2]), day: Number(m[1]), end: m.index + m[0].length };
  // Day then month name: "5. december 2026", "4 déc. 2026", "04 Dec 2026".
  m = /\b(\d{1,2})\.?\s+([a-zäöüéèûå]{3,10})\.?,?\s+(\d{4})\b/.exec(t);
  if (m && MONTHS[m[2]!]) return { year: Number(m[3]), month: MONTHS[m[2]!]!, day: Number(m[1]), end: m.index + m[0].length };
  // Month name then day: "December 4, 2026", "Dec 4 2026".
  m = /\b([a-zäöüéèûå]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(t);
  if (m && MONTHS[m[1]!]) return { year: Number(m[3]), month: MONTHS[m[1]!]!, day: Number(m[2]), end: m.index + m[0].length };
  return null;
}

function partsOf(raw: string): Parts | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  const date = dateOf(text);
  if (!date) return null;
  const after = text.slice(date.end);
  const time = timeOf(after) ?? timeOf(text.slice(0, date.end).replace(/\d{4}/g, ' '));
  if (!time) return null;
  return { ...date, ...time, offset: offsetOf(time.rest) };
}

/** The forwarded original's date as ISO 8601 with offset ("2026-12-05T10:12:00+01:00"), or null. */
export function parseOriginalDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const p = partsOf(raw);
  if (!p) return null;
  try {
    const local = Temporal.PlainDateTime.from(
      { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second },
      { overflow: 'reject' },
    );
    const zoned = local.toZonedDateTime(p.offset ?? LEGAL_TIME_ZONE);
    return zoned.toString({ timeZoneName: 'never', smallestUnit: 'second' });
  } catch {
    return null;
  }
}
