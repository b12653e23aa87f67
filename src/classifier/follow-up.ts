import { formatCaseId } from '../domain/case-id.js';
import { findAllOffered, type Pattern, PatternIndex } from './matcher.js';
import { packs } from './rights/index.js';
import { excerpt, type Sentence } from './text.js';
import { DEFAULT_PROFILE, profilePatterns } from './profile.js';
import type { Segments } from './structure.js';
import type { CompanyProfile, EmailInput } from './types.js';

/**
 * Mail about a case that already exists: a case number quoted (DSAR-2026-0042, written loosely or not), a
 * reply on the thread of the company's acknowledgement or identity question, "hvor langt er I med min sag?",
 * or the ID document sent because the company asked for it.
 */

export interface FollowUpVerdict {
  followUp: boolean;
  caseRef: string | null;
  evidence: string[];
  confidence: number;
}

const CASE_REF = /\bDSAR[\s_-]?(\d{4})[\s_-]?(\d{1,6})\b/gi;

/** The first case number in the texts, in canonical form. */
export function findCaseRef(...texts: string[]): string | null {
  for (const text of texts) {
    for (const m of text.matchAll(CASE_REF)) {
      const year = Number(m[1]);
      const seq = Number(m[2]);
      if (year >= 2000 && year <= 2100 && seq >= 1) return formatCaseId(year, seq);
    }
  }
  return null;
}

/** Text the company writes on a case: the acknowledgement, a question about identity, the answer. */
const CASE_TEXT =
  /(sagsnummer|case (?:number|reference)|vi har modtaget din (?:anmodning|henvendelse)|tak for din henvendelse|we have received your request|thank you for your request|behandler den som en anmodning|handling it as a request|bekræfte din identitet|confirm your identity|verify your identity|legitimation|kopi af (?:dit|din) (?:pas|kørekort|id)|copy of your (?:passport|id|driving)|din anmodning om|your request for|svar på din anmodning|answer to your request|indsigtsanmodning|subject access request|anmodning efter databeskyttelsesforordningen|under the general data protection regulation)/i;

const ID_ATTACHMENT =
  /(^|[^a-z])(pas|passport|kørekort|koerekort|korekort|id[-_ ]?kort|id[-_ ]?card|legitimation|sundhedskort|sygesikring|driving.?licen[cs]e|identity|identitet|personalausweis|reisepass|ausweis|körkort|mitid|id)([^a-z]|$)/i;

type PhraseList = 'statusChase' | 'asRequested' | 'idSent';
interface Phrase {
  list: PhraseList;
  /** Index of its pack in packs(). */
  pack: number;
  pattern: Pattern;
}

let phrases: PatternIndex<Phrase> | undefined;

/** Every pack's status chases, "as requested" and ID phrases in one index, built on first use. */
function followUpIndex(): PatternIndex<Phrase> {
  phrases ??= new PatternIndex(
    packs().flatMap((p, pack) =>
      (['statusChase', 'asRequested', 'idSent'] as const).flatMap((list) => p[list].map((pattern) => ({ list, pack, pattern }))),
    ),
    (phrase) => phrase.pattern,
  );
  return phrases;
}

export function detectFollowUp(
  email: EmailInput,
  seg: Segments,
  ownSentences: Sentence[],
  profile: CompanyProfile = DEFAULT_PROFILE,
): FollowUpVerdict {
  const own = profilePatterns(profile);
  const evidence: string[] = [];
  const quotedText = [seg.quoted, seg.forwarded?.quoted ?? ''].join('\n');
  const caseRef = findCaseRef(email.subject, seg.own, seg.forwarded?.text ?? '', quotedText);
  if (caseRef) evidence.push(`case number ${caseRef} quoted`);

  // A reply to the company's own case mail.
  const inReplyTo = `${email.headers['in-reply-to'] ?? ''} ${email.headers.references ?? ''}`;
  const replyToCase =
    seg.kind === 'reply' &&
    CASE_TEXT.test(seg.quoted) &&
    (own.ownText.test(seg.quotedAttribution) ||
      own.ownText.test(seg.quoted.slice(0, 400)) ||
      own.address.test(inReplyTo) ||
      own.name.test(seg.quoted));
  if (replyToCase) evidence.push(`reply to ${profile.name}'s mail on a case`);

  // Chasing an answer; sending what the company asked for. Each sentence asks the index once for all three.
  const offered = ownSentences.map((s) => followUpIndex().candidates(s.tokens));
  const first = (list: PhraseList): string | undefined => {
    for (let pack = 0; pack < packs().length; pack++) {
      for (let i = 0; i < ownSentences.length; i++) {
        const sentence = ownSentences[i]!;
        for (const phrase of offered[i]!) {
          if (phrase.list !== list || phrase.pack !== pack) continue;
          // A phrase in quotation marks is cited ("fx \"hvor langt er I?\""), not asked.
          const m = findAllOffered(phrase.pattern, sentence.tokens).find(
            (x) => !sentence.tokens.slice(x.start, x.end + 1).some((t) => t.quoted),
          );
          if (m) return excerpt(sentence, m.start, m.end);
        }
      }
    }
    return undefined;
  };
  const chase = first('statusChase');
  const asRequested = first('asRequested');
  const idSent = first('idSent');
  if (chase) evidence.push(`asks about an earlier request: "${chase}"`);

  // An ID document sent in answer (not one sent along with a new request).
  const idAttachment = email.attachments.find((name) => ID_ATTACHMENT.test(name.replace(/\.[a-z0-9]{2,5}$/i, '')));
  const idInAnswer = Boolean((idAttachment || idSent) && (seg.kind === 'reply' || asRequested));
  if (idInAnswer)
    evidence.push(idAttachment ? `identity document sent in answer (${idAttachment})` : `identity sent in answer: "${idSent}"`);

  const followUp = Boolean(caseRef || replyToCase || chase || idInAnswer);
  const confidence = caseRef ? 0.97 : replyToCase ? 0.92 : idInAnswer ? 0.85 : chase ? 0.8 : 0;
  return { followUp, caseRef, evidence, confidence };
}
