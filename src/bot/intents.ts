import { formatCaseId, parseCaseId, parseSourceChoice, type CaseId, type SourceKind } from '../domain/index.js';
import type { Lang } from './texts.js';

/**
 * What the DPO asked for, from typed text or a card button. Typed text is matched loosely (Danish or
 * English, any case, with or without the padding in case ids); a card sends the verb and its inputs.
 */

export const ACTIONS = [
  'start',
  'dismiss',
  'pause',
  'resume',
  'extend',
  'assign',
  'set_task',
  'respond',
  'close',
  'reject',
  'add_identifier',
  'correct_receipt',
  'add_rights',
  'set_data_subject',
  'record_authority',
  'record_accounting',
  'record_art19_exempt',
] as const;
export type ActionName = (typeof ACTIONS)[number];

export type CaseFilter = 'open' | 'due_week' | 'overdue';

/**
 * Which set-aside list a card showed, so it can be shown again updated: the last 7 days, or the weekly
 * digest of the 7 days before `until` (its Monday 08:00, an ISO instant).
 */
export type SetAsideWindow = { period: 'recent' } | { period: 'week'; until: string };

export type Intent =
  | { kind: 'help' }
  /** `token`: where the previous page left off (the card's "more" button); typed page numbers walk there. */
  | { kind: 'list'; filter: CaseFilter; page: number; token?: string }
  | { kind: 'show'; caseId: CaseId; unrecognised?: boolean }
  | { kind: 'act'; caseId: CaseId; action: ActionName; inputs: Record<string, string> }
  /** Cases by person: a name, an e-mail address or a company; `typed`: the bare text, tried as a name. */
  | { kind: 'find'; query: string }
  | { kind: 'closed' }
  | { kind: 'mine' }
  | { kind: 'report'; year?: number }
  | { kind: 'new_case_form' }
  | { kind: 'create_case'; inputs: Record<string, string> }
  | { kind: 'search'; caseId: CaseId; kinds?: SourceKind[] }
  | { kind: 'hits'; caseId: CaseId; page: number }
  | { kind: 'redactions'; caseId: CaseId; page: number }
  | {
      kind: 'redact';
      caseId: CaseId;
      target: { hitKey: string; proposalId: string } | { person: string };
      decision: 'keep' | 'redact';
      page: number;
    }
  | { kind: 'review'; caseId: CaseId; source: string; id: string; include: boolean; reason?: string; page: number }
  | { kind: 'export'; caseId: CaseId }
  /** The letter the case's state gives now, as text (the card's "Forhåndsvis brev"). */
  | { kind: 'letter'; caseId: CaseId }
  /** Remove the ID attachment of an open "slet vedhæftningen" task from the mailbox (the card's "Slet vedhæftning"). */
  | { kind: 'remove_attachment'; caseId: CaseId; taskId: string }
  /** The register's assumptions (issue 15 item 5), and the DPO's answer to one of them. */
  | { kind: 'register'; page: number }
  | { kind: 'register_answer'; id: string; decision: string; text?: { da?: string; en?: string }; page: number }
  /** What intake set aside as not a request, and turning one of them into a case. */
  | { kind: 'set_aside' }
  | { kind: 'open_set_aside'; key: string; list?: SetAsideWindow }
  | { kind: 'unknown'; text: string; looseId?: string };

export interface Parsed {
  intent: Intent;
  /** The language the text was written in, when it tells. */
  lang?: Lang | undefined;
}

const fold = (s: string) => s.toLowerCase().normalize('NFC').replace(/\s+/g, ' ').trim();

/** Phrases per intent; the first element of each pair is Danish. */
const LIST_WORDS: { filter: CaseFilter; da: string[]; en: string[] }[] = [
  { filter: 'due_week', da: ['forfalder denne uge', 'denne uge', 'frist denne uge'], en: ['due this week', 'this week'] },
  { filter: 'overdue', da: ['overskredet', 'overskredne', 'for sent', 'forsinket', 'forsinkede'], en: ['overdue', 'late'] },
  { filter: 'open', da: ['sager', 'åbne sager', 'alle sager', 'liste', 'sagsliste'], en: ['cases', 'open cases', 'all cases', 'list'] },
];
const HELP = { da: ['hjælp', 'hjaelp', 'hej', 'hvad kan du', 'menu'], en: ['help', 'hi', 'hello', 'what can you do', '?'] };
const SET_ASIDE = {
  da: ['lagt til side', 'sat til side', 'til side', 'ignoreret', 'ignorerede', 'ignorerede mails'],
  en: ['set aside', 'ignored', 'ignored mails'],
};
const CLOSED = {
  da: ['lukkede sager', 'lukkede', 'afsluttede sager', 'afsluttede'],
  en: ['closed cases', 'closed', 'finished cases'],
};
const MINE = { da: ['mine sager', 'mine'], en: ['my cases', 'mine', 'assigned to me'] };
/** "register" is Danish and English alike: it keeps the conversation's language. */
const REGISTER = { da: ['fortegnelse', 'fortegnelsen', 'registret'], en: ['processing register'] };
const REPORT = { da: ['rapport', 'årsrapport', 'statistik'], en: ['report', 'annual report', 'statistics', 'stats'] };
/** "søg freja", "sager fra Kjærgaard": followed by who; with a case id these words mean discovery instead. */
const FIND = {
  da: ['sager fra', 'sager om', 'sager for', 'søg efter', 'søg', 'find', 'hvem er'],
  en: ['cases from', 'cases about', 'cases for', 'search for', 'search', 'find'],
};
const NEW_CASE = { da: ['ny sag', 'opret sag', 'ny anmodning'], en: ['new case', 'create case', 'new request'] };

/** Typed action words (longest first wins). */
const ACTION_WORDS: { action: ActionName; da: string[]; en: string[] }[] = [
  {
    action: 'set_data_subject',
    da: ['på vegne af', 'registreret', 'den registrerede'],
    en: ['on behalf of', 'data subject'],
  },
  {
    action: 'record_accounting',
    da: ['regnskabsmateriale', 'bogføring', 'regnskab'],
    en: ['accounting records', 'accounting'],
  },
  {
    action: 'record_art19_exempt',
    da: ['ingen underretning', 'underretning umulig', 'artikel 19 undtagelse'],
    en: ['not notified', 'art 19 exempt', 'notice impossible'],
  },
  {
    action: 'record_authority',
    da: ['fuldmagt kontrolleret', 'fuldmagt ok', 'forældremyndighed kontrolleret', 'forældremyndighed ok', 'værgemål kontrolleret'],
    en: ['authority checked', 'authority verified', 'power of attorney checked'],
  },
  {
    action: 'resume',
    da: ['identitet bekræftet', 'id bekræftet', 'identitet ok', 'genoptag'],
    en: ['identity confirmed', 'identity verified', 'resume'],
  },
  {
    action: 'pause',
    da: ['bed om identitet', 'bed om id', 'anmod om identitet', 'pause'],
    en: ['ask for identity', 'request identity', 'pause'],
  },
  { action: 'dismiss', da: ['ikke en anmodning', 'ikke anmodning', 'afvis som ikke'], en: ['not a request', 'dismiss'] },
  { action: 'start', da: ['bekræft', 'start', 'godkend'], en: ['confirm', 'start'] },
  { action: 'extend', da: ['forlæng', 'forlaeng'], en: ['extend'] },
  { action: 'assign', da: ['tildel', 'giv til'], en: ['assign', 'assign to'] },
  { action: 'set_task', da: ['opgave', 'udført', 'flueben'], en: ['task', 'tick', 'done'] },
  { action: 'respond', da: ['besvaret', 'svaret', 'markér besvaret', 'marker besvaret'], en: ['responded', 'answered', 'mark responded'] },
  { action: 'close', da: ['luk'], en: ['close'] },
  { action: 'reject', da: ['afvis', 'afslå'], en: ['reject', 'refuse'] },
  {
    action: 'add_identifier',
    da: ['identifikator', 'søg også efter', 'kundenummer'],
    en: ['identifier', 'also search for', 'customer number'],
  },
  {
    action: 'correct_receipt',
    da: ['ret modtaget', 'ret modtagelsesdato', 'ret modtagelse', 'ret modtagelsesdatoen'],
    en: ['correct receipt', 'correct received', 'correct the receipt date'],
  },
  {
    action: 'add_rights',
    da: ['tilføj ret', 'tilføj retten', 'tilføj rettighed', 'tilføj rettigheder', 'tilføj rettighederne'],
    en: ['add right', 'add the right', 'add rights', 'add the rights'],
  },
];

/** Searching Microsoft 365 for the requester's data, reviewing the hits, building the package. */
const DISCOVERY_WORDS: { kind: 'search' | 'hits' | 'export' | 'redactions'; da: string[]; en: string[] }[] = [
  { kind: 'search', da: ['søg', 'søg efter data', 'find data'], en: ['search', 'search for data', 'find data'] },
  { kind: 'hits', da: ['fund', 'gennemgå', 'gennemgå fund'], en: ['hits', 'review', 'review hits'] },
  {
    kind: 'redactions',
    da: ['udeladelser', 'andres oplysninger', 'overstregning', 'redigering'],
    en: ['redactions', "other people's data", 'redact'],
  },
  { kind: 'export', da: ['svarpakke', 'eksportér', 'eksporter', 'byg svarpakke'], en: ['export', 'answer package', 'build package'] },
];

const CASE_ID_IN_TEXT = /\bdsar[-\s]?\d{4}[-\s]?\d{1,9}\b/i;
const LOOSE_ID_IN_TEXT = /\bdsar[-\s]?[0-9a-z]{2,6}[-\s]?[0-9a-z]{1,9}\b/i;

function matchWords(text: string, words: { da: string[]; en: string[] }): Lang | undefined {
  if (words.da.some((w) => text === w)) return 'da';
  if (words.en.some((w) => text === w)) return 'en';
  return undefined;
}

/** A word list hit at the start of the text, longest phrase first: the phrase's language and the rest. */
function leadingPhrase(text: string, words: { da: string[]; en: string[] }): { lang: Lang; rest: string } | undefined {
  const all = [...words.da.map((w) => ({ w, lang: 'da' as const })), ...words.en.map((w) => ({ w, lang: 'en' as const }))].sort(
    (a, b) => b.w.length - a.w.length,
  );
  for (const { w, lang } of all) {
    if (text === w || text.startsWith(`${w} `) || text.startsWith(`${w}:`))
      return { lang, rest: text.slice(w.length).replace(/^[:\s]+/, '') };
  }
  return undefined;
}

/** The language a text looks written in, from letters and common words. */
export function guessLang(text: string): Lang | undefined {
  if (/[æøå]/i.test(text)) return 'da';
  const words = fold(text).split(/[^a-zæøå]+/);
  const da = words.filter((w) =>
    ['og', 'jeg', 'ikke', 'sag', 'sager', 'på', 'til', 'har', 'er', 'det', 'med', 'fordi', 'hvad'].includes(w),
  ).length;
  const en = words.filter((w) =>
    ['and', 'the', 'not', 'case', 'cases', 'to', 'has', 'is', 'it', 'with', 'because', 'what'].includes(w),
  ).length;
  return da > en ? 'da' : en > da ? 'en' : undefined;
}

export function parseText(raw: string): Parsed {
  // Teams puts "<at>Bot</at>" in channel messages; strip mentions and markup.
  const text = fold(raw.replace(/<at>[^<]*<\/at>/gi, '').replace(/<[^>]+>/g, ''));
  if (!text) return { intent: { kind: 'help' } };
  const help = matchWords(text, HELP);
  if (help) return { intent: { kind: 'help' }, lang: help };
  const newCase = matchWords(text, NEW_CASE);
  if (newCase) return { intent: { kind: 'new_case_form' }, lang: newCase };
  const setAside = matchWords(text, SET_ASIDE);
  if (setAside) return { intent: { kind: 'set_aside' }, lang: setAside };
  const closed = matchWords(text, CLOSED);
  if (closed) return { intent: { kind: 'closed' }, lang: closed };
  const mine = matchWords(text, MINE);
  if (mine) return { intent: { kind: 'mine' }, lang: mine };
  const register = text === 'register' ? undefined : matchWords(text, REGISTER);
  if (register || text === 'register') return { intent: { kind: 'register', page: 1 }, lang: register };
  const report = leadingPhrase(text, REPORT);
  if (report && (report.rest === '' || /^\d{4}$/.test(report.rest)))
    return { intent: { kind: 'report', ...(report.rest ? { year: Number(report.rest) } : {}) }, lang: report.lang };
  for (const list of LIST_WORDS) {
    const hit = leadingPhrase(text, list);
    if (hit && (hit.rest === '' || /^(side |page )?\d+$/.test(hit.rest))) {
      const page = Number(/\d+/.exec(hit.rest)?.[0] ?? 1);
      return { intent: { kind: 'list', filter: list.filter, page: Math.max(1, page) }, lang: hit.lang };
    }
  }

  const idMatch = CASE_ID_IN_TEXT.exec(text);
  const find = idMatch ? undefined : leadingPhrase(text, FIND);
  if (find?.rest) {
    return { intent: { kind: 'find', query: find.rest }, lang: find.lang };
  }
  if (!idMatch) {
    const loose = LOOSE_ID_IN_TEXT.exec(text)?.[0];
    return { intent: { kind: 'unknown', text: raw.trim(), ...(loose ? { looseId: loose } : {}) }, lang: guessLang(text) };
  }
  const caseId = parseCaseId(idMatch[0]);
  // The action words may come before or after the id; what is left is the action's free text.
  const withoutId = `${text.slice(0, idMatch.index)} ${text.slice(idMatch.index + idMatch[0].length)}`.replace(/\s+/g, ' ').trim();
  const originalRest = `${raw.slice(0, rawIndex(raw, idMatch[0]))} ${raw.slice(rawIndex(raw, idMatch[0]) + idMatch[0].length)}`
    .replace(/\s+/g, ' ')
    .trim();
  if (!withoutId) return { intent: { kind: 'show', caseId }, lang: undefined };
  for (const words of DISCOVERY_WORDS) {
    const hit = leadingPhrase(withoutId, words);
    if (hit && hit.rest === '')
      return {
        intent: words.kind === 'hits' || words.kind === 'redactions' ? { kind: words.kind, caseId, page: 1 } : { kind: words.kind, caseId },
        lang: hit.lang,
      };
    // "søg DSAR-2026-0004 teams, kalender": a search of the sources named.
    if (hit && words.kind === 'search') {
      const kinds = sourcesIn(hit.rest);
      if (kinds) return { intent: { kind: 'search', caseId, kinds }, lang: hit.lang };
    }
  }
  for (const words of ACTION_WORDS) {
    const hit = leadingPhrase(withoutId, words);
    if (!hit) continue;
    // Keep the user's own capitalisation for the free text.
    const freeText = originalRest.slice(originalRest.length - hit.rest.length).trim();
    return { intent: { kind: 'act', caseId, action: words.action, inputs: actionInputs(words.action, freeText) }, lang: hit.lang };
  }
  return { intent: { kind: 'show', caseId, unrecognised: true }, lang: guessLang(withoutId) };
}

/** The sources named after "søg <case>", or undefined when the words are not sources. */
function sourcesIn(text: string): SourceKind[] | undefined {
  try {
    return parseSourceChoice(text.replace(/\bog\b|\band\b/g, ' '));
  } catch {
    return undefined;
  }
}

function rawIndex(raw: string, id: string): number {
  const index = raw.toLowerCase().indexOf(id.toLowerCase());
  return Math.max(index, 0);
}

/** Free text after a typed action, as the inputs a card would have sent. */
function actionInputs(action: ActionName, text: string): Record<string, string> {
  if (!text) return {};
  switch (action) {
    case 'resume':
      return { method: text };
    case 'assign':
      return { assignee: text };
    case 'set_task':
      return { task: text };
    case 'respond':
      return { summary: text };
    case 'close':
      return { outcome: text };
    case 'add_identifier':
      return { value: text };
    case 'add_rights':
      return { rights: text };
    case 'set_data_subject':
      return { subject: text };
    case 'record_authority':
      return { authorityEvidence: text };
    case 'record_accounting':
      return { latestRecord: text };
    case 'record_art19_exempt': {
      // "ingen underretning DSAR-.. xena de har ikke modtaget oplysningerne": the recipient, then why.
      const [recipient = '', ...why] = text.split(/\s+/);
      return { recipient, art19Reason: why.join(' ') };
    }
    case 'correct_receipt': {
      // "ret modtaget DSAR-.. 2026-12-02 10:15 begrundelse": the date, an optional time, then the reason.
      const when = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}[:.]\d{2}))?\s*/.exec(text);
      if (!when) return { correctionReason: text };
      return {
        correctedDate: when[1]!,
        ...(when[2] ? { correctedTime: when[2].replace('.', ':') } : {}),
        correctionReason: text.slice(when[0].length).trim(),
      };
    }
    case 'reject': {
      // "afvis DSAR-.. 12(5) gentagen anmodning": the basis first, then the reason.
      const basis = /^(art\.?\s*)?(\d{1,2}\(\d\)|dbl\s*§\s*22)/i.exec(text);
      return basis ? { basis: basis[0], reason: text.slice(basis[0].length).trim() } : { reason: text };
    }
    default:
      return { reason: text };
  }
}

/**
 * The few ids a mistyped one most likely meant, for "did you mean": letters read as digits (O → 0, I/l → 1),
 * two neighbouring digits swapped, the year or the sequence one off. A bounded list (at most `limit`), so
 * the bot checks them with point reads instead of listing every case.
 */
export function candidateIds(typed: string, limit = 8): CaseId[] {
  const folded = typed.toUpperCase().replace(/[\s_]+/g, '-');
  const match = /^DSAR-?([0-9OIL]{4})-?([0-9OIL]{1,9})$/.exec(folded);
  if (!match) return [];
  const digits = (x: string) => x.replace(/O/g, '0').replace(/[IL]/g, '1');
  const year = digits(match[1]!);
  const sequence = digits(match[2]!);
  const found: CaseId[] = [];
  const add = (y: string, n: string) => {
    if (Number(n) < 1 || Number(n) > 999_999_999) return;
    const id = formatCaseId(Number(y), Number(n));
    if (!found.includes(id)) found.push(id);
  };
  add(year, sequence);
  const padded = sequence.padStart(4, '0');
  for (let i = 0; i + 1 < padded.length; i++) {
    if (padded[i] !== padded[i + 1]) add(year, `${padded.slice(0, i)}${padded[i + 1]}${padded[i]}${padded.slice(i + 2)}`);
  }
  add(year, String(Number(sequence) + 1));
  add(year, String(Number(sequence) - 1));
  add(String(Number(year) - 1), sequence);
  add(String(Number(year) + 1), sequence);
  return found.slice(0, limit);
}

/** Known ids close to what was typed (edit distance ≤ 2 on the canonical form), for "did you mean". */
export function similarIds(typed: string, known: readonly CaseId[], limit = 3): CaseId[] {
  const target = typed.toUpperCase().replace(/[\s_]+/g, '-');
  return known
    .map((id) => ({ id, d: distance(target, id) }))
    .filter((x) => x.d <= 2)
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((x) => x.id);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
