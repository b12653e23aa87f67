import { RIGHTS, type Right } from '../domain/rights.js';
import { detectFollowUp } from './follow-up.js';
import { findRequester, isInternal } from './forward.js';
import { detectLanguage } from './language.js';
import { findAllOffered, type Match, matches } from './matcher.js';
import {
  autoReplyText,
  calendarSignal,
  contentSignals,
  headerSignals,
  invoiceSignal,
  isBoilerplate,
  type Signal,
} from './negative-signals.js';
import { detectOnBehalf } from './on-behalf.js';
import { parseOriginalDate } from './original-date.js';
import { firstPersonIn, ownDataSentences } from './own-data.js';
import { DEFAULT_PROFILE, escapeRegExp, profilePatterns } from './profile.js';
import { statedFirstContact } from './first-contact.js';
import { controllerElsewhere } from './controller-elsewhere.js';
import { activeIndexes, type CompiledCue, packsFor } from './rights/index.js';
import { segment, type Segments } from './structure.js';
import { excerpt, splitSentences, type Sentence, type Token } from './text.js';
import type { Classification, CompanyProfile, EmailInput, Lang, MailKind, Verdict } from './types.js';

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
 * 5. A mail about an existing case (case number, reply to the company's case mail, "hvor langt er I?", the
 *    ID that was asked for) is a follow-up, never a new request.
 * 6. Three verdicts (types.ts): `request` when the score says so; `not_request` only for mail that is
 *    positively something else (automatic, bulk, an invoice, calendar traffic, a vendor notice, a hard
 *    negative); everything else a person wrote about their own data is `uncertain`. A context (an event, a
 *    course, a sales pitch) lowers confidence but never turns a clearly asked right into `not_request`.
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

const negatorSets = new Map<Lang | 'und', Set<string>>();
function negators(lang: Lang | 'und'): Set<string> {
  let set = negatorSets.get(lang);
  if (!set) {
    set = new Set(packsFor(lang).flatMap((p) => [...p.negators]));
    negatorSets.set(lang, set);
  }
  return set;
}

/** A negation right before the match (or right after its first word: "slet ikke"), unless it is the polite "kan I ikke ...?". */
function isNegated(tokens: Token[], m: Match, lang: Lang | 'und', text: string): boolean {
  const neg = negators(lang);
  const first = tokens[m.start];
  const check = (i: number) => {
    const t = tokens[i];
    if (!t || !neg.has(t.fold)) return false;
    const a = tokens[i - 1]?.fold ?? '';
    const b = tokens[i - 2]?.fold ?? '';
    if (POLITE_YOU.has(a) && POLITE_BEFORE.has(b)) return false;
    if (POLITE_BEFORE.has(a) && (a === 'why' || a === 'hvorfor')) return false;
    return true;
  };
  // A comma ends the negated clause: "Jeg forstår ikke, hvordan jeg er havnet på jeres liste".
  const sameClause = (i: number) => !first || !text.slice(tokens[i]!.end, first.start).includes(',');
  for (let i = Math.max(0, m.start - 3); i < m.start; i++) if (check(i) && sameClause(i)) return true;
  // Inside the phrase too: "mine oplysninger må ikke slettes", "my data ... do not delete".
  for (let i = m.start + 1; i <= m.end; i++) if (check(i)) return true;
  return false;
}

function hasFirstPerson(sentence: Sentence, lang: Lang | 'und'): boolean {
  // The sentence's own list when nothing is quoted: the matcher keeps its word sets per list.
  const tokens = sentence.tokens.some((t) => t.quoted) ? sentence.tokens.filter((t) => !t.quoted) : sentence.tokens;
  return packsFor(lang).some((p) => matches(p.firstPerson, tokens));
}

function matchCue(
  cue: CompiledCue,
  sentence: Sentence,
  onBehalf: boolean,
  message: Sentence[],
  lang: Lang | 'und',
): { weight: number; match: Match } | null {
  // The cue was offered by the rights index for this sentence (see classifyReadable).
  const starts = findAllOffered(cue.pattern, sentence.tokens);
  // The whole message is searched only for a cue that matched here (it was, for every cue and sentence).
  if (!starts.length) return null;
  if (cue.unlessMessage.length && message.some((s) => cue.unlessMessage.some((u) => matches(u, s.tokens)))) return null;
  for (const m of starts) {
    if (!cue.negated && isNegated(sentence.tokens, m, lang, sentence.text)) continue;
    if (m.tags.includes('THEM') && !m.tags.includes('ME') && !onBehalf) continue;
    if (cue.unless.some((u) => matches(u, sentence.tokens))) continue;
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

/** `personal` is asked only for a sentence that cites an article. */
function articleHits(sentence: Sentence, personal: () => boolean): RightHit[] {
  const hits: RightHit[] = [];
  for (const m of sentence.text.matchAll(ARTICLE)) {
    let right = ARTICLE_RIGHTS[m[1]!];
    if (!right) continue;
    const paragraph = m[2] ?? m[3];
    if (right === 'objection' && (paragraph === '2' || paragraph === '3')) right = 'marketing_opt_out';
    // Only an article the sender invokes; a newsletter citing Art. 15 asks for nothing.
    if (!/gdpr|forordning|dsgvo|regulation|databeskyttelse|dataskydd|data protection|persondata/i.test(sentence.text) && !personal())
      continue;
    hits.push({
      right,
      weight: personal() ? 2 : 1,
      evidence: `Art. ${m[1]}${paragraph ? `(${paragraph})` : ''} cited`,
      source: sentence.source,
      sentence: -1,
      secondary: false,
    });
  }
  return hits;
}

const MARKETING_CONTEXT =
  /nyhedsbrev|newsletter|afmeld|unsubscribe|kampagne|campaign|markedsføring|marketing|reklame|spam|nyhedsmail|nieuwsbrief|désinscri/i;

/** The company's newsletter by its name ("ITGuy Nyt", "ITGuy News"). */
const companyNews = (name: string) => new RegExp(`\\b${escapeRegExp(name)}\\s+(?:nyt|news|nyheder|nyhedsbrev)\\b`, 'i');

/**
 * The company's name as a word is one token, "thecompany", so the word lists can say "mails fra ITGuy"
 * (=thecompany) without naming any company.
 */
function markCompany(sentences: Sentence[], nameToken: string): Sentence[] {
  if (!nameToken) return sentences;
  return sentences.map((s) =>
    s.tokens.some((t) => t.fold === nameToken)
      ? { ...s, tokens: s.tokens.map((t) => (t.fold === nameToken ? { ...t, fold: 'thecompany', lower: 'thecompany' } : t)) }
      : s,
  );
}

function sentencesOf(seg: Segments, nameToken: string): { all: Sentence[]; own: Sentence[] } {
  const split = (text: string, source: Sentence['source']) => markCompany(splitSentences(text, source), nameToken);
  const subject = seg.subject ? split(seg.subject, 'subject') : [];
  const own = split(seg.own, 'own').filter((s) => !isBoilerplate(s.text));
  const forwarded = seg.forwarded ? split(seg.forwarded.text, 'forwarded').filter((s) => !isBoilerplate(s.text)) : [];
  const forwardedSubject = seg.forwarded?.subject && seg.forwarded.subject !== seg.subject ? split(seg.forwarded.subject, 'subject') : [];
  return { all: [...subject, ...forwardedSubject, ...own, ...forwarded], own: [...own, ...forwarded] };
}

/**
 * Contexts: they make a mail less likely to be a request, not something else. A person who was on a course
 * or a webinar may still ask to be forgotten; the context lowers confidence only.
 */
const SOFT_KINDS = new Set<MailKind>(['event', 'other', 'security_incident']);

const round = (n: number) => Math.round(n * 100) / 100;

function mailKind(signals: Signal[]): MailKind {
  const top = [...signals].sort((a, b) => b.weight - a.weight)[0];
  return top && top.weight >= 2 ? top.kind : 'other';
}

/**
 * The verdict on one e-mail. Mail with parts that could not be decoded is at least `uncertain`: the part
 * the classifier could not read may be the request, and only the DPO can read it in Outlook.
 */
export function classify(email: EmailInput, profile: CompanyProfile = DEFAULT_PROFILE): Classification {
  const verdict = classifyReadable(email, profile);
  if (!email.damage?.length) return verdict;
  const note = `part of the message could not be decoded (${email.damage.join('; ')})`;
  if (verdict.verdict === 'not_request') return { ...verdict, verdict: 'uncertain', evidence: [note, ...verdict.evidence].slice(0, 12) };
  return { ...verdict, evidence: [...verdict.evidence.slice(0, 11), note] };
}

function classifyReadable(email: EmailInput, profile: CompanyProfile): Classification {
  const company = profilePatterns(profile);
  const seg = segment(email, profile);
  const headers = headerSignals(email);
  const { all: sentences, own: ownSentences } = sentencesOf(seg, company.nameToken);
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
    profile.name,
  );
  const hits: RightHit[] = [];
  let frames = 0;
  let frameEvidence: string | undefined;
  const active = packsFor(language);
  const indexes = activeIndexes(language);
  for (const [index, sentence] of sentences.entries()) {
    // Whether the sentence speaks of the writer (or, on another's behalf, of them): asked only when a cue or
    // an article is found in it, and then once.
    let personalMemo: boolean | undefined;
    const personal = () => {
      personalMemo ??=
        hasFirstPerson(sentence, language) || (onBehalfGuess.onBehalf && active.some((p) => matches(p.thirdPerson, sentence.tokens)));
      return personalMemo;
    };
    for (const cue of indexes.rights.candidates(sentence.tokens)) {
      const found = matchCue(cue, sentence, onBehalfGuess.onBehalf, sentences, language);
      if (!found) continue;
      const weight = found.weight === 1 && personal() ? 2 : found.weight;
      hits.push({
        right: cue.right,
        weight,
        evidence: excerpt(sentence, found.match.start, found.match.end),
        source: sentence.source,
        sentence: index,
        secondary: cue.secondary,
      });
    }
    // The first frame that matches, in pack order.
    for (const p of indexes.frames.candidates(sentence.tokens)) {
      const m = findAllOffered(p, sentence.tokens).find((x) => !sentence.tokens[x.start]?.quoted);
      if (m) {
        frames++;
        frameEvidence ??= excerpt(sentence, m.start, m.end);
        break;
      }
    }
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
    const news = companyNews(profile.name);
    const context = [seg.quoted, seg.subject, ownText.replace(/\S+@\S+/g, '')].some((t) => MARKETING_CONTEXT.test(t) || news.test(t));
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
    profile,
  );
  const negSentences = seg.kind === 'reply' ? sentences.filter((s) => s.source !== 'subject') : sentences;
  const signals: Signal[] = [...headers.penalties, ...contentSignals(negSentences)];
  const invoice = invoiceSignal(email, seg.subject, seg.kind === 'reply', ownText);
  if (invoice) signals.push(invoice);
  const ownTokenCount = ownSentences.reduce((n, s) => n + s.tokens.length, 0);
  const autoText = autoReplyText(ownSentences, ownTokenCount);
  if (autoText) signals.push(autoText);
  const calendar = calendarSignal(email);
  if (calendar) signals.push(calendar);
  if (isInternal(email.from?.address, profile) && seg.kind !== 'forward' && requesterGuess.via === 'sender')
    signals.push({ kind: 'internal', weight: 1, evidence: `internal mail from ${email.from?.address}` });
  const effective = signals.filter((s) => !(s.kind === 'processor_instruction' && onBehalfGuess.onBehalf));
  const byKind = new Map<MailKind, Signal>();
  for (const s of effective) if (!byKind.get(s.kind) || byKind.get(s.kind)!.weight < s.weight) byKind.set(s.kind, s);
  const negatives = [...byKind.values()].sort((a, b) => b.weight - a.weight);
  const negative = negatives.reduce((n, s) => n + s.weight, 0);
  const hardNegatives = negatives.filter((s) => !SOFT_KINDS.has(s.kind));
  const hard = hardNegatives.reduce((n, s) => n + s.weight, 0);

  // 5. Follow-ups.
  const followUp = headers.veto
    ? null
    : detectFollowUp(email, seg, [...sentences.filter((s) => s.source === 'subject'), ...ownSentences], profile);

  const strong = [...best.values()].filter((h) => h.weight >= 2);
  const top = Math.max(0, ...[...best.values()].map((h) => h.weight));
  const short = ownTokenCount > 0 && ownTokenCount <= 20 && top >= 2 ? 1 : 0;
  const positive = top + Math.min(2, frames) + Math.max(0, strong.length - 1) * 0.5 + short;
  const score = positive - negative;

  const requester = requesterGuess.requester;
  const evidence: string[] = [];
  const base = { requester, language, caseRef: null as string | null, dataSubject: null as Classification['dataSubject'] };
  // Only a colleague's forward dates the request back: anyone else forwarding old mail (one of the company's
  // own newsletters, an old order) asks now, and the clock starts now.
  const originalSentAt =
    seg.kind === 'forward' && isInternal(email.from?.address, profile) ? parseOriginalDate(seg.forwarded?.sentAt) : null;

  if (headers.veto) {
    return {
      ...base,
      verdict: 'not_request',
      privacyRequest: false,
      followUp: false,
      rights: [],
      originalSentAt,
      statedFirstContact: null,
      controllerElsewhere: null,
      confidence: 0.99,
      evidence: [`not a request (${headers.veto.kind}): ${headers.veto.evidence}`],
      kind: headers.veto.kind,
    };
  }

  // Out-of-office text without the headers is still automatic mail.
  const automatic = negatives.some((s) => s.kind === 'auto_reply' || s.kind === 'bounce');
  const isFollowUp = !automatic && Boolean(followUp?.followUp && (followUp.caseRef || negative < 6));
  // A person asking for a right for themselves: a right's phrase in their own words (not the subject alone)
  // said in the first person, or said on its own ("Retten til at blive glemt tak.") by a writer who speaks
  // in the first person. Contexts (an event, a course) cannot veto that.
  const ownFirstPerson = ownSentences.some((s) => firstPersonIn(s, language));
  const clear = [...best.values()].some((h) => {
    const sentence = h.sentence >= 0 ? sentences[h.sentence] : undefined;
    if (!sentence || sentence.source === 'subject' || h.weight < 2) return false;
    if (firstPersonIn(sentence, language)) return true;
    return sentence.tokens.length <= 8 && ownFirstPerson;
  });
  // Positively something else whatever it says: automatic, bulk by its headers, a calendar invitation, phishing.
  const absolute =
    automatic || headerBulk(negatives) || negatives.some((s) => (s.kind === 'calendar' || s.kind === 'phishing') && s.weight >= 6);
  // A strong sign of another kind of mail (a webinar, an invoice, a vendor notice, a customer's instruction).
  const somethingElse = absolute || negatives.some((s) => s.weight >= 4) || negative >= 5;
  const firm = top >= 2 && score >= THRESHOLD;
  // Held back only by a context (its weight counted against the score): the right stands, with less confidence.
  const internal = negatives.some((s) => s.kind === 'internal');
  const softContext = negative > hard;
  const despiteContext = !firm && clear && !absolute && !internal && positive - hard >= (softContext ? THRESHOLD - 1 : THRESHOLD);
  const isRequest = !automatic && !isFollowUp && (firm || despiteContext);
  const aboutOwnData =
    isRequest || isFollowUp ? [] : ownDataSentences([...sentences.filter((s) => s.source === 'subject'), ...ownSentences], language);
  const uncertainWhy: string[] = [];
  if (!isRequest && !isFollowUp && !automatic) {
    const other = negatives[0];
    if (clear && !absolute && !internal)
      uncertainWhy.push(
        other ? `a right is asked for, but the mail reads as ${other.kind} too` : 'a right is asked for, but not firmly enough to be sure',
      );
    else if (!somethingElse && !internal && ownFirstPerson && top >= 2) uncertainWhy.push('a right is named, not clearly asked for');
    else if (!somethingElse && !internal && aboutOwnData.length) uncertainWhy.push('the sender writes about their own data');
  }
  const uncertain = !isRequest && (isFollowUp || uncertainWhy.length > 0);
  const verdict: Verdict = isRequest ? 'request' : uncertain ? 'uncertain' : 'not_request';
  for (const [right, hit] of secondary) if (isRequest || (uncertain && !isFollowUp)) best.set(right, hit);
  const minWeight = isRequest || [...best.values()].some((h) => h.weight >= 2) ? 2 : 1;
  // A follow-up keeps the rights it clearly asks for too: intake offers to add new ones to the case, or opens
  // a new case with them when the case it names is closed.
  const rights =
    isRequest || (uncertain && !isFollowUp)
      ? RIGHTS.filter((r) => (best.get(r)?.weight ?? 0) >= minWeight)
      : isFollowUp
        ? RIGHTS.filter((r) => (best.get(r)?.weight ?? 0) >= 2 && best.get(r)?.source !== 'subject')
        : [];

  if (isFollowUp) evidence.push(...followUp!.evidence);
  if (uncertain && !isFollowUp) {
    evidence.push(`uncertain: ${uncertainWhy.join('; ')}`);
    for (const text of aboutOwnData) evidence.push(`about their own data: "${text}"`);
  }
  if (despiteContext) evidence.push('asked clearly; the context does not change that');
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
  else if (despiteContext) confidence = 0.6;
  else if (uncertain) confidence = 0.5;
  else if (isRequest) confidence = 0.55 + 0.44 * (1 - Math.exp(-(score - THRESHOLD + 1) / 2));
  else if (top < 2 && negative === 0) confidence = 0.9;
  else confidence = 0.55 + 0.44 * (1 - Math.exp(-Math.max(0.5, THRESHOLD - score) / 2));

  const kind: MailKind = isFollowUp ? 'follow_up' : isRequest ? 'request' : mailKind(negatives);
  const surfaced = isRequest || uncertain;
  const sentAt = email.headers.date ? Date.parse(email.headers.date) : Number.NaN;
  const firstContact = isFollowUp && !Number.isNaN(sentAt) ? statedFirstContact(ownText, new Date(sentAt).toISOString()) : null;
  const elsewhere = surfaced ? controllerElsewhere(ownText, requester.address, profile.domains) : null;
  if (elsewhere) evidence.splice(Math.min(evidence.length, 11), 0, `held for a customer: ${elsewhere.reason}`);
  return {
    ...base,
    verdict,
    privacyRequest: isRequest,
    followUp: isFollowUp,
    originalSentAt,
    statedFirstContact: firstContact,
    controllerElsewhere: elsewhere,
    caseRef: isFollowUp ? followUp!.caseRef : null,
    requestOnItsOwn: !automatic && (firm || despiteContext),
    rights,
    dataSubject: (isRequest || uncertain) && onBehalfGuess.onBehalf ? { name: onBehalfGuess.name } : null,
    confidence: round(confidence),
    evidence: evidence.slice(0, 12),
    kind,
  };
}

/** Bulk mail by its headers (List-Unsubscribe, Precedence: bulk): a mass mailing, whatever its text says. */
function headerBulk(negatives: Signal[]): boolean {
  return negatives.some((s) => s.kind === 'newsletter' && s.weight >= 6);
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
