import { RIGHT_INFO, RIGHTS } from '../../domain/rights.js';
import { STATUS_LABEL } from '../../domain/lifecycle.js';
import { get } from './api.js';
import { h, show } from './dom.js';
import { daysLeftText, formatDate, t, type Lang, type TextKey } from './texts.js';
import type { OpenResult, OpenRow } from './types.js';

/** The open cases as a table: filters, a search, sortable columns; each case number opens the case. */

const OPEN_STATUSES = ['received', 'awaiting_identity', 'in_progress', 'responded', 'rejected'] as const;
type Sort = 'id' | 'name' | 'status' | 'owner' | 'received' | 'due';

interface State {
  q: string;
  status: string;
  right: string;
  owner: string;
  paused: string;
  confirm: string;
  days: string;
  sort: Sort;
  dir: 'asc' | 'desc';
}

const state: State = { q: '', status: '', right: '', owner: '', paused: '', confirm: '', days: '', sort: 'due', dir: 'asc' };

const personOf = (row: OpenRow) => row.dataSubject?.name ?? row.requester.name ?? row.requester.email ?? '';

function queryString(): string {
  const params = new URLSearchParams({ sort: state.sort, dir: state.dir, limit: '500' });
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.status) params.set('status', state.status);
  if (state.right) params.set('right', state.right);
  if (state.owner) params.set('owner', state.owner);
  if (state.paused) params.set('paused', state.paused);
  if (state.confirm) params.set('confirm', state.confirm);
  if (state.days === 'overdue') params.set('overdue', 'true');
  else if (state.days) params.set('daysLeft', state.days);
  return params.toString();
}

function select(lang: Lang, id: keyof State, label: TextKey, options: [string, string][]): HTMLElement {
  const control = h(
    'select',
    {
      id: `f-${id}`,
      onchange: (event: Event) => {
        (state as unknown as Record<string, string>)[id] = (event.target as HTMLSelectElement).value;
        void refresh(lang);
      },
    },
    ...[['', t(lang, 'all')] as [string, string], ...options].map(([value, text]) =>
      h('option', { value, selected: state[id] === value }, text),
    ),
  );
  return h('div', { class: 'field' }, h('label', { for: `f-${id}` }, t(lang, label)), control);
}

let root: HTMLElement | undefined;
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let asked = 0;

export function casesView(lang: Lang, into: HTMLElement): void {
  root = into;
  const search = h('input', {
    id: 'f-q',
    type: 'search',
    value: state.q,
    autocomplete: 'off',
    oninput: (event: Event) => {
      state.q = (event.target as HTMLInputElement).value;
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => void refresh(lang), 200);
    },
  });
  const yesNo: [string, string][] = [
    ['true', t(lang, 'yes')],
    ['false', t(lang, 'no')],
  ];
  show(
    into,
    h('h2', { class: 'visually-hidden' }, t(lang, 'casesTab')),
    h(
      'form',
      { class: 'filters', role: 'search', onsubmit: (event: Event) => event.preventDefault() },
      h('div', { class: 'field grow' }, h('label', { for: 'f-q' }, t(lang, 'search')), search),
      select(
        lang,
        'status',
        'status',
        OPEN_STATUSES.map((s) => [s, STATUS_LABEL[s][lang]]),
      ),
      select(
        lang,
        'right',
        'right',
        RIGHTS.map((r) => [r, RIGHT_INFO[r].name[lang]]),
      ),
      select(lang, 'owner', 'owner', [
        ['me', t(lang, 'mine')],
        ['none', t(lang, 'nobody')],
      ]),
      select(lang, 'paused', 'paused', yesNo),
      select(lang, 'confirm', 'confirm', yesNo),
      select(lang, 'days', 'daysLeft', [
        ['overdue', t(lang, 'overdueOnly')],
        ['7', t(lang, 'within7')],
        ['14', t(lang, 'within14')],
      ]),
    ),
    h('p', { id: 'case-count', role: 'status', 'aria-live': 'polite' }, t(lang, 'loading')),
    h('div', { id: 'case-table', class: 'table-wrap' }),
  );
  void refresh(lang);
}

const COLUMNS: [Sort | null, TextKey][] = [
  ['id', 'caseNo'],
  ['name', 'person'],
  ['status', 'status'],
  [null, 'rights'],
  ['owner', 'owner'],
  ['received', 'received'],
  ['due', 'due'],
];

function header(lang: Lang): HTMLElement {
  return h(
    'tr',
    {},
    ...COLUMNS.map(([sort, label]) => {
      if (!sort) return h('th', { scope: 'col' }, t(lang, label));
      const current = state.sort === sort;
      return h(
        'th',
        { scope: 'col', 'aria-sort': current ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none' },
        h(
          'button',
          {
            type: 'button',
            class: 'sort',
            'aria-label': t(lang, 'sortBy', { column: t(lang, label) }),
            onclick: () => {
              state.dir = current && state.dir === 'asc' ? 'desc' : 'asc';
              state.sort = sort;
              void refresh(lang);
            },
          },
          t(lang, label),
          current ? (state.dir === 'asc' ? ' ▲' : ' ▼') : '',
        ),
      );
    }),
  );
}

function row(lang: Lang, r: OpenRow): HTMLElement {
  const tags = [r.needsConfirmation && t(lang, 'confirmTag'), r.paused && t(lang, 'pausedTag'), r.extended && t(lang, 'extended')].filter(
    Boolean,
  ) as string[];
  return h(
    'tr',
    { class: r.overdue ? 'overdue' : '' },
    h('td', {}, h('a', { href: `#case/${r.id}` }, r.id)),
    h(
      'td',
      {},
      personOf(r),
      r.requester.email && personOf(r) !== r.requester.email ? h('div', { class: 'muted' }, r.requester.email) : null,
    ),
    h(
      'td',
      {},
      STATUS_LABEL[r.status as keyof typeof STATUS_LABEL]?.[lang] ?? r.status,
      ...tags.map((tag) => h('span', { class: 'tag' }, tag)),
    ),
    h('td', {}, r.rights.map((right) => RIGHT_INFO[right as keyof typeof RIGHT_INFO]?.name[lang] ?? right).join(', ')),
    h('td', {}, r.owner?.name ?? t(lang, 'unassigned')),
    h('td', {}, formatDate(lang, r.receivedAt.slice(0, 10))),
    h(
      'td',
      { class: 'due' },
      r.running ? formatDate(lang, r.due) : '–',
      r.running ? h('div', { class: r.overdue ? 'late' : 'muted' }, daysLeftText(lang, r.daysLeft)) : null,
    ),
  );
}

/** Rows in the first paint: more than a screen holds. */
const FIRST_SCREEN = 40;
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

async function refresh(lang: Lang): Promise<void> {
  const mine = ++asked;
  const into = root;
  if (!into) return;
  const count = into.querySelector('#case-count')!;
  const table = into.querySelector('#case-table')!;
  // Not ready until this answer's rows are all in the table (tests and the bench wait for it).
  delete document.body.dataset.cases;
  try {
    const result = await get<OpenResult>(`cases?${queryString()}`);
    // A later question was asked while this one was answered: its answer is the one to show.
    if (mine !== asked) return;
    const filtered = result.total !== result.open;
    count.textContent = filtered
      ? t(lang, 'countFiltered', { total: result.total, shown: result.rows.length, open: result.open })
      : t(lang, 'count', { shown: result.rows.length, total: result.open });
    const rows = result.rows;
    const body = h('tbody', {}, ...rows.slice(0, FIRST_SCREEN).map((r) => row(lang, r)));
    show(
      table,
      rows.length
        ? h(
            'table',
            { class: 'cases', 'aria-describedby': 'case-count' },
            h('caption', { class: 'visually-hidden' }, t(lang, 'casesTab')),
            h('thead', {}, header(lang)),
            body,
          )
        : h('p', {}, t(lang, 'none')),
    );
    performance.mark('dsar-cases-first-screen');
    // The first screen is painted before the other rows are added: laying out 500 rows at once held the
    // first paint back by several hundred milliseconds.
    await nextFrame();
    performance.mark('dsar-cases-first-paint');
    if (mine !== asked) return;
    if (rows.length > FIRST_SCREEN) {
      const rest = document.createDocumentFragment();
      for (const r of rows.slice(FIRST_SCREEN)) rest.append(row(lang, r));
      body.append(rest);
    }
    document.body.dataset.cases = 'ready';
    performance.mark('dsar-cases-rendered');
  } catch (error) {
    if (mine === asked) count.textContent = t(lang, 'failed', { reason: (error as Error).message });
  }
}
