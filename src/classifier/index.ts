import type { Right } from '../domain/rights.js';
import { classify } from './classify.js';
import { parseEmail } from './parse-email.js';
import { DEFAULT_PROFILE } from './profile.js';
import type { Classification, CompanyProfile, Verdict } from './types.js';

export { classify, emailInput } from './classify.js';
export { parseEmail, UnreadableEmailError } from './parse-email.js';
export { DEFAULT_PROFILE } from './profile.js';
export type { Classification, CompanyProfile, EmailInput, Lang, MailKind, Mailbox, Verdict } from './types.js';
export { LANGS, VERDICTS } from './types.js';

/** Right names in the `dsar classify` output (a contract scripts check), from the domain's names. */
export const CLI_RIGHT_NAMES: Record<Right, string> = {
  access: 'access',
  information: 'information',
  rectification: 'rectification',
  erasure: 'erasure',
  restriction: 'restriction',
  portability: 'portability',
  objection: 'objection',
  marketing_opt_out: 'marketing_optout',
};

/** The CLI's JSON object, keys in the contract's order. */
export interface ClassificationJson {
  verdict: Verdict;
  privacyRequest: boolean;
  followUp: boolean;
  caseRef: string | null;
  rights: string[];
  requester: { email: string | null; name: string | null };
  dataSubject: { name: string | null } | null;
  language: string;
  confidence: number;
  evidence: string[];
}

export function toJson(c: Classification): ClassificationJson {
  return {
    verdict: c.verdict,
    privacyRequest: c.privacyRequest,
    followUp: c.followUp,
    caseRef: c.caseRef,
    rights: c.rights.map((r) => CLI_RIGHT_NAMES[r]),
    requester: { email: c.requester.address, name: c.requester.name },
    dataSubject: c.dataSubject ? { name: c.dataSubject.name } : null,
    language: c.language,
    confidence: c.confidence,
    evidence: c.evidence,
  };
}

/** Parses and classifies one RFC 822 message, written to `profile`'s company (DEFAULT_PROFILE when none). */
export async function classifyEml(source: Buffer | string, profile: CompanyProfile = DEFAULT_PROFILE): Promise<Classification> {
  return classify(await parseEmail(source), profile);
}
export { classifierFor, classifyMime, type ClassifyMime } from './classify-mime.js';
