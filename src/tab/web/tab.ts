import { useToken } from './api.js';
import { calendarView } from './calendar-view.js';
import { caseView } from './case-view.js';
import { casesView } from './cases-view.js';
import { h, show } from './dom.js';
import { loadConfig, startSession, type Session } from './session.js';
import { langOf, t, type Lang } from './texts.js';
import { yearView } from './year-view.js';

/**
 * The personal tab "DSAR-overblik": open cases, deadlines, the year. Fluent UI web components give the
 * buttons Teams' look; the rest is plain, labelled HTML, so keyboard and screen readers need nothing extra.
 */

// The Fluent buttons are for the case page, the calendar and the year: loaded when the page is idle after
// its first paint (the table has none), so their ~400 kB never hold the table back. Until then a
// fluent-button is a plain element with its label; it upgrades in place.
const loadFluent = () =>
  void import('@fluentui/web-components').then(({ fluentButton, provideFluentDesignSystem }) =>
    provideFluentDesignSystem().register(fluentButton()),
  );

const VIEWS = [
  ['cases', 'casesTab'],
  ['calendar', 'calendarTab'],
  ['year', 'yearTab'],
] as const;

function route(lang: Lang, main: HTMLElement): void {
  const hash = location.hash.replace(/^#/, '') || 'cases';
  const current = hash.startsWith('case/') ? 'cases' : hash;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (link.dataset.view === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (hash.startsWith('case/')) void caseView(lang, main, decodeURIComponent(hash.slice(5)));
  else if (hash === 'calendar') void calendarView(lang, main);
  else if (hash === 'year') void yearView(lang, main);
  else casesView(lang, main);
}

function shell(lang: Lang, session: Session): HTMLElement {
  document.documentElement.lang = lang;
  document.title = t(lang, 'title');
  const main = h('main', { id: 'main', tabindex: -1 });
  show(
    document.body,
    h('a', { href: '#main', class: 'skip' }, lang === 'da' ? 'Gå til indholdet' : 'Skip to content'),
    h(
      'header',
      {},
      h('h1', {}, t(lang, 'title')),
      h(
        'nav',
        { 'aria-label': t(lang, 'nav') },
        ...VIEWS.map(([view, label]) => h('a', { href: `#${view}`, 'data-view': view }, t(lang, label))),
      ),
    ),
    main,
  );
  if (session.token) useToken(session.token);
  return main;
}

async function start(): Promise<void> {
  const status = document.getElementById('status');
  try {
    const config = await loadConfig();
    const session = await startSession(config);
    const lang = langOf(session.locale);
    if (session.token) {
      const main = shell(lang, session);
      window.addEventListener('hashchange', () => route(lang, main));
      route(lang, main);
      return;
    }
    const dev = session.dev;
    // Outside Teams: in local mode a dev sign-in as the demo DPO, else a pointer to Teams.
    show(
      document.body,
      h(
        'main',
        { class: 'signin' },
        h('h1', {}, t(lang, 'title')),
        h('p', {}, dev ? t(lang, 'devSignInNote') : t(lang, 'openInTeams')),
        dev
          ? h(
              'button',
              {
                type: 'button',
                class: 'button',
                onclick: () => {
                  const signedIn = dev();
                  const main = shell(lang, signedIn);
                  window.addEventListener('hashchange', () => route(lang, main));
                  route(lang, main);
                },
              },
              t(lang, 'devSignIn'),
            )
          : null,
      ),
    );
  } catch (error) {
    if (status)
      status.textContent = `${t('da', 'failed', { reason: (error as Error).message })} / ${t('en', 'failed', { reason: (error as Error).message })}`;
  }
}

void start().finally(() =>
  'requestIdleCallback' in window ? requestIdleCallback(loadFluent, { timeout: 1500 }) : setTimeout(loadFluent, 200),
);
