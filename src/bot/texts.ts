import type { Text } from '../domain/index.js';
import type { Company } from './company.js';

/** What the bot says, in Danish and English. Code picks one with `say(lang, ...)`. */

export type Lang = 'da' | 'en';

const t = (da: string, en: string): Text => ({ da, en });

export const TEXTS = {
  helpTitle: t('Jeg holder styr på anmodninger fra registrerede', 'I keep track of data-subject requests'),
  helpBody: t(
    'Skriv **sager** for åbne sager, et sagsnummer (fx DSAR-2026-0042) for en sag, **denne uge** eller **overskredet** for det der haster, og **ny sag** for en anmodning der kom pr. telefon, brev eller personligt. Handlinger kan også skrives: *forlæng DSAR-2026-0042 begrundelse*, *besvaret DSAR-2026-0042*, *luk DSAR-2026-0042 udfald*.',
    'Type **cases** for open cases, a case id (e.g. DSAR-2026-0042) for one case, **due this week** or **overdue** for what is urgent, and **new case** for a request that came by phone, letter or in person. Actions can be typed too: *extend DSAR-2026-0042 reason*, *responded DSAR-2026-0042*, *close DSAR-2026-0042 outcome*.',
  ),
  openCases: t('Åbne sager', 'Open cases'),
  dueThisWeek: t('Forfalder denne uge', 'Due this week'),
  overdue: t('Overskredet', 'Overdue'),
  newCase: t('Ny sag', 'New case'),
  noCases: t('Ingen sager her.', 'No cases here.'),
  page: t('Side {page} af {pages}', 'Page {page} of {pages}'),
  next: t('Næste', 'Next'),
  previous: t('Forrige', 'Previous'),
  or: t('eller', 'or'),
  daysLeft: t('{n} dage tilbage', '{n} days left'),
  dayLeft: t('1 dag tilbage', '1 day left'),
  dueToday: t('Frist i dag', 'Due today'),
  daysOverdue: t('{n} dage over fristen', '{n} days overdue'),
  dayOverdue: t('1 dag over fristen', '1 day overdue'),
  paused: t('Pauset', 'Paused'),
  notRunning: t('Fristen løber ikke', 'Clock stopped'),
  requester: t('Anmoder', 'Requester'),
  dataSubject: t('Registreret', 'Data subject'),
  onBehalf: t('på vegne af', 'on behalf of'),
  rights: t('Rettigheder', 'Rights'),
  received: t('Modtaget', 'Received'),
  due: t('Frist', 'Due'),
  extendedDue: t('Forlænget frist', 'Extended due'),
  extendedTo: t('forlænget til {date}', 'extended to {date}'),
  extended: t('forlænget', 'extended'),
  article: t('art. {n}', 'Art. {n}'),
  status: t('Status', 'Status'),
  identity: t('Identitet', 'Identity'),
  assignee: t('Ansvarlig', 'Assigned to'),
  channel: t('Kanal', 'Channel'),
  tasks: t('Opgaver', 'Tasks'),
  moreTasks: t(
    '… og {n} flere (skriv "opgave <sagsnr> <nummer>" for at markere en)',
    '… and {n} more (type "task <case id> <number>" to tick one)',
  ),
  tasksDone: t('{done} af {total} udført', '{done} of {total} done'),
  timeline: t('Seneste hændelser', 'Latest events'),
  evidence: t('Det der afgjorde det', 'What decided it'),
  subject: t('Emne', 'Subject'),
  openCase: t('Åbn sag', 'Open case'),
  newRequest: t('Ny anmodning fra en registreret', 'New privacy request'),
  followUp: t('Nyt svar på {id}', 'New reply on {id}'),
  followUpIdentity: t(
    'Den har vedhæftninger: måske det ID-bevis I ventede på.',
    'It has attachments: possibly the proof of identity you were waiting for.',
  ),
  doneBy: t('{action} af {who} kl. {time}', '{action} by {who} at {time}'),
  identityStatus: {
    not_checked: t('Ikke vurderet', 'Not assessed'),
    requested: t('Anmodet om', 'Requested'),
    verified: t('Bekræftet', 'Verified'),
    not_needed: t('Ikke nødvendig', 'Not needed'),
  },
  // Actions: button titles, what happened, and the fields they ask for.
  action: {
    start: t('Bekræft og start', 'Confirm and start'),
    dismiss: t('Ikke en anmodning', 'Not a request'),
    pause: t('Bed om identitet', 'Ask for identity'),
    resume: t('Identitet bekræftet', 'Identity confirmed'),
    extend: t('Forlæng', 'Extend'),
    assign: t('Tildel', 'Assign'),
    set_task: t('Markér opgave udført', 'Tick a task'),
    respond: t('Markér som besvaret', 'Mark responded'),
    close: t('Luk', 'Close'),
    reject: t('Afvis med hjemmel', 'Reject with a legal basis'),
    add_identifier: t('Søg også efter', 'Also search for'),
    more: t('Flere handlinger', 'More actions'),
  },
  happened: {
    start: t('Bekræftet og startet', 'Confirmed and started'),
    dismiss: t('Afvist som ikke en anmodning', 'Dismissed as not a request'),
    pause: t('Identitet anmodet, fristen er sat på pause', 'Identity requested, the clock is paused'),
    resume: t('Identitet bekræftet, fristen løber igen', 'Identity confirmed, the clock runs again'),
    extend: t('Forlænget', 'Extended'),
    assign: t('Tildelt', 'Assigned'),
    set_task: t('Opgave udført', 'Task done'),
    respond: t('Markeret som besvaret', 'Marked responded'),
    close: t('Lukket', 'Closed'),
    reject: t('Afvist', 'Rejected'),
    add_identifier: t('Søgeord tilføjet', 'Identifier added'),
    create: t('Oprettet', 'Created'),
  },
  field: {
    reason: t('Begrundelse', 'Reason'),
    identityReason: t('Hvorfor er der rimelig tvivl om identiteten?', 'Why is there reasonable doubt about identity?'),
    method: t('Hvordan blev identiteten bekræftet? (aldrig en kopi af ID)', 'How was identity confirmed? (never a copy of an ID)'),
    assignee: t('Kollega', 'Colleague'),
    task: t('Opgave', 'Task'),
    summary: t('Kort om svaret (valgfrit)', 'Short note on the answer (optional)'),
    outcome: t('Udfald', 'Outcome'),
    basis: t('Hjemmel', 'Legal basis'),
    name: t('Navn', 'Name'),
    email: t('E-mail', 'E-mail'),
    phone: t('Telefon', 'Phone'),
    address: t('Postadresse', 'Postal address'),
    channel: t('Hvordan kom anmodningen?', 'How did the request come?'),
    receivedOn: t('Modtaget dato', 'Received on'),
    receivedTime: t('Klokkeslæt', 'Time'),
    language: t('Svarsprog', 'Answer language'),
    subjectName: t('På vegne af (navn, hvis en anden end anmoderen)', 'On behalf of (name, if someone other than the requester)'),
    create: t('Opret sag', 'Create case'),
    reasonOrOutcome: t(
      'Begrundelse (ved afvisning) eller udfald (ved lukning)',
      'Reason (when dismissing or rejecting) or outcome (when closing)',
    ),
    searchFor: t('hvad der skal søges efter', 'what to search for'),
  },
  // What to type when a typed action lacks its text ({action} is the button title, {id} the case).
  example: {
    action: t('{action} {id} …', '{action} {id} …'),
    pause: t('bed om identitet {id} …', 'ask for identity {id} …'),
    resume: t('identitet bekræftet {id} …', 'identity confirmed {id} …'),
    reject: t('afvis {id} 12(5) …', 'reject {id} 12(5) …'),
    assign: t('tildel {id} navn@{domain}', 'assign {id} name@{domain}'),
    add_identifier: t('identifikator {id} 12345678', 'identifier {id} 12345678'),
    set_task: t('opgave {id} 1', 'task {id} 1'),
  },
  // Searching Microsoft 365 and building the answer package.
  search: {
    button: t('Søg efter data', 'Search for data'),
    review: t('Gennemgå fund', 'Review hits'),
    export: t('Byg svarpakke', 'Build the answer package'),
    started: t('Søgning startet', 'Search started'),
    notSetUp: t(
      'Søgning i Microsoft 365 er ikke sat op (Graph mangler).',
      'Searching Microsoft 365 is not set up (Graph is not configured).',
    ),
    running: t('Søger', 'Searching'),
    done: t('Søgning færdig', 'Search done'),
    progress: t(
      '{head}: {mailboxesDone}/{mailboxesTotal} postkasser, {drivesDone}/{drivesTotal} OneDrives, {hits} fund',
      '{head}: {mailboxesDone}/{mailboxesTotal} mailboxes, {drivesDone}/{drivesTotal} OneDrives, {hits} hits',
    ),
    capped: t('{n} postkasse(r) ramte grænsen på 1.000 resultater', '{n} mailbox(es) hit the 1,000-result cap'),
    package: t('Svarpakke: {folder} ({items})', 'Answer package: {folder} ({items})'),
    packageBuilt: t(
      'Svarpakke bygget: {included} emner ({withheld} udeladt) i {folder}. Intet er sendt til personen.',
      'Answer package built: {included} items ({withheld} withheld) in {folder}. Nothing was sent to the person.',
    ),
  },
  hits: {
    title: t('Fund · {id}', 'Hits · {id}'),
    subtitle: t('{n} fund · {page} · {excluded} udeladt', '{n} hits · {page} · {excluded} excluded'),
    notReviewed: t('Ikke gennemgået (medtages)', 'Not reviewed (included)'),
    includedBy: t('Medtaget af {who}', 'Included by {who}'),
    excludedBy: t('Udeladt af {who}: {reason}', 'Excluded by {who}: {reason}'),
    include: t('Medtag', 'Include'),
    exclude: t('Udelad', 'Exclude'),
    reason: t('Hvorfor udelades det? (kommer i svaret)', 'Why is it left out? (goes in the answer)'),
    others: t(
      'Andre personers oplysninger i de medtagne emner: overstreg dem i kopien (art. 15(4))',
      "Other people's data in the included items: redact it in the copy (Art. 15(4))",
    ),
    needReason: t('Skriv hvorfor emnet udelades.', 'Write why the item is left out.'),
    included: t('Medtaget', 'Included'),
    excluded: t('Udeladt', 'Excluded'),
  },
  channels: {
    phone: t('Telefon', 'Phone'),
    letter: t('Brev', 'Letter'),
    manual: t('Personligt', 'In person'),
    email: t('E-mail', 'E-mail'),
    'outlook-addin': t('Outlook', 'Outlook'),
    teams: t('Teams', 'Teams'),
  },
  // Conversation.
  // {company}, {companys} (its genitive) and {dpoMailbox} come from companyParams().
  refused: t(
    'Beklager, jeg kan kun hjælpe databeskyttelsesansvarlige hos {company}. Kontakt {dpoMailbox}, hvis du har et spørgsmål om persondata.',
    'Sorry, I can only help {companys} data protection staff. Write to {dpoMailbox} if you have a question about personal data.',
  ),
  accessCheckFailed: t(
    'Jeg kan ikke tjekke din adgang lige nu. Prøv igen om lidt.',
    'I cannot check your access right now. Please try again shortly.',
  ),
  notUnderstood: t('Jeg forstod ikke "{text}". Her er hvad jeg kan:', 'I did not understand "{text}". This is what I can do:'),
  understoodCaseNoAction: t(
    'Jeg forstod sagsnummeret {id}, men ikke hvad der skal ske; brug knapperne på sagen.',
    'I understood the case id {id} but not what to do; use the buttons on the case.',
  ),
  noSuchCase: t('Der er ingen sag {id}.', 'There is no case {id}.'),
  didYouMean: t('Mente du {ids}?', 'Did you mean {ids}?'),
  needsText: t('{action}: skriv også {what}, fx "{example}".', '{action}: also write {what}, e.g. "{example}".'),
  failed: t('Det gik ikke: {reason}', 'That did not work: {reason}'),
  somethingWrong: t(
    'Noget gik galt hos mig. Prøv igen; sker det igen, så kontakt IT.',
    'Something went wrong on my side. Try again; if it happens again, contact IT.',
  ),
  welcome: t('Hej! Jeg er {companys} DSAR-assistent.', 'Hi! I am {companys} DSAR assistant.'),
  created: t('Sag {id} er oprettet. Svarfrist {due}.', 'Case {id} was created. Answer due {due}.'),
  personHasOpenCase: t(
    '{id} er åben for denne person (modtaget {date}). Føj henvendelsen til den sag, eller opret en sag mere alligevel.',
    '{id} is open for this person (received {date}). Add this to that case, or create a second case anyway.',
  ),
  openTheCase: t('Åbn sagen', 'Open the case'),
  createAnyway: t('Opret alligevel', 'Create anyway'),
  reminder: {
    label: t('Påmindelse', 'Reminder'),
    unconfirmed: t('Ikke bekræftet efter {n} arbejdsdage', 'Not confirmed after {n} working days'),
    extension_decision: t('Sidste chance for at forlænge: fristen er {due}', 'Last chance to extend: the deadline is {due}'),
    due_soon: t('Frist om {n} dag(e) ({due})', 'Due in {n} day(s) ({due})'),
    due_today: t('Frist i dag ({due})', 'Due today ({due})'),
    overdue: t('Overskredet: fristen var {due}', 'Overdue: the deadline was {due}'),
    paused: t('Venter stadig på identitet siden {since}', 'Still awaiting identity since {since}'),
  },
} as const;

/** Picks the language and fills `{name}` placeholders. */
export function say(lang: Lang, text: Text, params: Record<string, string | number> = {}): string {
  return text[lang].replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** The company's name (also in the genitive, "ITGuys" / "ITGuy’s"), domain and DPO mailbox as `say` parameters. */
export function companyParams(lang: Lang, company: Company): Record<string, string> {
  const { name } = company;
  // Danish marks the genitive of a name ending in s, x or z with an apostrophe alone; English after s.
  const companys = lang === 'da' ? (/[sxz]$/i.test(name) ? `${name}'` : `${name}s`) : /s$/i.test(name) ? `${name}’` : `${name}’s`;
  return { company: name, companys, domain: company.domain, dpoMailbox: company.dpoMailbox };
}
