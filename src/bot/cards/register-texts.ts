import type { Text } from '../../domain/index.js';

/** What the `register` card says, in Danish and English (kept beside the card, not in the shared texts.ts). */

const t = (da: string, en: string): Text => ({ da, en });

export const REGISTER_TEXTS = {
  title: t('Fortegnelsen: det produktet har antaget', 'The register: what the product assumed'),
  subtitle: t(
    '{confirmed} af {n} antagelser er bekræftet eller rettet. Breve nævner kun det bekræftede. {page}',
    '{confirmed} of {n} assumptions are confirmed or edited. Letters state only what is confirmed. {page}',
  ),
  policySays: t('Politikken siger', 'The policy says'),
  assumed: t('Produktet antog', 'The product assumed'),
  toConfirm: t('Skal bekræftes', 'To confirm'),
  state: t('Status', 'Status'),
  open: t('Ikke bekræftet: nævnes ikke i breve', 'Not confirmed: not stated in letters'),
  confirmedBy: t('Bekræftet af {who} den {date}', 'Confirmed by {who} on {date}'),
  editedBy: t('Rettet af {who} den {date}: {text}', 'Edited by {who} on {date}: {text}'),
  rejectedBy: t('Afvist af {who} den {date}: nævnes ikke i breve', 'Rejected by {who} on {date}: not stated in letters'),
  confirm: t('Bekræft', 'Confirm'),
  edit: t('Ret', 'Edit'),
  reject: t('Afvis', 'Reject'),
  save: t('Gem rettelsen', 'Save the edit'),
  textDa: t('Rettet tekst på dansk (står i danske breve)', 'Edited text in Danish (for Danish letters)'),
  textEn: t('Rettet tekst på engelsk (står i engelske breve)', 'Edited text in English (for English letters)'),
  needText: t('Skriv teksten på dansk og på engelsk', 'Write the text in Danish and in English'),
  /** The banner after an answer: doneBy adds "af {who} kl. {time}". */
  done: {
    confirmed: t('{topic}: bekræftet', '{topic}: confirmed'),
    edited: t('{topic}: rettet', '{topic}: edited'),
    rejected: t('{topic}: afvist', '{topic}: rejected'),
  },
  notSetUp: t('Fortegnelsens tabel er ikke sat op her.', 'The register table is not set up here.'),
} as const;
