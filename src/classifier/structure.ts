import { DEFAULT_PROFILE, isOwnAddress } from './profile.js';
import { normalizeText } from './text.js';
import type { CompanyProfile, EmailInput, Mailbox } from './types.js';

/**
 * The parts of a mail body: what the sender wrote now, what they quote from earlier mail, and a forwarded
 * message (the original sender's words, with who that sender was). Mail clients mark these differently;
 * the markers below cover Outlook (English, Danish, German, Swedish), Gmail, Apple Mail and Thunderbird.
 */

export interface ForwardedMessage {
  from: Mailbox | null;
  subject: string | null;
  /** The forwarded block's Date/Sent header as written ("5. december 2026 10:12"), or the attached message's Date. */
  sentAt: string | null;
  /** The forwarded message's own words (its quotes left out). */
  text: string;
  /** Text the forwarded message itself quoted. */
  quoted: string;
}

export interface Segments {
  kind: 'plain' | 'reply' | 'forward';
  /** The subject without Re:/SV:/Fwd:/VS:/WG: prefixes. */
  subject: string;
  prefixes: ('reply' | 'forward')[];
  own: string;
  quoted: string;
  /** Who wrote the quoted text, when the attribution line says ("Den 14-11-2026 kl. 08:00 skrev ITGuy ApS:"). */
  quotedAttribution: string;
  forwarded: ForwardedMessage | null;
}

const REPLY_PREFIX = /^(?:re|sv|aw|antw|svar|ref)$/i;
const FORWARD_PREFIX = /^(?:fw|fwd|vs|wg|tr|vb|vl|doorst)$/i;

export function stripSubjectPrefixes(subject: string): { subject: string; prefixes: ('reply' | 'forward')[] } {
  const prefixes: ('reply' | 'forward')[] = [];
  let rest = subject.trim();
  for (;;) {
    const m = /^\s*([a-z]{1,6})(?:\s*\[\d+\])?\s*:\s*/i.exec(rest);
    if (!m) break;
    const word = m[1]!;
    if (REPLY_PREFIX.test(word)) prefixes.push('reply');
    else if (FORWARD_PREFIX.test(word)) prefixes.push('forward');
    else break;
    rest = rest.slice(m[0].length);
  }
  rest = rest.replace(/^\s*\[(?:ext|external|ekstern|extern)\]\s*/i, '');
  return { subject: rest.trim(), prefixes };
}

const ATTRIBUTION =
  /^\s*(?:on|den|d\.|am|le|el|op|il|em|the)\b.{4,300}?\b(?:wrote|skrev|schrieb|a écrit|escribió|schreef|ha scritto|kirjoitti|writes)\s*:?\s*$/i;
const SEPARATOR =
  /^\s*[-=_]{2,}\s*(original message|oprindelig (?:meddelelse|besked|mail)|ursprüngliche nachricht|originalmeddelande|ursprungligt meddelande|opprinnelig melding|forwarded message|videresendt (?:meddelelse|besked|mail|melding)|weitergeleitete nachricht|vidarebefordrat (?:meddelande|brev)|message transféré|message d'origine|oorspronkelijk bericht|doorgestuurd bericht|videresendt melding)\s*[-=_]{2,}\s*$/i;
const FORWARD_INTRO =
  /^\s*(begin forwarded message|start på videresendt (?:meddelelse|besked|mail)|videresendt (?:besked|meddelelse|mail)|anfang der weitergeleiteten nachricht|vidarebefordrat brev|vidarebefordrat meddelande|forwarded message)\s*:?\s*$/i;
const FORWARD_WORDS = /forwarded|videresendt|weitergeleitet|vidarebefordrat|transféré/i;
const HEADER_FROM = /^\s*\*?(?:from|fra|von|från|de|van|afsender|sender)\s*:\*?\s*\S/i;
const HEADER_OTHER =
  /^\s*\*?(?:sent|sendt|gesendet|skickat|date|dato|datum|envoyé|verzonden|to|til|an|till|à|aan|subject|emne|betreff|ämne|objet|onderwerp|cc)\s*:\*?/i;
const OUTLOOK_RULE = /^\s*_{8,}\s*$/;

/** Signature delimiter and mobile footers: what follows is not the sender's request. */
const SIGNATURE = /^(?:-- ?|—)$/;
const MOBILE_FOOTER =
  /^(?:sendt fra min|sent from my|von meinem|skickat från min|hentet fra|get outlook for|få outlook til|sendt fra outlook|sent from outlook)\b/i;

interface Marker {
  index: number;
  type: 'reply' | 'forward' | 'ambiguous';
}

function findMarker(lines: string[]): Marker | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (SEPARATOR.test(line)) return { index: i, type: FORWARD_WORDS.test(line) ? 'forward' : 'ambiguous' };
    if (FORWARD_INTRO.test(line)) return { index: i, type: 'forward' };
    if (ATTRIBUTION.test(line)) return { index: i, type: 'reply' };
    const joined = `${line} ${lines[i + 1] ?? ''}`;
    if (/^\s*(?:on|den|am|le)\b/i.test(line) && ATTRIBUTION.test(joined) && !ATTRIBUTION.test(lines[i + 1] ?? ''))
      return { index: i, type: 'reply' };
    if (HEADER_FROM.test(line)) {
      const next = lines.slice(i + 1, i + 6);
      if (next.filter((l) => HEADER_OTHER.test(l)).length >= 2) {
        const start = i > 0 && OUTLOOK_RULE.test(lines[i - 1]!) ? i - 1 : i;
        return { index: start, type: 'ambiguous' };
      }
    }
    if (OUTLOOK_RULE.test(line) && HEADER_FROM.test(lines[i + 1] ?? '')) return { index: i, type: 'ambiguous' };
    if (/^\s*>/.test(line)) {
      // A quote block (two quoted lines, or one followed by the end) that is not just a cited line inside the text.
      const next = lines[i + 1] ?? '';
      if (/^\s*>/.test(next) || next.trim() === '') return { index: i, type: 'reply' };
    }
  }
  return null;
}

/** Parses "Name <a@b>", "Name [mailto:a@b]", "a@b" or a bare name. */
export function parseMailbox(value: string): Mailbox | null {
  const text = value.replace(/\*/g, '').trim();
  if (!text) return null;
  const angle = /^(.*?)\s*[<[](?:mailto:)?\s*([^\s<>[\]]+@[^\s<>[\]]+?)\s*[>\]]/i.exec(text);
  if (angle) {
    const name = angle[1]!.replace(/^["'\s]+|["'\s]+$/g, '').trim();
    return { address: angle[2]!.toLowerCase(), name: name || null };
  }
  const bare = /([^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[a-z]{2,})/i.exec(text);
  if (bare) {
    const name = text
      .replace(bare[0], '')
      .replace(/[<>()"]/g, '')
      .trim();
    return { address: bare[1]!.toLowerCase(), name: name || null };
  }
  return { address: null, name: text.replace(/^["']|["']$/g, '') };
}

function stripQuotePrefix(line: string): string {
  return line.replace(/^\s*(?:>\s?)+/, '');
}

/** The sender's own text: up to a signature delimiter or a mobile footer. */
function cleanOwn(lines: string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    if (SIGNATURE.test(t)) break;
    if (MOBILE_FOOTER.test(t)) continue;
    if (OUTLOOK_RULE.test(t)) continue;
    out.push(line);
  }
  return out.join('\n').trim();
}

const HEADER_DATE = /^(?:sent|sendt|gesendet|skickat|date|dato|datum|envoyé|envoye|verzonden|skickades|le)$/i;

function parseForwarded(lines: string[], profile: CompanyProfile): ForwardedMessage {
  const body = lines.map(stripQuotePrefix);
  let i = 0;
  // Skip the marker line itself and blank lines.
  while (i < body.length && (SEPARATOR.test(body[i]!) || FORWARD_INTRO.test(body[i]!) || OUTLOOK_RULE.test(body[i]!) || !body[i]!.trim()))
    i++;
  let from: Mailbox | null = null;
  let subject: string | null = null;
  let sentAt: string | null = null;
  let sawHeader = false;
  let last: 'from' | 'subject' | 'other' | null = null;
  for (; i < body.length; i++) {
    const line = body[i]!;
    if (!line.trim()) {
      if (sawHeader) {
        i++;
        break;
      }
      continue;
    }
    const m = /^\s*\*?([A-Za-zÀ-ÿ-]{2,12})\s*:\*?\s*(.*)$/.exec(line);
    if (m && (HEADER_FROM.test(line) || HEADER_OTHER.test(line))) {
      sawHeader = true;
      if (HEADER_FROM.test(line) && !from) {
        from = parseMailbox(m[2]!);
        last = 'from';
      } else if (/^(?:subject|emne|betreff|ämne|objet|onderwerp)$/i.test(m[1]!)) {
        subject = m[2]!.trim();
        last = 'subject';
      } else if (HEADER_DATE.test(m[1]!) && !sentAt) {
        sentAt = m[2]!.replace(/\*/g, '').trim() || null;
        last = 'other';
      } else last = 'other';
      continue;
    }
    // A header value wrapped onto the next line.
    if (sawHeader && /^\s+\S/.test(line) && last) {
      if (last === 'from' && from && !from.address) from = parseMailbox(`${from.name ?? ''} ${line.trim()}`);
      continue;
    }
    break;
  }
  const rest = body.slice(i);
  // Outlook shows colleagues and contacts by name only ("Fra: Kaj Holm"): take the address from the text.
  if (from && !from.address) {
    const found = rest
      .join('\n')
      .match(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu)
      ?.find((a) => !isOwnAddress(a, profile));
    if (found) from = { address: found.toLowerCase(), name: from.name };
  }
  const inner = findMarker(rest);
  const ownLines = inner ? rest.slice(0, inner.index) : rest;
  const quotedLines = inner ? rest.slice(inner.index) : [];
  return { from, subject, sentAt, text: cleanOwn(ownLines), quoted: quotedLines.map(stripQuotePrefix).join('\n').trim() };
}

export function segment(email: EmailInput, profile: CompanyProfile = DEFAULT_PROFILE): Segments {
  const { subject, prefixes } = stripSubjectPrefixes(email.subject);
  const lines = normalizeText(email.text).split('\n');
  const marker = findMarker(lines);
  const firstPrefix = prefixes[0];
  let ownLines = marker ? lines.slice(0, marker.index) : lines;
  let rest = marker ? lines.slice(marker.index) : [];
  // Bottom-posting ("> ..." quote first, the answer below it) and inline answers: the unquoted lines after
  // a ">" block are the sender's own words too.
  if (marker && marker.type === 'reply') {
    const skip = /^\s*>/.test(rest[0] ?? '') ? 0 : 1;
    const after = rest.slice(skip);
    const firstText = after.find((l) => l.trim());
    if (firstText && /^\s*>/.test(firstText)) {
      const quotedLines = after.filter((l) => /^\s*>/.test(l));
      let answer = after.filter((l) => !/^\s*>/.test(l));
      const deeper = findMarker(answer);
      if (deeper) answer = answer.slice(0, deeper.index);
      ownLines = [...ownLines, ...answer];
      rest = [...rest.slice(0, skip), ...quotedLines];
    }
  }
  const own = cleanOwn(ownLines);

  let kind: Segments['kind'] = 'plain';
  if (marker) {
    if (firstPrefix) kind = firstPrefix;
    else if (marker.type !== 'ambiguous') kind = marker.type;
    else
      kind = own.length < 300 || /videresend|forward|fyi|se nedenfor|se nedenstående|see below|weiterleit/i.test(own) ? 'forward' : 'reply';
  } else if (firstPrefix) kind = firstPrefix;

  let forwarded: ForwardedMessage | null = null;
  let quoted = '';
  let quotedAttribution = '';
  if (kind === 'forward' && marker) forwarded = parseForwarded(rest, profile);
  else if (kind === 'forward' && email.attachedMessages[0]) {
    const inner = email.attachedMessages[0];
    const innerSeg = segment(inner, profile);
    forwarded = {
      from: inner.from,
      subject: inner.subject,
      sentAt: inner.headers.date?.trim() || null,
      text: innerSeg.own,
      quoted: innerSeg.quoted,
    };
  } else if (marker) {
    quoted = rest.map(stripQuotePrefix).join('\n').trim();
    const header = rest.slice(0, 6).join('\n');
    quotedAttribution = ATTRIBUTION.test(rest[0] ?? '') ? rest[0]!.trim() : header;
  }
  return { kind, subject, prefixes, own, quoted, quotedAttribution, forwarded };
}
