// date-holidays' parser ships its types as an ambient module that its package.json "exports" hide from
// TypeScript; this is the part holidays.ts uses (node_modules/date-holidays-parser/types/index.d.ts).
declare module 'date-holidays-parser' {
  export default class HolidaysParser {
    constructor(data: object, country: string, opts?: { types?: string[] });
    /** Holidays of the year; `date` is the local calendar date and time, "YYYY-MM-DD hh:mm:ss". */
    getHolidays(year: number): { date: string; type: string; name: string }[];
  }
}

// date-holidays' every-country data (untyped): scripts/holidays-dk.mjs and its test read Denmark's part of it.
declare module 'date-holidays/data' {
  export const data: { version: string; license: string; holidays: Record<string, unknown>; names: Record<string, unknown> };
}
