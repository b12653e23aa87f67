import type { Text } from '../domain/index.js';

/**
 * What the quieter chat says (issue 17): finding cases by person, "mine sager", "lukkede sager", the
 * year's report, the one-line answers to typed actions, the morning digest and the install greeting.
 * Kept apart from texts.ts, which every card shares.
 */

const t = (da: string, en: string): Text => ({ da, en });

export const CHAT = {
  bySystem: t('af systemet', 'by the system'),
  noAssignee: t('ingen ansvarlig', 'unassigned'),
  foundTitle: t('Sager for "{query}"', 'Cases for "{query}"'),
  foundSubtitle: t(
    'Åbne sager først, mest presserende øverst; derefter tidligere sager (besvaret, afvist eller lukket)',
    'Open cases first, most urgent on top; then earlier cases (answered, refused or closed)',
  ),
  noneFound: t('Jeg fandt ingen sager for "{query}".', 'I found no cases for "{query}".'),
  mineTitle: t('Mine sager', 'My cases'),
  mineSubtitle: t('Åbne sager med dig som ansvarlig, mest presserende først', 'Open cases assigned to you, most urgent first'),
  mineNone: t(
    'Du er ikke ansvarlig for nogen åben sag. Skriv **sager** for alle åbne sager.',
    'No open case is assigned to you. Type **cases** for all open cases.',
  ),
  closedTitle: t('Lukkede sager', 'Closed cases'),
  closedSubtitle: t(
    'Besvarede, afviste, lukkede og frasorterede sager fra i år og sidste år, senest ændrede først',
    'Answered, refused, closed and dismissed cases from this year and last, last changed first',
  ),
  report: {
    title: t('Årsrapport {year}', 'Annual report {year}'),
    subtitle: t(
      'Anmodninger modtaget i {year}, opgjort {asOf}. Levende sager og de anonyme tal for slettede.',
      'Requests received in {year}, as of {asOf}. Live cases and the anonymous figures of deleted ones.',
    ),
    total: t('Anmodninger', 'Requests'),
    answered: t('Besvaret eller afslået', 'Answered or refused'),
    withinOne: t('Besvaret inden for 1 måned', 'Answered within 1 month'),
    withinThree: t('Besvaret inden for 3 måneder', 'Answered within 3 months'),
    median: t('Median, dage til svar', 'Median days to answer'),
    extensions: t('Forlængelser', 'Extensions'),
    rejections: t('Afslag', 'Refusals'),
    dismissed: t('Ikke anmodninger (frasorteret)', 'Not requests (dismissed)'),
    open: t('Åbne', 'Open'),
    overdue: t('Heraf over fristen', 'Of which overdue'),
    perRight: t('Pr. rettighed', 'Per right'),
    none: t('–', '–'),
    openTab: t('Åbn DSAR-overblik', 'Open DSAR overview'),
  },
  digest: {
    title: t('Påmindelser i dag', 'Reminders today'),
    one: t('1 sag kræver din opmærksomhed, mest presserende først.', '1 case needs your attention.'),
    many: t('{n} sager kræver din opmærksomhed, mest presserende først.', '{n} cases need your attention, most urgent first.'),
    dueTomorrow: t('Frist i morgen ({due})', 'Due tomorrow ({due})'),
    dueInDays: t('Frist om {n} dage ({due})', 'Due in {n} days ({due})'),
  },
  waiting: {
    title: t('Det venter på dig', 'What is waiting for you'),
    nothing: t(
      'Intet venter lige nu: ingen sager skal bekræftes, forfalder denne uge eller er over fristen.',
      'Nothing is waiting: no case needs confirming, is due this week or is overdue.',
    ),
    toConfirm: t('Skal bekræftes', 'To confirm'),
    dueWeek: t('Forfalder denne uge', 'Due this week'),
    overdue: t('Over fristen', 'Overdue'),
    failed: t(
      'Jeg kunne ikke hente, hvad der venter, lige nu. Skriv **sager**, **denne uge** eller **overskredet** om lidt.',
      'I could not fetch what is waiting just now. Type **cases**, **due this week** or **overdue** in a moment.',
    ),
    more: t('… og {n} flere; skriv **sager** for hele listen.', '… and {n} more; type **cases** for the whole list.'),
  },
} as const;
