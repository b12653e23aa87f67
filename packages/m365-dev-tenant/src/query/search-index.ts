import type { DriveItem, Mailbox, StoredMessage } from '../model.js';
import { freeText, freeTextWords, type FreeText, type KqlNode, type SearchableMessage } from './kql.js';

// Searching folds every message's text; a mailbox is searched many times (discovery searches all of them),
// so the searchable form is kept per message until the message changes (its changeKey).
const searchableCache = new WeakMap<StoredMessage, { changeKey: string; value: SearchableMessage }>();

export function searchable(m: StoredMessage): SearchableMessage {
  const cached = searchableCache.get(m);
  if (cached && cached.changeKey === m.changeKey) return cached.value;
  const value = toSearchable(m);
  searchableCache.set(m, { changeKey: m.changeKey, value });
  return value;
}

function toSearchable(m: StoredMessage): SearchableMessage {
  const address = (r: { emailAddress: { name?: string; address: string } }) => ({
    name: r.emailAddress.name,
    address: r.emailAddress.address,
  });
  return {
    subject: m.subject,
    body: m.text,
    from: m.from ? address(m.from) : undefined,
    to: m.toRecipients.map(address),
    cc: m.ccRecipients.map(address),
    bcc: m.bccRecipients.map(address),
    attachmentNames: m.attachments.map((a) => a.name),
    receivedDateTime: m.receivedDateTime,
    hasAttachments: m.attachments.some((a) => !a.isInline),
  };
}

/**
 * Exchange indexes a message for search when it arrives, not when someone searches; doing the same here
 * keeps a search of many mailboxes from paying for folding every message's text at query time.
 */
export function indexForSearch(m: StoredMessage, mailbox: Mailbox, seqBefore: number): void {
  const words = new Set(freeTextWords(searchable(m)).flat());
  const entry = indexes.get(mailbox);
  // Keep the mailbox's word index current as mail arrives, when nothing else changed since it was built;
  // otherwise the next search rebuilds it.
  if (!entry && mailbox.messages.length === 1) {
    indexes.set(mailbox, { seq: mailbox.seq, count: 1, words: new Map([...words].map((w) => [w, new Set([m])])) });
  } else if (entry && entry.seq === seqBefore && entry.count === mailbox.messages.length - 1) {
    for (const w of words) {
      let set = entry.words.get(w);
      if (!set) {
        set = new Set();
        entry.words.set(w, set);
      }
      set.add(m);
    }
    entry.seq = mailbox.seq;
    entry.count = mailbox.messages.length;
  }
}

/**
 * The words each alternative of a query needs, all of them, when a query can be narrowed that way: an
 * OR of terms (phrases or words, a free term's last word excepted: it matches as a prefix). Undefined
 * where it cannot (NOT, dates, attachments, recipients), and then every message is examined.
 */
export function requiredWords(node: KqlNode): string[][] | undefined {
  switch (node.kind) {
    case 'term': {
      if (!['all', 'subject', 'body', 'from'].includes(node.scope)) return undefined;
      const needed = node.phrase ? node.words : node.words.slice(0, -1);
      return needed.length ? [needed] : undefined;
    }
    case 'or': {
      const left = requiredWords(node.left);
      const right = requiredWords(node.right);
      return left && right ? [...left, ...right] : undefined;
    }
    case 'and':
      return requiredWords(node.left) ?? requiredWords(node.right);
    default:
      return undefined;
  }
}

/** Word -> messages of a mailbox, rebuilt when the mailbox changes (its change sequence). */
const indexes = new WeakMap<Mailbox, { seq: number; count: number; words: Map<string, Set<StoredMessage>> }>();

function wordIndex(mailbox: Mailbox): Map<string, Set<StoredMessage>> {
  const cached = indexes.get(mailbox);
  if (cached && cached.seq === mailbox.seq && cached.count === mailbox.messages.length) return cached.words;
  const words = new Map<string, Set<StoredMessage>>();
  for (const m of mailbox.messages) {
    for (const w of new Set(freeTextWords(searchable(m)).flat())) {
      let set = words.get(w);
      if (!set) {
        set = new Set();
        words.set(w, set);
      }
      set.add(m);
    }
  }
  indexes.set(mailbox, { seq: mailbox.seq, count: mailbox.messages.length, words });
  return words;
}

/** The messages of `candidates` that may match `node`, narrowed with the mailbox's word index when possible. */
export function narrow(node: KqlNode, mailbox: Mailbox, candidates: StoredMessage[]): StoredMessage[] {
  const alternatives = requiredWords(node);
  if (!alternatives) return candidates;
  const index = wordIndex(mailbox);
  const possible = new Set<StoredMessage>();
  for (const needed of alternatives) {
    const sets = needed.map((w) => index.get(w) ?? new Set<StoredMessage>()).sort((a, b) => a.size - b.size);
    for (const m of sets[0] ?? []) if (sets.every((set) => set.has(m))) possible.add(m);
  }
  return candidates.filter((m) => possible.has(m));
}

// A OneDrive item's folded text, kept until its name or content changes: a discovery search folds every
// file of every drive, and most files never change between searches.
const driveTextCache = new WeakMap<
  DriveItem,
  { name: string; cTag: string; searchText?: string | undefined; contentType?: string | undefined; value: FreeText }
>();

/** `item`'s text (from `text`, its name and content) prepared for matching, computed once per version. */
export function searchableDriveItem(item: DriveItem, text: (item: DriveItem) => string): FreeText {
  const c = driveTextCache.get(item);
  if (c && c.name === item.name && c.cTag === item.cTag && c.searchText === item.searchText && c.contentType === item.contentType)
    return c.value;
  const value = freeText(text(item));
  driveTextCache.set(item, { name: item.name, cTag: item.cTag, searchText: item.searchText, contentType: item.contentType, value });
  return value;
}
