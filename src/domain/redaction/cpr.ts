/** Danish CPR numbers (DDMMYY-XXXX or DDMMYYXXXX) with a real date; no modulus-11 check (not required since 2007). */

export interface Span {
  value: string;
  start: number;
  end: number;
}

const CPR = /(?<![\d-])(\d{2})(\d{2})(\d{2})-?(\d{4})(?![\d-])/g;

/** The century from the 7th digit and the year (CPR's own rule). */
function fullYear(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900 + yy;
  if (seventh === 4 || seventh === 9) return (yy <= 36 ? 2000 : 1900) + yy;
  return (yy <= 57 ? 2000 : 1800) + yy;
}

export function isCprDate(ddmmyy: string, seventh: number): boolean {
  const d = Number(ddmmyy.slice(0, 2));
  const m = Number(ddmmyy.slice(2, 4));
  const y = fullYear(Number(ddmmyy.slice(4, 6)), seventh);
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function findCprs(text: string): Span[] {
  const found: Span[] = [];
  for (const m of text.matchAll(CPR)) {
    if (!isCprDate(`${m[1]}${m[2]}${m[3]}`, Number(m[4]![0]))) continue;
    found.push({ value: m[0], start: m.index, end: m.index + m[0].length });
  }
  return found;
}
