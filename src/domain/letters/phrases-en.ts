import type { AuthorityKind } from '../case.js';
import type { Phrases } from './phrases.js';

const AUTHORITY: Record<AuthorityKind, string> = {
  power_of_attorney: ' under a power of attorney',
  parent: ' as a parent with parental responsibility',
  guardian: ' as guardian',
  other: '',
};

const RIGHT_NOUN = { erasure: 'erasure', rectification: 'rectification', restriction: 'restriction' } as const;

export const EN: Phrases = {
  subject: {
    access: 'Answer to your request for access',
    information: 'Information about how we process personal data',
    portability: 'Your data in a portable format',
    erasure: 'Answer to your request for erasure',
    rectification: 'Answer to your request for rectification',
    restriction: 'Answer to your request for restriction of processing',
    objection: 'Answer to your objection',
    marketing_opt_out: 'Confirmation of your opt-out from marketing',
    refusal: 'Answer to your request',
    identity_request: 'We need to confirm identity before we can answer',
    extension_notice: 'We need more time to answer',
    forwarded: 'Your request has been forwarded to the controller',
    no_data: 'Answer to your request: we hold no data',
  },
  caseRef: (id) => `Case number ${id}`,
  dateLine: (city, date) => `${city}, ${date}`,
  hello: (name) => `Dear ${name ?? 'Sir or Madam'}`,
  regards: 'Kind regards',
  you: 'you',
  unnamedSubject: 'the person you represent',
  representative: (s, a) =>
    `You have written to us on behalf of ${s}${AUTHORITY[a]}. This letter is therefore about personal data about ${s}.`,
  thanks: (rights, received) => `Thank you for your request regarding ${rights}, which we received on ${received}.`,
  rightName: {
    access: 'access',
    information: 'information about the processing',
    rectification: 'rectification',
    erasure: 'erasure',
    restriction: 'restriction of processing',
    portability: 'data portability',
    objection: 'objection to processing',
    marketing_opt_out: 'opt-out from marketing',
  },
  unsupportedLanguage: (language) => `We are writing in English because we cannot write letters in ${language}.`,
  registerLanguage: 'We are writing in English because our record of processing activities exists only in Danish and English.',
  complaintHeading: 'Complaints and the courts',
  complaint: (sa) =>
    `If you are not satisfied with our answer, you can complain to the Danish Data Protection Agency (${sa.name}), ${sa.address.street}, ${sa.address.postalCode} ${sa.address.city}, Denmark, ${sa.email}, telephone ${sa.phone}, ${sa.website}.`,
  courts: 'You can also bring the matter before the courts (Article 79).',
  systemsHeading: {
    erasure: 'Erasure in our systems',
    rectification: 'Rectification in our systems',
    restriction: 'Restriction in our systems',
  },
  statusDone: { erasure: 'erased', rectification: 'corrected', restriction: 'restricted to storage' },
  statusExpires: 'put beyond use; deleted automatically when its retention period ends',
  statusRetained: 'what the law requires is kept (see below); the rest is erased',
  statusInProgress: 'in progress',
  allDone: (right, who) => `We have completed the ${RIGHT_NOUN[right]} of personal data about ${who} in all our systems.`,
  someDone: (right, who, done, total) =>
    `We are carrying out the ${RIGHT_NOUN[right]} of personal data about ${who}. It is complete in ${done} of ${total} systems; in the others it is in progress.`,
  writeAgain: 'We will write to you again when everything is complete.',
  keptHeading: 'What we have kept, and why',
  bookkeeping: (who, year, until) =>
    `We have kept accounting records (invoices and vouchers) about ${who}, because the Danish Bookkeeping Act requires them to be kept for 5 years from the end of the financial year they relate to (Article 17(3)(b)). The latest records relate to the financial year ${year} and will be deleted on ${until}.`,
  keptUse: 'Until then we use the data for nothing else.',
  art19Heading: 'Telling the recipients of the data (Article 19)',
  art19AllTold: (names) => `We have told everyone who received the data about the change: ${names}.`,
  art19Told: (names) => `We have told ${names} about the change.`,
  art19WillTell: (names) => `We will tell ${names}.`,
  art19NotTold: (name, reason) => `We are not telling ${name}, because ${reason}.`,
  otherRecipients: 'other recipients (suppliers and authorities)',
  restrictionPromise: 'We will tell you before the restriction is lifted (Article 18(3)).',
  suppression: (done) =>
    `${done ? 'We have recorded' : 'We are recording'} the e-mail address on our suppression list, so that we can make sure, and show, that no marketing is sent to it again (Article 21(3)). The list is used for nothing else, and the entry is deleted 2 years after the opt-out.`,
  objectionStopped: (who) => `We have stopped the processing of personal data about ${who} that you objected to (Article 21(1)).`,
  objectionGrounds: (who) =>
    `We have assessed your objection and are continuing the processing of personal data about ${who}, because we have compelling legitimate grounds that override ${who === 'you' ? 'your' : `${who}'s`} interests, rights and freedoms (Article 21(1)).`,
  marketingStopped: (who, date) => `On ${date} we stopped all direct marketing to ${who}.`,
  portability: (who, files, messages) =>
    `Enclosed is the data ${who} provided to us, in a structured, commonly used and machine-readable format (Article 20): ${files}. The files hold the contact details and ${messages === 1 ? '1 e-mail' : `${messages} e-mails`} in full.`,
  refusal: (basis, rights) => `We are not acting on your request for ${rights}. The decision rests on ${basis}.`,
  refusalInformed: (rights) =>
    `We are not acting on your request for ${rights}. As Article 12(4) of the General Data Protection Regulation requires, here are our reasons.`,
  refusalBasis: {
    '11(2)': 'We cannot identify the person in the data we process.',
    '12(4)': 'We are not taking action on the request.',
    '12(5)': 'The request is manifestly unfounded or excessive.',
    '12(6)': 'We have not been able to confirm identity, although we asked for the information needed.',
    '15(4)': "A copy would adversely affect other people's rights.",
    '17(3)': 'The law requires us to keep the data.',
    '21(1)': "We have compelling legitimate grounds for the processing that override the data subject's interests.",
    'DBL §22': 'Section 22 of the Danish Data Protection Act exempts the data from access for overriding private or public interests.',
  },
  reasonLabel: 'Reasons',
  identityWhy: (who) =>
    `Before we answer, we must be sure that we disclose personal data about ${who} only to the right person (Article 12(6)). We have reasonable doubts about identity, so we ask you for one of the following:`,
  identityAsk: 'Please reply to this e-mail as soon as you can.',
  identityMethod: {
    known_address: 'write to us from the e-mail address we already hold',
    mitid_signed: 'send us an e-mail signed with MitID',
    customer_number: 'give us your customer number and billing address',
    call_back: 'let us call you back on the telephone number we hold',
  },
  identityAuthority: (s, a) =>
    a === 'parent'
      ? `Please also send us evidence that you have parental responsibility for ${s}.`
      : a === 'guardian'
        ? `Please also send us evidence that you are the guardian of ${s}.`
        : `Please also send us a dated and signed power of attorney from ${s}.`,
  identityNoCopy:
    'Please do not send a copy of a passport, driving licence or other photo ID. We do not need it, and we never keep copies of ID.',
  clockStopped: (from) => `The time limit for our answer is on hold from ${from} until we hear from you.`,
  extension: (reason, first, next) =>
    `We cannot answer by ${first}, the time limit that would otherwise apply. We are therefore extending it by two months (Article 12(3)), because ${reason}. You will have our answer by ${next} at the latest.`,
  forwarded: (controller, to, at) =>
    `Your request is about data we process only on behalf of ${controller}, as its processor. ${controller} is the controller and must answer you. On ${at} we forwarded your request to ${to}.`,
  noData: (who, systems) =>
    `We have searched for personal data about ${who} in ${systems} and found none apart from your request itself, which we keep as a record of our answer.`,
  reply: 'If you have any questions, please reply to this e-mail.',
};
