import { classify } from './classify.js';
import { parseEmail, UnreadableEmailError } from './parse-email.js';
import { DEFAULT_PROFILE } from './profile.js';
import type { Classification, CompanyProfile } from './types.js';

/** RFC 822 bytes in, the classifier's verdict out. */
export type ClassifyMime = (mime: Buffer) => Promise<Classification>;

/**
 * Not readable as e-mail (a broken MIME source): a person may still have written it, so it is surfaced as
 * uncertain (the DPO looks at it in Outlook), never dropped and never retried for ever.
 */
const UNREADABLE: Classification = {
  verdict: 'uncertain',
  privacyRequest: false,
  originalSentAt: null,
  statedFirstContact: null,
  controllerElsewhere: null,
  followUp: false,
  caseRef: null,
  rights: [],
  requester: { address: null, name: null },
  dataSubject: null,
  language: 'und',
  confidence: 1,
  evidence: ['the message could not be read as e-mail'],
  kind: 'other',
};

/** The intake's classifier for one company: RFC 822 bytes in, the classifier's verdict out. */
export function classifierFor(profile: CompanyProfile): ClassifyMime {
  return async (mime) => {
    try {
      return classify(await parseEmail(mime), profile);
    } catch (error) {
      if (error instanceof UnreadableEmailError) return { ...UNREADABLE, evidence: [...UNREADABLE.evidence] };
      throw error;
    }
  };
}

/** The classifier for the default company (DEFAULT_PROFILE), until the application passes its own. */
export const classifyMime: ClassifyMime = classifierFor(DEFAULT_PROFILE);
