import type { LanguagePack } from './cue.js';

/** German: the basics of a DSGVO request (Auskunft, Löschung, Widerspruch, Newsletter abbestellen). */

const ERASE = 'löschen~|lösche|löscht|gelöscht|löschung~|entfernen~|entfernt|entferne';

export const de: LanguagePack = {
  lang: 'de',
  macros: {
    ME: '=mich|=mir|=meine|=meiner|=meinen|=meinem|=mein|=meines',
    I: '=ich',
    THEM: '=ihn|=ihm|=seine|=seiner|=seinen|mandant*|=sohn|=sohnes|=tochter|=kind|=kindes',
    DATA: '=daten|*daten|=angaben|informationen|*informationen|=konto|=profil|datensatz*|=alles',
    WANT: '=bitte|=möchte|=möchten|beantrag*|verlang*|fordere|=will|ersuche|=hiermit',
    ATTR: '=name|=namen|nachname*|=adresse|=anschrift|*adresse|telefonnummer*|*nummer|e-mail*|=email|geburtsdatum',
    MARKETING: 'newsletter*|werbung|werbe*|*werbung|=e-mails|=emails|=mails|=angebote|marketing*|=spam|=anrufe|=sms',
    LISTS: 'verteiler*|*verteiler|=liste|*liste|newsletter*|mailingliste*|=werbung',
    IDDOC: '=ausweis|personalausweis*|reisepass*|=pass|führerschein*|ausweiskopie*',
  },
  negators: ['nicht', 'kein', 'keine', 'keinen', 'nie', 'niemals'],
  rights: [
    { right: 'erasure', pattern: `${ERASE} _6 @ME|@THEM|@DATA`, weight: 3, unless: ['=aus|=von _4 @LISTS'] },
    { right: 'erasure', pattern: `@ME|@THEM _4 @DATA _6 ${ERASE}`, weight: 3 },
    { right: 'erasure', pattern: '=recht _3 vergessenwerden|vergessen', weight: 2 },
    { right: 'erasure', pattern: 'löschung~|löschantrag*|löschersuchen', weight: 2 },
    {
      right: 'access',
      pattern:
        'auskunft~|auskunftsersuchen|auskunftsanfrage|auskunftsantrag|datenauskunft|selbstauskunft _10 @ME|@THEM|@DATA|gespeichert*|verarbeit*',
      weight: 3,
    },
    { right: 'access', pattern: 'auskunft~|auskunftsersuchen|auskunftsanfrage|auskunftsantrag|datenauskunft|selbstauskunft', weight: 2 },
    { right: 'access', pattern: 'kopie _6 @ME|@THEM', weight: 3, unless: ['kopie _3 @IDDOC', 'anbei|anhang|beigefügt _6 kopie'] },
    { right: 'access', pattern: 'welche _4 daten|informationen|angaben _10 über|=zu|=von @ME|@THEM', weight: 3 },
    { right: 'information', pattern: '=wie _4 verarbeit*|nutz*|verwend*|gespeichert _6 @ME|@THEM', weight: 3 },
    { right: 'information', pattern: '=woher _6 @ME|@DATA|=adresse', weight: 3 },
    { right: 'information', pattern: '=wen|=wem _6 weitergegeben|weitergeben|übermittelt|verkauft', weight: 3 },
    // The Art. 15(1) items asked in so many words: purposes, recipients, storage period, origin.
    { right: 'information', pattern: 'empfänger*|speicherdauer|verarbeitungszweck*|zwecke|herkunft', weight: 2 },
    { right: 'rectification', pattern: 'berichtig*|berichtigung~|korrigier*|aktualisier* _6 @ME|@THEM|@DATA|@ATTR', weight: 3 },
    { right: 'rectification', pattern: 'berichtigung~', weight: 2 },
    { right: 'rectification', pattern: '@ME _2 @ATTR _6 falsch|fehlerhaft|veraltet|geändert|unrichtig', weight: 3 },
    { right: 'restriction', pattern: 'einschränkung~|einschränken|einzuschränken|eingeschränkt _5 verarbeitung*', weight: 3 },
    { right: 'portability', pattern: 'datenübertragbarkeit~|übertragbarkeit|portabilität|maschinenlesbar*', weight: 3 },
    {
      right: 'objection',
      pattern: '@I|=hiermit _4 widersprech*|widerspreche|widerspruch',
      weight: 3,
      unless: ['@MARKETING', 'unterauftragsverarbeiter*'],
    },
    {
      right: 'objection',
      pattern: 'widerspruch|widerspreche|widersprechen _6 =gegen|verarbeitung*|nutzung|@ME',
      weight: 2,
      unless: ['@MARKETING', 'unterauftragsverarbeiter*'],
    },
    {
      right: 'marketing_opt_out',
      pattern: 'abmelden|abmeldung|abbestellen|abbestellung|austragen|ausgetragen _6 @ME|@MARKETING|@LISTS',
      weight: 3,
    },
    { right: 'marketing_opt_out', pattern: '@MARKETING _6 abmelden|abbestellen|abmeldung|austragen', weight: 3 },
    { right: 'marketing_opt_out', pattern: '=keine _3 @MARKETING', weight: 3, negated: true },
    { right: 'marketing_opt_out', pattern: 'werbewiderspruch|widerspruch _6 werbung|werbe*|marketing*', weight: 3 },
    { right: 'marketing_opt_out', pattern: `${ERASE} _4 @ME _4 =aus|=von _4 @LISTS`, weight: 3 },
  ],
  frames: [
    '@I|=hiermit _4 beantrage|=bitte|verlange|fordere|ersuche|mache',
    '=dsgvo|datenschutz-grundverordnung|datenschutzgrundverordnung|=bdsg|=gdpr',
    '=art|artikel _2 =12|=13|=14|=15|=16|=17|=18|=19|=20|=21',
    'über _1 @ME _3 gespeichert*|verarbeitet*',
  ],
  statusChase: [
    '=stand _3 =meiner|=meines _2 anfrage|antrag*|ersuchen*',
    'sachstand',
    '=noch _3 =keine _2 antwort|rückmeldung|bestätigung',
    'erinnerung _4 @ME|anfrage|antrag',
    'frist _6 abgelaufen|überschritten|verstrichen',
  ],
  asRequested: ['=wie _2 gewünscht|besprochen|vereinbart|angefordert'],
  idSent: ['anbei|anhang|beigefügt _6 @ME _3 @IDDOC'],
};
