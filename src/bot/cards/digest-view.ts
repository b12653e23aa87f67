import type { OpenCaseLine } from '../../app/ports.js';
import type { Case, ClockReading, Reminder } from '../../domain/index.js';
import { plain } from '../card-text.js';
import { CHAT } from '../chat-texts.js';
import { TEXTS, say, type Lang } from '../texts.js';
import { clockText } from './case-view.js';
import { formatDate } from './format.js';

/** The view data for digest.json: one line per case, each opening the case card. */

export interface DigestRow {
  id: string;
  what: string;
  who: string;
  color: string;
  style: string;
}

const whoOf = (c: Pick<Case, 'requester'>) => plain(c.requester.name ?? c.requester.email ?? c.requester.phone, 60) || '–';

/** One reminder as the digest's line says it (correct plurals; "i morgen" rather than "om 1 dag"). */
export function reminderLine(r: Reminder, lang: Lang): string {
  const due = formatDate(lang, r.due);
  switch (r.kind) {
    case 'unconfirmed':
      return say(lang, TEXTS.reminder.unconfirmed, { n: r.workingDays ?? 3 });
    case 'extension_decision':
      return say(lang, TEXTS.reminder.extension_decision, { due });
    case 'due_soon':
      return say(lang, r.daysLeft === 1 ? CHAT.digest.dueTomorrow : CHAT.digest.dueInDays, { n: r.daysLeft, due });
    case 'due_today':
      return say(lang, TEXTS.reminder.due_today, { due });
    case 'overdue':
      return say(lang, TEXTS.reminder.overdue, { due });
    case 'paused':
      return say(lang, TEXTS.reminder.paused, { since: formatDate(lang, r.pausedSince ?? r.day) });
  }
}

const URGENT = new Set<Reminder['kind']>(['overdue', 'due_today']);

/** Most urgent first: the reminders' own urgency, then the earlier deadline. */
export function byUrgency<T extends { reminder: Reminder }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.reminder.urgency - a.reminder.urgency || a.reminder.due.localeCompare(b.reminder.due));
}

export function digestView(items: readonly { reminder: Reminder; case: Case }[], lang: Lang) {
  const rows: DigestRow[] = byUrgency(items).map(({ reminder, case: c }) => ({
    id: c.id,
    what: reminderLine(reminder, lang),
    who: whoOf(c),
    color: URGENT.has(reminder.kind) ? 'Attention' : 'Warning',
    style: URGENT.has(reminder.kind) ? 'attention' : 'default',
  }));
  return {
    title: say(lang, CHAT.digest.title),
    intro: '',
    subtitle: rows.length === 1 ? say(lang, CHAT.digest.one) : say(lang, CHAT.digest.many, { n: rows.length }),
    sections: [{ heading: '', rows }],
    footer: '',
    openLabel: say(lang, TEXTS.openCase),
    listLabel: say(lang, TEXTS.openCases),
  };
}

export interface WaitingLists {
  toConfirm: { case: OpenCaseLine; clock: ClockReading }[];
  overdue: { case: OpenCaseLine; clock: ClockReading }[];
  dueWeek: { case: OpenCaseLine; clock: ClockReading }[];
  /** Cases left out of the lists to keep the card short. */
  more: number;
}

/** The install greeting: what needs confirming, what is overdue and what falls due this week. */
export function waitingView(w: WaitingLists, lang: Lang, intro: string) {
  const row = ({ case: c, clock }: { case: OpenCaseLine; clock: ClockReading }): DigestRow => {
    const line = clockText(lang, clock);
    return {
      id: c.id,
      what: line.text,
      who: whoOf(c),
      color: line.color,
      style: clock.overdue ? 'attention' : 'default',
    };
  };
  const sections = [
    { heading: say(lang, CHAT.waiting.overdue), rows: w.overdue.map(row) },
    { heading: say(lang, CHAT.waiting.toConfirm), rows: w.toConfirm.map(row) },
    { heading: say(lang, CHAT.waiting.dueWeek), rows: w.dueWeek.map(row) },
  ].filter((s) => s.rows.length);
  return {
    title: say(lang, CHAT.waiting.title),
    intro,
    subtitle: sections.length ? '' : say(lang, CHAT.waiting.nothing),
    sections,
    footer: w.more ? say(lang, CHAT.waiting.more, { n: w.more }) : '',
    openLabel: say(lang, TEXTS.openCase),
    listLabel: say(lang, TEXTS.openCases),
  };
}
