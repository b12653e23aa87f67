import type { LanguagePack } from './cue.js';

/** English: formal subject access requests as well as "please take me off your list". */

const ERASE = 'delete~|deleting|deleted|erase~|erasing|erased|wipe|wiped|purge|purged|forget|destroy|destroyed';
const REMOVE = 'remove~|removing|removed|=take';
const FIX = 'correct~|correcting|corrected|update~|updating|updated|=change|changing|amend~|amended|=fix|rectify~|rectified';
const NOT_OPS = 'invoice*|receipt*|reminder*|alert*|notification*|backup*|monitoring|report*|ticket*|password*|order*';

export const en: LanguagePack = {
  lang: 'en',
  macros: {
    ME: '=me|=my|=mine|=myself',
    I: '=i|=im|=ive|=id',
    THEM: '=him|=her|=his|=hers|=client|=clients|=son|=sons|=daughter|=daughters|=child|=childs|=mother|=mothers|=father|=fathers|=wife|=husband|=deceased|=late',
    DATA: '=data|*data|=information|=info|=details|=records|=record|=profile|=file|=files|=emails|=correspondence|=pii|=everything|=all',
    WANT: '=want|=wish|=would|=like|request*|=ask|=asking|=please|=kindly|=need|demand*|require*|=could|=can|=hereby',
    ATTR: '=name|=surname|=address|*address|=email|=e-mail|=phone|*number|=mobile|=birth|=title|=spelling|=details|=postcode',
    PROMO: 'newsletter*|marketing|promotional|promotion*|promo*|=offers|advert*|mailing*|mailshot*|=spam|=sms|=texts|campaign*|sales',
    MARKETING:
      'newsletter*|marketing|promotional|promotion*|promo*|=offers|advert*|mailing*|mailshot*|=emails|=email|=mails|=mail|=spam|=sms|=texts|=calls|communications|=list|=lists|*list|*lists|campaign*|=messages',
    LISTS: '=list|=lists|*list|*lists|mailing*|newsletter*|distribution|marketing|campaign*',
    IDDOC: '=passport|=id|identification|licence|license|=driving|=card|=photo',
  },
  negators: ['not', 'no', 'never', "don't", 'dont', "doesn't", "didn't", "won't", 'cannot', "can't", 'cant', 'unable', 'without', 'nor'],
  rights: [
    // Erasure (Art. 17).
    // "I have deleted my old files": the writer did it, nothing is asked.
    { right: 'erasure', pattern: `${ERASE} _6 @ME|@THEM`, weight: 3, unless: ['@I _3 =have|=had|=ve _2 deleted|removed|erased'] },
    {
      right: 'erasure',
      pattern: `${REMOVE} _5 @ME|@THEM`,
      weight: 3,
      unless: ['=from|=off _4 @LISTS', '=take _2 =care'],
      unlessMessage: ['=from|=off _4 @LISTS'],
    },
    {
      right: 'erasure',
      pattern: `${ERASE} _1 =it|=them|=this|=these|=those`,
      weight: 2,
      secondary: true,
      unless: ['@I _3 =have|=had|=ve _2 deleted|removed|erased'],
    },
    { right: 'erasure', pattern: `@ME|@THEM _4 @DATA _6 ${ERASE}|removed|=deletion|=erasure`, weight: 3 },
    { right: 'erasure', pattern: 'deletion~|erasure~ _6 @ME|@THEM', weight: 3 },
    { right: 'erasure', pattern: `@I _5 @WANT _6 ${ERASE}|deletion|erasure`, weight: 3 },
    { right: 'erasure', pattern: 'deletion~|erasure~ _4 @DATA|=account', weight: 2 },
    { right: 'erasure', pattern: '=right _3 =be _1 forgotten', weight: 2 },
    { right: 'erasure', pattern: 'deletion~|erasure~', weight: 1 },
    { right: 'erasure', pattern: 'close|closing|terminate _3 @ME _2 account', weight: 1 },

    // Access (Art. 15).
    { right: 'access', pattern: 'subject _1 access _2 request*', weight: 3 },
    {
      right: 'access',
      pattern: 'access _5 @ME|@THEM _4 @DATA|personal',
      weight: 3,
      unless: ['account|mailbox|login|password|laptop|=vpn|onedrive|outlook|teams|sharepoint|printer'],
    },
    { right: 'access', pattern: 'access _2 request', weight: 2 },
    { right: 'access', pattern: '=right _2 =of|=to _1 access', weight: 2 },
    { right: 'access', pattern: '=sar|=dsar|=dsars', weight: 2 },
    {
      right: 'access',
      pattern: 'copy|copies _10 @ME|@THEM',
      weight: 3,
      unless: [
        'copy|copies _4 @IDDOC',
        'attached|attaching|attach|enclosed|enclosing|enclose|here _6 copy|copies',
        'copy|copies _4 invoice*|receipt*|credit|order*|quote|contract*|licen*|agreement*',
      ],
    },
    {
      right: 'access',
      pattern: 'copy|copies _3 =of _4 @DATA|personal|=everything',
      weight: 2,
      unless: [
        'copy|copies _4 @IDDOC',
        'attached|attaching|attach|enclosed|enclosing|enclose|here _6 copy|copies',
        'copy|copies _4 invoice*|receipt*|credit|order*|quote|contract*|licen*|agreement*',
      ],
    },
    {
      right: 'access',
      pattern: 'what|which _5 @DATA|personal _10 about|on|regarding|concerning|relating @ME|@THEM',
      weight: 3,
      unless: [`${ERASE}|remove|removing _6 =what|=which|=whatever`],
    },
    {
      right: 'access',
      pattern:
        'what|which _3 =do|=does|=have|=you _6 hold|have|store|keep|process|know|collected _5 about|on|regarding|concerning @ME|@THEM',
      weight: 3,
      unless: [`${ERASE}|remove|removing _6 =what|=which|=whatever`],
    },
    {
      right: 'access',
      pattern:
        '@WANT _6 see|receive|obtain|=get|review|know _6 =all|=any|=the|=what|@DATA _10 about|on|regarding|concerning|relating @ME|@THEM',
      weight: 3,
    },
    {
      right: 'access',
      pattern: '@WANT _6 recording*|transcript*|ticket*|=emails|correspondence|=notes|=log|=logs _8 @ME|@THEM',
      weight: 3,
    },
    { right: 'access', pattern: 'recording|recordings|transcript* _6 @ME _3 call*|conversation*', weight: 2 },
    {
      right: 'access',
      pattern: 'request|requesting|requested _1 =all|=any|=every|=a|=the|=my _1 @DATA|personal|=copy|copies',
      weight: 3,
      unless: ['@LISTS'],
    },
    { right: 'access', pattern: '=know|=see|=find _3 =what|=which _3 @DATA|personal _3 =you _2 =have|hold|store|keep|process', weight: 3 },
    // "Do you guys keep my info?", "what do you have on me": whether and what is held, asked plainly.
    { right: 'access', pattern: '=do|=does _3 =you _3 =keep|=have|=hold|=store|=save|=retain _3 @ME _2 @DATA', weight: 3 },
    { right: 'access', pattern: '=what _3 =you _2 =have|=keep|=hold|=store|=got _2 =on|=about @ME', weight: 3 },
    {
      right: 'access',
      pattern: '=send _2 =me _5 =all|=any|=everything|@DATA|recording*|=emails|correspondence',
      weight: 2,
      unless: [NOT_OPS],
    },

    // Information (Art. 13/14).
    {
      right: 'information',
      pattern: '=how _4 process*|=use|using|=used|=store|handle|handling|=share|=got|=get|obtained _6 @ME|@THEM',
      weight: 3,
    },
    {
      right: 'information',
      pattern: '=who _5 share*|shared|sold|sell|disclose*|recipient*|passed|=given _6 @ME|@THEM|=it|=them',
      weight: 3,
    },
    { right: 'information', pattern: '=where|=how _5 =get|=got|obtain*|=found|=find|source*|=come _6 @ME', weight: 3 },
    { right: 'information', pattern: '=why _4 =have|=hold|process*|store*|=got|=use|=using|keep*|=kept _6 @ME|@THEM', weight: 3 },
    { right: 'information', pattern: 'source _3 =of _3 @ME|@DATA', weight: 2 },
    { right: 'information', pattern: '=what _2 happens|happened|=will _3 =to|=with _2 @ME|@THEM', weight: 3 },
    { right: 'information', pattern: '=how _1 =long _5 =keep|store|retain|=hold _4 @ME|=it|=them|@DATA', weight: 3 },
    {
      right: 'information',
      pattern: 'which|what _2 recipients|=third|companies|partners|suppliers _6 shared|disclosed|passed|sold|transferred|=given|access',
      weight: 2,
    },
    { right: 'information', pattern: '=how _3 =did _2 @I|@ME _3 =end|=get|=come _2 =up? _2 =on|=in', weight: 3 },
    {
      right: 'information',
      pattern: 'information|details _3 about|on|regarding _4 =how|processing|purpose*|=legal|recipient*|retention|source|=who',
      weight: 2,
    },
    { right: 'information', pattern: '=right _2 =to _2 =be _1 informed', weight: 2 },

    // Rectification (Art. 16).
    { right: 'rectification', pattern: 'rectif* _8 @ME|@THEM|@DATA|@ATTR', weight: 3 },
    { right: 'rectification', pattern: 'rectification~|rectify~|rectified', weight: 2 },
    { right: 'rectification', pattern: `${FIX} _4 @ME|@THEM _3 @ATTR|=information|=data|=record|=records|=details`, weight: 3 },
    {
      right: 'rectification',
      pattern: '@ME _2 @ATTR _7 wrong|incorrect*|misspel*|spelt|spelled|outdated|inaccurate|changed|=old|=new|=correct|=mistake',
      weight: 3,
    },
    { right: 'rectification', pattern: `@I _3 =have|=ve|=has _2 changed _3 @ATTR`, weight: 2 },
    { right: 'rectification', pattern: `@I _3 =have|=ve|=has _2 =got _1 =a =new _2 @ATTR`, weight: 2 },
    {
      right: 'rectification',
      pattern: `${FIX} _2 =it|=this|=that|=them _4 =please|=in|=on|=your|records|=system`,
      weight: 2,
      secondary: true,
    },
    { right: 'rectification', pattern: 'incorrect|inaccurate|wrong|outdated _4 @DATA|@ATTR _5 about|on|=for @ME|@THEM', weight: 3 },
    // "The date of birth you hold for me is wrong."
    { right: 'rectification', pattern: '@ATTR _6 @ME _3 incorrect|inaccurate|wrong|outdated|misspelled', weight: 3 },

    // Restriction (Art. 18).
    { right: 'restriction', pattern: 'restrict~|restriction~|restricting|restricted _5 processing|process|=use|using', weight: 3 },
    {
      right: 'restriction',
      pattern: 'stop|pause|suspend|freeze|halt _4 processing|using|=use _10 until|while|pending|resolved',
      weight: 3,
    },
    {
      right: 'restriction',
      pattern: "not|don't|dont _3 delete|erase _10 until|pending|dispute*|claim*|legal|evidence|resolved|complaint",
      weight: 2,
      negated: true,
    },
    { right: 'restriction', pattern: 'block|blocking|freeze _4 @ME _3 @DATA', weight: 2 },
    { right: 'restriction', pattern: '=only _3 store|stored|=keep|kept|=hold', weight: 2 },
    {
      right: 'restriction',
      pattern: "not|don't|dont _3 =use|process|processing|using _10 until|while|pending|resolved",
      weight: 3,
      negated: true,
    },

    // Portability (Art. 20).
    { right: 'portability', pattern: 'portability~|portabilty|=portable', weight: 2 },
    { right: 'portability', pattern: '@ME|@I|@WANT _10 portability~|portabilty', weight: 3 },
    { right: 'portability', pattern: 'machinereadable|structured _4 format*|=form|file*', weight: 3 },
    { right: 'portability', pattern: 'machine _1 readable', weight: 3 },
    {
      right: 'portability',
      pattern:
        'transfer~|transmit~|=move|=port|export~|migrate _4 @ME|@THEM _4 @DATA _10 another|=new|other|provider|controller|company|service|supplier',
      weight: 3,
    },
    { right: 'portability', pattern: '@ME|@THEM _4 @DATA _10 =csv|=json|=xml|excel', weight: 3 },
    { right: 'portability', pattern: 'export _4 @ME _3 @DATA', weight: 2 },

    // Objection (Art. 21(1)).
    {
      right: 'objection',
      pattern: 'object|objecting|objection~|objections _4 =to|against _6 processing|=use|using|profiling|@ME|@THEM',
      weight: 3,
      unless: ['@MARKETING', 'sub-processor*|subprocessor*|=sub'],
    },
    { right: 'objection', pattern: '@I|=we|=hereby _3 =object', weight: 3, unless: ['@MARKETING', 'sub-processor*|subprocessor*|=sub'] },
    {
      right: 'objection',
      pattern: 'stop|cease _3 processing|using|=use|profiling|analysing|analyzing|tracking _8 @ME|@THEM',
      weight: 3,
      unless: ['@MARKETING', 'until|while|pending'],
    },
    { right: 'objection', pattern: 'withdraw~|withdrawing|revoke|revoking _4 @ME? _3 consent', weight: 2, unless: ['@MARKETING'] },
    {
      right: 'objection',
      pattern: "not|don't|dont _3 want|consent _6 process*|=use|using|profil* _6 @ME",
      weight: 2,
      negated: true,
      unless: ['@MARKETING'],
    },
    { right: 'objection', pattern: 'objection~', weight: 1 },

    // Marketing opt-out (Art. 21(2)-(3)).
    { right: 'marketing_opt_out', pattern: 'unsubscribe~|unsubscribing|=unsub _4 @ME|@MARKETING|=from', weight: 3 },
    { right: 'marketing_opt_out', pattern: 'unsubscribe~|unsubscribing|=unsub|optout|opt-out', weight: 2 },
    { right: 'marketing_opt_out', pattern: '=opt _1 =out _4 =of|=from|@MARKETING|@ME', weight: 3 },
    { right: 'marketing_opt_out', pattern: `${REMOVE}|${ERASE}|=strike _4 @ME|@THEM _5 =from|=off _4 @LISTS`, weight: 3 },
    {
      right: 'marketing_opt_out',
      pattern:
        "no|not|don't|dont|never _3 longer|more|further|any _4 receive|=get|=want|=send|sending|contact*|emails|@MARKETING _6 @MARKETING",
      weight: 3,
      negated: true,
      unless: [NOT_OPS, '=if _3 =you'],
    },
    {
      right: 'marketing_opt_out',
      pattern: "not|don't|dont|never _3 receive|=get _5 @PROMO",
      weight: 3,
      negated: true,
      unless: [NOT_OPS, '=if _3 =you'],
    },
    {
      right: 'marketing_opt_out',
      pattern: 'stop|quit|cease _3 sending|emailing|contacting|calling|texting|spamming|=send|=email|=contact|=call _6 @ME|@MARKETING',
      weight: 3,
      unless: [NOT_OPS],
    },
    { right: 'marketing_opt_out', pattern: "not|don't|dont|never _2 contact|=call|=email|=text _2 =me", weight: 2, negated: true },
    { right: 'marketing_opt_out', pattern: 'withdraw~|withdrawing|revoke _6 consent _10 @MARKETING', weight: 3 },
    { right: 'marketing_opt_out', pattern: '=no _2 =more? _2 marketing|=spam|newsletters', weight: 2, negated: true },
    { right: 'marketing_opt_out', pattern: '=take _2 @ME _2 =off', weight: 3 },
    { right: 'marketing_opt_out', pattern: '=keep _3 calling|emailing|sending|contacting|texting|spamming|ringing _4 @ME', weight: 2 },
  ],
  frames: [
    '@I|=we _4 request|requesting|=ask|asking|demand|=wish|=writing|exercise|exercising|invoke',
    'request _3 under|pursuant|according|=per',
    '=gdpr|=ukgdpr',
    'general _1 data _1 protection _1 regulation',
    'data _1 protection _1 act|law|laws|legislation',
    'article|=art|=articles _2 =12|=13|=14|=15|=16|=17|=18|=19|=20|=21|=22',
    '@ME _2 rights',
    'personal _1 data|information _6 about|concerning|relating|regarding @ME|@THEM',
    '@DATA _4 =you _3 hold|have|=keep|process _3 about|=on|regarding @ME|@THEM',
  ],
  statusChase: [
    '=any|=an _2 update*|news|progress _4 =on|about|regarding _4 @ME|=the|request*|case|=sar|=dsar',
    'status _3 =of|=on|=for _3 @ME|=the _2 request|case|=sar|=dsar|complaint',
    "not|haven't|havent _3 =yet? _2 heard|received _3 back|anything|response|reply|answer|acknowledg*",
    '=still _2 waiting|awaiting',
    'following|follow _2 up _5 @ME|previous|earlier|request|=email|letter|=sar',
    'chasing|chase _4 @ME|request|response|reply',
    '=did|=have _2 =you _2 receive|received|=get|=got _3 @ME _3 request|=email|letter|=sar',
    '@ME _1 request|=email|letter|=sar|=dsar _1 dated|=of|sent|submitted|=from|=on _2 january|february|march|april|may|june|july|august|september|october|november|december|=jan|=feb|=mar|=apr|=jun|=jul|=aug|=sep|=oct|=nov|=dec|=last|=the|#',
    'deadline|=month|=30 _8 passed|expired|exceeded|overdue|elapsed',
    '=when _5 expect|hear|receive _5 response|reply|answer|=data|=copy',
    '@I _3 sent|submitted|emailed|made|wrote _4 =you|=a|=my _4 request|=sar|=dsar|=email|letter _8 =ago|=on|=last|=weeks|=months',
    // "I wrote to you two weeks ago and have heard nothing": an earlier mail chased on a new thread.
    '@I _2 wrote|emailed|contacted|messaged _3 =you|=to _6 =ago',
    '=heard _2 nothing|=back',
    'reminder _4 @ME|request|=sar',
  ],
  asRequested: ['=as _2 requested|=asked|discussed|agreed', '=you _2 asked|requested _3 =for', '=per|following _2 your _2 request'],
  idSent: [
    'attached|enclosed|here|attaching|enclosing _6 @ME _3 @IDDOC',
    'verify|confirm|verification _3 @ME _2 identity',
    '@IDDOC _4 attached|enclosed',
  ],
};
