import type { Ago } from '../seed.js';

/** One message copy: `file` is `<mailbox-localpart>/<folder>/NN-slug.eml` below ./mail/. */
export interface DemoMail {
  file: string;
  receivedAgo: Ago;
  isRead: boolean;
  categories?: string[];
}

/** One OneDrive file: its content is ./files/<owner>/<path>. */
export interface DemoFile {
  /** Local part of the owner's UPN. */
  owner: string;
  path: string;
  modifiedAgo: Ago;
}

/** An external person whose personal data is spread over the demo tenant. */
export interface DemoDataSubject {
  name: string;
  email: string;
  phone?: string;
  /** UPNs of the mailboxes with mail that mentions the person (name or e-mail address). */
  expectedMailboxes: string[];
  /** 'upn:path' of the OneDrive files that mention the person (name or e-mail address). */
  expectedFiles: string[];
  /** Teams chats that name the person: their members' UPNs, sorted, joined by ','. */
  expectedChats: string[];
  /** 'Team/Channel' of the channels with a post or reply that names the person. */
  expectedChannelMessages: string[];
  /** 'upn:subject' of the calendar events with the person as attendee or named in subject/body. */
  expectedEvents: string[];
  /** 'upn:displayName' of the Outlook contacts for the person (by name or e-mail address). */
  expectedContacts: string[];
  /** UPNs of the Copilot-licensed users whose prompts or answers name the person. */
  expectedCopilot: string[];
  /** 'Site:path' of the files in SharePoint site libraries that name the person. */
  expectedSiteFiles: string[];
}

/** Same names as src/domain/rights.ts, repeated so the dev tenant does not depend on the app. */
export type DemoRight =
  | 'access'
  | 'information'
  | 'rectification'
  | 'erasure'
  | 'restriction'
  | 'portability'
  | 'objection'
  | 'marketing_opt_out';

/** What a careful DPO would make of a message in dpa@itguy.dk's inbox: ground truth for intake and classifier tests. */
export interface DemoDpaMessage {
  /** The message's file in DEMO_MAIL (dpa/inbox/...). */
  file: string;
  isRequest: boolean;
  language: 'da' | 'en';
  /** Rights the message invokes, or arguably invokes when it is ambiguous. Empty for non-requests. */
  rights: DemoRight[];
  /** Address the request came from. */
  requester: string;
  /** Whom the request is about, when it is a request. */
  dataSubject?: string;
  /** Set when someone asks on another person's behalf. */
  onBehalfOf?: { kind: 'power_of_attorney' | 'parent' | 'guardian' | 'other'; evidence: string };
  ambiguous?: boolean;
  /** What makes the message interesting to handle. */
  note: string;
}
