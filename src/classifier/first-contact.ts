import { Temporal, legalDate } from '../domain/calendar.js';

/**
 * When a person says they first wrote ("jeg skrev til jer for tre uger siden", "I emailed you on 12
 * November"): a status question that matches no case may be a request that was never logged, and then it
 * was received when they first wrote (gdpr-rules §1). Vague phrases give the earliest day they can mean,
 * because a later date would only ever give the company more time; the DPO confirms it on the card.
 */

const NUMBERS: Record<string, number> = {
  en: 1,
  et: 1,
  one: 1,
  a: 1,
  an: 1,
  ein: 1,
  eine: 1,
  einem: 1,
  einer: 1,
  ett: 1,
  to: 2,
  two: 2,
  couple: 2,
  par: 2,
  zwei: 2,
  två: 2,
  tre: 3,
  three: 3,
  drei: 3,
  fire: 4,
  four: 4,
  vier: 4,
  fyra: 4,
  fem: 5,
  five: 5,
  fünf: 5,
  seks: 6,
  six: 6,
  sechs: 6,
  sex: 6,
  syv: 7,
  seven: 7,
  otte: 8,
  eight: 8,
  ni: 9,
  nine: 9,
  ti: 10,
  ten: 10,
};

const UNIT_DAYS: [RegExp, number][] = [
  [/^(?:dag|dage|dagen|day|days|tag|tage|tagen|dygn|dagar)$/, 1],
  [/^(?:uge|uger|ugen|week|weeks|woche|wochen|vecka|veckor|uke|uker)$/, 7],
  [/^(?:måned|måneder|maaned|maaneder|month|months|monat|monaten|månad|månader)$/, 31],
];

const MONTHS: Record<string, number> = {};
for (const [i, names] of [
  'januar january jan janvier januari',
  'februar february feb février februari',
  'marts march mar märz mars maart',
  'april apr avril',
  'maj may mai mei',
  'juni june jun juin',
  'juli july jul juillet',
  'august aug août augusti augustus',
  'september sep sept septembre',
  'oktober october oct okt octobre',
  'november nov novembre',
  'december dec dez dezember décembre',
].entries())
  for (const n of names.split(' ')) MONTHS[n] = i + 1;

// "for tre uger siden", "three weeks ago", "vor zwei Wochen", "för två veckor sedan", "a couple of weeks ago".
const RELATIVE =
  /\b(?:for|vor|för|about|omkring|ca\.?|cirka)?\s*(\d{1,3}|[a-zæøåäöü]+)(?:\s+of)?\s+(?:(?:good|gode)\s+)?([a-zæøåäöü]+)\s+(?:siden|ago|sedan)\b|\bvor\s+(\d{1,3}|[a-zäöü]+)\s+([a-zäöü]+)\b/giu;
// "den 12. november", "on 12 November", "on November 12th", "am 12. November", "12/11", "12.11.2026".
const DAY_MONTH = /\b(\d{1,2})\.?\s+([a-zæøåäéû]+)\.?(?:\s+(\d{4}))?/giu;
const MONTH_DAY = /\b([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?/gi;
const NUMERIC = /\b(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?\b/g;
// Only dates in a sentence about writing to us; "your invoice of 12 November" is not first contact.
const WROTE =
  /(?:skrev|skrevet|sendt|sendte|henvendte|kontaktede|mailede|wrote|written|sent|emailed|e-mailed|contacted|asked|requested|schrieb|geschrieben|gesendet|skrev|skickade|kontaktade|skrevet til)/i;

/**
 * The earliest day the text says the person first wrote, as an ISO date before `received` and within the
 * year before it (older dates in a status question are something else: an old order, an invoice); null
 * when it says none.
 */
export function statedFirstContact(text: string, received: string): string | null {
  const today = legalDate(received);
  const candidates: Temporal.PlainDate[] = [];
  // Sentences end before a capital: "den 28. oktober" is one sentence.
  for (const sentence of text.split(/(?<=[.!?])\s+(?=[A-ZÆØÅÄÖÜ])|\n+/u)) {
    if (!WROTE.test(sentence)) continue;
    for (const m of sentence.matchAll(RELATIVE)) {
      const count = m[1] ?? m[3];
      const unit = (m[2] ?? m[4] ?? '').toLowerCase();
      const n = /^\d+$/.test(count ?? '') ? Number(count) : NUMBERS[(count ?? '').toLowerCase()];
      const days = UNIT_DAYS.find(([re]) => re.test(unit))?.[1];
      // "a couple of weeks" can mean three: the earlier day is the one that never gives more time.
      const slack = (count ?? '').toLowerCase() === 'couple' || (count ?? '').toLowerCase() === 'par' ? 1 : 0;
      if (n && days) candidates.push(today.subtract({ days: (n + slack) * days }));
    }
    for (const m of sentence.matchAll(DAY_MONTH)) pushDate(candidates, today, Number(m[1]), MONTHS[m[2]!.toLowerCase()], m[3]);
    for (const m of sentence.matchAll(MONTH_DAY)) pushDate(candidates, today, Number(m[2]), MONTHS[m[1]!.toLowerCase()], m[3]);
    for (const m of sentence.matchAll(NUMERIC)) pushDate(candidates, today, Number(m[1]), Number(m[2]), m[3]);
  }
  const yearAgo = today.subtract({ years: 1 });
  const earlier = candidates.filter((d) => Temporal.PlainDate.compare(d, today) < 0 && Temporal.PlainDate.compare(d, yearAgo) >= 0);
  if (!earlier.length) return null;
  return earlier.sort(Temporal.PlainDate.compare)[0]!.toString();
}

function pushDate(out: Temporal.PlainDate[], today: Temporal.PlainDate, day: number, month: number | undefined, year: string | undefined) {
  if (!month || month < 1 || month > 12 || day < 1 || day > 31) return;
  let y = year ? Number(year.length === 2 ? `20${year}` : year) : today.year;
  // "12 November" written in January means last year's November.
  if (!year && (month > today.month || (month === today.month && day > today.day))) y -= 1;
  try {
    const date = Temporal.PlainDate.from({ year: y, month, day }, { overflow: 'reject' });
    out.push(date);
  } catch {
    // Not a date (31 February): ignore.
  }
}
