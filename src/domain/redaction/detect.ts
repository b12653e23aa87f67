import type { Case } from '../case.js';
import { addressesAfterName, addressIsName, nameWords } from '../other-people.js';
import { personConcerned } from '../representative.js';
import { ownIdentifiers } from '../search-terms.js';
import { findCprs, type Span } from './cpr.js';
import { isOwnName, nameKey, namesInText, occurrences, type NameSource } from './names.js';
import { findPhones, phoneKey } from './phones.js';

/**
 * Art. 15(4): other people's personal data in an item's full text, proposed for redaction. Never proposed:
 * the data subject's own identifiers, the requester's (for a representative: the lawyer's), the company's
 * role addresses (@companyDomain, other than a colleague's own). Colleagues' names and own addresses are
 * proposed like anyone's: the DPO keeps them with one click per person where their work role allows it.
 */

export type RedactionKind = 'email' | 'phone' | 'cpr' | 'name';
export type RedactionDecision = 'keep' | 'redact';

export interface Reason {
  da: string;
  en: string;
}

export interface RedactionProposal {
  /** Stable: a hash of the item key, kind, normalised value and which occurrence it is. */
  id: string;
  kind: RedactionKind;
  value: string;
  /** Groups everything of one other person ("name:anna jensen", "email:x@y", "phone:22334455"). */
  person: string;
  start: number;
  end: number;
  reason: Reason;
}

export interface MailPeople {
  /** From, to and cc as the message's headers have them. */
  addresses: readonly { name?: string; address?: string }[];
}

export interface DetectInput {
  itemKey: string;
  text: string;
  mail?: MailPeople;
  c: Pick<Case, 'requester' | 'dataSubject' | 'identifiers'>;
  /** Display names in the tenant's directory. */
  staff: readonly string[];
  companyDomain: string;
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

const KIND_WORDS: Record<RedactionKind, Reason> = {
  email: { da: 'e-mailadresse', en: 'e-mail address' },
  phone: { da: 'telefonnummer', en: 'phone number' },
  cpr: { da: 'CPR-nummer', en: 'CPR number (Danish personal ID number)' },
  name: { da: 'navn', en: 'name' },
};
const NAME_SOURCE: Record<NameSource, Reason> = {
  directory: { da: 'fra virksomhedens brugerkatalog', en: "from the company's directory" },
  headers: { da: 'fra mailens afsender og modtagere', en: "from the mail's sender and recipients" },
  greeting: { da: 'efter en hilsen', en: 'after a greeting' },
  signature: { da: 'i en underskrift', en: 'in a signature' },
  address: { da: 'skrevet ved en e-mailadresse', en: 'written with an e-mail address' },
};

export function reasonFor(kind: RedactionKind, source?: NameSource): Reason {
  const k = KIND_WORDS[kind];
  const s = source ? NAME_SOURCE[source] : undefined;
  return {
    da: `En anden persons ${k.da}${s ? ` (${s.da})` : ''}; udeladt af hensyn til vedkommendes rettigheder (artikel 15, stk. 4).`,
    en: `Another person's ${k.en}${s ? ` (${s.en})` : ''}; removed to protect their rights (Article 15(4)).`,
  };
}

const proposalId = (itemKey: string, kind: string, normalized: string, n: number) => fnv1a64(`${itemKey}\n${kind}\n${normalized}\n${n}`);

export function detectRedactions(input: DetectInput): RedactionProposal[] {
  const { text, c } = input;
  const recorded = ownIdentifiers(c);
  const ownEmails = new Set(recorded.filter((i) => i.kind === 'email').map((i) => i.value.trim().toLowerCase()));
  const ownPhones = new Set(recorded.filter((i) => i.kind === 'phone').map((i) => phoneKey(i.value)));
  const ownOther = new Set(recorded.filter((i) => i.kind !== 'phone').map((i) => i.value.replace(/\D/g, '')));
  const person = personConcerned(c);
  const ownNames = [person.name, c.requester.name, ...recorded.filter((i) => i.kind === 'name').map((i) => i.value)]
    .filter((n): n is string => Boolean(n))
    .map(nameWords)
    .filter((w) => w.length > 0);
  const companySuffix = `@${input.companyDomain.toLowerCase()}`;
  const headerText = (input.mail?.addresses ?? []).map((a) => `${a.name ?? ''} <${a.address ?? ''}>`).join('\n');
  const ownByName = new Set(ownNames.flatMap((w) => [...addressesAfterName(`${headerText}\n${text}`, w)]));
  // A colleague's own address at the company (anna.jensen@itguy.dk) is theirs, as their name is; the company's
  // role addresses (dpa@, support@) are nobody's and stay.
  const staffNames = input.staff.map(nameWords).filter((w) => w.length >= 2);
  const staffKeys = new Set(staffNames.map((w) => w.join(' ')));
  const isStaffAddress = (email: string) =>
    staffNames.some((w) => addressIsName(email, w)) ||
    (input.mail?.addresses ?? []).some((a) => a.address?.toLowerCase() === email && a.name && staffKeys.has(nameKey(a.name)));
  // The subject's and requester's own addresses, and the company's role addresses.
  const neverProposed = (email: string) =>
    ownEmails.has(email) ||
    ownByName.has(email) ||
    ownNames.some((w) => addressIsName(email, w)) ||
    (email.endsWith(companySuffix) && !isStaffAddress(email));

  // Names: known ones first (directory, headers), then greetings and signatures; the subject's never.
  const names = new Map<string, { name: string; source: NameSource }>();
  const addName = (name: string, source: NameSource) => {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (!clean || nameWords(clean).length === 0 || isOwnName(clean, ownNames) || names.has(clean)) return;
    names.set(clean, { name: clean, source });
  };
  for (const s of input.staff) if (nameWords(s).length >= 2) addName(s, 'directory');
  for (const a of input.mail?.addresses ?? []) {
    const email = a.address?.toLowerCase();
    // A role address's display name ("ITGuy Support") is the company's, not a person's.
    if (a.name && !(email && neverProposed(email))) addName(a.name, 'headers');
  }
  for (const n of namesInText(text)) addName(n.name, n.source);
  // A single first name ("Hej Anna") is the person of the one known full name it begins.
  const fullNames = [...names.values()].filter((n) => nameWords(n.name).length >= 2);
  const personOfName = (name: string) => {
    const words = nameWords(name);
    if (words.length === 1) {
      const matches = fullNames.filter((f) => nameWords(f.name)[0] === words[0]);
      if (matches.length === 1) return `name:${nameKey(matches[0]!.name)}`;
    }
    return `name:${nameKey(name)}`;
  };
  // An address belongs to the person whose name the headers write with it, or whose name it is made of.
  const personOfEmail = (email: string) => {
    const header = input.mail?.addresses.find((a) => a.address?.toLowerCase() === email && a.name);
    if (header?.name && !isOwnName(header.name, ownNames)) return `name:${nameKey(header.name)}`;
    const named = fullNames.find((f) => addressIsName(email, nameWords(f.name)));
    return named ? `name:${nameKey(named.name)}` : `email:${email}`;
  };

  const spans: { kind: RedactionKind; span: Span; normalized: string; person: string; source?: NameSource }[] = [];
  for (const span of findCprs(text)) {
    const digits = span.value.replace(/\D/g, '');
    if (!ownOther.has(digits)) spans.push({ kind: 'cpr', span, normalized: digits, person: `cpr:${digits}` });
  }
  for (const m of text.matchAll(EMAIL)) {
    const email = m[0].toLowerCase();
    if (neverProposed(email)) continue;
    spans.push({
      kind: 'email',
      span: { value: m[0], start: m.index, end: m.index + m[0].length },
      normalized: email,
      person: personOfEmail(email),
    });
  }
  for (const span of findPhones(text)) {
    const key = phoneKey(span.value);
    if (!ownPhones.has(key)) spans.push({ kind: 'phone', span, normalized: key, person: `phone:${key}` });
  }
  // Longer names first, so "Anna Jensen" wins over "Anna" where both match.
  for (const n of [...names.values()].sort((a, b) => b.name.length - a.name.length))
    for (const span of occurrences(text, n.name))
      spans.push({ kind: 'name', span, normalized: nameKey(n.name), person: personOfName(n.name), source: n.source });

  // No overlaps: earlier kinds (CPR, address, phone) and longer names win.
  const taken: Span[] = [];
  const kept = spans.filter(({ span }) => {
    if (taken.some((t) => span.start < t.end && t.start < span.end)) return false;
    taken.push(span);
    return true;
  });
  kept.sort((a, b) => a.span.start - b.span.start);
  const seen = new Map<string, number>();
  return kept.map(({ kind, span, normalized, person: who, source }) => {
    const k = `${kind}\n${normalized}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return {
      id: proposalId(input.itemKey, kind, normalized, n),
      kind,
      value: span.value,
      person: who,
      start: span.start,
      end: span.end,
      reason: reasonFor(kind, source),
    };
  });
}

/** The text with every span to redact replaced by a label ("[udeladt: navn]"): the value itself is gone. */
export function applyRedactions(
  text: string,
  spans: readonly Pick<RedactionProposal, 'start' | 'end' | 'kind'>[],
  lang: 'da' | 'en',
): string {
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    out += `${text.slice(at, s.start)}[${lang === 'da' ? 'udeladt' : 'redacted'}: ${KIND_WORDS[s.kind][lang]}]`;
    at = s.end;
  }
  return out + text.slice(at);
}

/** 64-bit FNV-1a as 16 hex digits: a stable id without I/O (the domain imports no crypto module). */
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}
