import type { AuthorityKind } from '../case.js';
import type { Phrases } from './phrases.js';

const AUTHORITY: Record<AuthorityKind, string> = {
  power_of_attorney: ' med fullmakt',
  parent: ' som vårdnadshavare',
  guardian: ' som god man eller förvaltare',
  other: '',
};

const RIGHT_NOUN = { erasure: 'raderingen', rectification: 'rättelsen', restriction: 'begränsningen' } as const;

export const SV: Phrases = {
  subject: {
    access: 'Svar på din begäran om tillgång',
    information: 'Information om hur vi behandlar personuppgifter',
    portability: 'Dina uppgifter i ett överförbart format',
    erasure: 'Svar på din begäran om radering',
    rectification: 'Svar på din begäran om rättelse',
    restriction: 'Svar på din begäran om begränsning av behandlingen',
    objection: 'Svar på din invändning',
    marketing_opt_out: 'Bekräftelse av att du har avregistrerat dig från marknadsföring',
    refusal: 'Svar på din begäran',
    identity_request: 'Vi behöver bekräfta identiteten innan vi kan svara',
    extension_notice: 'Vi behöver mer tid för att svara',
    forwarded: 'Din begäran har skickats vidare till den personuppgiftsansvarige',
    no_data: 'Svar på din begäran: vi har inga uppgifter',
  },
  caseRef: (id) => `Ärendenummer ${id}`,
  dateLine: (city, date) => `${city} den ${date}`,
  hello: (name) => (name ? `Hej ${name}` : 'Hej'),
  regards: 'Med vänliga hälsningar',
  you: 'dig',
  unnamedSubject: 'den person du företräder',
  representative: (s, a) =>
    `Du har skrivit till oss för ${s}s räkning${AUTHORITY[a]}. Det här brevet gäller därför personuppgifter om ${s}.`,
  thanks: (rights, received) => `Tack för din begäran (${rights}), som vi tog emot den ${received}.`,
  rightName: {
    access: 'tillgång',
    information: 'information om behandlingen',
    rectification: 'rättelse',
    erasure: 'radering',
    restriction: 'begränsning av behandlingen',
    portability: 'dataportabilitet',
    objection: 'invändning mot behandlingen',
    marketing_opt_out: 'avregistrering från marknadsföring',
  },
  unsupportedLanguage: (language) => `Vi skriver på engelska eftersom vi inte kan skriva brev på ${language}.`,
  registerLanguage: 'Vi skriver på engelska eftersom vårt register över behandlingar bara finns på danska och engelska.',
  complaintHeading: 'Klagomål och domstolsprövning',
  complaint: (sa) =>
    `Om du inte är nöjd med vårt svar kan du klaga till den danska tillsynsmyndigheten (${sa.name}), ${sa.address.street}, ${sa.address.postalCode} ${sa.address.city}, Danmark, ${sa.email}, telefon ${sa.phone}, ${sa.website}.`,
  courts: 'Du kan också föra ärendet till domstol (artikel 79).',
  systemsHeading: {
    erasure: 'Radering i våra system',
    rectification: 'Rättelse i våra system',
    restriction: 'Begränsning i våra system',
  },
  statusDone: { erasure: 'raderat', rectification: 'rättat', restriction: 'begränsat till lagring' },
  statusExpires: 'tagits ur bruk; raderas automatiskt när lagringstiden löper ut',
  statusRetained: 'det som lagen kräver har sparats (se nedan); resten har raderats',
  statusInProgress: 'pågår',
  allDone: (right, who) => `Vi har genomfört ${RIGHT_NOUN[right]} av personuppgifter om ${who} i alla våra system.`,
  someDone: (right, who, done, total) =>
    `Vi håller på med ${RIGHT_NOUN[right]} av personuppgifter om ${who}. Den är klar i ${done} av ${total} system; i de övriga pågår den.`,
  writeAgain: 'Vi skriver till dig igen när allt är klart.',
  keptHeading: 'Vad vi har sparat, och varför',
  bookkeeping: (who, year, until) =>
    `Vi har sparat räkenskapsinformation (fakturor och verifikationer) om ${who}, eftersom den danska bokföringslagen kräver att den sparas i 5 år från utgången av det räkenskapsår den avser (artikel 17.3 b). Den senaste informationen avser räkenskapsåret ${year} och raderas den ${until}.`,
  keptUse: 'Fram till dess använder vi inte uppgifterna till något annat.',
  art19Heading: 'Meddelande till mottagare av uppgifterna (artikel 19)',
  art19AllTold: (names) => `Vi har meddelat alla som har tagit emot uppgifterna om ändringen: ${names}.`,
  art19Told: (names) => `Vi har meddelat ${names} om ändringen.`,
  art19WillTell: (names) => `Vi meddelar ${names}.`,
  art19NotTold: (name, reason) => `Vi meddelar inte ${name}, eftersom ${reason}.`,
  otherRecipients: 'övriga mottagare (leverantörer och myndigheter)',
  restrictionPromise: 'Vi meddelar dig innan begränsningen hävs (artikel 18.3).',
  suppression: (done) =>
    `${done ? 'Vi har fört in' : 'Vi för in'} e-postadressen i vår spärrlista, så att vi kan säkerställa och visa att ingen marknadsföring skickas till den igen (artikel 21.3). Spärrlistan används inte till något annat, och uppgiften raderas 2 år efter avregistreringen.`,
  objectionStopped: (who) => `Vi har upphört med den behandling av personuppgifter om ${who} som du invände mot (artikel 21.1).`,
  objectionGrounds: (who) =>
    `Vi har bedömt din invändning och fortsätter behandlingen av personuppgifter om ${who}, eftersom vi har tvingande berättigade skäl som väger tyngre än ${who === 'dig' ? 'dina' : `${who}s`} intressen, rättigheter och friheter (artikel 21.1).`,
  marketingStopped: (who, date) => `Den ${date} upphörde vi med all direktmarknadsföring till ${who}.`,
  portability: (who, files, messages) =>
    `Bifogat finns de uppgifter som ${who === 'dig' ? 'du' : who} själv har lämnat till oss, i ett strukturerat, allmänt använt och maskinläsbart format (artikel 20): ${files}. Filerna innehåller kontaktuppgifterna och ${messages === 1 ? '1 e-postmeddelande' : `${messages} e-postmeddelanden`} i sin helhet.`,
  refusal: (basis, rights) => `Vi tillmötesgår inte din begäran om ${rights}. Beslutet grundar sig på ${basis}.`,
  refusalInformed: (rights) =>
    `Vi tillmötesgår inte din begäran om ${rights}. Enligt artikel 12.4 i dataskyddsförordningen ger vi dig här skälen.`,
  refusalBasis: {
    '11(2)': 'Vi kan inte identifiera personen i de uppgifter vi behandlar.',
    '12(4)': 'Vi vidtar inga åtgärder med anledning av begäran.',
    '12(5)': 'Begäran är uppenbart ogrundad eller orimlig.',
    '12(6)': 'Vi har inte kunnat bekräfta identiteten, trots att vi har bett om de uppgifter som behövs.',
    '15(4)': 'En kopia skulle inverka menligt på andras rättigheter.',
    '17(3)': 'Lagen kräver att vi sparar uppgifterna.',
    '21(1)': 'Vi har tvingande berättigade skäl för behandlingen som väger tyngre än den registrerades intressen.',
    'DBL §22':
      '22 § i den danska dataskyddslagen undantar uppgifterna från rätten till tillgång av hänsyn till avgörande privata eller allmänna intressen.',
  },
  reasonLabel: 'Skäl',
  identityWhy: (who) =>
    `Innan vi svarar måste vi vara säkra på att vi bara lämnar ut personuppgifter om ${who} till rätt person (artikel 12.6). Vi har rimliga skäl att tvivla på identiteten och ber dig därför om något av följande:`,
  identityAsk: 'Svara gärna på det här e-postmeddelandet så snart du kan.',
  identityMethod: {
    known_address: 'skriv till oss från den e-postadress som vi redan har registrerad',
    mitid_signed: 'skicka ett e-postmeddelande som är signerat med MitID',
    customer_number: 'uppge ditt kundnummer och din faktureringsadress',
    call_back: 'låt oss ringa upp dig på det telefonnummer som vi har registrerat',
  },
  identityAuthority: (s, a) =>
    a === 'parent'
      ? `Skicka också underlag som visar att du är vårdnadshavare för ${s}.`
      : a === 'guardian'
        ? `Skicka också underlag som visar att du är god man eller förvaltare för ${s}.`
        : `Skicka också en daterad och undertecknad fullmakt från ${s}.`,
  identityNoCopy:
    'Skicka inte en kopia av pass, körkort eller annan fotolegitimation. Vi behöver den inte, och vi sparar aldrig kopior av legitimationer.',
  clockStopped: (from) => `Tidsfristen för vårt svar står still från den ${from} tills vi har hört från dig.`,
  extension: (reason, first, next) =>
    `Vi kan inte svara senast den ${first}, som annars är tidsfristen. Vi förlänger därför tidsfristen med två månader (artikel 12.3), eftersom ${reason}. Du får vårt svar senast den ${next}.`,
  forwarded: (controller, to, at) =>
    `Din begäran gäller uppgifter som vi bara behandlar för ${controller}s räkning som personuppgiftsbiträde. ${controller} är personuppgiftsansvarig och ska svara dig. Den ${at} skickade vi din begäran vidare till ${to}.`,
  noData: (who, systems) =>
    `Vi har sökt efter personuppgifter om ${who} i ${systems} och inte hittat några utöver själva din begäran, som vi sparar som underlag för vårt svar.`,
  reply: 'Har du frågor är du välkommen att svara på det här e-postmeddelandet.',
};
