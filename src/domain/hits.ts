/** What a search of Microsoft 365 for a data subject found, and how far it got. */

export type SourceKind = 'mailbox' | 'drive';

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
}

export interface SourceDone {
  kind: SourceKind;
  /** User principal name of the mailbox or the drive's owner. */
  owner: string;
  hits: number;
  /** Graph's 1,000-result cap of $search was reached. */
  capped: boolean;
}

export interface Hit {
  kind: 'message' | 'file';
  /** The mailbox or drive owner (user principal name). */
  source: string;
  /** The message's immutable id, or the drive item's id. */
  id: string;
  /** For files: the drive the item is in. */
  driveId?: string;
  title: string;
  date: string;
  /** A plain-text excerpt (the message preview, the file's path). */
  snippet: string;
  webUrl?: string;
  size?: number;
  /** For messages: the sender's address (lower case). */
  from?: string;
  /** Review: undefined until reviewed. */
  include?: boolean;
  reason?: string;
  reviewedBy?: string;
  reviewedAt?: string;
}

/** How far a search has got: sources done of all, hits so far, mailboxes where Graph's result cap was reached. */
export interface SearchCounts {
  mailboxesDone: number;
  mailboxesTotal: number;
  drivesDone: number;
  drivesTotal: number;
  hits: number;
  capped: number;
}
