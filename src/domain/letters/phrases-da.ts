import type { AuthorityKind } from '../case.js';
import type { Phrases } from './phrases.js';

const AUTHORITY: Record<AuthorityKind, string> = {
  power_of_attorney: ' med fuldmagt',
  parent: ' som forælder med forældremyndighed',
  guardian: ' som værge',
  other: '',
};

const RIGHT_NOUN = { erasure: 'sletningen', rectification: 'rettelsen', restriction: 'begrænsningen' } as const;

export const DA: Phrases = {
  subject: {
    access: 'Svar på din anmodning om indsigt',
    information: 'Oplysninger om vores behandling af personoplysninger',
    portability: 'Udlevering af oplysninger (dataportabilitet)',
    erasure: 'Svar på din anmodning om sletning',
    rectification: 'Svar på din anmodning om berigtigelse',
    restriction: 'Svar på din anmodning om begrænsning af behandlingen',
    objection: 'Svar på din indsigelse',
    marketing_opt_out: 'Bekræftelse af din afmelding af markedsføring',
    refusal: 'Svar på din anmodning',
    identity_request: 'Vi skal bekræfte identiteten, før vi kan svare',
    extension_notice: 'Vi har brug for mere tid til at svare',
    forwarded: 'Din anmodning er sendt videre til den dataansvarlige',
    no_data: 'Svar på din anmodning: vi har ingen oplysninger',
  },
  caseRef: (id) => `Sagsnummer ${id}`,
  dateLine: (city, date) => `${city}, den ${date}`,
  hello: (name) => (name ? `Kære ${name}` : 'Goddag'),
  regards: 'Med venlig hilsen',
  you: 'dig',
  unnamedSubject: 'den person, du repræsenterer',
  representative: (s, a) =>
    `Du har skrevet til os på vegne af ${s}${AUTHORITY[a]}. Dette brev handler derfor om personoplysninger om ${s}.`,
  thanks: (rights, received) => `Tak for din henvendelse om ${rights}, som vi modtog den ${received}.`,
  rightName: {
    access: 'indsigt',
    information: 'oplysning om behandlingen',
    rectification: 'berigtigelse',
    erasure: 'sletning',
    restriction: 'begrænsning af behandlingen',
    portability: 'dataportabilitet',
    objection: 'indsigelse mod behandlingen',
    marketing_opt_out: 'afmelding af markedsføring',
  },
  unsupportedLanguage: (language) => `Vi skriver på engelsk, fordi vi ikke kan skrive breve på ${language}.`,
  registerLanguage: 'Vi skriver på engelsk, fordi vores fortegnelse over behandlingsaktiviteter kun findes på dansk og engelsk.',
  complaintHeading: 'Klage og domstolsprøvelse',
  complaint: (sa) =>
    `Er du utilfreds med vores svar, kan du klage til ${sa.name}, ${sa.address.street}, ${sa.address.postalCode} ${sa.address.city}, ${sa.email}, telefon ${sa.phone}, ${sa.website}.`,
  courts: 'Du kan også indbringe sagen for domstolene (artikel 79).',
  systemsHeading: {
    erasure: 'Sletning i vores systemer',
    rectification: 'Rettelse i vores systemer',
    restriction: 'Begrænsning i vores systemer',
  },
  statusDone: { erasure: 'slettet', rectification: 'rettet', restriction: 'begrænset til opbevaring' },
  statusExpires: 'taget ud af brug; slettes automatisk, når opbevaringsperioden udløber',
  statusRetained: 'det, loven kræver, er bevaret (se nedenfor); resten er slettet',
  statusInProgress: 'under behandling',
  allDone: (right, who) => `Vi har gennemført ${RIGHT_NOUN[right]} af personoplysninger om ${who} i alle vores systemer.`,
  someDone: (right, who, done, total) =>
    `Vi er i gang med ${RIGHT_NOUN[right]} af personoplysninger om ${who}. Den er gennemført i ${done} af ${total} systemer; i de øvrige er den under behandling.`,
  writeAgain: 'Vi skriver til dig igen, når alt er gennemført.',
  keptHeading: 'Hvad vi har bevaret, og hvorfor',
  bookkeeping: (who, year, until) =>
    `Vi har bevaret regnskabsmateriale (fakturaer og bilag) om ${who}, fordi bogføringsloven kræver, at det opbevares i 5 år fra udgangen af det regnskabsår, det vedrører (artikel 17, stk. 3, litra b). Det seneste materiale vedrører regnskabsåret ${year} og slettes den ${until}.`,
  keptUse: 'Indtil da bruger vi ikke oplysningerne til andet.',
  art19Heading: 'Besked til modtagere af oplysningerne (artikel 19)',
  art19AllTold: (names) => `Vi har givet alle, der har modtaget oplysningerne, besked om ændringen: ${names}.`,
  art19Told: (names) => `Vi har givet besked om ændringen til ${names}.`,
  art19WillTell: (names) => `Vi giver besked til ${names}.`,
  art19NotTold: (name, reason) => `Vi giver ikke ${name} besked, fordi ${reason}.`,
  otherRecipients: 'øvrige modtagere (leverandører og myndigheder)',
  restrictionPromise: 'Vi giver dig besked, før begrænsningen ophæves (artikel 18, stk. 3).',
  suppression: (done) =>
    `${done ? 'Vi har registreret' : 'Vi registrerer'} e-mailadressen på vores spærreliste, så vi kan sikre og dokumentere, at der ikke sendes markedsføring til den igen (artikel 21, stk. 3). Spærrelisten bruges ikke til andet, og registreringen slettes 2 år efter afmeldingen.`,
  objectionStopped: (who) =>
    `Vi har stoppet den behandling af personoplysninger om ${who}, som du gjorde indsigelse mod (artikel 21, stk. 1).`,
  objectionGrounds: (who) =>
    `Vi har vurderet din indsigelse og fortsætter behandlingen af personoplysninger om ${who}, fordi vi har vægtige legitime grunde, der går forud for interesserne, rettighederne og frihedsrettighederne hos ${who} (artikel 21, stk. 1).`,
  marketingStopped: (who, date) => `Vi har den ${date} stoppet al direkte markedsføring til ${who}.`,
  portability: (who, files, messages) =>
    `Vedlagt er de oplysninger, ${who === 'dig' ? 'du' : who} selv har givet os, i et struktureret, almindeligt anvendt og maskinlæsbart format (artikel 20): ${files}. Filerne indeholder kontaktoplysningerne og ${messages === 1 ? '1 e-mail' : `${messages} e-mails`} i fuld længde.`,
  refusal: (basis, rights) => `Vi imødekommer ikke din anmodning om ${rights}. Afgørelsen har hjemmel i ${basis}.`,
  refusalInformed: (rights) =>
    `Vi imødekommer ikke din anmodning om ${rights}. Efter databeskyttelsesforordningens artikel 12, stk. 4, giver vi dig her vores begrundelse.`,
  refusalBasis: {
    '11(2)': 'Vi kan ikke identificere personen i de oplysninger, vi behandler.',
    '12(4)': 'Vi foretager os ikke noget på baggrund af anmodningen.',
    '12(5)': 'Anmodningen er åbenbart grundløs eller overdreven.',
    '12(6)': 'Vi har ikke kunnet bekræfte identiteten, selv om vi har bedt om de nødvendige oplysninger.',
    '15(4)': 'En kopi ville krænke andres rettigheder.',
    '17(3)': 'Vi har pligt til at opbevare oplysningerne efter lovgivningen.',
    '21(1)': 'Vi har vægtige legitime grunde til behandlingen, som går forud for den registreredes interesser.',
    'DBL §22':
      'Databeskyttelseslovens § 22 undtager oplysningerne fra indsigt af hensyn til afgørende private eller offentlige interesser.',
  },
  reasonLabel: 'Begrundelse',
  identityWhy: (who) =>
    `Før vi svarer, skal vi være sikre på, at vi kun udleverer personoplysninger om ${who} til den rette person (artikel 12, stk. 6). Vi har rimelig tvivl om identiteten og beder dig derfor om én af disse ting:`,
  identityAsk: 'Svar på denne e-mail, så snart du kan.',
  identityMethod: {
    known_address: 'skriv til os fra den e-mailadresse, vi allerede har registreret',
    mitid_signed: 'send os en e-mail, der er underskrevet med MitID',
    customer_number: 'oplys dit kundenummer og din faktureringsadresse',
    call_back: 'giv os lov til at ringe dig op på det telefonnummer, vi har registreret',
  },
  identityAuthority: (s, a) =>
    a === 'parent'
      ? `Send os også dokumentation for, at du har forældremyndigheden over ${s}.`
      : a === 'guardian'
        ? `Send os også dokumentation for, at du er værge for ${s}.`
        : `Send os også en fuldmagt fra ${s}, der er dateret og underskrevet.`,
  identityNoCopy: 'Send ikke en kopi af pas, kørekort eller andet billed-ID. Vi har ikke brug for det, og vi gemmer aldrig kopier af ID.',
  clockStopped: (from) => `Fristen for vores svar står stille fra den ${from}, til vi har hørt fra dig.`,
  extension: (reason, first, next) =>
    `Vi kan ikke nå at svare senest den ${first}, som ellers er fristen. Vi forlænger derfor fristen med to måneder (artikel 12, stk. 3), fordi ${reason}. Du får vores svar senest den ${next}.`,
  forwarded: (controller, to, at) =>
    `Din anmodning handler om oplysninger, som vi kun behandler på vegne af ${controller} som databehandler. Det er ${controller}, der er dataansvarlig og skal svare dig. Vi har den ${at} sendt din anmodning videre til ${to}.`,
  noData: (who, systems) =>
    `Vi har søgt efter personoplysninger om ${who} i ${systems} og har ikke fundet nogen ud over selve din henvendelse, som vi opbevarer som dokumentation for vores svar.`,
  reply: 'Har du spørgsmål, er du velkommen til at svare på denne e-mail.',
};
