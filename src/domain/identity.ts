import type { Actor, IdAttachment, Task } from './case.js';
import { invalidInput, refused } from './errors.js';
import type { Text } from './text.js';

/**
 * Identity without copies (EDPB §79, gdpr-rules §3): the record says how, by whom and when identity was
 * checked, from a short list of proportionate methods, and never that a copy of an ID was kept.
 */

export const IDENTITY_METHODS = ['mitid_signed_mail', 'call_back_known_number', 'known_address', 'customer_number', 'other'] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

export const IDENTITY_METHOD_NAMES: Record<IdentityMethod, Text> = {
  mitid_signed_mail: { da: 'MitID-signeret mail', en: 'MitID-signed e-mail' },
  call_back_known_number: { da: 'ringede tilbage til et kendt nummer', en: 'call-back to a known number' },
  known_address: { da: 'skrev fra eller svarede til en kendt adresse', en: 'wrote from or answered to a known address' },
  customer_number: { da: 'kundenummer', en: 'customer number' },
  other: { da: 'andet', en: 'other' },
};

const COPY =
  /\b(kopi(en|er)?|copy|copies|scan(net|nede|ned|ning)?|scanned|foto(et|s)?|photo(s|copy)?|billede(t)?|picture|image|screenshot|skærmbillede)\b/i;
const KEPT =
  /\b(gem(t|mer|me)?|kept|keep|saved|stored|beholdt|beholder|arkiveret|archived|filed|journaliseret|uploaded|uploadet|lagt på sagen|attached to the case)\b/i;
const NEGATION = /\b(ingen|ikke|aldrig|no|not|never|uden|without|slettet|deleted|destroyed)\b/i;
const ID_DOCUMENT =
  /\b(pas(set|kopi)?|passport|kørekort(et)?|driv(er|ing)('s)? licen[cs]e|sundhedskort(et)?|sygesikringskort(et)?|gult kort|health (insurance )?card|id[- ]?kort(et)?|id card|legitimation|\bid\b)/i;

/** The words of free text that say a copy was kept, or undefined when it says none was (or says nothing of copies). */
function keptCopy(text: string): string | undefined {
  // Each clause on its own: "ingen kopi gemt; ringede op" is fine, "kopi af pas gemt" is not.
  for (const clause of text.split(/[.;,\n]/)) {
    const copy = COPY.exec(clause);
    const kept = KEPT.exec(clause);
    if (copy && kept && !NEGATION.test(clause)) return clause.trim();
  }
  return undefined;
}

/**
 * Refuses text that records a kept copy of an ID document: the company must never keep one (EDPB §79). For
 * identity methods any kept copy counts; for authority evidence (a fuldmagt may be kept) only an ID's.
 */
export function refuseKeptCopy(text: string, what: 'identity method' | 'authority evidence'): void {
  const clause = keptCopy(text);
  if (!clause) return;
  if (what === 'authority evidence' && !ID_DOCUMENT.test(clause)) return;
  throw refused(
    `${what} "${clause}" says a copy of an ID was kept: never keep one (EDPB §79). Record how identity was checked (e.g. "call-back to a known number"), delete the copy, and record that`,
    `»${clause}« siger, at en kopi af et ID er gemt: gem aldrig en kopi (EDPB § 79). Notér hvordan identiteten blev bekræftet (fx »ringede tilbage til kendt nummer«), slet kopien, og notér det.`,
  );
}

/** The method a DPO's words name: a list key, its Danish or English name, or the common ways of saying it. */
export function identityMethodOf(text: string): IdentityMethod {
  const t = text.trim().toLowerCase();
  const key = IDENTITY_METHODS.find((m) => m === t);
  if (key) return key;
  if (/mitid|nemid/.test(t)) return 'mitid_signed_mail';
  if (/call[- ]?back|ringede (op|tilbage)|opringning|kendt (tlf|telefon)|known (phone|number)/.test(t)) return 'call_back_known_number';
  if (/kundenr|kundenummer|customer (no|number)/.test(t)) return 'customer_number';
  if (/kendt adresse|known address|address on file|adresse(n)? (vi har|på fil)|skrev fra/.test(t)) return 'known_address';
  return 'other';
}

/** A recorded method as the file keeps it: the kind and, for "other" or extra detail, the DPO's words. */
export function checkedIdentityMethod(text: string): { kind: IdentityMethod; text: string } {
  refuseKeptCopy(text, 'identity method');
  const kind = identityMethodOf(text);
  const named = IDENTITY_METHOD_NAMES[kind];
  const bare = text.trim().toLowerCase();
  if (kind === 'other' && (bare === 'other' || bare === 'andet'))
    throw refused(
      'an identity method "other" needs words saying what was done (e.g. "met in person at the office")',
      'Identitetsmetoden »andet« skal beskrives med ord (fx »mødte personligt op på kontoret«).',
    );
  // A list key typed as it is reads as its English name in the file.
  return { kind, text: bare === kind ? named.en : text.trim() };
}

/** What the acknowledgement says about ID documents (Danish and English): the request is answered without them. */
export const NO_ID_COPIES: Text = {
  da: 'Send os venligst ikke kopi af pas, kørekort, sundhedskort eller andre ID-dokumenter. Hvis vi har brug for at bekræfte din identitet, kontakter vi dig og foreslår en måde, der ikke kræver en kopi.',
  en: 'Please do not send us copies of your passport, driving licence, health card or other ID documents. If we need to confirm your identity, we will contact you and suggest a way that needs no copy.',
};

/** An attachment as Graph describes it (`/messages/{id}/attachments`): enough to tell an ID document. */
export interface AttachmentFacts {
  id: string;
  name: string;
  contentType?: string;
}

const ID_NAME =
  /(\bpas(kopi|foto|set)?\b|passport|k(?:ø|oe|o)rekort|driv(er|ing)[ _-]?licen[cs]e|sundhedskort|sygesikring|gult[ _-]?kort|health[ _-]?card|id[ _-]?kort|id[ _-]?card|legitimation|\bid\b|\bmitid\b)/i;
const ID_TEXT =
  /(vedhæft|attach|sender|send|here is|her er|enclosed|kopi|copy|billede|photo|scan).{0,60}(pas|passport|kørekort|driving licen[cs]e|driver'?s licen[cs]e|sundhedskort|sygesikringskort|health card|id-kort|id card|legitimation)/i;
const DOCUMENT_TYPE = /^(image\/|application\/pdf)/i;

/**
 * The attachments of a follow-up that look like a copy of an ID (a passport, driving licence or health card),
 * by file name, or by an image/PDF sent with text that says it is one. They get a task to delete the
 * attachment once identity is checked, since the company must never keep a copy (EDPB §79).
 */
export function idDocumentAttachments(attachments: readonly AttachmentFacts[], text: string): AttachmentFacts[] {
  const byName = attachments.filter((a) => ID_NAME.test(a.name.replace(/\.[a-z0-9]{2,5}$/i, '').replace(/[_.]+/g, ' ')));
  // When a file's name says it is the ID, the text speaks of that one: the other pictures are something else.
  if (byName.length) return byName;
  if (!ID_TEXT.test(text)) return [];
  return attachments.filter((a) => DOCUMENT_TYPE.test(a.contentType ?? ''));
}

/** The task that deletes an ID attachment after the check (one per attachment, so each is accounted for). */
export function idAttachmentTaskId(attachmentId: string): string {
  return `identity:delete_attachment:${attachmentId}`;
}

export const ID_ATTACHMENT_TASK_TITLE: Text = {
  da: 'Slet vedhæftningen efter kontrol (kopi af ID må ikke gemmes)',
  en: 'Delete the attachment after checking (a copy of an ID must not be kept)',
};

/** Whether a task is an ID attachment's (done only by removing the attachment, so the file says it). */
export const isIdAttachmentTask = (t: Pick<Task, 'id' | 'attachment'>): boolean =>
  t.id.startsWith('identity:delete_attachment:') && t.attachment !== undefined;

// The name is the sender's to choose: no control or bidi characters reach a card, a terminal or a letter.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it exists to remove.
const FILE_NAME_NOISE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

/** A file name as a title and the timeline show it: one line, at most 120 characters. */
export function attachmentLabel(name: string): string {
  const line = name.replace(FILE_NAME_NOISE, ' ').replace(/\s+/g, ' ').trim() || '(uden navn)';
  // By code point, so a cut never splits an emoji's surrogate pair.
  const chars = Array.from(line);
  return chars.length > 120 ? `${chars.slice(0, 119).join('').trimEnd()}…` : line;
}

/** The task that removes one ID attachment, naming the file (its name only, never its content). */
export function idAttachmentTask(where: Omit<IdAttachment, 'removal'>): Task {
  const file = attachmentLabel(where.name);
  for (const [value, what, da] of [
    [where.mailbox, 'mailbox', 'postkasse'],
    [where.messageId, 'message id', 'mail-id'],
    [where.attachmentId, 'attachment id', 'vedhæftnings-id'],
  ] as const)
    if (!value.trim() || value.length > 1000)
      throw invalidInput(
        `an ID attachment needs a ${what} (at most 1,000 characters)`,
        `ID-vedhæftningens ${da} mangler eller er for lang (højst 1.000 tegn).`,
      );
  return {
    id: idAttachmentTaskId(where.attachmentId),
    title: {
      da: `Slet vedhæftningen »${file}« efter kontrol (kopi af ID må ikke gemmes)`,
      en: `Delete the attachment "${file}" after checking (a copy of an ID must not be kept)`,
    },
    attachment: { mailbox: where.mailbox, messageId: where.messageId, attachmentId: where.attachmentId, name: file },
    done: false,
  };
}

/** The timeline's line for a removed (or already gone) ID attachment: what, and by whom; never the content. */
export function attachmentRemovedLine(a: IdAttachment, outcome: 'removed' | 'gone', by: Actor): Text {
  const who = by.kind === 'system' ? { da: 'systemet', en: 'the system' } : { da: by.name ?? by.id, en: by.name ?? by.id };
  return outcome === 'removed'
    ? {
        da: `Vedhæftningen »${a.name}« er slettet fra mailen af ${who.da}; der er ikke gemt nogen kopi`,
        en: `Attachment "${a.name}" removed from the e-mail by ${who.en}; no copy was kept`,
      }
    : {
        da: `Vedhæftningen »${a.name}« var allerede væk fra postkassen, da ${who.da} ville slette den`,
        en: `Attachment "${a.name}" was already gone from the mailbox when ${who.en} went to remove it`,
      };
}
