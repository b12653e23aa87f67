import { api, currentMessage, type CaseSummary, type Reading } from './api-client.js';
import { RIGHT_NAMES, date, lang, t } from './texts.js';
import { errorText } from '../../platform/error-text.js';

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

function say(text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
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

function showCase(c: CaseSummary, created?: boolean): void {
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
  say(t(created === false ? 'already' : 'logged', { id: c.id, due: date(c.due) }), 'ok');
}

function showReading(reading: Reading, target: { mailbox: string; messageId: string }): void {
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
    el('p', { textContent: t(reading.privacyRequest ? 'detected' : 'notDetected') }),
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

async function submit(form: HTMLFormElement, button: HTMLButtonElement, target: { mailbox: string; messageId: string }): Promise<void> {
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
  try {
    const result = await api<{ created: boolean; case: CaseSummary }>('cases/from-message', {
      method: 'POST',
      body: JSON.stringify({ ...target, overrides }),
    });
    showCase(result.case, result.created);
  } catch (error) {
    button.disabled = false;
    say(t('failed', { reason: errorText(error) }), 'error');
  }
}

async function start(): Promise<void> {
  document.documentElement.lang = lang();
  document.getElementById('title')!.textContent = t('title');
  const target = currentMessage();
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

Office.onReady(() => void start());
