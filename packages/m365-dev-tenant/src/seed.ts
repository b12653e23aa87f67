/**
 * The shape of data the dev tenant can be loaded with: the demo tenant
 * (src/demo) and generated scale tenants both produce a SeedTenant.
 * Times are relative to the moment the tenant is loaded, so the demo data
 * never goes stale.
 */

export interface Ago {
  days: number;
  hours?: number;
  minutes?: number;
}

export interface SeedUser {
  /** Entra object id (GUID). */
  id: string;
  displayName: string;
  givenName?: string;
  surname?: string;
  mail: string;
  userPrincipalName: string;
  jobTitle?: string;
  department?: string;
  officeLocation?: string;
  mobilePhone?: string;
  businessPhones?: string[];
  /** BCP 47, e.g. 'da-DK'. */
  preferredLanguage?: string;
  /** Shared mailboxes (dpa@, support@) have no licence and nobody signs in. */
  mailboxType: 'user' | 'shared';
  /** Holds a Microsoft 365 Copilot licence (its interactions can be exported). */
  copilotLicensed?: boolean;
}

export type SeedFolder = 'inbox' | 'sentitems' | 'drafts' | 'archive' | 'deleteditems';

export interface SeedMessage {
  /** userPrincipalName of the mailbox that holds this copy. */
  mailbox: string;
  folder: SeedFolder;
  receivedAgo: Ago;
  isRead?: boolean;
  categories?: string[];
  /** Complete RFC 822 source. Its Date header is replaced by the time computed from receivedAgo. */
  eml: string;
}

export interface SeedFile {
  /** userPrincipalName of the OneDrive owner. */
  owner: string;
  /** Path below the drive root, '/'-separated, e.g. 'Kunder/kundeliste.csv'. Folders are created as needed. */
  path: string;
  modifiedAgo: Ago;
  /** MIME type; derived from the extension when omitted. */
  contentType?: string;
  content: string | Uint8Array;
  /** Text the search index sees when content is not plain text (e.g. a PDF). */
  searchText?: string;
}

export interface SeedTenant {
  /** Entra tenant id (GUID). */
  tenantId: string;
  /** Primary verified domain, e.g. itguy.dk. */
  domain: string;
  displayName: string;
  users: SeedUser[];
  messages: SeedMessage[];
  files: SeedFile[];
  /** Security groups; members are user or group ids (nested groups count, as Entra's transitive membership). */
  groups?: SeedGroup[];
  /** Teams chats; members and senders are UPNs. */
  chats?: SeedChat[];
  teams?: SeedTeam[];
  /** Meetings in the owner's default calendar. */
  events?: SeedEvent[];
  contacts?: SeedContact[];
  copilot?: SeedInteraction[];
  sites?: SeedSite[];
  settings?: { teamsExport?: 'enabled' | 'notApproved' | 'noBilling'; searchRegion?: string };
}

export interface SeedChatMessage {
  from: string;
  ago: Ago;
  text: string;
}

export interface SeedChat {
  members: string[];
  topic?: string;
  messages: SeedChatMessage[];
}

export interface SeedTeam {
  displayName: string;
  description: string;
  channels: { displayName: string; posts: (SeedChatMessage & { subject?: string; replies?: SeedChatMessage[] })[] }[];
}

export interface SeedEvent {
  owner: string;
  subject: string;
  body: string;
  /** Start, relative to now (negative days are in the future). */
  startAgo: Ago;
  minutes: number;
  location?: string;
  attendees: { name: string; address: string }[];
}

export interface SeedContact {
  owner: string;
  givenName: string;
  surname: string;
  email: string;
  companyName?: string;
  mobilePhone?: string;
  notes?: string;
  modifiedAgo: Ago;
}

export interface SeedInteraction {
  user: string;
  ago: Ago;
  prompt: string;
  answer: string;
  /** e.g. IPM.SkypeTeams.Message.Copilot.BizChat (default) or .Word, .Teams. */
  appClass?: string;
}

export interface SeedSite {
  /** URL name below /sites/, e.g. Kunder. */
  name: string;
  displayName: string;
  description: string;
  /** Files in the site's Documents library ("Shared Documents"). */
  files: { path: string; content: string; modifiedAgo: Ago }[];
}

export interface SeedGroup {
  id: string;
  displayName: string;
  members: string[];
}
