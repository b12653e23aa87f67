import { extensionBinds, needsConfirmation, type Temporal, type Case, type ClockReading } from '../../domain/index.js';
import { plain } from '../card-text.js';
import type { CaseFilter } from '../intents.js';
import { TEXTS, say, type Lang } from '../texts.js';
import { clockText, rightsText } from './case-view.js';
import { formatDate } from './format.js';

/** The view data for list.json: one page of cases, each a row that opens the case. */

export const PAGE_SIZE = 10;

export interface ListedCase {
  case: Case;
  clock: ClockReading;
}

/** The cases a filter shows; "this week" is the calendar week the DPO is in (Monday to Sunday), overdue excluded. */
export function casesIn(all: readonly ListedCase[], filter: CaseFilter, today: Temporal.PlainDate): ListedCase[] {
  const endOfWeek = today.add({ days: 7 - today.dayOfWeek }).toString();
  return all.filter(({ clock }) =>
    filter === 'overdue'
      ? clock.overdue
      : filter === 'due_week'
        ? clock.running && !clock.paused && !clock.overdue && clock.due <= endOfWeek
        : true,
  );
}

export function listView(rows: readonly ListedCase[], filter: CaseFilter, page: number, lang: Lang) {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const title = say(lang, filter === 'overdue' ? TEXTS.overdue : filter === 'due_week' ? TEXTS.dueThisWeek : TEXTS.openCases);
  return {
    title: `${title} (${rows.length})`,
    subtitle: say(lang, TEXTS.page, { page: current, pages }),
    empty: say(lang, TEXTS.noCases),
    filter,
    page: current,
    pages,
    rows: rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((row) => listRow(row, lang)),
    labels: { previous: say(lang, TEXTS.previous), next: say(lang, TEXTS.next), newCase: say(lang, TEXTS.newCase) },
  };
}

function listRow({ case: c, clock }: ListedCase, lang: Lang) {
  const line = clockText(lang, clock);
  const who = plain(c.requester.name ?? c.requester.email ?? c.requester.phone, 60) || '–';
  return {
    id: c.id,
    who: c.dataSubject ? `${who} → ${plain(c.dataSubject.name, 40)}` : who,
    clock: line.text,
    clockColor: line.color,
    flag: needsConfirmation(c) ? say(lang, TEXTS.toConfirm) : '',
    style: clock.overdue ? 'attention' : clock.paused ? 'accent' : clock.running && clock.daysLeft <= 7 ? 'warning' : 'default',
    detail: `${rightsText(lang, c)} · ${say(lang, TEXTS.due)} ${formatDate(lang, clock.due)}${extensionBinds({ deadlines: clock.deadlines, extension: c.extension }) ? ` (${say(lang, TEXTS.extended)})` : ''}`,
  };
}
