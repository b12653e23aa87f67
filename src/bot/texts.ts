import type { Text } from '../domain/index.js';
import type { Company } from './company.js';

/** What the bot says, in Danish and English. Code picks one with `say(lang, ...)`. */

export type Lang = 'da' | 'en';

const t = (da: string, en: string): Text => ({ da, en });

export const TEXTS = {
  helpTitle: t('Jeg holder styr på anmodninger fra registrerede', 'I keep track of data-subject requests'),
  helpBody: t(
    'Skriv **sager** for åbne sager, et sagsnummer (fx DSAR-2026-0042) for en sag, **denne uge** eller **overskredet** for det der haster, **ny sag** for en anmodning der kom pr. telefon, brev eller personligt, og **lagt til side** for det jeg har frasorteret. Handlinger kan også skrives: *forlæng DSAR-2026-0042 begrundelse*, *besvaret DSAR-2026-0042*, *luk DSAR-2026-0042 udfald*.',
    'Type **cases** for open cases, a case id (e.g. DSAR-2026-0042) for one case, **due this week** or **overdue** for what is urgent, **new case** for a request that came by phone, letter or in person, and **set aside** for what I filtered out. Actions can be typed too: *extend DSAR-2026-0042 reason*, *responded DSAR-2026-0042*, *close DSAR-2026-0042 outcome*.',
  ),
  openCases: t('Åbne sager', 'Open cases'),
  dueThisWeek: t('Forfalder denne uge', 'Due this week'),
  overdue: t('Overskredet', 'Overdue'),
  newCase: t('Ny sag', 'New case'),
  noCases: t('Ingen sager her.', 'No cases here.'),
  page: t('Side {page} af {pages}', 'Page {page} of {pages}'),
  pageOnly: t('Side {page}, mest presserende først', 'Page {page}, most urgent first'),
  more: t('Flere', 'More'),
  firstPage: t('Første side', 'First page'),
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
  blockers: {
    head: t(
      'Ikke gjort endnu: {items}. Gør det først, eller skriv en begrundelse for at fortsætte alligevel.',
      'Not done yet: {items}. Do it first, or give a reason to go ahead anyway.',
    ),
    open_tasks: t('{n} åbne opgaver', '{n} open tasks'),
    open_task: t('1 åben opgave', '1 open task'),
    extension_not_notified: t('personen har ikke fået besked om forlængelsen', 'the person was not told of the extension'),
    // No name here: this line is markdown, and names come from mail (the card's facts show them, inert).
    authority_not_recorded: t(
      'anmoderens fuldmagt eller forældremyndighed for den registrerede er ikke dokumenteret',
      "the requester's authority to act for the data subject is not recorded",
    ),
    unconfirmed: t('ingen har bekræftet, at det er en anmodning', 'nobody has confirmed it is a request'),
  },
  extensionLapsed: t('gælder ikke: personen fik ikke besked senest {date}', 'does not apply: the person was not told by {date}'),
  extensionNotTold: t(
    'gælder først, når personen har fået besked med begrundelse, senest {date}',
    'applies only once the person is told, with reasons, by {date}',
  ),
  extendedTo: t('forlænget til {date}', 'extended to {date}'),
  extended: t('forlænget', 'extended'),
  article: t('art. {n}', 'Art. {n}'),
  status: t('Status', 'Status'),
  identity: t('Identitet', 'Identity'),
  assignee: t('Ansvarlig', 'Assigned to'),
  assignToMe: t('Mig selv', 'Me'),
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
  deadLetter: t(
    'Mailen kunne ikke læses automatisk. Åbn den i Outlook, og bekræft eller afvis sagen: fristen løber fra modtagelsen.',
    'The e-mail could not be read automatically. Open it in Outlook, then confirm or dismiss the case: the deadline runs from receipt.',
  ),
  followUp: t('Ny henvendelse på {id}', 'New message on {id}'),
  followUpNewThread: t('Den kom i en ny tråd fra samme person.', 'It came on a new thread from the same person.'),
  followUpUnknownSender: t(
    'Advarsel: En person, der ikke er sagens anmoder, har citeret sagsnummeret. Tjek, hvem afsenderen er, før du svarer eller udleverer noget.',
    "Warning: Someone who is not the case's requester quoted its case number. Check who the sender is before you answer or hand anything over.",
  ),
  followUpNewRights: t('Personen beder nu også om: {rights}.', 'The person now also asks for: {rights}.'),
  // An uncertain intake case (needsConfirmation): the DPO confirms or dismisses it.
  possibleRequest: t('Mulig anmodning — bekræft eller afvis', 'Possible request — confirm or dismiss'),
  uncertainEvidence: t('Derfor er jeg i tvivl', 'Why I am not sure'),
  toConfirm: t('Skal bekræftes', 'To confirm'),
  dismissReasons: {
    automated: t('Nyhedsbrev/automatisk', 'Newsletter/automated'),
    notOwnData: t('Ikke om personens egne data', 'Not about the person’s own data'),
    other: t('Andet', 'Other'),
  },
  // Where the receipt date comes from, after the date on the case card.
  receiptBasis: {
    forwarded_original: t('fra den videresendte mails dato — ret hvis forkert', 'from the forwarded mail’s date — correct it if wrong'),
    stated_by_requester: t('som anmoderen oplyser — ret hvis forkert', 'as the requester states — correct it if wrong'),
    corrected: t('rettet: {note}', 'corrected: {note}'),
  },
  // The same person's requests within the 12 months before this one (Art. 12(5) evidence, never a refusal by itself).
  samePerson: t('Samme person', 'Same person'),
  nthRequest: t('{n}. anmodning på 12 måneder ({ids})', '{nth} request in 12 months ({ids})'),
  firstRequestInYear: t('1. anmodning på 12 måneder (tidligere: {ids})', '1st request in 12 months (earlier: {ids})'),
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
    confirm: t('Bekræft som anmodning', 'Confirm as a request'),
    correct_receipt: t('Ret modtagelsesdato', 'Correct the receipt date'),
    add_rights: t('Tilføj retten til sagen', 'Add the right to the case'),
    addRightsPlural: t('Tilføj rettighederne til sagen', 'Add the rights to the case'),
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
    correct_receipt: t('Modtagelsesdato rettet', 'Receipt date corrected'),
    add_rights: t('Tilføjet til sagen', 'Added to the case'),
    create: t('Oprettet', 'Created'),
  },
  field: {
    reason: t('Begrundelse', 'Reason'),
    identityReason: t('Hvorfor er der rimelig tvivl om identiteten?', 'Why is there reasonable doubt about identity?'),
    method: t('Hvordan blev identiteten bekræftet? (aldrig en kopi af ID)', 'How was identity confirmed? (never a copy of an ID)'),
    assignee: t('Kollega', 'Colleague'),
    assigneePlaceholder: t('Skriv et navn eller en e-mail', 'Type a name or an e-mail'),
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
    override: t('Begrundelse for at fortsætte alligevel', 'Reason to go ahead anyway'),
    reasonOrOutcome: t(
      'Begrundelse (ved afvisning) eller udfald (ved lukning)',
      'Reason (when dismissing or rejecting) or outcome (when closing)',
    ),
    searchFor: t('hvad der skal søges efter', 'what to search for'),
    dismissReason: t('Hvorfor er det ikke en anmodning?', 'Why is it not a request?'),
    otherReason: t('Anden grund (ved "Andet")', 'Other reason (with "Other")'),
    correctedDate: t('Modtaget (dato)', 'Received (date)'),
    rights: t('rettigheder', 'rights'),
    receivedAt: t('den rigtige modtagelsesdato', 'the right receipt date'),
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
    correct_receipt: t('ret modtaget {id} 2026-12-02 10:15 begrundelse', 'correct receipt {id} 2026-12-02 10:15 reason'),
    add_rights: t('tilføj ret {id} sletning', 'add right {id} erasure'),
  },
  // What intake set aside as not a request: the weekly digest and "lagt til side" on demand.
  setAside: {
    week: t('Det har jeg lagt til side i denne uge: {summary}', 'This is what I set aside this week: {summary}'),
    recent: t('Det har jeg lagt til side de seneste 7 dage: {summary}', 'This is what I set aside in the last 7 days: {summary}'),
    summary: t('{n} mails — {kinds}', '{n} mails — {kinds}'),
    summaryOne: t('1 mail — {kinds}', '1 mail — {kinds}'),
    none: t('Jeg har ikke lagt noget til side de seneste 7 dage.', 'I have set nothing aside in the last 7 days.'),
    notRunning: t(
      'Jeg kan ikke vise, hvad der er lagt til side: intake kører ikke her (eller fører ikke listen endnu).',
      'I cannot show what was set aside: intake is not running here (or does not keep that list yet).',
    ),
    more: t('… og {n} flere — se `dsar intake ignored`', '… and {n} more — see `dsar intake ignored`'),
    makeCase: t('Opret sag', 'Make it a case'),
    hasCase: t('Sag {id}', 'Case {id}'),
    openInOutlook: t('Åbn i Outlook', 'Open in Outlook'),
    noSubject: t('(intet emne)', '(no subject)'),
    unknownSender: t('ukendt afsender', 'unknown sender'),
    unknownRecord: t('Den mail er ikke lagt til side (længere).', 'That mail is not set aside (any more).'),
  },
  // Searching Microsoft 365 and building the answer package.
  search: {
    button: t('Søg efter data', 'Search for data'),
    review: t('Gennemgå fund', 'Review hits'),
    export: t('Byg svarpakke', 'Build the answer package'),
    letter: t('Forhåndsvis brev', 'Preview letter'),
    letterPreview: t('Brevet, som sag {id} ser ud nu (intet er sendt)', 'The letter as case {id} stands now (nothing has been sent)'),
    backToCase: t('Tilbage til sagen', 'Back to the case'),
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
  // The classifier's kinds of mail that is not a request, one and many.
  mailKinds: {
    newsletter: [t('nyhedsbrev', 'newsletter'), t('nyhedsbreve', 'newsletters')],
    vendor_marketing: [t('reklame', 'marketing mail'), t('reklamer', 'marketing mails')],
    auto_reply: [t('autosvar', 'auto-reply'), t('autosvar', 'auto-replies')],
    bounce: [t('returmail', 'bounce'), t('returmails', 'bounces')],
    invoice: [t('faktura', 'invoice'), t('fakturaer', 'invoices')],
    event: [t('invitation', 'invitation'), t('invitationer', 'invitations')],
    dpa_agreement: [t('databehandleraftale', 'data processing agreement'), t('databehandleraftaler', 'data processing agreements')],
    questionnaire: [t('spørgeskema', 'questionnaire'), t('spørgeskemaer', 'questionnaires')],
    processor_instruction: [
      t('instruks fra en kunde', 'instruction from a customer'),
      t('instrukser fra kunder', 'instructions from customers'),
    ],
    subprocessor_notice: [
      t('varsel om underdatabehandler', 'sub-processor notice'),
      t('varsler om underdatabehandlere', 'sub-processor notices'),
    ],
    security_incident: [t('sikkerhedshændelse', 'security incident'), t('sikkerhedshændelser', 'security incidents')],
    phishing: [t('phishing-mail', 'phishing mail'), t('phishing-mails', 'phishing mails')],
    internal: [t('intern mail', 'internal mail'), t('interne mails', 'internal mails')],
    other: [t('anden mail', 'other mail'), t('andre mails', 'other mails')],
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
  // Outside a personal chat (and the configured DPO channel) others read along: no case data there.
  notHere: t(
    'Sager viser jeg kun i en personlig chat med mig – ikke her, hvor andre kan læse med. Skriv til mig i en personlig chat.',
    'I show cases only in a personal chat with me, not here where others can read along. Write to me in a personal chat.',
  ),
  notHereOrChannel: t(
    'Sager viser jeg kun i en personlig chat med mig eller i den kanal, der er sat op til databeskyttelse – ikke her, hvor andre kan læse med. Skriv til mig i en personlig chat.',
    'I show cases only in a personal chat with me or in the channel set up for data protection, not here where others can read along. Write to me in a personal chat.',
  ),
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
