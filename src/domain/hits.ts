/** What a search of Microsoft 365 for a data subject found, and how far it got. */

/**
 * What one request sequence searches: a mailbox ($search), a OneDrive (root/search), the SharePoint
 * sites (one /search/query for the tenant), a user's Teams chats, a team's channels, a user's calendar,
 * contacts or Copilot interactions. Stored in checkpoint rows: never rename one.
 */
export type SourceKind = 'mailbox' | 'drive' | 'sites' | 'chats' | 'channels' | 'calendar' | 'contacts' | 'copilot';

/** What a hit is; also the keys of a search's per-source summary (`dsar search --json` "sources"). */
export const HIT_KINDS = [
  'message',
  'file',
  'siteFile',
  'chatMessage',
  'channelMessage',
  'event',
  'contact',
  'copilotInteraction',
] as const;
export type HitKind = (typeof HIT_KINDS)[number];

/** Every source kind, in the order a search reports them. */
export const ALL_SOURCE_KINDS: readonly SourceKind[] = [
  'mailbox',
  'drive',
  'sites',
  'chats',
  'channels',
  'calendar',
  'contacts',
  'copilot',
];

/** The hit kind each source finds (a site search can also find OneDrive files: those stay `file`). */
export const SOURCE_HIT_KIND: Record<SourceKind, HitKind> = {
  mailbox: 'message',
  drive: 'file',
  sites: 'siteFile',
  chats: 'chatMessage',
  channels: 'channelMessage',
  calendar: 'event',
  contacts: 'contact',
  copilot: 'copilotInteraction',
};

/** Whether a search of `kinds` can find items of `kind`: the site search also finds OneDrive files (kind file). */
export const searchFinds = (kinds: readonly SourceKind[], kind: HitKind): boolean =>
  kinds.includes(HIT_KIND_SOURCE[kind]) || (kind === 'file' && kinds.includes('sites'));

export const HIT_KIND_SOURCE = Object.fromEntries(Object.entries(SOURCE_HIT_KIND).map(([s, k]) => [k, s])) as Record<HitKind, SourceKind>;

export interface SearchRun {
  state: 'running' | 'done';
  startedAt: string;
  finishedAt?: string;
  /** The identifiers and the query, so a resumed run searches for the same. */
  query: string;
  identifiers: number;
  mailboxesTotal: number;
  drivesTotal: number;
  throttledRetries: number;
  durationMs: number;
  /** The source kinds this run searches (absent on runs before there was a choice: mailboxes and OneDrives). */
  kinds?: SourceKind[];
  /** Sources of each kind the run found to search (users, teams; 1 for the site search). */
  totals?: Partial<Record<SourceKind, number>>;
  /** Items found in more than one place that count once (set when the run is done). */
  duplicatesSkipped?: number;
  /** Items left out because they are an answer package or the case's own correspondence (set when done). */
  ownSkipped?: number;
}

export interface SourceDone {
  kind: SourceKind;
  /** User principal name of the mailbox, drive, chats, calendar … owner; a team's id; "tenant" for the site search. */
  owner: string;
  hits: number;
  /** Graph's 1,000-result cap of $search was reached. */
  capped: boolean;
  /** Not searched, and why (the Teams export APIs not enabled, no Copilot licence, a permission missing). */
  skipped?: string;
  /** Searched in part: Graph refused a request for good (not throttling, which is retried), and what it said. */
  failed?: string;
  /** Items found but left out: answer packages, the case's own correspondence. */
  excluded?: number;
}

/** Why a source was not searched: stored as the code, said in English (the --json contract) and Danish (the card). */
export const SKIP_REASONS = {
  teams_export_not_enabled: {
    en: 'Teams export APIs (getAllMessages) are not enabled for this app: the admin must request access to the protected APIs and set up the payment model (docs/m365-sources.md)',
    da: 'Teams-eksport (getAllMessages) er ikke slået til for appen: administratoren skal have adgang til de beskyttede API’er og sætte betalingsmodellen op (docs/m365-sources.md)',
  },
  no_copilot_licence: {
    en: 'no Microsoft 365 Copilot licence (no interaction history)',
    da: 'ingen Microsoft 365 Copilot-licens (ingen interaktionshistorik)',
  },
  permission_missing: {
    en: 'the app lacks the Graph permission for this source (infra/README.md lists them)',
    da: 'appen mangler Graph-tilladelsen til denne kilde (se infra/README.md)',
  },
  search_not_available: {
    en: 'Microsoft Search refused the query (check DSAR_SEARCH_REGION)',
    da: 'Microsoft Search afviste søgningen (tjek DSAR_SEARCH_REGION)',
  },
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

export const skipReasonText = (code: string, lang: 'da' | 'en'): string => SKIP_REASONS[code as SkipReason]?.[lang] ?? code;

/** One place an item was found: the same mail in four mailboxes is one hit found in four places. */
export interface Place {
  source: string;
  id: string;
  webUrl?: string;
}

export interface Hit {
  kind: HitKind;
  /** Where it was found first (the place the copy is taken from): a user principal name, a team's id, "tenant". */
  source: string;
  /** The item's id in that place (a message's immutable id, a drive item's id, a chat message's id …). */
  id: string;
  /** For files: the drive the item is in. */
  driveId?: string;
  /** For chat and channel messages: the chat's id, or "teamId/channelId". */
  container?: string;
  title: string;
  date: string;
  /** A plain-text excerpt (the message preview, the file's path, the start of a chat message). */
  snippet: string;
  /**
   * The item's whole text where the source returns it with the search (chats, channels, events, contacts,
   * Copilot), up to TEXT_MAX characters: the copy is made from it.
   */
  text?: string;
  /** The item's text was longer than TEXT_MAX and `text` holds only its start: the rest is reviewed by hand. */
  textCut?: boolean;
  webUrl?: string;
  size?: number;
  /** For messages: the sender's address (lower case). */
  from?: string;
  /** What makes two places one item: internetMessageId, content hash, iCalUId, chat and message id. */
  dedupeKey?: string;
  /** For files: size and content hash, so byte-identical copies in other places count once. */
  contentHash?: string;
  /** For messages: the conversation, so the case's own thread can be left out. */
  conversationId?: string;
  /** Every place it was found (the first is `source`/`id`); set on hits as the search returns them. */
  foundIn?: Place[];
  /** Review: undefined until reviewed. */
  include?: boolean;
  reason?: string;
  reviewedBy?: string;
  reviewedAt?: string;
}

/**
 * Characters of an item's text kept with its hit (about 60 pages). The row stores it over numbered columns
 * (src/store/json-columns.ts), whose 15 x 30,000 characters hold it even with every line break escaped.
 */
export const TEXT_MAX = 150_000;

/** How far a search has got: sources done of all, hits so far, mailboxes where Graph's result cap was reached. */
export interface SearchCounts {
  mailboxesDone: number;
  mailboxesTotal: number;
  drivesDone: number;
  drivesTotal: number;
  hits: number;
  capped: number;
  /** Per hit kind searched: sources done of all. */
  sources?: Partial<Record<HitKind, { done: number; total: number }>>;
}

/** Per hit kind: sources searched, sources where Graph refused part for good, and why none/some were not searched. */
export type SourceSummary = Partial<Record<HitKind, { searched: number; failed: number; skipped: string | null }>>;

/** The summary from the finished sources of a run that searched `kinds`. */
export function summarizeSources(kinds: readonly SourceKind[], done: Iterable<SourceDone>): SourceSummary {
  const summary: SourceSummary = {};
  const skipped = new Map<HitKind, Map<string, number>>();
  for (const kind of kinds) summary[SOURCE_HIT_KIND[kind]] = { searched: 0, failed: 0, skipped: null };
  for (const s of done) {
    const kind = SOURCE_HIT_KIND[s.kind];
    const entry = summary[kind] ?? { searched: 0, failed: 0, skipped: null };
    summary[kind] = entry;
    if (s.skipped) {
      const reasons = skipped.get(kind) ?? new Map<string, number>();
      reasons.set(s.skipped, (reasons.get(s.skipped) ?? 0) + 1);
      skipped.set(kind, reasons);
      continue;
    }
    entry.searched++;
    if (s.failed) entry.failed++;
  }
  for (const [kind, reasons] of skipped)
    summary[kind]!.skipped = [...reasons].map(([reason, n]) => `${skipReasonText(reason, 'en')} (${n})`).join('; ');
  return summary;
}
