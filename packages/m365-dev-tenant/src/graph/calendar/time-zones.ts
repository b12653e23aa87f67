import type { DateTimeTimeZone } from '../../state/calendar-store.js';

/**
 * Graph's dateTimeTimeZone in and out: Windows zone names (what Outlook stores and the docs' examples use)
 * or IANA names, converted through the platform's time zone data. Only the zones a Danish tenant and the
 * docs' examples use are named; others answer 400 as an unsupported zone would.
 */
const WINDOWS_TO_IANA: Record<string, string> = {
  UTC: 'UTC',
  'Romance Standard Time': 'Europe/Copenhagen',
  'W. Europe Standard Time': 'Europe/Berlin',
  'GMT Standard Time': 'Europe/London',
  'FLE Standard Time': 'Europe/Helsinki',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Eastern Standard Time': 'America/New_York',
};

// Asked for every event's start and end on every listing: each name is looked up once.
const zones = new Map<string, string | undefined>();

export function ianaZone(name: string): string | undefined {
  if (!zones.has(name)) zones.set(name, lookUpZone(name));
  return zones.get(name);
}

function lookUpZone(name: string): string | undefined {
  const windows = Object.keys(WINDOWS_TO_IANA).find((k) => k.toLowerCase() === name.toLowerCase());
  if (windows) return WINDOWS_TO_IANA[windows];
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

export function parseWall(dateTime: string): number[] | undefined {
  const m = WALL.exec(dateTime);
  return m ? m.slice(1).map((v) => Number(v ?? 0)) : undefined;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one: one per zone, kept.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, f);
  }
  return f;
}

function offsetMs(zone: string, instant: number): number {
  if (zone === 'UTC') return 0;
  const parts = formatIn(zone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - instant;
}

/** The instant a wall-clock time in `zone` names (the earlier one in a fold). */
export function instantOf(value: DateTimeTimeZone): number {
  const [y, mo, d, h, mi, s] = parseWall(value.dateTime)!;
  const zone = ianaZone(value.timeZone)!;
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const first = wall - offsetMs(zone, wall);
  return wall - offsetMs(zone, first);
}

/** Graph's output form: the wall time in `zone`, seven fractional digits. */
export function inZone(instant: number, zoneName: string): DateTimeTimeZone {
  const zone = ianaZone(zoneName) ?? 'UTC';
  const wall = new Date(instant + offsetMs(zone, instant)).toISOString().slice(0, 19);
  return { dateTime: `${wall}.0000000`, timeZone: zoneName };
}

/** Midnight, to the second: what an all-day event's start and end must be. */
export const isMidnight = (dateTime: string) => {
  const p = parseWall(dateTime);
  return p !== undefined && p[3] === 0 && p[4] === 0 && p[5] === 0;
};
