import type { LanguagePack } from './cue.js';

/**
 * French: the published RGPD templates (droit d'accès, effacement, droit à l'oubli, rectification,
 * opposition) and the common words. Elided words are one token, folded without the apostrophe
 * ("d'accès" is "dacces", "m'oppose" is "moppose"): hence the suffix patterns.
 */

export const fr: LanguagePack = {
  lang: 'fr',
  macros: {
    ME: '=moi|=me|=mes|=mon|=ma|concernant',
    I: '=je|=jai',
    THEM: '=lui|=elle|client*|=fils|=fille|=enfant',
    DATA: '=données|*données|=informations|=compte|=profil',
    WANT: '=demande|demander|=souhaite|=voudrais|=prie|=veuillez|=pouvez',
    ATTR: '=nom|=prénom|=adresse|=téléphone|=numéro|=courriel|=email',
    MARKETING: 'newsletter*|lettre*|publicit*|prospection|marketing|=offres|=emails|=mails|=sms|=spam',
    LISTS: '=liste|*liste|newsletter*|diffusion',
    IDDOC: '=passeport|=identité|=permis',
  },
  negators: ['pas', 'jamais', 'aucun', 'aucune'],
  rights: [
    { right: 'erasure', pattern: 'effacement~|effacer|supprimer|suppression~|supprimez|effacez _6 @ME|@THEM|@DATA', weight: 3 },
    { right: 'erasure', pattern: '@DATA _6 effac*|supprim*', weight: 2 },
    { right: 'erasure', pattern: '=droit _3 *oubli', weight: 2 },
    { right: 'erasure', pattern: 'effacement~', weight: 2 },
    { right: 'access', pattern: '*accès _4 @ME|@DATA', weight: 3 },
    { right: 'access', pattern: 'demande|=droit _1 *accès', weight: 2 },
    { right: 'access', pattern: 'copie _6 @ME|@DATA', weight: 3, unless: ['copie _3 @IDDOC'] },
    { right: 'access', pattern: '*communiquer|transmettre|envoyer _3 =une? _1 copie', weight: 3 },
    { right: 'access', pattern: '=quelles _4 @DATA _10 @ME', weight: 3 },
    { right: 'information', pattern: '=où|=comment _5 obtenu*|collecté*|recueilli* _4 @ME|@DATA', weight: 3 },
    { right: 'information', pattern: '=combien _2 =temps _6 conserv*', weight: 3 },
    { right: 'rectification', pattern: 'rectification~|rectifier|corriger|modifier _6 @ME|@DATA|@ATTR', weight: 3 },
    { right: 'rectification', pattern: 'rectification~', weight: 2 },
    { right: 'restriction', pattern: 'limitation~|limiter _5 traitement*', weight: 3 },
    { right: 'portability', pattern: 'portabilité', weight: 3 },
    { right: 'objection', pattern: '@I _3 *oppose|*opposer', weight: 3, unless: ['@MARKETING'] },
    { right: 'objection', pattern: '=droit _3 opposition', weight: 2, unless: ['@MARKETING'] },
    { right: 'marketing_opt_out', pattern: 'désinscri*|désabonn*', weight: 3 },
    { right: 'marketing_opt_out', pattern: '=plus _2 recevoir _5 @MARKETING', weight: 3, negated: true },
  ],
  frames: [
    '@I _4 =demande|=souhaite|=prie|sollicite|exerce',
    '=rgpd|=gdpr|règlement _4 protection _3 données',
    'article|=art _2 =12|=13|=14|=15|=16|=17|=18|=19|=20|=21',
    '@DATA _3 personnelles|caractère',
  ],
  statusChase: ['=toujours _3 =pas _3 réponse|=reçu|nouvelles', 'relance _4 @ME|demande', '=sans _2 réponse|nouvelles _4 @ME|demande'],
  asRequested: ['=comme _2 demandé|convenu'],
  idSent: ['ci-joint|ci-jointe|joint _6 @ME _3 @IDDOC'],
};
