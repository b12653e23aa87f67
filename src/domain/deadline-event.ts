import type { Temporal, IsoDate } from './calendar.js';
import type { Case } from './case.js';
import { readClock } from './case-clock.js';
import { longDate } from './letters/long-date.js';
import { isAwaitingAnswer } from './lifecycle.js';
import { RIGHT_INFO } from './rights.js';

/**
 * The all-day event a case has in the DPO's Outlook calendar (DSAR_CALENDAR_MAILBOX): on the deadline
 * that binds it today, while the case waits for its answer; none once it is answered, closed or dismissed.
 * The calendar may be a shared one, so the event names the case and the right, never the person: who
 * it is stays in the cases, which only DPOs can read.
 */

export type CalendarLang = 'da' | 'en';

export interface DeadlineEvent {
  /** The all-day event's day (the effective deadline). */
  date: IsoDate;
  subject: string;
  /** Plain text. */
  body: string;
  /** Changes whenever what the event shows changes: the sync moves the event when this differs. */
  fingerprint: string;
}

type Facts = Pick<Case, 'id' | 'status' | 'receivedAt' | 'pauses' | 'extension' | 'rights'>;

const TEXT = {
  da: {
    subject: (id: string, rights: string) => `GDPR-frist: ${id} (${rights})`,
    extended: 'forlænget',
    paused: 'sat på pause',
    due: (date: string) => `Sagen skal besvares senest den ${date}.`,
    extendedLine: (first: string) => `Fristen er forlænget efter artikel 12, stk. 3; den første frist var den ${first}.`,
    pausedLine: 'Fristen står stille, mens vi venter på den registrerede; datoen flytter sig hver dag, pausen varer.',
    open: 'Åbn sagen i Teams (DSAR-assistenten) for at se, hvem den gælder, og hvad der mangler.',
    auto: 'Begivenheden holdes ajour af DSAR-assistenten; ret den ikke her.',
  },
  en: {
    subject: (id: string, rights: string) => `GDPR deadline: ${id} (${rights})`,
    extended: 'extended',
    paused: 'paused',
    due: (date: string) => `The case must be answered by ${date}.`,
    extendedLine: (first: string) => `The deadline is extended under Article 12(3); the first deadline was ${first}.`,
    pausedLine: 'The deadline stands still while we wait for the data subject; the date moves on each day the pause lasts.',
    open: 'Open the case in Teams (the DSAR assistant) to see whom it concerns and what is left to do.',
    auto: 'The DSAR assistant keeps this event up to date; do not edit it here.',
  },
} as const;

/** The event for `c` as of `today`, or undefined when the case should have none. */
export function deadlineEvent(c: Facts, today: Temporal.PlainDate, lang: CalendarLang): DeadlineEvent | undefined {
  if (!isAwaitingAnswer(c.status)) return undefined;
  const clock = readClock(c, today);
  const t = TEXT[lang];
  const extended = clock.due !== clock.deadlines.due;
  const marks = [...(extended ? [t.extended] : []), ...(clock.paused ? [t.paused] : [])];
  const rights = c.rights.map((r) => RIGHT_INFO[r].name[lang].toLowerCase()).join(', ');
  const subject = `${t.subject(c.id, rights)}${marks.length ? ` – ${marks.join(', ')}` : ''}`;
  const body = [
    t.due(longDate(clock.due, lang)),
    ...(extended ? [t.extendedLine(longDate(clock.deadlines.due, lang))] : []),
    ...(clock.paused ? [t.pausedLine] : []),
    t.open,
    t.auto,
  ].join('\n');
  return { date: clock.due, subject, body, fingerprint: `${clock.due}|${subject}|${body}` };
}
