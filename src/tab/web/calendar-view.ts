import { get } from './api.js';
import { h, show } from './dom.js';
import { formatDate, formatMonth, t, type Lang } from './texts.js';
import type { CalendarEntry, DeadlineCalendar } from './types.js';

/** This month and the next, Monday first, each case on its binding deadline (and an extended case's first). */

let shown: string | undefined;

const addMonths = (yearMonth: string, n: number) => {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

function entry(lang: Lang, e: CalendarEntry): HTMLElement {
  const notes = [
    e.kind === 'first' && t(lang, 'firstDeadline'),
    e.kind === 'due' && e.extended && t(lang, 'extended'),
    e.paused && t(lang, 'pausedMoves'),
  ].filter(Boolean) as string[];
  return h(
    'li',
    { class: `entry ${e.kind}${e.paused ? ' paused' : ''}${e.overdue ? ' overdue' : ''}` },
    h('a', { href: `#case/${e.id}` }, e.id),
    ' ',
    e.name,
    ...notes.map((note) => h('span', { class: 'tag' }, note)),
  );
}

function monthTable(lang: Lang, month: DeadlineCalendar['months'][number], today: string): HTMLElement {
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Date(Date.UTC(2024, 0, 1 + i)).toLocaleDateString(lang === 'da' ? 'da-DK' : 'en-GB', { weekday: 'short', timeZone: 'UTC' }),
  );
  const lead = (new Date(`${month.days[0]!.date}T12:00:00Z`).getUTCDay() + 6) % 7;
  const cells: (HTMLElement | null)[] = [
    ...Array.from({ length: lead }, () => null),
    ...month.days.map((day) => dayCell(lang, day, today)),
  ];
  const rows: HTMLElement[] = [];
  for (let i = 0; i < cells.length; i += 7) {
    const week = cells.slice(i, i + 7);
    while (week.length < 7) week.push(null);
    rows.push(h('tr', {}, ...week.map((cell) => cell ?? h('td', { class: 'empty' }))));
  }
  return h(
    'section',
    { class: 'month', 'aria-labelledby': `m-${month.month}` },
    h('h3', { id: `m-${month.month}` }, formatMonth(lang, month.month)),
    h(
      'table',
      { class: 'calendar' },
      h('thead', {}, h('tr', {}, ...weekdays.map((d) => h('th', { scope: 'col' }, d)))),
      h('tbody', {}, ...rows),
    ),
  );
}

function dayCell(lang: Lang, day: { date: string; entries: CalendarEntry[] }, today: string): HTMLElement {
  const label = formatDate(lang, day.date);
  return h(
    'td',
    { class: `${day.entries.length ? 'has' : ''}${day.date === today ? ' today' : ''}` },
    h('div', { class: 'day', 'aria-label': label }, String(Number(day.date.slice(8)))),
    day.entries.length ? h('ul', { 'aria-label': label }, ...day.entries.map((e) => entry(lang, e))) : null,
  );
}

export async function calendarView(lang: Lang, into: HTMLElement): Promise<void> {
  show(into, h('p', { role: 'status' }, t(lang, 'loading')));
  try {
    const calendar = await get<DeadlineCalendar>(`calendar${shown ? `?month=${shown}` : ''}`);
    shown ??= calendar.months[0]!.month;
    const move = (n: number) => () => {
      shown = addMonths(shown!, n);
      void calendarView(lang, into);
    };
    show(
      into,
      h('h2', { class: 'visually-hidden' }, t(lang, 'calendarTab')),
      h(
        'div',
        { class: 'toolbar' },
        h('fluent-button', { appearance: 'outline', onclick: move(-1) }, t(lang, 'prevMonth')),
        h('fluent-button', { appearance: 'outline', onclick: move(1) }, t(lang, 'nextMonth')),
      ),
      calendar.overdueBefore.length
        ? h(
            'section',
            { class: 'warning', 'aria-labelledby': 'overdue-before' },
            h('h3', { id: 'overdue-before' }, t(lang, 'overdueBefore')),
            h(
              'ul',
              {},
              ...calendar.overdueBefore.map((o) =>
                h('li', {}, h('a', { href: `#case/${o.id}` }, o.id), ` ${o.name} · ${formatDate(lang, o.due)}`),
              ),
            ),
          )
        : null,
      h('div', { class: 'months' }, ...calendar.months.map((m) => monthTable(lang, m, calendar.asOf))),
    );
    document.body.dataset.calendar = 'ready';
  } catch (error) {
    show(into, h('p', { role: 'alert' }, t(lang, 'failed', { reason: (error as Error).message })));
  }
}
