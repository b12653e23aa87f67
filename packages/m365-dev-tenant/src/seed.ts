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
}

export interface SeedGroup {
  id: string;
  displayName: string;
  members: string[];
}
