import { RIGHTS, type Right } from '../domain/rights.js';
import { detectFollowUp } from './follow-up.js';
import { findRequester, isInternal } from './forward.js';
import { detectLanguage } from './language.js';
import { findAll, type Match } from './matcher.js';
import { autoReplyText, contentSignals, headerSignals, invoiceSignal, isBoilerplate, type Signal } from './negative-signals.js';
import { detectOnBehalf } from './on-behalf.js';
import { packs, type CompiledCue } from './rights/index.js';
import { segment, type Segments } from './structure.js';
import { excerpt, splitSentences, type Sentence, type Token } from './text.js';
import type { Classification, EmailInput, MailKind } from './types.js';

/**
 * The classifier: one e-mail in, a verdict out. Pure (no I/O), deterministic, and it never throws on
 * odd input. How it decides:
 *
 * 1. Automatic mail (auto-replies, bounces) is never a request: the headers say so.
 * 2. The body is split into the sender's own words, quoted text and a forwarded message. Only the sender's
 *    words (or, for a forward, the original sender's) and the subject can make a request.
 * 3. Phrase patterns per language and right (rights/*.ts) score how clearly each right is asked for, with
 *    stemming, typo tolerance, negation ("ikke slette"), cited phrases ("fx \"fjern mig\"") and third
 *    persons (only counted when someone asks on another's behalf).
 * 4. Request wording ("jeg anmoder hermed", "under the GDPR") adds to the score; content that marks the mail
 *    as something else (a newsletter, a processing agreement, a customer's instruction about its own staff,
 *    phishing, an invoice) subtracts.
 * 5. A mail about an existing case (case number, reply to ITGuy's case mail, "hvor langt er I?", the ID that
 *    was asked for) is a follow-up, never a new request.
 */

const THRESHOLD = 3;

interface RightHit {
  right: Right;
  weight: number;
  evidence: string;
  source: Sentence['source'];
  /** Index of the sentence it came from (-1 for derived hits). */
  sentence: number;
  secondary: boolean;
}

const POLITE_BEFORE = new Set([
  'kan',
  'vil',
  'gider',
  'kunne',
  'ville',
  'skal',
  'maa',
  'can',
  'could',
  'would',
  'will',
  'why',
  'hvorfor',
  'koennen',
  'koennten',
]);
const POLITE_YOU = new Set(['i', 'du', 'jer', 'you', 'ni', 'sie', 'de']);

let negatorSet: Set<string> | undefined;
const negators = () => (negatorSet ??= new Set(packs().flatMap((p) => [...p.negators])));

/** A negation right before the match (or right after its first word: "slet ikke"), unless it is the polite "kan I ikke ...?". */
function isNegated(tokens: Token[], m: Match): boolean {
  const neg = negators();
  const check = (i: number) => {
    const t = tokens[i];
    if (!t || !neg.has(t.fold)) return false;
    const a = tokens[i - 1]?.fold ?? '';
    const b = tokens[i - 2]?.fold ?? '';
    if (POLITE_YOU.has(a) && POLITE_BEFORE.has(b)) return false;
    if (POLITE_BEFORE.has(a) && (a === 'why' || a === 'hvorfor')) return false;
    return true;
  };
  for (let i = Math.max(0, m.start - 3); i < m.start; i++) if (check(i)) return true;
  // Inside the phrase too: "mine oplysninger må ikke slettes", "my data ... do not delete".
  for (let i = m.start + 1; i <= m.end; i++) if (check(i)) return true;
  return false;
}

function hasFirstPerson(sentence: Sentence): boolean {
  const tokens = sentence.tokens.filter((t) => !t.quoted);
  return packs().some((p) => findAll(p.firstPerson, tokens).length > 0);
}

function matchCue(cue: CompiledCue, sentence: Sentence, onBehalf: boolean, message: Sentence[]): { weight: number; match: Match } | null {
  if (cue.unlessMessage.length && message.some((s) => cue.unlessMessage.some((u) => findAll(u, s.tokens).length > 0))) return null;
  for (const m of findAll(cue.pattern, sentence.tokens)) {
    if (!cue.negated && isNegated(sentence.tokens, m)) continue;
    if (m.tags.includes('THEM') && !m.tags.includes('ME') && !onBehalf) continue;
    if (cue.unless.some((u) => findAll(u, sentence.tokens).length > 0)) continue;
    let weight = cue.weight;
    // A phrase in quotation marks is cited, not asked ("fx \"fjern mig fra jeres liste\"").
    if (sentence.tokens[m.start]?.quoted) weight = 1;
    return { weight, match: m };
  }
  return null;
}

const ARTICLE = /\b(?:art(?:ikel|icle|ikkel|\.)?|artikel)\s*\.?\s*(\d{1,2})(?:\s*(?:\(\s*(\d)\s*\)|,?\s*stk\.?\s*(\d)))?/gi;
const ARTICLE_RIGHTS: Record<string, Right> = {
  '13': 'information',
  '14': 'information',
  '19': 'information',
  '15': 'access',
  '16': 'rectification',
  '17': 'erasure',
  '18': 'restriction',
  '20': 'portability',
  '21': 'objection',
};

function articleHits(sentence: Sentence, personal: boolean): RightHit[] {
  const hits: RightHit[] = [];
  for (const m of sentence.text.matchAll(ARTICLE)) {
    let right = ARTICLE_RIGHTS[m[1]!];
    if (!right) continue;
    const paragraph = m[2] ?? m[3];
    if (right === 'objection' && (paragraph === '2' || paragraph === '3')) right = 'marketing_opt_out';
    // Only an article the sender invokes; a newsletter citing Art. 15 asks for nothing.
    if (!/gdpr|forordning|dsgvo|regulation|databeskyttelse|dataskydd|data protection|persondata/i.test(sentence.text) && !personal)
      continue;
    hits.push({
      right,
      weight: personal ? 2 : 1,
      evidence: `Art. ${m[1]}${paragraph ? `(${paragraph})` : ''} cited`,
      source: sentence.source,
      sentence: -1,
      secondary: false,
    });
  }
  return hits;
}

const MARKETING_CONTEXT =
  /nyhedsbrev|newsletter|afmeld|unsubscribe|kampagne|campaign|markedsføring|marketing|reklame|spam|ITGuy Nyt|nyhedsmail/i;

function sentencesOf(seg: Segments): { all: Sentence[]; own: Sentence[] } {
  const subject = seg.subject ? splitSentences(seg.subject, 'subject') : [];
  const own = splitSentences(seg.own, 'own').filter((s) => !isBoilerplate(s.text));
  const forwarded = seg.forwarded ? splitSentences(seg.forwarded.text, 'forwarded').filter((s) => !isBoilerplate(s.text)) : [];
  const forwardedSubject =
    seg.forwarded?.subject && seg.forwarded.subject !== seg.subject ? splitSentences(seg.forwarded.subject, 'subject') : [];
  return { all: [...subject, ...forwardedSubject, ...own, ...forwarded], own: [...own, ...forwarded] };
}

const round = (n: number) => Math.round(n * 100) / 100;

function mailKind(signals: Signal[]): MailKind {
  const top = [...signals].sort((a, b) => b.weight - a.weight)[0];
  return top && top.weight >= 2 ? top.kind : 'other';
}

export function classify(email: EmailInput): Classification {
  const seg = segment(email);
  const headers = headerSignals(email);
  const { all: sentences, own: ownSentences } = sentencesOf(seg);
  const ownText = [seg.own, seg.forwarded?.text ?? ''].join('\n').trim();
  const language = detectLanguage(
    ownText || seg.subject || seg.quoted,
    email.headers['content-language'] ?? email.headers['accept-language'],
  ).lang;

  // 3. Rights.
  const onBehalfText = [seg.subject, seg.own, seg.forwarded?.text ?? ''].join('\n');
  const senderName = email.from?.name ?? null;
  const onBehalfGuess = detectOnBehalf(
    onBehalfText,
    email.attachments,
    seg.kind === 'forward' ? (seg.forwarded?.from?.name ?? senderName) : senderName,
  );
  const hits: RightHit[] = [];
  let frames = 0;
  let frameEvidence: string | undefined;
  for (const [index, sentence] of sentences.entries()) {
    const personal =
      hasFirstPerson(sentence) || (onBehalfGuess.onBehalf && packs().some((p) => findAll(p.thirdPerson, sentence.tokens).length > 0));
    let framed = false;
    for (const pack of packs()) {
      for (const cue of pack.rights) {
        const found = matchCue(cue, sentence, onBehalfGuess.onBehalf, sentences);
        if (!found) continue;
        const weight = found.weight === 1 && personal ? 2 : found.weight;
        hits.push({
          right: cue.right,
          weight,
          evidence: excerpt(sentence, found.match.start, found.match.end),
          source: sentence.source,
          sentence: index,
          secondary: cue.secondary,
        });
      }
      if (!framed) {
        for (const p of pack.frames) {
          const m = findAll(p, sentence.tokens).find((x) => !sentence.tokens[x.start]?.quoted);
          if (m) {
            framed = true;
            frameEvidence ??= excerpt(sentence, m.start, m.end);
            break;
          }
        }
      }
    }
    if (framed) frames++;
    hits.push(...articleHits(sentence, personal));
  }

  // "Send me the data I provided in a machine-readable format" is portability, not also access.
  const portabilitySentences = new Set(hits.filter((h) => h.right === 'portability' && h.weight >= 2).map((h) => h.sentence));
  const kept = hits.filter((h) => !(h.right === 'access' && h.sentence >= 0 && portabilitySentences.has(h.sentence)));
  const best = new Map<Right, RightHit>();
  for (const hit of kept.filter((h) => !h.secondary)) {
    const previous = best.get(hit.right);
    if (!previous || previous.weight < hit.weight) best.set(hit.right, hit);
  }
  // Secondary phrases ("... og slet dem bagefter") add a right to a request made elsewhere in the mail.
  const secondary = new Map<Right, RightHit>();
  for (const hit of kept.filter((h) => h.secondary)) {
    const primary = best.get(hit.right);
    // Said twice ("Jeg har skiftet efternavn ... Ret det venligst"): that makes it clear.
    if (primary && primary.weight === 2 && primary.sentence !== hit.sentence) best.set(hit.right, { ...primary, weight: 3 });
    else if (!primary && !secondary.has(hit.right)) secondary.set(hit.right, hit);
  }
  // Removal in a marketing context ("Fjern mig nu." under a quoted newsletter) is an opt-out as well.
  const erasure = best.get('erasure');
  if (erasure && erasure.weight >= 2 && !best.has('marketing_opt_out')) {
    const context =
      MARKETING_CONTEXT.test(seg.quoted) || MARKETING_CONTEXT.test(seg.subject) || MARKETING_CONTEXT.test(ownText.replace(/\S+@\S+/g, ''));
    if (context)
      best.set('marketing_opt_out', {
        ...erasure,
        right: 'marketing_opt_out',
        evidence: `${erasure.evidence} (in reply to or about marketing)`,
        sentence: -1,
      });
  }

  // 4. Negative signals.
  const requesterGuess = findRequester(
    email,
    seg,
    [...best.values()].some((h) => h.source === 'own' && h.weight >= 3),
  );
  const negSentences = seg.kind === 'reply' ? sentences.filter((s) => s.source !== 'subject') : sentences;
  const signals: Signal[] = [...headers.penalties, ...contentSignals(negSentences)];
  const invoice = invoiceSignal(email, seg.subject, seg.kind === 'reply', ownText);
  if (invoice) signals.push(invoice);
  const ownTokenCount = ownSentences.reduce((n, s) => n + s.tokens.length, 0);
  const autoText = autoReplyText(ownSentences, ownTokenCount);
  if (autoText) signals.push(autoText);
  if (isInternal(email.from?.address) && seg.kind !== 'forward' && requesterGuess.via === 'sender')
    signals.push({ kind: 'internal', weight: 1, evidence: `internal mail from ${email.from?.address}` });
  const effective = signals.filter((s) => !(s.kind === 'processor_instruction' && onBehalfGuess.onBehalf));
  const byKind = new Map<MailKind, Signal>();
  for (const s of effective) if (!byKind.get(s.kind) || byKind.get(s.kind)!.weight < s.weight) byKind.set(s.kind, s);
  const negatives = [...byKind.values()].sort((a, b) => b.weight - a.weight);
  const negative = negatives.reduce((n, s) => n + s.weight, 0);

  // 5. Follow-ups.
  const followUp = headers.veto ? null : detectFollowUp(email, seg, [...sentences.filter((s) => s.source === 'subject'), ...ownSentences]);

  const strong = [...best.values()].filter((h) => h.weight >= 2);
  const top = Math.max(0, ...[...best.values()].map((h) => h.weight));
  const short = ownTokenCount > 0 && ownTokenCount <= 20 && top >= 2 ? 1 : 0;
  const positive = top + Math.min(2, frames) + Math.max(0, strong.length - 1) * 0.5 + short;
  const score = positive - negative;

  const requester = requesterGuess.requester;
  const evidence: string[] = [];
  const base = { requester, language, caseRef: null as string | null, dataSubject: null as Classification['dataSubject'] };

  if (headers.veto) {
    return {
      ...base,
      verdict: 'not_request',
      privacyRequest: false,
      followUp: false,
      rights: [],
      originalSentAt: null,
      confidence: 0.99,
      evidence: [`not a request (${headers.veto.kind}): ${headers.veto.evidence}`],
      kind: headers.veto.kind,
    };
  }

  // Out-of-office text without the headers is still automatic mail.
  const automatic = negatives.some((s) => s.kind === 'auto_reply' || s.kind === 'bounce');
  const isFollowUp = !automatic && Boolean(followUp?.followUp && (followUp.caseRef || negative < 6));
  const isRequest = !automatic && !isFollowUp && top >= 2 && score >= THRESHOLD;
  for (const [right, hit] of secondary) if (isRequest) best.set(right, hit);
  const rights = isRequest ? RIGHTS.filter((r) => (best.get(r)?.weight ?? 0) >= 2) : [];

  if (isFollowUp) evidence.push(...followUp!.evidence);
  for (const r of RIGHTS) {
    const hit = best.get(r);
    if (hit && (hit.weight >= 2 || !isRequest)) evidence.push(`${r}: "${hit.evidence.replace(/^"|"$/g, '')}"`);
  }
  if (frameEvidence && (isRequest || top >= 2)) evidence.push(`request wording: "${frameEvidence}"`);
  if (onBehalfGuess.onBehalf && onBehalfGuess.evidence) evidence.push(onBehalfGuess.evidence);
  if (requesterGuess.evidence) evidence.push(requesterGuess.evidence);
  for (const s of negatives) if (s.weight >= 2) evidence.push(`not a request (${s.kind}): ${s.evidence}`);

  let confidence: number;
  if (isFollowUp) confidence = followUp!.confidence;
  else if (isRequest) confidence = 0.55 + 0.44 * (1 - Math.exp(-(score - THRESHOLD + 1) / 2));
  else if (top < 2 && negative === 0) confidence = 0.9;
  else confidence = 0.55 + 0.44 * (1 - Math.exp(-Math.max(0.5, THRESHOLD - score) / 2));

  const kind: MailKind = isFollowUp ? 'follow_up' : isRequest ? 'request' : mailKind(negatives);
  return {
    ...base,
    verdict: isRequest ? 'request' : 'not_request',
    privacyRequest: isRequest,
    followUp: isFollowUp,
    originalSentAt: null,
    caseRef: isFollowUp ? followUp!.caseRef : null,
    rights,
    dataSubject: (isRequest || isFollowUp) && onBehalfGuess.onBehalf ? { name: onBehalfGuess.name } : null,
    confidence: round(confidence),
    evidence: evidence.slice(0, 12),
    kind,
  };
}

/** An EmailInput from a few fields, for tests and callers that have no MIME. */
export function emailInput(fields: Partial<EmailInput> & { text: string }): EmailInput {
  return {
    headers: {},
    subject: '',
    from: null,
    replyTo: null,
    to: [],
    cc: [],
    contentType: 'text/plain',
    attachments: [],
    attachedMessages: [],
    ...fields,
  };
}
