import { classify } from './classifier/classify.js';
import { parseEmail, UnreadableEmailError } from './classifier/parse-email.js';
import type { ClassifyMime, Verdict } from './intake-processor.js';

/** Not mail at all (a broken MIME source): recorded as seen, not retried for ever. */
const UNREADABLE: Verdict = {
  privacyRequest: false,
  followUp: false,
  caseRef: null,
  rights: [],
  requester: { email: null, name: null },
  dataSubject: null,
  language: 'und',
  confidence: 1,
  evidence: ['the message could not be read as e-mail'],
};

/** The intake's classifier: RFC 822 bytes in, the verdict the processor acts on out. */
export const classifyMime: ClassifyMime = async (mime) => {
  let email;
  try {
    email = await parseEmail(mime);
  } catch (error) {
    if (error instanceof UnreadableEmailError) return UNREADABLE;
    throw error;
  }
  const verdict = classify(email);
  return {
    privacyRequest: verdict.privacyRequest,
    followUp: verdict.followUp,
    caseRef: verdict.caseRef,
    rights: verdict.rights,
    requester: { email: verdict.requester.address, name: verdict.requester.name },
    dataSubject: verdict.dataSubject,
    language: verdict.language,
    confidence: verdict.confidence,
    evidence: verdict.evidence,
  };
};
