import type { OpenCaseLine } from '../../app/ports.js';
import { STATUS_LABEL, extensionBinds, needsConfirmation, type ClockReading } from '../../domain/index.js';
import { plain } from '../card-text.js';
import type { CaseFilter } from '../intents.js';
import { CHAT } from '../chat-texts.js';
import { TEXTS, say, type Lang } from '../texts.js';
import { clockText, rightsText } from './case-view.js';
import { formatDate } from './format.js';

/** The view data for list.json: one page of cases, each a row that opens the case. */

export const PAGE_SIZE = 10;

export interface ListedCase {
  case: OpenCaseLine;
  clock: ClockReading;
}

/** One page of a list; `next` is where the following page starts (its "more" button), absent on the last. */
export function listView(rows: readonly ListedCase[], filter: CaseFilter, page: number, lang: Lang, next?: string) {
  const title = say(lang, filter === 'overdue' ? TEXTS.overdue : filter === 'due_week' ? TEXTS.dueThisWeek : TEXTS.openCases);
  return {
    title,
    subtitle: say(lang, TEXTS.pageOnly, { page }),
    empty: say(lang, TEXTS.noCases),
    filter,
    page,
    next: next ?? '',
    rows: rows.map((row) => listRow(row, lang)),
    labels: { first: say(lang, TEXTS.firstPage), next: say(lang, TEXTS.more), newCase: say(lang, TEXTS.newCase) },
  };
}

/**
 * A list that is not paged through the index (a search by person, "mine sager", "lukkede sager"): the
 * same rows, a title and a line saying what it holds.
 */
export function foundView(rows: readonly ListedCase[], title: string, subtitle: string, lang: Lang) {
  return {
    title,
    subtitle,
    empty: say(lang, TEXTS.noCases),
    filter: 'open',
    page: 1,
    next: '',
    rows: rows.map((row) => listRow(row, lang)),
    labels: { first: say(lang, TEXTS.firstPage), next: say(lang, TEXTS.more), newCase: say(lang, TEXTS.newCase) },
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
    // Status and who has it first: what a DPO scans a list for, before the rights and the date.
    detail: [
      STATUS_LABEL[c.status][lang],
      c.assignee ? plain(c.assignee.name ?? c.assignee.id, 60) : say(lang, CHAT.noAssignee),
      rightsText(lang, c),
      `${say(lang, TEXTS.due)} ${formatDate(lang, clock.due)}${extensionBinds({ deadlines: clock.deadlines, extension: c.extension }) ? ` (${say(lang, TEXTS.extended)})` : ''}`,
    ].join(' · '),
  };
}
