import type { LanguagePack } from './cue.js';

/** Danish: how people write to a DPO mailbox, formal letters and one-liners from a phone alike. */

const ERASE = 'slet~|slette~|sletter|slettes|slettet|sletning~|glem~|glemme|glemmes';
const REMOVE = 'fjern~|fjerne|fjernes|fjernet|fjern';
const RELATIVE = `=alt|=alle|=det _1 hvad|=som`;
const FIX = 'ret|rette|retter|rettes|rettet|opdater~|opdatere|opdateres|ændr~|ændre|ændres|korriger~|korrigere|korrigeres';

export const da: LanguagePack = {
  lang: 'da',
  macros: {
    ME: '=mig|=mine|=min|=mit|=migselv|=mej',
    I: '=jeg|=jg',
    THEM: '=hende|=ham|=hans|=hendes|=vedkommende|klient*|*klients|=barnet|=barnets|=søn|=sønnen|=sønnens|=datter|=datteren|=datterens|mandant*|=afdøde|=afdødes',
    DATA: 'oplysninger~|*oplysninger|*oplysning|oplysningerne|=data|*data|=info|information|informationer|registrering*|=profil|=kundeprofil|=konto|personoplysninger~|=ting|=alt',
    WANT: 'ønsk*|=vil|=gerne|=beder|=bede|=bedes|anmod*|kræv*|venligst|=skal|=må|=kan|begær*',
    ATTR: '=navn|=navnet|efternavn*|fornavn*|adresse*|*adresse|*adressen|telefonnummer*|*nummer|*nummeret|mobil*|=email|=mail|=e-mail|fødselsdato*|=stilling|=titel|stavning*|cpr*',
    PROMO:
      'nyhedsbrev*|*nyhedsbrev*|markedsføring*|*markedsføring|reklam*|*reklamer|tilbud|kampagne*|=sms|sms*|=spam|telefonsalg*|salgsopkald*|opkald*|udsendelse*|markedsføringsmails',
    MARKETING:
      'nyhedsbrev*|*nyhedsbrev*|markedsføring*|*markedsføring|reklam*|*reklamer|tilbud|kampagne*|=mail|=mails|*mails|*mail|=e-mails|=emails|=sms|sms*|=spam|telefonsalg*|opkald*|salgsopkald*|*liste|*lister|=liste|=lister|udsendelse*|materiale|henvendelser',
    LISTS:
      '*liste|*lister|*listen|=liste|=lister|=listen|maillist*|mailingliste*|nyhedsbrev*|*nyhedsbrev|udsendelse*|markedsføring*|kampagne*',
    IDDOC:
      '=pas|=passet|pasfoto*|=kørekort|kørekortet|legitimation*|billedlegitimation*|=id|id-kort|idkort|sundhedskort*|sygesikringskort*|=mitid',
  },
  negators: ['ikke', 'ikk', 'aldrig', 'ej', 'hverken', 'undlad', 'undlade'],
  rights: [
    // Erasure (art. 17): "slet mig", "slet alt i har om mig", "mine oplysninger skal slettes", "retten til at blive glemt".
    // "Jeg har slettet mine gamle filer": the writer did it, nothing is asked.
    { right: 'erasure', pattern: `${ERASE} _6 @ME|@THEM`, weight: 3, unless: ['@I _3 =har|=havde _2 slettet|fjernet'] },
    {
      right: 'erasure',
      pattern: `${REMOVE} _5 @ME|@THEM`,
      weight: 3,
      unless: ['=fra|=af _4 @LISTS'],
      unlessMessage: ['=fra|=af _4 @LISTS'],
    },
    {
      right: 'erasure',
      pattern: `${ERASE} _2 =dem|=den|=dette|=disse|=det !hele`,
      weight: 2,
      secondary: true,
      unless: ['@I _3 =har|=havde _2 slettet|fjernet'],
    },
    { right: 'erasure', pattern: `=dem|=den|=det|=disse _3 slettet|slettes|fjernet|fjernes`, weight: 2, secondary: true },
    { right: 'erasure', pattern: `@ME|@THEM _4 @DATA _5 ${ERASE}|${REMOVE}`, weight: 3 },
    { right: 'erasure', pattern: `@ME _2 @DATA _3 skal|bedes|må _3 ${ERASE}|${REMOVE}|væk`, weight: 3 },
    { right: 'erasure', pattern: `@DATA _2 =om|=på|vedrørende|=vedr @ME|@THEM _5 ${ERASE}|${REMOVE}`, weight: 3 },
    { right: 'erasure', pattern: `@I _5 @WANT|anmod* _6 ${ERASE}|sletning*|slettet|fjernet`, weight: 3 },
    { right: 'erasure', pattern: `sletning*|sletteanmodning*|sletningsanmodning* _4 @DATA|=alt|=alle`, weight: 2 },
    { right: 'erasure', pattern: 'ret|retten _3 glemt|glemmes', weight: 2 },
    { right: 'erasure', pattern: `${ERASE} _3 =alt|=alle|alting|samtlige|profil*|konto*|bruger*|=det _2 =hele`, weight: 2 },
    { right: 'erasure', pattern: 'sletning*|sletteanmodning*|sletningsanmodning*', weight: 1 },
    { right: 'erasure', pattern: 'luk~|lukke|nedlæg*|opsig* _3 @ME _2 konto*|profil*|bruger*', weight: 1 },

    // Access (art. 15), including "aktindsigt" used about a company, and copies of tickets and call recordings.
    { right: 'access', pattern: 'indsigt~|aktindsigt~|registerindsigt~|indsigtsret*|indsigtsanmodning*|*indsigt _10 @ME|@THEM', weight: 3 },
    {
      right: 'access',
      pattern: '@I _5 @WANT|anmod*|henvender _6 indsigt~|aktindsigt~|registerindsigt~|kopi~|kopier|udskrift*|oversigt*|udtræk*|udlevering*',
      weight: 3,
    },
    {
      right: 'access',
      pattern: 'indsigt~|aktindsigt~|registerindsigt~|indsigtsanmodning*|indsigtsret* _5 @DATA|*sager|korrespondance|=mails',
      weight: 2,
    },
    { right: 'access', pattern: 'indsigt~|aktindsigt~|registerindsigt~|indsigtsanmodning*', weight: 1 },
    {
      right: 'access',
      pattern: 'kopi~|kopier|kopien|udskrift*|udtræk*|oversigt*|udlevering* _6 @ME|@THEM',
      weight: 3,
      unless: [
        'kopi*|udskrift* _4 @IDDOC',
        'vedhæft*|vedlagt|vedlægg*|medsend*|sender|sendt|fremsender|hermed _6 kopi*',
        'kopi* _4 faktura*|*faktura|kvittering*|ordre*|tilbud*|kontrakt*|aftale*|licens*',
        // "Jeg har ikke brug for en kopi": the copy is declined, the rest of the mail says what is asked.
        'ikke _3 brug|behov|brug _3 kopi*',
      ],
    },
    {
      right: 'access',
      pattern:
        'hvad|hvilke|hvilken _4 oplysning*|*oplysninger|=data|*data|=info|information*|registreret|gemt|noteret|=ting _10 om|på|vedrørende|vedr @ME|@THEM',
      weight: 3,
      unless: [RELATIVE],
    },
    {
      right: 'access',
      pattern: 'hvad|hvilke _2 har|ligger|gemmer|opbevarer|registrerer|registreret|behandler|ved|gemt _7 om|på|vedrørende @ME|@THEM',
      weight: 3,
      unless: [RELATIVE],
    },
    {
      right: 'access',
      pattern:
        '@WANT _5 @DATA|optagelse*|*optagelse*|=kopi|=kopier|=mails|=noter|korrespondance|supportsag* _3 udleveret|tilsendt|fremsendt|=sendt',
      weight: 3,
    },
    {
      right: 'access',
      pattern: '@WANT _6 vide|se|modtage|få _5 hvad|hvilke|hvilken|alle|alt|samtlige _8 @ME|@THEM',
      weight: 3,
      // "vide hvilke underdatabehandlere I bruger til mine oplysninger" asks how, not what (information).
      unless: ['hvilke|hvilken _2 underdatabehandler*|databehandler*|leverandør*|modtager*|formål*|lande'],
    },
    {
      right: 'access',
      pattern:
        'send~|sende|fremsend*|tilsend*|udlever*|udlevere _3 =mig _5 @DATA|*sager|korrespondance|optagelse*|*optagelse*|lydfil*|=mails|=noter|=alt|=alle',
      weight: 2,
      unless: ['faktura*|kvittering*|tilbud*|ordre*|kontrakt*|aftale*|licens*|kode*|adgangskode*|link'],
    },
    {
      right: 'access',
      pattern:
        '@WANT _6 optagelse*|*optagelse*|lydfil*|lydoptagelse*|supportsag*|*sager|sagshistorik*|=noter|korrespondance*|=mails|=e-mails|loggen|logs|opkaldslog* _8 @ME|@THEM',
      weight: 3,
    },
    { right: 'access', pattern: 'optagelse*|*optagelse*|lydfil*|lydoptagelse* _6 @ME _3 samtale*|opkald*', weight: 2 },
    {
      right: 'access',
      pattern: 'har|ligger|opbevarer|gemmer|behandler _1 =i|=jer _2 =nogen|=noget|=nogle _3 @DATA _4 =om|=på|vedrørende @ME|@THEM',
      weight: 3,
    },
    // "Har I noget (liggende) om mig?": whether anything is held, without a word for data.
    {
      right: 'access',
      pattern: 'har|ligger|gemmer _1 =i|=jer _2 =noget|=nogen _2 liggende|gemt|registreret? _2 =om|=på @ME|@THEM',
      weight: 3,
    },
    // "Ligger I inde med noget om mig?": holding something about me, asked as a question.
    { right: 'access', pattern: 'ligger|sidder _2 =i|=jer _2 inde _2 =med _4 =om|=på @ME|@THEM', weight: 3 },
    { right: 'access', pattern: 'anmoder|beder|begærer|ønsker _1 =om !at _1 =alle|=alt|samtlige|=en|=de _3 @DATA|kopi*', weight: 3 },
    {
      right: 'access',
      pattern: 'vide|=se _3 hvad|hvilke _3 oplysninger*|*oplysninger|=data|persondata _3 =i|=jer _2 =har|ligger|gemmer|opbevarer|behandler',
      weight: 3,
    },
    {
      right: 'access',
      pattern: '@WANT _3 tilsendt|udleveret|fremsendt|=sendt _4 =alle|=alt|samtlige|=de|=en|=mine _3 @DATA|kopi*|optagelse*',
      weight: 3,
    },

    // Information (art. 13/14): how, why, who with, and from where.
    // "hvordan jeg er havnet på jeres liste": where the data came from.
    { right: 'information', pattern: 'hvordan|hvorfor _3 @I _3 =er|=blev|=er _2 havnet|endt|kommet _3 =på|=i', weight: 3 },
    {
      right: 'information',
      pattern:
        'hvordan|hvorfor|hvorledes _3 behandl*|bruger|bruge|anvend*|opbevar*|gemmer|registrer*|=fik|fået|bruges|anvendes _6 @ME|@THEM',
      weight: 3,
    },
    {
      right: 'information',
      pattern: 'hvem _5 del*|deler|videregiv*|videregivet|videregiver|sælg*|solgt|sælger|sendt|givet|overlad* _6 @ME|@THEM|=dem',
      weight: 3,
    },
    {
      right: 'information',
      pattern: 'hvorfor _3 har|ligger|gemmer|opbevarer|behandler|bruger|registreret|beholder _4 @ME|@THEM',
      weight: 3,
    },
    { right: 'information', pattern: 'hvor|hvorfra _3 har|=fik|fået|får|stammer|kommer _7 @ME|=dem|=den|=det _4 fra', weight: 3 },
    { right: 'information', pattern: 'hvordan|hvorfor _3 =er|=blev|=kom _2 @I|@ME _3 havnet|kommet|endt|blevet|=med _3 =på|=i', weight: 3 },
    {
      right: 'information',
      pattern:
        'hvilke _2 modtagere|tredjeparter|virksomheder|leverandører|samarbejdspartnere _6 videregiv*|videregivet|delt|sendt|solgt|overladt|adgang',
      weight: 2,
    },
    { right: 'information', pattern: 'hvorfra _7 @ME|@DATA|oplysningerne|=de', weight: 2 },
    {
      right: 'information',
      pattern:
        'oplysning|oplysninger _2 om _3 formål*|retsgrundlag*|modtager*|hvorfra|opbevaring*|opbevar*|kilde*|kategori*|behandlingen|videregivelse*',
      weight: 2,
    },
    { right: 'information', pattern: 'ret|retten _2 til _2 oplysning|information', weight: 2 },
    { right: 'information', pattern: 'kilde|kilden _4 @ME|@DATA|oplysningerne', weight: 2 },
    { right: 'information', pattern: 'hvad _2 sker|skete _3 =med @ME|@THEM _1 @DATA|=data', weight: 3 },
    {
      right: 'information',
      pattern: 'hvor _1 længe _4 gemmer|opbevarer|beholder|gemmes|opbevares|gemt|opbevaret _4 @ME|=dem|@DATA|=de',
      weight: 3,
    },

    // Rectification (art. 16).
    { right: 'rectification', pattern: 'berigtig*|berigtigelse~ _8 @ME|@THEM|@DATA|@ATTR', weight: 3 },
    { right: 'rectification', pattern: 'berigtigelse~|berigtige|berigtiget|berigtiges', weight: 2 },
    { right: 'rectification', pattern: `${FIX} !til _4 @ME|@THEM _3 @ATTR|oplysninger|*oplysninger|stavning*|=data`, weight: 3 },
    {
      right: 'rectification',
      pattern:
        '@ME _2 @ATTR _7 forkert~|forkerte|fejl|fejlagtig*|urigtig*|ukorrekt*|forældet|forældede|stavet|staves|ændret|skiftet|=gammel|=gamle|=rigtige|=korrekte|=nye',
      weight: 3,
    },
    {
      right: 'rectification',
      pattern:
        'forkert~|forkerte|urigtig*|fejlagtig*|ukorrekt*|forældede _4 oplysninger|*oplysninger|@ATTR|=data _5 om|på|vedrørende @ME|@THEM',
      weight: 3,
    },
    { right: 'rectification', pattern: `@ME _2 @ATTR _6 skal|bedes|må _3 ${FIX}`, weight: 3 },
    { right: 'rectification', pattern: '@I _3 =har|=er _2 skiftet|ændret _3 @ATTR', weight: 2 },
    { right: 'rectification', pattern: '@I _3 =har _2 fået _1 =et|=en? =nyt|=ny|=nye _2 @ATTR', weight: 2 },
    {
      right: 'rectification',
      pattern: `${FIX} !til _2 =det|=den|=dem|=dette _4 venligst|=i|jeres|=hos|=systemet|kartotek*`,
      weight: 2,
      secondary: true,
    },

    // Restriction (art. 18).
    {
      right: 'restriction',
      pattern: 'begræns~|begrænse|begrænses|begrænsning~|begrænset _5 behandling*|brug*|=brugen|anvendelse*|=brugt',
      weight: 3,
    },
    // "_1" starts a new slot: "så længe" is its own cue, or "indtil" alone would never match.
    {
      right: 'restriction',
      pattern: 'stop~|stoppe|stoppes|indstil*|sæt|sætte _3 behandling*|brug*|anvendelse* _8 indtil|mens|afgjort|afklaret',
      weight: 3,
    },
    {
      right: 'restriction',
      pattern: 'stop~|stoppe|stoppes|indstil*|sæt|sætte _3 behandling*|brug*|anvendelse* _8 =så _1 længe',
      weight: 3,
    },
    {
      right: 'restriction',
      pattern: 'ikke|undlad* _3 slet*|sletter|slettes|slette _8 indtil|før|mens|retssag*|sagen|klage*|tvist*|bevis*|dokumentation|afgjort',
      weight: 2,
      negated: true,
    },
    { right: 'restriction', pattern: 'spær~|spærre|spærring|blokér|blokere|blokering|fryse|frys* _4 @ME|@THEM _3 @DATA', weight: 2 },
    { right: 'restriction', pattern: 'begrænsning~ _3 =af _2 behandling*', weight: 2 },
    { right: 'restriction', pattern: '=kun _3 opbevare|opbevares|opbevaret|=gemme|gemmes|=gemt|=ligge', weight: 2 },
    {
      right: 'restriction',
      pattern: 'ikke _3 bruge|behandle|anvende|bruges|behandles|anvendes _10 indtil|=før|=mens|afklaret|afgjort',
      weight: 3,
      negated: true,
    },
    {
      right: 'restriction',
      pattern: 'indtil|=før|=mens _10 ikke _3 bruge|behandle|anvende|bruges|behandles|anvendes',
      weight: 3,
      negated: true,
    },

    // Portability (art. 20).
    { right: 'portability', pattern: 'dataportabilitet~|portabilitet~|*portabilitet', weight: 2 },
    { right: 'portability', pattern: '@ME|@I|@WANT _10 dataportabilitet~|portabilitet~|*portabilitet', weight: 3 },
    {
      right: 'portability',
      pattern: 'maskinlæsbar*|maskinlæseligt|maskinlæselig|maskinlæsbart|struktureret|strukturerede _4 format*|fil*|=form',
      weight: 3,
    },
    {
      right: 'portability',
      pattern:
        'flyt~|flytte|overfør*|overføre|eksport*|eksportere|migrer*|trække _4 @ME|@THEM _4 @DATA|*sager _10 leverandør*|udbyder*|dataansvarlig*|=firma|virksomhed|system|*leverandør',
      weight: 3,
    },
    { right: 'portability', pattern: '@ME|@THEM _4 @DATA _10 =csv|csv*|=json|json*|=xml|excel*|maskinlæsbar*', weight: 3 },
    { right: 'portability', pattern: 'eksport~|eksportere|udtræk _4 @ME _3 @DATA', weight: 2 },
    { right: 'portability', pattern: '@DATA _8 @ME _10 =csv|csv*|=json|json*|=xml|excel*|maskinlæsbar*', weight: 3 },
    {
      right: 'portability',
      pattern: '=tage|=tag|=flytte|=få _3 =dem|=det|@DATA _2 =med _6 leverandør*|*leverandør|udbyder*|*udbyder|=firma|system*',
      weight: 3,
    },

    // Objection (art. 21(1)).
    {
      right: 'objection',
      pattern: '@I|=vi _5 gør|gøre|fremsætter|fremsætte|rejser|rejse|har _3 indsigelse~',
      weight: 3,
      unless: ['@MARKETING'],
    },
    {
      right: 'objection',
      pattern: 'indsigelse~ _5 mod|imod _6 behandling*|brug*|anvendelse*|profilering*|@ME|@THEM',
      weight: 3,
      unless: ['@MARKETING', 'underdatabehandler*|*underdatabehandler'],
    },
    {
      right: 'objection',
      pattern: 'modsætter|modsætte|protesterer|protestere _3 =mig? _5 behandling*|brug*|=brugen|anvendelse*|profilering*',
      weight: 3,
    },
    {
      right: 'objection',
      pattern: 'stop~|stoppe|ophør*|hold|holde _3 =op? _2 =med _5 behandl*|bruge|=brug|anvende|profiler*|analyser*|registrere _8 @ME|@THEM',
      weight: 3,
      unless: ['@MARKETING', 'indtil|mens|afgjort|afklaret'],
    },
    {
      right: 'objection',
      pattern: '@I _4 ønsker|vil _3 ikke _6 behandl*|bruger|bruge|anvender|profiler*|registrer* _8 @ME',
      weight: 2,
      negated: true,
      unless: ['@MARKETING'],
    },
    // No typo tolerance here: "indsikt" (indsigt misspelt) is one letter from it.
    { right: 'objection', pattern: 'indsigelse*', weight: 1 },

    // Marketing opt-out (art. 21(2)-(3)).
    {
      right: 'marketing_opt_out',
      pattern: 'afmeld~|afmelde|afmeldes|afmeldt|afmelding~ _4 @ME|@THEM|@MARKETING|=fra|=alt|=alle',
      weight: 3,
    },
    { right: 'marketing_opt_out', pattern: '@I _4 @WANT _4 afmeld*', weight: 3 },
    { right: 'marketing_opt_out', pattern: 'afmeld~|afmelde|afmeldes|afmelding~', weight: 2 },
    {
      right: 'marketing_opt_out',
      pattern: 'ikke|ingen|aldrig _3 flere|mere|længere|=fler _5 @MARKETING',
      weight: 3,
      negated: true,
      unless: ['faktura*|rykker*|alarm*|notifikation*|advarsel*|backup*|overvågning*|ordrebekræftelse*', 'hvis|ønsker _2 =du|=de'],
    },
    {
      right: 'marketing_opt_out',
      pattern: 'ikke _3 modtage|=få|have|=ha _3 =mails|=mail|*mails|=e-mails _3 =fra _2 =jer|=thecompany|=dig|=jeres',
      weight: 3,
      negated: true,
    },
    {
      right: 'marketing_opt_out',
      pattern: 'ikke|aldrig _3 modtage|=få|have|ha _5 @PROMO',
      weight: 3,
      negated: true,
      unless: ['faktura*|rykker*|alarm*|notifikation*|advarsel*|backup*|overvågning*|ordrebekræftelse*', 'hvis|ønsker _2 =du|=de'],
    },
    {
      right: 'marketing_opt_out',
      pattern: 'stop~|stoppe|hold|holde|lad|undlad* _5 sende|sender|kontakte|ringe|maile|spamme|skrive _6 @ME|@MARKETING',
      weight: 3,
      unless: ['faktura*|rykker*|alarm*|notifikation*|advarsel*|backup*|overvågning*|ordrebekræftelse*|*rapport*'],
    },
    {
      right: 'marketing_opt_out',
      pattern: `${REMOVE}|${ERASE}|=tag|=tage|afmeld~|afmelde|skriv _5 @ME|@THEM _6 =fra|=af|=på|=ud _4 @LISTS`,
      weight: 3,
    },
    {
      right: 'marketing_opt_out',
      pattern: '=ingen _2 =mere|=flere? _2 markedsføring*|reklam*|nyhedsbrev*|=spam|telefonsalg*',
      weight: 2,
      negated: true,
    },
    { right: 'marketing_opt_out', pattern: 'frabed*|frabeder _8 @MARKETING|henvendelse*|kontakt*|opkald*|=mails', weight: 3 },
    { right: 'marketing_opt_out', pattern: 'trækker|trække|tilbagekald*|tilbagetræk* _6 samtykke* _10 @MARKETING', weight: 3 },
    { right: 'marketing_opt_out', pattern: 'samtykke* _10 @MARKETING _6 =tilbage', weight: 3 },
    { right: 'marketing_opt_out', pattern: 'kontakt~|kontakte|ring|ringe|skriv _2 ikke _3 =mig|=igen', weight: 2, negated: true },
    { right: 'marketing_opt_out', pattern: 'robinsonliste*', weight: 2 },
    { right: 'marketing_opt_out', pattern: '=tag|=tage _2 @ME _2 =af|=ud _2 =den|=dem|=listen|=jeres', weight: 3 },
    {
      right: 'marketing_opt_out',
      pattern: 'bliver|=bliv|blive _3 =ved _3 =med _2 =at? _2 ringe|sende|skrive|maile|kontakte|spamme _4 @ME',
      weight: 2,
    },
    {
      right: 'marketing_opt_out',
      pattern: 'ikke _3 kontaktes|ringes|kontakte|=ringe|=ringet|=skrive|=maile _4 =igen|=mere|længere|=flere',
      weight: 2,
      negated: true,
    },
  ],
  frames: [
    '@I|=vi _3 anmoder|anmode|beder|begærer|kræver|ønsker|henvender|bede',
    'anmodning*|begæring*|henvendelse* _3 =om|vedr*|efter',
    'databeskyttelsesforordning*|persondataforordning*|=gdpr|databeskyttelsesloven*|persondataloven*|forordningen|=dsgvo',
    'artikel|=art|artikkel _2 =12|=13|=14|=15|=16|=17|=18|=19|=20|=21|=22',
    '@ME _2 rettighed*',
    '*oplysninger|=data|persondata _6 =om @ME|@THEM',
    'hermed _3 =om',
  ],
  statusChase: [
    // "Jeg skrev til jer for to uger siden", "har ikke hørt noget": an earlier mail chased on a new thread.
    '@I _3 skrev|sendte|mailede|henvendte|kontaktede _3 =jer|=til _6 =for _3 siden',
    'har _2 ikke _3 hørt _2 noget|=fra|=mere',
    'hvor|hvordan _2 langt _6 @ME|=med|sagen|anmodning*|henvendelse*',
    'status _3 på|for|vedr*|=om _4 @ME|sagen|anmodningen|henvendelsen|indsigtsanmodning*|sletning*',
    'endnu|stadig|fortsat _3 ikke _4 hørt|fået|modtaget|set _4 svar|noget|bekræftelse|kvittering|=tilbage',
    '@I _3 har _2 ikke _4 hørt|fået|modtaget _3 svar|noget|bekræftelse|kvittering _6 @ME|anmodning*|henvendelse*|sag*',
    'rykker|rykke|påmindelse|påminder _5 svar|@ME',
    'har|havde _2 =i _3 modtaget _3 @ME _3 anmodning*|henvendelse*|=mail|brev|=e-mail',
    '@ME _1 anmodning*|henvendelse*|indsigtsanmodning*|sletteanmodning*|sletningsanmodning*|=mail|brev _1 =af|=fra|=den|=d|dateret|sendt|afsendt _2 januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|=jan|=feb|=mar|=apr|=jun|=jul|=aug|=sep|=okt|=nov|=dec|sidste|forrige|=i|#',
    'venter _3 stadig|fortsat|endnu _4 svar|=på',
    'fristen|svarfristen|tidsfristen|måned _8 overskredet|udløbet|gået|overskrider|passeret',
    'hvornår _5 svar|=høre _6 @ME|sagen|anmodning*|henvendelse*',
    'opfølgning|følger _3 =op? _4 @ME _3 anmodning*|henvendelse*|sag*',
    '@I _3 sendte|skrev|sendt|skrevet|fremsendte|indsendte _4 =jer|=en|=min|=til _4 anmodning*|henvendelse*|indsigtsanmodning*|sletteanmodning*|=mail _8 siden|=den|=d|sidste|forrige',
  ],
  asRequested: [
    '=som _2 ønsket|aftalt|anmodet|lovet|efterspurgt|bedt',
    '=som _2 =i _2 bad|har _2 =om|bedt',
    'jeres _2 anmodning|forespørgsel _4 @IDDOC|identitet|legitimation*',
  ],
  idSent: [
    'her|hermed|vedhæftet|vedlagt|vedhæfter|vedlægger|fremsender|sender _6 @ME _3 @IDDOC',
    'bekræfte|bekræftelse _3 @ME _2 identitet',
    '@IDDOC _4 vedhæftet|vedlagt',
  ],
};
