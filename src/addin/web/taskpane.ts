import { api, currentMessage, openCaseOf, type CaseSummary, type Reading } from './api-client.js';
import { RIGHT_NAMES, date, lang, t } from './texts.js';
import { errorText } from '../../platform/error-text.js';
import { insideOffice } from './outside-office.js';

/**
 * The task pane: for a message not yet logged, what the classifier read in it, in fields the user can
 * correct before logging; for a logged one, its case (status, deadlines, a link to it in Teams).
 * Built with DOM APIs and textContent only, so nothing from the message can become markup.
 */

const root = () => document.getElementById('app')!;
const status = () => document.getElementById('status')!;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function say(text: string, kind: 'info' | 'ok' | 'warn' | 'error' = 'info'): void {
  const s = status();
  s.textContent = text;
  s.className = `status ${kind}`;
}

function field(id: string, label: string, value: string, type = 'text'): HTMLElement {
  return el('div', { className: 'field' }, [
    el('label', { htmlFor: id, textContent: label }),
    el('input', { id, name: id, type, value, autocomplete: 'off' }),
  ]);
}

type Target = { mailbox: string; messageId: string };
type Logged = { created: boolean; case: CaseSummary };

function showCase(c: CaseSummary, created?: boolean, done?: string): void {
  const l = lang();
  const facts = el('dl', { className: 'facts' }, [
    el('dt', { textContent: t('status') }),
    el('dd', { textContent: c.statusLabel[l] }),
    el('dt', { textContent: t('received') }),
    el('dd', { textContent: date(c.receivedAt) }),
    el('dt', { textContent: t('due') }),
    el('dd', { textContent: date(c.due) }),
    el('dt', { textContent: t('extendedDue') }),
    el('dd', { textContent: c.extended ? date(c.extendedDue) : `(${date(c.extendedDue)})` }),
    el('dt', { textContent: t('rights') }),
    el('dd', { textContent: c.rights.map((r) => RIGHT_NAMES[r]?.[l] ?? r).join(', ') }),
  ]);
  const link = c.teamsUrl
    ? [el('a', { href: c.teamsUrl, target: '_blank', rel: 'noopener', textContent: t('openInTeams'), className: 'button secondary' })]
    : [];
  root().replaceChildren(el('h2', { textContent: c.id }), facts, ...link);
  say(done ?? t(created === false ? 'already' : 'logged', { id: c.id, due: date(c.due) }), 'ok');
}

/**
 * The person already has a case open: say which, and let the user add the message to it (a note on its
 * timeline, the message tagged) or log it as a new case after all. Nothing is opened until they choose.
 */
function showOpenCase(open: CaseSummary, target: Target, body: Record<string, unknown>): void {
  const add = el('button', { type: 'button', textContent: t('addToOpen'), className: 'button' });
  const anyway = el('button', { type: 'button', textContent: t('logAnyway'), className: 'button secondary' });
  const choose = async (work: () => Promise<void>, busy: string) => {
    add.disabled = anyway.disabled = true;
    say(busy);
    try {
      await work();
    } catch (error) {
      add.disabled = anyway.disabled = false;
      say(t('failed', { reason: errorText(error) }), 'error');
    }
  };
  add.addEventListener('click', () =>
    choose(async () => {
      const result = await api<{ case: CaseSummary }>(`cases/${encodeURIComponent(open.id)}/follow-ups`, {
        method: 'POST',
        body: JSON.stringify(target),
      });
      showCase(result.case, undefined, t('addedTo', { id: result.case.id }));
    }, t('adding')),
  );
  anyway.addEventListener('click', () =>
    choose(async () => {
      const result = await api<Logged>('cases/from-message', { method: 'POST', body: JSON.stringify({ ...body, force: true }) });
      showCase(result.case, result.created);
    }, t('logging')),
  );
  const warning = t('personHasOpenCase', { id: open.id, date: date(open.receivedAt) });
  root().replaceChildren(
    el('div', { className: 'warning', role: 'alert' }, [el('h2', { textContent: open.id }), el('p', { textContent: warning })]),
    el('div', { className: 'actions' }, [add, anyway]),
  );
  say('');
  add.focus();
}

function showReading(reading: Reading, target: Target): void {
  const l = lang();
  const rights = el('fieldset', {}, [
    el('legend', { textContent: t('rights') }),
    ...Object.keys(RIGHT_NAMES).map((right) =>
      el('div', { className: 'check' }, [
        el('input', { type: 'checkbox', id: `right-${right}`, name: 'rights', value: right, checked: reading.rights.includes(right) }),
        el('label', { htmlFor: `right-${right}`, textContent: RIGHT_NAMES[right]![l] }),
      ]),
    ),
  ]);
  const language = el('div', { className: 'field' }, [
    el('label', { htmlFor: 'language', textContent: t('language') }),
    el('select', { id: 'language', name: 'language' }, [
      el('option', { value: 'da', textContent: 'Dansk', selected: reading.language !== 'en' }),
      el('option', { value: 'en', textContent: 'English', selected: reading.language === 'en' }),
    ]),
  ]);
  const evidence = reading.evidence.length
    ? [
        el('h3', { textContent: t('evidence') }),
        el(
          'ul',
          { className: 'evidence' },
          reading.evidence.slice(0, 5).map((e) => el('li', { textContent: e })),
        ),
      ]
    : [];
  const button = el('button', { type: 'submit', textContent: t('log'), className: 'button' });
  const form = el('form', { noValidate: true }, [
    el('p', { textContent: t(reading.privacyRequest ? 'detected' : reading.verdict === 'uncertain' ? 'uncertain' : 'notDetected') }),
    ...(reading.setAside
      ? [
          el('p', {
            className: 'warning',
            role: 'status',
            textContent: t('setAside', {
              kind: reading.setAside.kind,
              at: new Date(reading.setAside.at).toLocaleDateString(l === 'da' ? 'da-DK' : 'en-GB', {
                day: 'numeric',
                month: 'long',
                year: 'numeric',
              }),
              reason: reading.setAside.reason,
            }),
          }),
        ]
      : []),
    rights,
    field('requesterName', t('requesterName'), reading.requester.name ?? ''),
    field('requesterEmail', t('requesterEmail'), reading.requester.email ?? '', 'email'),
    field('dataSubject', t('dataSubject'), reading.dataSubject?.name ?? ''),
    language,
    ...evidence,
    button,
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(form, button, target);
  });
  root().replaceChildren(form);
  say('');
}

async function submit(form: HTMLFormElement, button: HTMLButtonElement, target: Target): Promise<void> {
  const data = new FormData(form);
  const rights = data.getAll('rights').map(String);
  if (!rights.length) {
    say(t('chooseRight'), 'error');
    (form.querySelector('input[name=rights]') as HTMLInputElement | null)?.focus();
    return;
  }
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const overrides = {
    rights,
    requester: {
      ...(text('requesterName') ? { name: text('requesterName') } : {}),
      ...(text('requesterEmail') ? { email: text('requesterEmail') } : {}),
    },
    dataSubject: text('dataSubject') ? { name: text('dataSubject') } : null,
    language: text('language') === 'en' ? 'en' : 'da',
  };
  button.disabled = true;
  say(t('logging'));
  const body = { ...target, overrides };
  try {
    const result = await api<Logged>('cases/from-message', { method: 'POST', body: JSON.stringify(body) });
    showCase(result.case, result.created);
  } catch (error) {
    const open = openCaseOf(error);
    if (open) return showOpenCase(open, target, body);
    button.disabled = false;
    say(t('failed', { reason: errorText(error) }), 'error');
  }
}

async function start(): Promise<void> {
  document.documentElement.lang = lang();
  document.getElementById('title')!.textContent = t('title');
  const target = await currentMessage();
  if (!target) return say(t('noItem'), 'error');
  say(t('loading'));
  try {
    const query = new URLSearchParams(target).toString();
    const found = await api<{ logged: true; case: CaseSummary } | { logged: false; reading: Reading }>(`cases/by-message?${query}`);
    if (found.logged) showCase(found.case, false);
    else showReading(found.reading, target);
  } catch (error) {
    say(t('failed', { reason: errorText(error) }), 'error');
  }
}

// Outside Outlook the page says what it is and how to open it there (outside-office.ts).
insideOffice('taskpane', (inside) => inside && void start());
