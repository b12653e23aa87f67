import type { LanguagePack } from './cue.js';

/**
 * Norwegian (bokmål): the published request templates (innsyn, sletting, retting, "personvernforordningen
 * artikkel 15") and the common words. Close to Danish; the spelling differs (meg, dere, opplysninger).
 */

const ERASE = 'slett~|sletter|slettes|slettet|slettede|sletting~|slettingen';

export const no: LanguagePack = {
  lang: 'no',
  macros: {
    ME: '=meg|=min|=mine|=mitt|=mi',
    I: '=jeg|=eg',
    THEM: '=henne|=ham|=hennes|=hans|klient*|=sønn|=sønnen|=datter|=dattera|=datteren|=barn|=barnet',
    // Norwegian spellings only: the packs run on every mail, and "data", "konto" are Danish too.
    DATA: 'opplysninger*|*opplysninger|*opplysningene|=informasjon|=kontoen|=dataene',
    WANT: '=vil|ønsker|=ber|krever|vennligst|=kan',
    ATTR: '=navn|=navnet|etternavn*|=adresse|*adresse|*adressen|telefonnummer*|=e-post|fødselsdato*',
    MARKETING: 'nyhetsbrev*|*nyhetsbrev|reklame*|markedsføring*|=e-post|=sms|tilbud*|=spam|utsendelse*',
    LISTS: '=liste|=listen|*liste|*listen|nyhetsbrev*|utsendelse*|e-postliste*',
    IDDOC: '=pass|=passet|id-kort|førerkort*|legitimasjon*',
  },
  negators: ['ikke', 'ikkje', 'aldri'],
  rights: [
    { right: 'erasure', pattern: `${ERASE} _6 @ME|@THEM|@DATA`, weight: 3, unless: ['=fra _4 @LISTS'] },
    { right: 'erasure', pattern: `@ME|@THEM _4 @DATA _6 ${ERASE}`, weight: 3 },
    { right: 'erasure', pattern: '=bli _1 glemt', weight: 2 },
    { right: 'erasure', pattern: 'sletting~|slettingen', weight: 2 },
    { right: 'access', pattern: 'innsyn~|innsynsrett*|innsynsbegjæring*|innsynskrav* _10 @ME|@THEM|@DATA', weight: 3 },
    { right: 'access', pattern: 'innsyn~|innsynsrett*|innsynsbegjæring*|innsynskrav*', weight: 2 },
    {
      right: 'access',
      pattern: 'kopi _6 @ME|@THEM|@DATA',
      weight: 3,
      unless: ['kopi _3 @IDDOC', 'vedlagt|vedlegger _6 kopi', 'ikke _3 behov|bruk|brug _3 kopi*'],
    },
    { right: 'access', pattern: '=hva|=hvilke _4 opplysninger*|*opplysninger|=data|=informasjon _10 =om @ME|@THEM', weight: 3 },
    { right: 'access', pattern: '=hva _4 =har|lagrer|lagret _3 =dere _6 =om|=på @ME|@THEM', weight: 3 },
    { right: 'information', pattern: '=hvor _3 =har? _3 =dere _3 =fått|hentet _4 @ME|@DATA', weight: 3 },
    { right: 'information', pattern: '=hvem _5 utlevert|delt|=gitt|videreformidlet|solgt', weight: 3 },
    { right: 'information', pattern: '=hvor _1 lenge _6 lagr*|oppbevar*|beholde*', weight: 3 },
    { right: 'information', pattern: '=hva _3 =de|@DATA _2 brukes|benyttes _2 =til', weight: 3 },
    { right: 'rectification', pattern: 'retting~|korriger*|oppdater* _6 @ME|@THEM|@DATA|@ATTR', weight: 3 },
    { right: 'rectification', pattern: '=rette _4 @ME|@DATA|@ATTR', weight: 3 },
    { right: 'rectification', pattern: '@ME _2 @ATTR _6 =feil|uriktig*|=gammel', weight: 3 },
    { right: 'restriction', pattern: 'begrens*|begrensning~ _5 behandling*', weight: 3 },
    { right: 'portability', pattern: 'dataportabilitet*|portabilitet|maskinlesbar*', weight: 3 },
    { right: 'objection', pattern: '@I _4 protesterer|motsetter|innsigelse|innvending*', weight: 3, unless: ['@MARKETING'] },
    { right: 'objection', pattern: 'innsigelse|protest _6 =mot _4 behandling*|@ME', weight: 2, unless: ['@MARKETING'] },
    { right: 'marketing_opt_out', pattern: 'avmeld*|avregistrer*|avslutt _3 abonnement*', weight: 3 },
    { right: 'marketing_opt_out', pattern: '=meld _2 =meg _2 =av', weight: 3 },
    { right: 'marketing_opt_out', pattern: '=ikke _4 =motta|=få _4 =mer|=flere _3 @MARKETING', weight: 3, negated: true },
  ],
  frames: [
    '@I _4 =ber|krever|ønsker|anmoder',
    '=gdpr|personvernforordningen|personvernforordning|personopplysningsloven',
    'artikkel|=art _2 =12|=13|=14|=15|=16|=17|=18|=19|=20|=21',
    '*opplysninger|*opplysningene|=data _6 =om @ME',
  ],
  statusChase: [
    '=hvor _2 langt _6 =med|@ME|saken|henvendelse*',
    '=ikke _3 =hørt|fått _3 =noe|=svar|bekreftelse',
    'påminnelse|purring _4 @ME|henvendelse*|forespørsel*|krav*',
  ],
  asRequested: ['=som _2 avtalt|ønsket|bedt|etterspurt'],
  idSent: ['vedlagt|=her _6 @ME _3 @IDDOC'],
};
