import type { LanguagePack } from './cue.js';

/**
 * Dutch: the published AVG templates (inzageverzoek, verzoek tot verwijdering, recht op vergetelheid,
 * rectificatie, bezwaar) and the common words.
 */

const ERASE = 'verwijder*|=wissen|=wis|gewist|verwijdering~';

export const nl: LanguagePack = {
  lang: 'nl',
  macros: {
    ME: '=mij|=mijn|=me|=mijzelf',
    I: '=ik',
    THEM: '=hem|=haar|cliënt*|client*|=zoon|=dochter|=kind',
    DATA: 'persoonsgegevens|=gegevens|*gegevens|=informatie|=data|=account|=profiel|=alles',
    WANT: '=wil|=graag|verzoek*|=vraag|=kunt|=kan',
    ATTR: '=naam|achternaam|=adres|*adres|telefoonnummer*|e-mailadres|geboortedatum',
    MARKETING: 'nieuwsbrie*|reclame*|=marketing|aanbieding*|=mails|=e-mails|=sms|=spam',
    LISTS: '=lijst|*lijst|mailinglijst*|nieuwsbrie*|verzendlijst*',
    IDDOC: 'paspoort*|identiteitskaart*|=id|rijbewijs*|legitimatie*',
  },
  negators: ['niet', 'geen', 'nooit'],
  rights: [
    { right: 'erasure', pattern: `${ERASE} _6 @ME|@THEM|@DATA`, weight: 3, unless: ['=uit|=van _4 @LISTS'] },
    { right: 'erasure', pattern: `@ME|@THEM _4 @DATA _6 ${ERASE}`, weight: 3 },
    { right: 'erasure', pattern: '=recht _2 =op _1 vergetelheid', weight: 2 },
    { right: 'erasure', pattern: 'vergetelheid|verwijderverzoek*|verwijderingsverzoek*', weight: 2 },
    { right: 'access', pattern: 'inzage~|inzageverzoek*|inzagerecht* _10 @ME|@THEM|@DATA', weight: 3 },
    { right: 'access', pattern: 'inzage~|inzageverzoek*|inzagerecht*', weight: 2 },
    { right: 'access', pattern: 'kopie _6 @ME|@THEM|@DATA', weight: 3, unless: ['kopie _3 @IDDOC', 'bijgevoegd|bijlage _6 kopie'] },
    { right: 'access', pattern: '=welke _4 persoonsgegevens|gegevens|informatie _10 =van|=over @ME|@THEM', weight: 3 },
    { right: 'information', pattern: '=waar _5 vandaan|verkregen', weight: 3 },
    { right: 'information', pattern: '=aan _1 =wie|ontvangers _6 verstrekt|gedeeld|doorgegeven|verkocht', weight: 3 },
    { right: 'information', pattern: '=hoe _1 lang _6 bewaar*', weight: 3 },
    { right: 'information', pattern: 'ontvangers|bewaartermijn*|=doel|doeleinden _3 verwerking*', weight: 2 },
    {
      right: 'rectification',
      pattern: 'rectificatie~|correctie~|corrigeren|corrigeer|aanpassen|wijzigen _6 @ME|@THEM|@DATA|@ATTR',
      weight: 3,
    },
    { right: 'rectification', pattern: 'rectificatie~', weight: 2 },
    { right: 'restriction', pattern: 'beperking~|beperken _5 verwerking*', weight: 3 },
    { right: 'portability', pattern: 'overdraagbaarheid|dataportabiliteit|machineleesba*', weight: 3 },
    { right: 'objection', pattern: '@I _4 =maak|=teken _2 bezwaar', weight: 3, unless: ['@MARKETING'] },
    { right: 'objection', pattern: 'bezwaar _4 =tegen _4 verwerking*|@ME', weight: 2, unless: ['@MARKETING'] },
    { right: 'marketing_opt_out', pattern: 'uitschrijven|afmelden|afmelding _6 @ME|@MARKETING|@LISTS', weight: 3 },
    { right: 'marketing_opt_out', pattern: '=geen _3 @MARKETING _3 =meer', weight: 3, negated: true },
  ],
  frames: [
    '@I _4 verzoek|verzoeken|=vraag|=wil',
    '=avg|=gdpr|=uavg|gegevensbescherming',
    'artikel|=art _2 =12|=13|=14|=15|=16|=17|=18|=19|=20|=21',
    'hierbij _3 verzoek*',
  ],
  statusChase: ['=nog _3 =geen _2 antwoord|reactie|bevestiging', 'herinnering _4 @ME|verzoek*'],
  asRequested: ['=zoals _2 gevraagd|afgesproken|verzocht'],
  idSent: ['bijgevoegd|bijlage|hierbij _6 @ME _3 @IDDOC'],
};
