/**
 * The last day accounting records are kept under the Danish Bookkeeping Act (Art. 17(3)(b)): `years` after
 * the end of the financial year `date` falls in. Counted from the records' own date, never the letter's.
 */
export function keptUntil(date: string, years: number, financialYearEndMonth = 12): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const endYear = m > financialYearEndMonth ? y + 1 : y;
  const lastDay = new Date(Date.UTC(endYear + years, financialYearEndMonth, 0)).getUTCDate();
  return `${endYear + years}-${String(financialYearEndMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}
