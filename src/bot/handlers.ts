import type { CaseOverview, CaseService } from '../app/case-service.js';
import {
  DomainError,
  RIGHTS,
  RIGHT_INFO,
  Temporal,
  LEGAL_TIME_ZONE,
  legalDate,
  parseRefusalBasis,
  type Actor,
  type Case,
  type CaseCommand,
  type CaseId,
  type NewCaseInput,
  type Right,
} from '../domain/index.js';
import { caseView, clockText, rightsText } from './cards/case-view.js';
import { formatDate, formatTime } from './cards/format.js';
import { renderCard, type AdaptiveCard } from './cards/render.js';
import { plain } from './card-text.js';
import { similarIds, type ActionName, type CaseFilter, type Intent } from './intents.js';
import { TEXTS, say, type Lang } from './texts.js';
import type { Hit } from '../domain/hits.js';
import { searchPhrases, searchIdentifiers } from '../domain/index.js';

/**
 * What the bot does for a DPO, medium-free: an intent in, a card or a line of text out. All case logic
 * is the CaseService's; this only turns intents into its calls and its answers into cards.
 */

export interface Reply {
  card?: AdaptiveCard;
  text?: string;
}

export interface Colleague {
  id: string;
  name: string;
  email?: string;
}

/** Searching Microsoft 365 for a case (src/discovery), as the bot needs it. */
export interface DiscoveryPort {
  /** Starts (or resumes) the case's search in the background. */
  start(caseId: CaseId, actor: Actor): void;
  progress(caseId: CaseId): Promise<{ state: 'running' | 'done'; mailboxesDone: number; mailboxesTotal: number; drivesDone: number; drivesTotal: number; hits: number; capped: number } | undefined>;
  hits(caseId: CaseId): Promise<Hit[]>;
  review(caseId: CaseId, hit: Pick<Hit, 'source' | 'id'>, decision: { include: boolean; reason?: string }, actor: Actor): Promise<void>;
  thirdPartyIdentifiers(caseId: CaseId): Promise<string[]>;
  exportPackage(caseId: CaseId, actor: Actor): Promise<{ folder: string; webUrl?: string; included: number; withheld: number }>;
}

export interface HandlerDeps {
  cases: CaseService;
  discovery?: DiscoveryPort;
  /** People a case can be assigned to (the tenant's users); empty when Graph is not configured. */
  colleagues?: () => Promise<Colleague[]>;
  now?: () => string;
}

export const PAGE_SIZE = 10;
const HITS_PAGE = 6;

/** "Søgning: 38/42 postkasser, 40/42 OneDrives, 17 fund". */
function searchLine(lang: Lang, p: { state: 'running' | 'done'; mailboxesDone: number; mailboxesTotal: number; drivesDone: number; drivesTotal: number; hits: number; capped: number }): string {
  const da = lang === 'da';
  const head = p.state === 'done' ? (da ? 'Søgning færdig' : 'Search done') : da ? 'Søger' : 'Searching';
  const capped = p.capped ? (da ? ` · ${p.capped} postkasse(r) ramte grænsen på 1.000 resultater` : ` · ${p.capped} mailbox(es) hit the 1,000-result cap`) : '';
  return `${head}: ${p.mailboxesDone}/${p.mailboxesTotal} ${da ? 'postkasser' : 'mailboxes'}, ${p.drivesDone}/${p.drivesTotal} OneDrives, ${p.hits} ${da ? 'fund' : 'hits'}${capped}`;
}

/** A snippet as TextRuns with the requester's identifiers highlighted (case-insensitive). */
function highlight(text: string, marks: readonly string[]): { text: string; mark: boolean; weight: string }[] {
  if (!marks.length || !text) return [{ text, mark: false, weight: 'Default' }];
  const pattern = new RegExp(`(${marks.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return text
    .split(pattern)
    .filter((part) => part !== '')
    .map((part) => {
      const mark = marks.some((m) => m.toLowerCase() === part.toLowerCase());
      return { text: part, mark, weight: mark ? 'Bolder' : 'Default' };
    });
}

export class BotHandlers {
  constructor(private readonly deps: HandlerDeps) {}

  private now(): string {
    return this.deps.now?.() ?? new Date().toISOString();
  }

  async handle(intent: Intent, actor: Actor, lang: Lang): Promise<Reply> {
    try {
      switch (intent.kind) {
        case 'help':
          return { card: this.help(lang) };
        case 'list':
          return { card: await this.list(intent.filter, intent.page, lang) };
        case 'show':
          return await this.show(intent.caseId, lang, intent.unrecognised);
        case 'act':
          return await this.act(intent.caseId, intent.action, intent.inputs, actor, lang);
        case 'new_case_form':
          return { card: this.newCaseForm(lang) };
        case 'create_case':
          return await this.createCase(intent.inputs, actor, lang);
        case 'search':
          return await this.search(intent.caseId, actor, lang);
        case 'hits':
          return await this.hits(intent.caseId, intent.page, lang);
        case 'review':
          return await this.review(intent, actor, lang);
        case 'export':
          return await this.exportPackage(intent.caseId, actor, lang);
        case 'unknown':
          return await this.unknown(intent.text, intent.looseId, lang);
      }
    } catch (error) {
      if (error instanceof DomainError) return { text: say(lang, TEXTS.failed, { reason: error.message }) };
      throw error;
    }
  }

  help(lang: Lang, intro = ''): AdaptiveCard {
    return renderCard('help', {
      intro,
      title: say(lang, TEXTS.helpTitle),
      body: say(lang, TEXTS.helpBody),
      labels: { open: say(lang, TEXTS.openCases), week: say(lang, TEXTS.dueThisWeek), overdue: say(lang, TEXTS.overdue), newCase: say(lang, TEXTS.newCase) },
    });
  }

  async list(filter: CaseFilter, page: number, lang: Lang): Promise<AdaptiveCard> {
    const today = legalDate(this.now());
    // "This week" is the calendar week the DPO is in (Monday to Sunday), overdue excluded.
    const endOfWeek = today.add({ days: 7 - today.dayOfWeek }).toString();
    const all = await this.deps.cases.overview();
    const rows = all.filter(({ clock }) =>
      filter === 'overdue' ? clock.overdue : filter === 'due_week' ? clock.running && !clock.paused && !clock.overdue && clock.due <= endOfWeek : true,
    );
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    const current = Math.min(Math.max(1, page), pages);
    const title = say(lang, filter === 'overdue' ? TEXTS.overdue : filter === 'due_week' ? TEXTS.dueThisWeek : TEXTS.openCases);
    return renderCard('list', {
      title: `${title} (${rows.length})`,
      subtitle: say(lang, TEXTS.page, { page: current, pages }),
      empty: say(lang, TEXTS.noCases),
      filter,
      page: current,
      pages,
      rows: rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((row) => this.row(row, lang)),
      labels: { previous: say(lang, TEXTS.previous), next: say(lang, TEXTS.next), newCase: say(lang, TEXTS.newCase) },
    });
  }

  private row({ case: c, clock }: CaseOverview, lang: Lang) {
    const line = clockText(lang, clock);
    const who = plain(c.requester.name ?? c.requester.email ?? c.requester.phone, 60) || '–';
    return {
      id: c.id,
      who: c.dataSubject ? `${who} → ${plain(c.dataSubject.name, 40)}` : who,
      clock: line.text,
      clockColor: line.color,
      style: clock.overdue ? 'attention' : clock.paused ? 'accent' : clock.running && clock.daysLeft <= 7 ? 'warning' : 'default',
      detail: `${rightsText(lang, c)} · ${say(lang, TEXTS.due)} ${formatDate(lang, clock.due)}${c.extension ? ` (${lang === 'da' ? 'forlænget' : 'extended'})` : ''}`,
    };
  }

  /** The case card; used by replies, actions, and proactive messages. */
  async caseCard(c: Case, lang: Lang, extra: { banner?: string; notice?: string; evidence?: readonly string[] } = {}): Promise<AdaptiveCard> {
    const [events, colleagues, progress] = await Promise.all([
      this.deps.cases.timeline(c.id),
      c.status === 'closed' || c.status === 'dismissed' ? Promise.resolve([]) : (this.deps.colleagues?.() ?? Promise.resolve([])),
      this.deps.discovery?.progress(c.id),
    ]);
    const discovery = this.deps.discovery ? { available: true as const, hits: progress?.hits ?? 0, ...(progress ? { state: progress.state } : {}) } : undefined;
    const line = progress ? searchLine(lang, progress) : '';
    const exported = c.export && !c.export.deletedAt ? `${lang === 'da' ? 'Svarpakke' : 'Answer package'}: ${c.export.folder} (${c.export.items})` : '';
    const progressText = [line, exported].filter(Boolean).join(' · ');
    return renderCard('case', caseView(c, { lang, clock: this.deps.cases.clock(c), events, colleagues, ...extra, ...(progressText ? { progress: progressText } : {}), ...(discovery ? { discovery } : {}) }));
  }

  private async search(caseId: CaseId, actor: Actor, lang: Lang): Promise<Reply> {
    const discovery = this.deps.discovery;
    if (!discovery) return this.noDiscovery(lang);
    const c = await this.deps.cases.get(caseId);
    discovery.start(caseId, actor);
    const banner = say(lang, TEXTS.doneBy, { action: lang === 'da' ? 'Søgning startet' : 'Search started', who: actor.name ?? actor.id, time: formatTime(lang, this.now()) });
    return { card: await this.caseCard(c, lang, { banner }) };
  }

  private noDiscovery(lang: Lang): Reply {
    return { text: lang === 'da' ? 'Søgning i Microsoft 365 er ikke sat op (Graph mangler).' : 'Searching Microsoft 365 is not set up (Graph is not configured).' };
  }

  async hitsCard(caseId: CaseId, page: number, lang: Lang, banner = ''): Promise<AdaptiveCard> {
    const discovery = this.deps.discovery!;
    const c = await this.deps.cases.get(caseId);
    const [hits, others] = await Promise.all([discovery.hits(caseId), discovery.thirdPartyIdentifiers(caseId)]);
    const pages = Math.max(1, Math.ceil(hits.length / HITS_PAGE));
    const current = Math.min(Math.max(1, page), pages);
    const marks = searchPhrases(searchIdentifiers(c)).map((p) => p.slice(1, -1)).filter((p) => p.length >= 3);
    const da = lang === 'da';
    return renderCard('hits', {
      caseId,
      title: `${da ? 'Fund' : 'Hits'} · ${caseId}`,
      subtitle: `${hits.length} ${da ? 'fund' : 'hits'} · ${say(lang, TEXTS.page, { page: current, pages })} · ${hits.filter((h) => h.include === false).length} ${da ? 'udeladt' : 'excluded'}`,
      banner,
      page: current,
      pages,
      rows: hits.slice((current - 1) * HITS_PAGE, current * HITS_PAGE).map((h) => ({
        source: h.source,
        id: h.id,
        style: h.include === false ? 'attention' : h.include === true ? 'good' : 'default',
        head: `${h.kind === 'message' ? '✉' : '📄'} ${plain(h.title, 90) || '–'} · ${plain(h.source, 60)} · ${h.date.slice(0, 10)}`,
        runs: highlight(plain(h.snippet, 240), marks),
        decision:
          h.include === undefined
            ? da ? 'Ikke gennemgået (medtages)' : 'Not reviewed (included)'
            : h.include
              ? `${da ? 'Medtaget af' : 'Included by'} ${plain(h.reviewedBy, 40)}`
              : `${da ? 'Udeladt af' : 'Excluded by'} ${plain(h.reviewedBy, 40)}: ${plain(h.reason, 120)}`,
      })),
      others,
      othersText: plain(others.join(', '), 600),
      labels: {
        include: da ? 'Medtag' : 'Include',
        exclude: da ? 'Udelad' : 'Exclude',
        reason: da ? 'Hvorfor udelades det? (kommer i svaret)' : 'Why is it left out? (goes in the answer)',
        others: da ? 'Andre personers oplysninger i de medtagne emner: overstreg dem i kopien (art. 15(4))' : "Other people's data in the included items: redact it in the copy (Art. 15(4))",
        previous: say(lang, TEXTS.previous),
        next: say(lang, TEXTS.next),
        back: caseId,
      },
    });
  }

  private async hits(caseId: CaseId, page: number, lang: Lang): Promise<Reply> {
    const discovery = this.deps.discovery;
    if (!discovery) return this.noDiscovery(lang);
    await this.deps.cases.get(caseId);
    return { card: await this.hitsCard(caseId, page, lang) };
  }

  private async review(intent: Extract<Intent, { kind: 'review' }>, actor: Actor, lang: Lang): Promise<Reply> {
    const discovery = this.deps.discovery;
    if (!discovery) return this.noDiscovery(lang);
    if (!intent.include && !intent.reason?.trim()) {
      return { card: await this.hitsCard(intent.caseId, intent.page, lang, lang === 'da' ? 'Skriv hvorfor emnet udelades.' : 'Write why the item is left out.') };
    }
    await discovery.review(intent.caseId, intent, { include: intent.include, ...(intent.reason ? { reason: intent.reason } : {}) }, actor);
    const done = intent.include ? (lang === 'da' ? 'Medtaget' : 'Included') : lang === 'da' ? 'Udeladt' : 'Excluded';
    return { card: await this.hitsCard(intent.caseId, intent.page, lang, say(lang, TEXTS.doneBy, { action: done, who: actor.name ?? actor.id, time: formatTime(lang, this.now()) })) };
  }

  private async exportPackage(caseId: CaseId, actor: Actor, lang: Lang): Promise<Reply> {
    const discovery = this.deps.discovery;
    if (!discovery) return this.noDiscovery(lang);
    const result = await discovery.exportPackage(caseId, actor);
    const c = await this.deps.cases.get(caseId);
    const banner =
      lang === 'da'
        ? `Svarpakke bygget: ${result.included} emner (${result.withheld} udeladt) i ${result.folder}. Intet er sendt til personen.`
        : `Answer package built: ${result.included} items (${result.withheld} withheld) in ${result.folder}. Nothing was sent to the person.`;
    return { card: await this.caseCard(c, lang, { banner }) };
  }

  private async show(caseId: CaseId, lang: Lang, unrecognised = false): Promise<Reply> {
    const found = await this.deps.cases.get(caseId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return undefined;
      throw error;
    });
    if (!found) return { text: await this.notFound(caseId, lang) };
    return { card: await this.caseCard(found, lang, unrecognised ? { notice: say(lang, TEXTS.understoodCaseNoAction, { id: caseId }) } : {}) };
  }

  private async notFound(typed: string, lang: Lang): Promise<string> {
    const known = (await this.deps.cases.overview({ includeClosed: true })).map((o) => o.case.id);
    const suggestions = similarIds(typed, known);
    const missing = say(lang, TEXTS.noSuchCase, { id: plain(typed, 40) });
    return suggestions.length ? `${missing} ${say(lang, TEXTS.didYouMean, { ids: suggestions.join(lang === 'da' ? ' eller ' : ' or ') })}` : missing;
  }

  private async act(caseId: CaseId, action: ActionName, inputs: Record<string, string>, actor: Actor, lang: Lang): Promise<Reply> {
    const current = await this.deps.cases.get(caseId).catch(() => undefined);
    if (!current) return { text: await this.notFound(caseId, lang) };
    let command: CaseCommand;
    try {
      command = await this.command(current, action, inputs, lang);
    } catch (error) {
      if (error instanceof MissingInput) return { card: await this.caseCard(current, lang, { notice: error.message }), text: error.message };
      throw error;
    }
    try {
      const updated = await this.deps.cases.act(caseId, command, actor);
      const banner = say(lang, TEXTS.doneBy, { action: say(lang, TEXTS.happened[action]), who: actor.name ?? actor.id, time: formatTime(lang, this.now()) });
      return { card: await this.caseCard(updated, lang, { banner }) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const notice = say(lang, TEXTS.failed, { reason: error.message });
      return { card: await this.caseCard(current, lang, { notice }), text: notice };
    }
  }

  private async command(c: Case, action: ActionName, inputs: Record<string, string>, lang: Lang): Promise<CaseCommand> {
    const need = (value: string | undefined, what: string, example: string): string => {
      if (value?.trim()) return value.trim();
      throw new MissingInput(say(lang, TEXTS.needsText, { action: say(lang, TEXTS.action[action]), what, example }));
    };
    const reason = () => need(inputs.reason, say(lang, TEXTS.field.reason).toLowerCase(), `${say(lang, TEXTS.action[action]).toLowerCase()} ${c.id} …`);
    switch (action) {
      case 'start':
        return { type: 'start' };
      case 'dismiss':
        return { type: 'dismiss', reason: reason() };
      case 'pause':
        return { type: 'pause', kind: 'identity', reason: need(inputs.pauseReason ?? inputs.reason, say(lang, TEXTS.field.reason).toLowerCase(), `${lang === 'da' ? 'bed om identitet' : 'ask for identity'} ${c.id} …`) };
      case 'resume':
        return { type: 'resume', identityMethod: need(inputs.method, say(lang, TEXTS.field.method).toLowerCase(), `${lang === 'da' ? 'identitet bekræftet' : 'identity confirmed'} ${c.id} …`) };
      case 'extend':
        return { type: 'extend', reason: reason() };
      case 'respond':
        return { type: 'respond', ...(inputs.summary?.trim() ? { summary: inputs.summary.trim() } : {}) };
      case 'close':
        return { type: 'close', outcome: need(inputs.outcome ?? inputs.reason, say(lang, TEXTS.field.outcome).toLowerCase(), `${say(lang, TEXTS.action.close).toLowerCase()} ${c.id} …`) };
      case 'reject':
        return { type: 'reject', basis: parseRefusalBasis(need(inputs.basis, say(lang, TEXTS.field.basis).toLowerCase(), `${lang === 'da' ? 'afvis' : 'reject'} ${c.id} 12(5) …`)), reason: reason() };
      case 'assign':
        return { type: 'assign', assignee: await this.colleague(need(inputs.assignee, say(lang, TEXTS.field.assignee).toLowerCase(), `${lang === 'da' ? 'tildel' : 'assign'} ${c.id} navn@itguy.dk`)) };
      case 'add_identifier':
        return { type: 'add_identifier', value: need(inputs.value, lang === 'da' ? 'hvad der skal søges efter' : 'what to search for', `${lang === 'da' ? 'identifikator' : 'identifier'} ${c.id} 12345678`) };
      case 'set_task':
        return { type: 'set_task', taskId: this.task(c, need(inputs.task, say(lang, TEXTS.field.task).toLowerCase(), `${lang === 'da' ? 'opgave' : 'task'} ${c.id} 1`)), done: true };
    }
  }

  /** A colleague by object id (from the card), e-mail or name (typed). */
  private async colleague(text: string): Promise<Actor> {
    const people = (await this.deps.colleagues?.()) ?? [];
    const folded = text.toLowerCase();
    const match = people.find((p) => p.id.toLowerCase() === folded || p.email?.toLowerCase() === folded || p.name.toLowerCase() === folded);
    return match ? { kind: 'user', id: match.id, name: match.name } : { kind: 'user', id: text };
  }

  /** A task by id, by its number on the card (1-based), or by words from its title. */
  private task(c: Case, text: string): string {
    const byId = c.tasks.find((t) => t.id === text);
    if (byId) return byId.id;
    const n = Number(text);
    if (Number.isInteger(n) && n >= 1 && n <= c.tasks.length) return c.tasks[n - 1]!.id;
    const folded = text.toLowerCase();
    const byTitle = c.tasks.find((t) => t.title.da.toLowerCase().includes(folded) || t.title.en.toLowerCase().includes(folded));
    return byTitle?.id ?? text;
  }

  newCaseForm(lang: Lang, values: Record<string, string> = {}, error = ''): AdaptiveCard {
    const today = legalDate(this.now()).toString();
    return renderCard('newCase', {
      title: say(lang, TEXTS.newCase),
      error,
      today,
      values: { channel: 'phone', receivedDate: today, receivedTime: '', name: '', email: '', phone: '', address: '', rights: 'access', subjectName: '', language: lang, ...values },
      channels: (['phone', 'letter', 'manual'] as const).map((value) => ({ title: TEXTS.channels[value][lang], value })),
      rights: RIGHTS.map((r) => ({ title: `${RIGHT_INFO[r].name[lang]} (${lang === 'da' ? 'art.' : 'Art.'} ${RIGHT_INFO[r].article})`, value: r })),
      labels: {
        channel: say(lang, TEXTS.field.channel),
        receivedOn: say(lang, TEXTS.field.receivedOn),
        receivedTime: say(lang, TEXTS.field.receivedTime),
        name: say(lang, TEXTS.field.name),
        email: say(lang, TEXTS.field.email),
        phone: say(lang, TEXTS.field.phone),
        address: say(lang, TEXTS.field.address),
        rights: say(lang, TEXTS.rights),
        subjectName: say(lang, TEXTS.field.subjectName),
        language: say(lang, TEXTS.field.language),
        create: say(lang, TEXTS.field.create),
      },
    });
  }

  private async createCase(inputs: Record<string, string>, actor: Actor, lang: Lang): Promise<Reply> {
    const values = Object.fromEntries(Object.entries(inputs).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    try {
      const input = newCaseInput(values);
      const { case: created } = await this.deps.cases.open(input, actor);
      const clock = this.deps.cases.clock(created);
      const banner = say(lang, TEXTS.created, { id: created.id, due: formatDate(lang, clock.due) });
      return { card: await this.caseCard(created, lang, { banner }) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { card: this.newCaseForm(lang, values, say(lang, TEXTS.failed, { reason: error.message })) };
    }
  }

  private async unknown(text: string, looseId: string | undefined, lang: Lang): Promise<Reply> {
    if (looseId) return { text: await this.notFound(looseId, lang) };
    return { card: this.help(lang, say(lang, TEXTS.notUnderstood, { text: plain(text, 60) })) };
  }
}

class MissingInput extends Error {}

/** The new-case form's inputs as a NewCaseInput; the domain validates the rest. */
export function newCaseInput(v: Record<string, string>): NewCaseInput {
  const date = v.receivedDate?.trim();
  if (!date) throw new DomainError('invalid_input', 'the date the request was received is required');
  const time = v.receivedTime?.trim() || '12:00';
  let receivedAt: string;
  try {
    receivedAt = Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(LEGAL_TIME_ZONE).toInstant().toString();
  } catch {
    throw new DomainError('invalid_input', `"${date} ${time}" is not a date and time`);
  }
  const rights = (v.rights ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = rights.filter((r) => !(RIGHTS as readonly string[]).includes(r));
  if (unknown.length || !rights.length) throw new DomainError('invalid_input', 'choose at least one right');
  const channel = v.channel === 'letter' || v.channel === 'manual' ? v.channel : 'phone';
  const requester = {
    ...(v.name?.trim() ? { name: v.name } : {}),
    ...(v.email?.trim() ? { email: v.email } : {}),
    ...(v.phone?.trim() ? { phone: v.phone } : {}),
    ...(v.address?.trim() ? { address: v.address } : {}),
  };
  if (!Object.keys(requester).length) throw new DomainError('invalid_input', 'give at least the requester’s name, e-mail, phone or address');
  return {
    receivedAt,
    channel,
    requester,
    ...(v.subjectName?.trim() ? { dataSubject: { name: v.subjectName, authority: 'other' as const, authorityEvidence: 'stated when the request was made; not yet checked' } } : {}),
    rights: rights as Right[],
    language: v.language === 'en' ? 'en' : 'da',
  };
}

