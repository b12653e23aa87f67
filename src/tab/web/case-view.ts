import { REFUSAL_BASES } from '../../domain/legal-bases.js';
import { STATUS_LABEL } from '../../domain/lifecycle.js';
import { RIGHT_INFO } from '../../domain/rights.js';
import { get, post } from './api.js';
import { h, show } from './dom.js';
import { daysLeftText, formatDate, formatDateTime, t, type Lang, type TextKey } from './texts.js';
import type { CaseDetail } from './types.js';

/**
 * One case: its facts, deadlines, tasks (tickable), timeline, and the commands the bot's card offers
 * (the API's `next`). A command that needs words (a reason, an outcome) asks for them in a small form.
 */

type Field = { name: string; label: TextKey; kind: 'text' | 'pauseKind' | 'basis' };
const NEEDS: Record<string, Field[]> = {
  pause: [
    { name: 'kind', label: 'pauseKind', kind: 'pauseKind' },
    { name: 'reason', label: 'reason', kind: 'text' },
  ],
  extend: [{ name: 'reason', label: 'reason', kind: 'text' }],
  reject: [
    { name: 'basis', label: 'basis', kind: 'basis' },
    { name: 'reason', label: 'reason', kind: 'text' },
  ],
  dismiss: [{ name: 'reason', label: 'reason', kind: 'text' }],
  close: [{ name: 'outcome', label: 'outcome', kind: 'text' }],
  add_note: [{ name: 'text', label: 'note', kind: 'text' }],
};

export async function caseView(lang: Lang, into: HTMLElement, id: string): Promise<void> {
  show(into, h('p', { role: 'status' }, t(lang, 'loading')));
  try {
    render(lang, into, await get<CaseDetail>(`cases/${encodeURIComponent(id)}`));
  } catch (error) {
    show(
      into,
      h('p', { role: 'alert' }, t(lang, 'failed', { reason: (error as Error).message })),
      h('a', { href: '#cases' }, t(lang, 'back')),
    );
  }
}

function render(lang: Lang, into: HTMLElement, detail: CaseDetail, message?: string): void {
  const { case: c, clock } = detail;
  const status = h('p', { role: 'status', 'aria-live': 'polite', class: 'ok' }, message ?? '');
  const act = async (body: Record<string, unknown>) => {
    try {
      const updated = await post<CaseDetail>(`cases/${encodeURIComponent(c.id)}/actions`, { ...body, version: c.version });
      render(lang, into, updated, t(lang, 'done'));
      into.querySelector<HTMLElement>('h2')?.focus();
    } catch (error) {
      status.className = 'error';
      status.textContent = t(lang, 'failed', { reason: (error as Error).message });
    }
  };
  const formSlot = h('div', { class: 'action-form' });
  const ask = (command: string) => {
    const fields = NEEDS[command];
    if (!fields) return void act(command === 'assign' ? { type: 'assign', to: 'me' } : { type: command });
    const inputs = fields.map((f) => {
      const fieldId = `a-${command}-${f.name}`;
      const control =
        f.kind === 'text'
          ? h('textarea', { id: fieldId, name: f.name, rows: 2, required: true })
          : h(
              'select',
              { id: fieldId, name: f.name },
              ...(f.kind === 'pauseKind'
                ? [
                    h('option', { value: 'identity' }, t(lang, 'pauseIdentity')),
                    h('option', { value: 'clarification' }, t(lang, 'pauseClarification')),
                  ]
                : REFUSAL_BASES.map((b) => h('option', { value: b }, lang === 'da' ? `artikel ${b}` : `Article ${b}`))),
            );
      return h('div', { class: 'field' }, h('label', { for: fieldId }, t(lang, f.label)), control);
    });
    const form = h(
      'form',
      {
        'aria-label': t(lang, `cmd_${command}` as TextKey),
        onsubmit: (event: Event) => {
          event.preventDefault();
          const data = Object.fromEntries(new FormData(event.target as HTMLFormElement));
          void act({ type: command, ...data });
        },
      },
      h('h3', {}, t(lang, `cmd_${command}` as TextKey)),
      ...inputs,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'button' }, t(lang, 'confirmAction')),
        h('button', { type: 'button', class: 'button secondary', onclick: () => show(formSlot) }, t(lang, 'cancel')),
      ),
    );
    show(formSlot, form);
    form.querySelector<HTMLElement>('textarea, select')?.focus();
  };
  const commands = [...detail.next.filter((n) => n !== 'set_task'), 'add_note'];
  const fact = (label: TextKey, ...value: (string | Node | null)[]) => [h('dt', {}, t(lang, label)), h('dd', {}, ...value)];
  show(
    into,
    h('p', {}, h('a', { href: '#cases' }, `← ${t(lang, 'back')}`)),
    h('h2', { tabindex: -1 }, `${c.id} · ${c.dataSubject?.name ?? c.requester.name ?? c.requester.email ?? ''}`),
    status,
    h(
      'dl',
      { class: 'facts' },
      ...fact(
        'status',
        STATUS_LABEL[c.status as keyof typeof STATUS_LABEL]?.[lang] ?? c.status,
        clock.paused ? h('span', { class: 'tag' }, t(lang, 'pausedTag')) : null,
      ),
      ...fact('requester', [c.requester.name, c.requester.email].filter(Boolean).join(' · ')),
      ...(c.dataSubject ? fact('dataSubject', [c.dataSubject.name, c.dataSubject.email].filter(Boolean).join(' · ')) : []),
      ...fact('rights', c.rights.map((r) => `${RIGHT_INFO[r as keyof typeof RIGHT_INFO]?.name[lang] ?? r}`).join(', ')),
      ...fact('owner', c.owner?.name ?? t(lang, 'unassigned')),
      ...fact('received', formatDateTime(lang, c.receivedAt)),
      ...fact('binding', formatDate(lang, clock.due), clock.running ? ` (${daysLeftText(lang, clock.daysLeft)})` : ''),
      ...(clock.extended
        ? [...fact('firstDue', formatDate(lang, clock.firstDue)), ...fact('extendedDue', formatDate(lang, clock.extendedDue))]
        : []),
    ),
    detail.teamsUrl ? h('p', {}, h('a', { href: detail.teamsUrl, target: '_blank', rel: 'noopener' }, t(lang, 'openChat'))) : null,
    h(
      'section',
      { 'aria-labelledby': 's-actions' },
      h('h3', { id: 's-actions' }, t(lang, 'actions')),
      h(
        'div',
        { class: 'actions' },
        ...commands.map((command) =>
          h(
            'fluent-button',
            { appearance: command === detail.next[0] ? 'accent' : 'outline', onclick: () => ask(command) },
            t(lang, `cmd_${command}` as TextKey),
          ),
        ),
      ),
      formSlot,
    ),
    h(
      'section',
      { 'aria-labelledby': 's-tasks' },
      h('h3', { id: 's-tasks' }, t(lang, 'tasks')),
      h(
        'ul',
        { class: 'tasks' },
        ...c.tasks.map((task) =>
          h(
            'li',
            {},
            h(
              'label',
              { class: 'check' },
              h('input', {
                type: 'checkbox',
                checked: task.done,
                onchange: (event: Event) =>
                  void act({ type: 'set_task', taskId: task.id, done: (event.target as HTMLInputElement).checked }),
              }),
              task.title[lang],
            ),
          ),
        ),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 's-timeline' },
      h('h3', { id: 's-timeline' }, t(lang, 'timeline')),
      h(
        'ol',
        { class: 'timeline' },
        ...[...detail.timeline]
          .reverse()
          .map((e) => h('li', {}, h('time', { datetime: e.at }, formatDateTime(lang, e.at)), ` · ${e.by} · ${e.summary}`)),
      ),
    ),
  );
}
