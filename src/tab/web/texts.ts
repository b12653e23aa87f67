/** The tab's words in Danish and English, picked by Teams' locale (Danish unless the locale is not). */

export type Lang = 'da' | 'en';

export const langOf = (locale: string | undefined): Lang => (!locale || locale.toLowerCase().startsWith('da') ? 'da' : 'en');

const TEXTS = {
  title: { da: 'DSAR-overblik', en: 'DSAR overview' },
  nav: { da: 'Visninger', en: 'Views' },
  casesTab: { da: 'Åbne sager', en: 'Open cases' },
  calendarTab: { da: 'Frister', en: 'Deadlines' },
  yearTab: { da: 'Året', en: 'The year' },
  loading: { da: 'Henter …', en: 'Loading …' },
  signingIn: { da: 'Logger ind …', en: 'Signing in …' },
  devSignIn: { da: 'Log ind som demo-DPO (kun lokal udvikling)', en: 'Sign in as the demo DPO (local development only)' },
  devSignInNote: {
    da: 'Siden er åbnet uden for Teams. Lokalt kan du logge ind som demo-DPO fra udviklingstenanten.',
    en: 'This page is open outside Teams. Locally you can sign in as the demo DPO of the dev tenant.',
  },
  openInTeams: {
    da: 'Åbn fanen DSAR-overblik i Teams; her uden for Teams kan du ikke logges ind.',
    en: 'Open the DSAR overview tab in Teams; outside Teams you cannot be signed in here.',
  },
  failed: { da: 'Det lykkedes ikke: {reason}', en: 'That did not work: {reason}' },
  search: { da: 'Søg efter navn, e-mail eller sagsnummer', en: 'Search by name, e-mail or case number' },
  status: { da: 'Status', en: 'Status' },
  right: { da: 'Rettighed', en: 'Right' },
  owner: { da: 'Ansvarlig', en: 'Owner' },
  paused: { da: 'Sat i bero', en: 'Paused' },
  confirm: { da: 'Skal bekræftes', en: 'Needs confirmation' },
  daysLeft: { da: 'Dage tilbage', en: 'Days left' },
  all: { da: 'Alle', en: 'All' },
  yes: { da: 'Ja', en: 'Yes' },
  no: { da: 'Nej', en: 'No' },
  mine: { da: 'Mine sager', en: 'My cases' },
  nobody: { da: 'Ingen ansvarlig', en: 'No owner' },
  overdueOnly: { da: 'Over fristen', en: 'Overdue' },
  within7: { da: 'Højst 7 dage', en: '7 days or less' },
  within14: { da: 'Højst 14 dage', en: '14 days or less' },
  caseNo: { da: 'Sag', en: 'Case' },
  person: { da: 'Person', en: 'Person' },
  received: { da: 'Modtaget', en: 'Received' },
  due: { da: 'Frist', en: 'Due' },
  count: { da: '{shown} af {total} åbne sager', en: '{shown} of {total} open cases' },
  countFiltered: {
    da: '{total} sager passer, {shown} vist; {open} åbne i alt',
    en: '{total} cases match, {shown} shown; {open} open in all',
  },
  none: { da: 'Ingen åbne sager passer.', en: 'No open cases match.' },
  sortBy: { da: 'Sortér efter {column}', en: 'Sort by {column}' },
  today: { da: 'i dag', en: 'today' },
  dayLeft: { da: '1 dag tilbage', en: '1 day left' },
  daysLeftN: { da: '{n} dage tilbage', en: '{n} days left' },
  dayOver: { da: '1 dag over fristen', en: '1 day overdue' },
  daysOverN: { da: '{n} dage over fristen', en: '{n} days overdue' },
  extended: { da: 'forlænget', en: 'extended' },
  pausedTag: { da: 'i bero', en: 'paused' },
  confirmTag: { da: 'skal bekræftes', en: 'needs confirmation' },
  unassigned: { da: '–', en: '–' },
  prevMonth: { da: 'Forrige måned', en: 'Previous month' },
  nextMonth: { da: 'Næste måned', en: 'Next month' },
  firstDeadline: { da: 'oprindelig frist (forlænget)', en: 'first deadline (extended)' },
  pausedMoves: { da: 'i bero: fristen rykker, så længe sagen venter', en: 'paused: the deadline moves while the case waits' },
  overdueBefore: { da: 'Over fristen før denne periode', en: 'Overdue before this period' },
  noDeadlines: { da: 'Ingen frister', en: 'No deadlines' },
  year: { da: 'År', en: 'Year' },
  exportCsv: { da: 'Hent som CSV', en: 'Download CSV' },
  exportPdf: { da: 'Hent som PDF', en: 'Download PDF' },
  requests: { da: 'Anmodninger', en: 'Requests' },
  answered: { da: 'Besvaret', en: 'Answered' },
  median: { da: 'Mediantid til svar', en: 'Median time to answer' },
  medianDays: { da: '{n} dage', en: '{n} days' },
  within1: { da: 'Besvaret inden for 1 måned', en: 'Answered within 1 month' },
  within3: { da: 'Besvaret inden for 3 måneder', en: 'Answered within 3 months' },
  extensions: { da: 'Forlængelser', en: 'Extensions' },
  rejections: { da: 'Afslag', en: 'Refusals' },
  openNow: { da: 'Åbne', en: 'Open' },
  overdueNow: { da: 'heraf over fristen', en: 'of which overdue' },
  perMonth: { da: 'Anmodninger pr. måned og rettighed', en: 'Requests per month and right' },
  shares: { da: 'Andel besvaret inden for fristerne', en: 'Share answered within the deadlines' },
  chartSummary: { da: '{total} anmodninger i {year}; flest i {month} ({n}).', en: '{total} requests in {year}; most in {month} ({n}).' },
  sharesSummary: { da: 'Inden for 1 måned: {one}; inden for 3 måneder: {three}.', en: 'Within 1 month: {one}; within 3 months: {three}.' },
  noneAnswered: { da: 'ingen besvaret endnu', en: 'none answered yet' },
  month: { da: 'Måned', en: 'Month' },
  total: { da: 'I alt', en: 'Total' },
  dataTable: { da: 'Tallene som tabel', en: 'The figures as a table' },
  back: { da: 'Tilbage til sagerne', en: 'Back to the cases' },
  tasks: { da: 'Opgaver', en: 'Tasks' },
  timeline: { da: 'Forløb', en: 'Timeline' },
  actions: { da: 'Handlinger', en: 'Actions' },
  openChat: { da: 'Åbn sagen i chatten med assistenten', en: 'Open the case in the chat with the assistant' },
  requester: { da: 'Anmoder', en: 'Requester' },
  dataSubject: { da: 'Den registrerede', en: 'Data subject' },
  rights: { da: 'Rettigheder', en: 'Rights' },
  binding: { da: 'Gældende frist', en: 'Binding deadline' },
  firstDue: { da: 'Frist efter 1 måned', en: 'One-month deadline' },
  extendedDue: { da: 'Forlænget frist', en: 'Extended deadline' },
  reason: { da: 'Begrundelse', en: 'Reason' },
  outcome: { da: 'Hvad blev resultatet?', en: 'What was the outcome?' },
  basis: { da: 'Retsgrundlag for afslaget', en: 'Legal basis of the refusal' },
  note: { da: 'Note', en: 'Note' },
  pauseKind: { da: 'Hvad venter I på?', en: 'What are you waiting for?' },
  pauseIdentity: { da: 'Identitet', en: 'Identity' },
  pauseClarification: { da: 'Præcisering', en: 'Clarification' },
  confirmAction: { da: 'Udfør', en: 'Do it' },
  cancel: { da: 'Annullér', en: 'Cancel' },
  done: { da: 'Gemt.', en: 'Saved.' },
  cmd_start: { da: 'Bekræft og start', en: 'Confirm and start' },
  cmd_pause: { da: 'Sæt i bero', en: 'Pause' },
  cmd_resume: { da: 'Genoptag', en: 'Resume' },
  cmd_respond: { da: 'Markér som besvaret', en: 'Mark as answered' },
  cmd_extend: { da: 'Forlæng fristen', en: 'Extend the deadline' },
  cmd_assign: { da: 'Tag sagen', en: 'Take the case' },
  cmd_reject: { da: 'Giv afslag', en: 'Refuse' },
  cmd_dismiss: { da: 'Ikke en anmodning', en: 'Not a request' },
  cmd_close: { da: 'Luk sagen', en: 'Close the case' },
  cmd_add_note: { da: 'Tilføj note', en: 'Add a note' },
} as const;

export type TextKey = keyof typeof TEXTS;

export function t(lang: Lang, key: TextKey, values: Record<string, string | number> = {}): string {
  return TEXTS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

const LOCALE: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

// One formatter per language: toLocaleDateString builds a new one on every call, which a table of
// 500 rows (two dates each) pays a thousand times.
const DATE: Record<Lang, Intl.DateTimeFormat> = {
  da: new Intl.DateTimeFormat(LOCALE.da, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(LOCALE.en, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** "5. marts 2026" / "5 March 2026". */
export function formatDate(lang: Lang, isoDate: string): string {
  return DATE[lang].format(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`));
}

export function formatMonth(lang: Lang, yearMonth: string): string {
  return new Date(`${yearMonth}-15T12:00:00Z`).toLocaleDateString(LOCALE[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(lang: Lang, instant: string): string {
  return new Date(instant).toLocaleString(LOCALE[lang], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Copenhagen',
  });
}

export function percent(lang: Lang, share: number): string {
  return `${(share * 100).toLocaleString(LOCALE[lang], { maximumFractionDigits: 1 })} %`;
}

export function daysLeftText(lang: Lang, days: number): string {
  if (days === 0) return t(lang, 'today');
  if (days === 1) return t(lang, 'dayLeft');
  if (days > 1) return t(lang, 'daysLeftN', { n: days });
  if (days === -1) return t(lang, 'dayOver');
  return t(lang, 'daysOverN', { n: -days });
}
