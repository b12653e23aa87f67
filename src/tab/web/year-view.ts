import { RIGHT_INFO, RIGHTS } from '../../domain/rights.js';
import { download, get } from './api.js';
import { h, show } from './dom.js';
import { formatMonth, percent, t, type Lang } from './texts.js';
import type { YearReport } from './types.js';

/** The year in figures and charts, from the existing year report; CSV and PDF of it for the files. */

let year: number | undefined;

const tile = (label: string, value: string, id: string) =>
  h(
    'div',
    { class: 'tile', role: 'group', 'aria-labelledby': id },
    h('div', { class: 'tile-label', id }, label),
    h('div', { class: 'tile-value' }, value),
  );

export async function yearView(lang: Lang, into: HTMLElement): Promise<void> {
  show(into, h('p', { role: 'status' }, t(lang, 'loading')));
  try {
    const [{ report, months }, charts] = await Promise.all([
      get<YearReport>(`report${year ? `?year=${year}` : ''}`),
      import('./charts.js'),
    ]);
    year = report.year;
    const shareText = (s: { share: number | null; count: number }) =>
      s.share === null ? t(lang, 'noneAnswered') : `${percent(lang, s.share)} (${s.count}/${report.answered})`;
    const busiest = months.reduce((a, b) => (b.total > a.total ? b : a), months[0]!);
    const years = Array.from({ length: 5 }, (_, i) => Number(report.asOf.slice(0, 4)) - i);
    const status = h('p', { role: 'status', 'aria-live': 'polite', class: 'muted' });
    const exportFile = (kind: 'csv' | 'pdf') => async () => {
      try {
        await download(`report.${kind}?year=${report.year}&lang=${lang}`, `dsar-rapport-${report.year}.${kind}`);
      } catch (error) {
        status.textContent = t(lang, 'failed', { reason: (error as Error).message });
      }
    };
    const monthCanvas = h('canvas', {
      role: 'img',
      'aria-label': `${t(lang, 'perMonth')}. ${t(lang, 'chartSummary', { total: report.total, year: report.year, month: formatMonth(lang, busiest.month), n: busiest.total })}`,
    });
    const shareCanvas = h('canvas', {
      role: 'img',
      'aria-label': `${t(lang, 'shares')}. ${t(lang, 'sharesSummary', { one: shareText(report.withinOneMonth), three: shareText(report.withinThreeMonths) })}`,
    });
    const rightsAsked = RIGHTS.filter((r) => report.perRight[r]! > 0);
    show(
      into,
      h('h2', {}, `${t(lang, 'yearTab')} ${report.year}`),
      h(
        'div',
        { class: 'toolbar' },
        h('label', { for: 'f-year' }, t(lang, 'year')),
        h(
          'select',
          {
            id: 'f-year',
            onchange: (event: Event) => {
              year = Number((event.target as HTMLSelectElement).value);
              void yearView(lang, into);
            },
          },
          ...years.map((y) => h('option', { value: y, selected: y === report.year }, String(y))),
        ),
        h('fluent-button', { appearance: 'outline', onclick: exportFile('csv') }, t(lang, 'exportCsv')),
        h('fluent-button', { appearance: 'outline', onclick: exportFile('pdf') }, t(lang, 'exportPdf')),
      ),
      status,
      h(
        'div',
        { class: 'tiles' },
        tile(t(lang, 'requests'), String(report.total), 'k-total'),
        tile(t(lang, 'answered'), String(report.answered), 'k-answered'),
        tile(
          t(lang, 'median'),
          report.medianDaysToAnswer === null ? '–' : t(lang, 'medianDays', { n: report.medianDaysToAnswer }),
          'k-median',
        ),
        tile(t(lang, 'within1'), shareText(report.withinOneMonth), 'k-one'),
        tile(t(lang, 'within3'), shareText(report.withinThreeMonths), 'k-three'),
        tile(t(lang, 'extensions'), String(report.extensions), 'k-ext'),
        tile(t(lang, 'rejections'), String(report.rejections.total), 'k-rej'),
        tile(t(lang, 'openNow'), `${report.open} (${t(lang, 'overdueNow')} ${report.overdueOpen})`, 'k-open'),
      ),
      h(
        'section',
        { 'aria-labelledby': 'c-month' },
        h('h3', { id: 'c-month' }, t(lang, 'perMonth')),
        h('div', { class: 'chart' }, monthCanvas),
      ),
      h(
        'section',
        { 'aria-labelledby': 'c-share' },
        h('h3', { id: 'c-share' }, t(lang, 'shares')),
        h('div', { class: 'chart small' }, shareCanvas),
      ),
      h(
        'details',
        {},
        h('summary', {}, t(lang, 'dataTable')),
        h(
          'table',
          { class: 'figures' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t(lang, 'month')),
              ...rightsAsked.map((r) => h('th', { scope: 'col' }, RIGHT_INFO[r].name[lang])),
              h('th', { scope: 'col' }, t(lang, 'total')),
            ),
          ),
          h(
            'tbody',
            {},
            ...months.map((m) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, formatMonth(lang, m.month)),
                ...rightsAsked.map((r) => h('td', {}, String(m.perRight[r] ?? 0))),
                h('td', {}, String(m.total)),
              ),
            ),
          ),
        ),
      ),
    );
    charts.monthChart(
      monthCanvas,
      months.map((m) => formatMonth(lang, m.month)),
      rightsAsked.map((r) => ({ label: RIGHT_INFO[r].name[lang], data: months.map((m) => m.perRight[r] ?? 0) })),
    );
    charts.shareChart(shareCanvas, [t(lang, 'within1'), t(lang, 'within3')], [report.withinOneMonth.share, report.withinThreeMonths.share]);
    document.body.dataset.year = 'ready';
  } catch (error) {
    show(into, h('p', { role: 'alert' }, t(lang, 'failed', { reason: (error as Error).message })));
  }
}
