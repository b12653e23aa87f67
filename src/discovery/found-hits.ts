import { createHash } from 'node:crypto';
import { compile } from 'html-to-text';
import { fold, type IdentifierMatcher } from '../domain/identifier-match.js';
import { TEXT_MAX, type Hit } from '../domain/hits.js';
import type { FoundFile, FoundMessage } from '../graph/search.js';
import type {
  EmailAddress,
  FoundChatMessage,
  FoundContact,
  FoundEvent,
  FoundInteraction,
  ItemBody,
  SiteSearchResource,
} from '../graph/source-requests.js';

/**
 * Graph's items as hits: what the DPO sees (title, date, excerpt, link), what makes places one item
 * (dedupeKey, and a content hash for byte-identical files), and for the sources read whole, whether the
 * item names the person and its text for the copy.
 */

const htmlText = compile({ wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] });
const bodyText = (body: ItemBody | null | undefined): string => {
  const content = body?.content ?? '';
  return /html/i.test(body?.contentType ?? '') || /<\/?[a-z][^>]*>/i.test(content) ? htmlText(content) : content;
};
const person = (a: EmailAddress | null | undefined) => [a?.name, a?.address && `<${a.address}>`].filter(Boolean).join(' ');
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

export function messageHit(m: FoundMessage, owner: string): Hit {
  const from = m.from?.emailAddress;
  return {
    kind: 'message',
    source: owner,
    id: String(m.id),
    title: String(m.subject ?? ''),
    date: String(m.receivedDateTime ?? ''),
    snippet: `${from?.name ?? from?.address ?? ''}: ${String(m.bodyPreview ?? '')}`.slice(0, 400),
    ...(m.webLink ? { webUrl: String(m.webLink) } : {}),
    ...(from?.address ? { from: String(from.address).toLowerCase() } : {}),
    // The same mail in every mailbox it reached has one Internet Message-ID.
    dedupeKey: m.internetMessageId ? `msg:${String(m.internetMessageId).toLowerCase()}` : `msg:${owner}:${m.id}`,
    ...(m.conversationId ? { conversationId: String(m.conversationId) } : {}),
  };
}

/** A drive item: one item whichever search found it (drive and item id); byte-identical copies share a content hash. */
export function fileHit(f: FoundFile, owner: string, kind: 'file' | 'siteFile' = 'file'): Hit {
  const driveId = f.parentReference?.driveId ? String(f.parentReference.driveId) : undefined;
  const hash = f.file?.hashes?.sha256Hash ?? f.file?.hashes?.quickXorHash ?? f.file?.hashes?.sha1Hash;
  return {
    kind,
    source: owner,
    id: String(f.id),
    ...(driveId ? { driveId } : {}),
    title: String(f.name ?? ''),
    date: String(f.lastModifiedDateTime ?? ''),
    snippet: `${String(f.parentReference?.path ?? '').replace(/^\/drive(s\/[^/]+)?\/root:?/, '') || '/'}/${String(f.name ?? '')}`.slice(
      0,
      400,
    ),
    ...(f.webUrl ? { webUrl: String(f.webUrl) } : {}),
    ...(typeof f.size === 'number' ? { size: f.size } : {}),
    dedupeKey: `drive:${driveId ?? owner}:${f.id}`,
    // Empty files are all "identical": only files with content are joined by their hash.
    ...(hash && (f.size ?? 0) > 0 ? { contentHash: `${String(f.size ?? '')}:${hash}` } : {}),
  };
}

/** A site search result: a file in a SharePoint library, or one in a OneDrive (personal site), which the OneDrive search finds too. */
export function siteHit(r: SiteSearchResource, summary: string | null | undefined): Hit {
  const oneDrive = /-my\.sharepoint\.[a-z]+\/personal\//i.test(r.webUrl ?? '') || /\/personal\//.test(r.webUrl ?? '');
  const fields = r.fields ?? {};
  const title = String(r.name ?? fields.title ?? fields.Title ?? r.webUrl ?? r.id);
  const hit = fileHit(
    {
      id: r.id,
      name: title,
      lastModifiedDateTime: r.lastModifiedDateTime ?? r.createdDateTime ?? null,
      webUrl: r.webUrl ?? null,
      size: r.size ?? null,
      parentReference: { driveId: r.parentReference?.driveId ?? null, path: r.parentReference?.path ?? null },
    },
    'tenant',
    oneDrive ? 'file' : 'siteFile',
  );
  const plain = (summary ?? '').replace(/<[^>]+>/g, '');
  return { ...hit, snippet: cut(plain ? `${hit.snippet} — ${plain}` : hit.snippet, 400) };
}

interface Matched {
  hit: Hit;
}

/** The hit for a source's item when its text names the person; undefined when it does not. */
function ifNamed(matcher: IdentifierMatcher, text: string, hit: () => Omit<Hit, 'text'>): Matched | undefined {
  if (!matcher.matches(text).length) return undefined;
  return { hit: { ...hit(), text: cut(text, TEXT_MAX), ...(text.length > TEXT_MAX ? { textCut: true } : {}) } };
}

export function chatHit(
  m: FoundChatMessage,
  owner: string,
  matcher: IdentifierMatcher,
  kind: 'chatMessage' | 'channelMessage',
): Hit | undefined {
  if (m.deletedDateTime || (m.messageType && m.messageType !== 'message')) return undefined;
  const sender = m.from?.user?.displayName ?? m.from?.application?.displayName ?? '';
  const body = bodyText(m.body).trim();
  const mentions = (m.mentions ?? []).map((x) => x.mentioned?.user?.displayName ?? x.mentionText ?? '').filter(Boolean);
  const files = (m.attachments ?? []).map((a) => a.name ?? '').filter(Boolean);
  const text = [
    m.subject ? `${m.subject}\n` : '',
    `${sender}: ${body}`,
    mentions.length ? `\n@ ${mentions.join(', ')}` : '',
    files.length ? `\n📎 ${files.join(', ')}` : '',
  ]
    .join('')
    .trim();
  const container =
    kind === 'chatMessage' ? String(m.chatId ?? '') : `${m.channelIdentity?.teamId ?? owner}/${m.channelIdentity?.channelId ?? ''}`;
  return ifNamed(matcher, text, () => ({
    kind,
    source: owner,
    id: String(m.id),
    container,
    title: cut(m.subject || `${sender}: ${body.replace(/\s+/g, ' ')}`, 120),
    date: String(m.createdDateTime ?? m.lastModifiedDateTime ?? ''),
    snippet: cut(`${sender}: ${body.replace(/\s+/g, ' ')}`, 400),
    ...(m.webUrl ? { webUrl: String(m.webUrl) } : {}),
    // Every member's getAllMessages lists the chat's messages: one item per chat and message id.
    dedupeKey: `${kind === 'chatMessage' ? 'chat' : 'channel'}:${container}:${m.id}`,
  }))?.hit;
}

export function eventHit(e: FoundEvent, owner: string, matcher: IdentifierMatcher): Hit | undefined {
  const attendees = (e.attendees ?? []).map((a) => person(a.emailAddress)).filter(Boolean);
  const text = [
    e.subject ?? '',
    `${e.start?.dateTime ?? ''} – ${e.end?.dateTime ?? ''} (${e.start?.timeZone ?? ''})`,
    e.location?.displayName ? `Sted/Location: ${e.location.displayName}` : '',
    `Arrangør/Organizer: ${person(e.organizer?.emailAddress)}`,
    attendees.length ? `Deltagere/Attendees: ${attendees.join(', ')}` : '',
    bodyText(e.body).trim() || (e.bodyPreview ?? ''),
  ]
    .filter(Boolean)
    .join('\n');
  return ifNamed(matcher, text, () => ({
    kind: 'event',
    source: owner,
    id: String(e.id),
    title: String(e.subject ?? ''),
    date: eventInstant(e),
    snippet: cut(`${person(e.organizer?.emailAddress)}: ${(e.bodyPreview ?? '').replace(/\s+/g, ' ')}`, 400),
    ...(e.webLink ? { webUrl: String(e.webLink) } : {}),
    // A meeting is in every attendee's calendar with one iCalUId.
    dedupeKey: e.iCalUId ? `event:${e.iCalUId}` : `event:${owner}:${e.id}`,
  }))?.hit;
}

/**
 * An event's start as an instant: Graph gives dateTime without an offset and the zone apart, UTC unless the
 * request asked for another (this search does not). Other zones keep their wall time as UTC's rather than fail.
 */
function eventInstant(e: FoundEvent): string {
  const local = e.start?.dateTime;
  if (!local) return String(e.lastModifiedDateTime ?? '');
  if (/[zZ]|[+-]\d{2}:\d{2}$/.test(local)) return local;
  return `${local.replace(/(\.\d{3})\d*$/, '$1')}Z`;
}

export function contactHit(c: FoundContact, owner: string, matcher: IdentifierMatcher): Hit | undefined {
  const emails = (c.emailAddresses ?? []).map((a) => person(a)).filter(Boolean);
  const phones = [...(c.businessPhones ?? []), ...(c.homePhones ?? []), c.mobilePhone ?? ''].filter(Boolean);
  const text = [
    c.displayName ?? [c.givenName, c.surname].filter(Boolean).join(' '),
    [c.jobTitle, c.companyName].filter(Boolean).join(', '),
    emails.join(', '),
    phones.join(', '),
    c.personalNotes ?? '',
  ]
    .filter(Boolean)
    .join('\n');
  return ifNamed(matcher, text, () => ({
    kind: 'contact',
    source: owner,
    id: String(c.id),
    title: String(c.displayName ?? ''),
    date: String(c.lastModifiedDateTime ?? ''),
    snippet: cut([emails.join(', '), phones.join(', ')].filter(Boolean).join(' · '), 400),
    // The same card in two people's address books is one item of data: same name, addresses and numbers.
    dedupeKey: `contact:${sha(fold(text))}`,
  }))?.hit;
}

export function copilotHit(i: FoundInteraction, owner: string, matcher: IdentifierMatcher): Hit | undefined {
  const who = i.interactionType === 'aiResponse' ? 'Copilot' : (i.from?.user?.displayName ?? owner);
  const body = bodyText(i.body).trim();
  const text = `${who}: ${body}`;
  return ifNamed(matcher, text, () => ({
    kind: 'copilotInteraction',
    source: owner,
    id: String(i.id),
    ...(i.sessionId ? { container: String(i.sessionId) } : {}),
    title: cut(`${i.interactionType === 'aiResponse' ? 'Copilot' : 'Prompt'}: ${body.replace(/\s+/g, ' ')}`, 120),
    date: String(i.createdDateTime ?? ''),
    snippet: cut(text.replace(/\s+/g, ' '), 400),
    dedupeKey: `copilot:${i.id}`,
  }))?.hit;
}
