/** What the dev tenant keeps, in Graph's own vocabulary so responses are projections, not translations. */

export interface EmailAddress {
  name?: string;
  address: string;
}

export interface Recipient {
  emailAddress: EmailAddress;
}

export interface StoredAttachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  isInline: boolean;
  contentId?: string | undefined;
  lastModifiedDateTime: string;
  /** base64 */
  contentBytes: string;
}

export interface StoredMessage {
  id: string;
  immutableId: string;
  mailboxId: string;
  folderId: string;
  changeKey: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  receivedDateTime: string;
  sentDateTime: string;
  subject: string;
  body: { contentType: 'html' | 'text'; content: string };
  /** Plain text of the body, for bodyPreview, search and text rendering. */
  text: string;
  from?: Recipient | undefined;
  sender?: Recipient | undefined;
  toRecipients: Recipient[];
  ccRecipients: Recipient[];
  bccRecipients: Recipient[];
  replyTo: Recipient[];
  internetMessageId: string;
  internetMessageHeaders: { name: string; value: string }[];
  conversationId: string;
  importance: 'low' | 'normal' | 'high';
  isRead: boolean;
  isDraft: boolean;
  categories: string[];
  flag: { flagStatus: 'notFlagged' | 'flagged' | 'complete' };
  inferenceClassification: 'focused' | 'other';
  attachments: StoredAttachment[];
  /** The RFC 822 source, when the message arrived as MIME; otherwise $value composes it. */
  mime?: string | undefined;
  /** Mailbox change sequence of the last change (delta tokens are positions in this sequence). */
  seq: number;
  /** Sequence at which the message entered its current folder (delta's changeType=created). */
  arrivedSeq: number;
}

export interface Tombstone {
  id: string;
  immutableId: string;
  folderId: string;
  seq: number;
}

export interface MailFolder {
  id: string;
  wellKnownName?: string;
  displayName: string;
  parentFolderId: string;
}

export interface Mailbox {
  userId: string;
  folders: MailFolder[];
  messages: StoredMessage[];
  tombstones: Tombstone[];
  seq: number;
}

export interface DriveItem {
  id: string;
  name: string;
  /** undefined for the root. */
  parentId?: string;
  folder: boolean;
  createdDateTime: string;
  lastModifiedDateTime: string;
  eTag: string;
  cTag: string;
  contentType?: string;
  /** base64 of the bytes, files only. */
  content?: string;
  size: number;
  searchText?: string | undefined;
}

export interface Drive {
  id: string;
  ownerId: string;
  rootId: string;
  items: DriveItem[];
  createdDateTime: string;
}

export interface DevUser {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string;
  userPrincipalName: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  mobilePhone: string | null;
  businessPhones: string[];
  preferredLanguage: string | null;
  accountEnabled: boolean;
  mailboxType: 'user' | 'shared';
  /** Holds a Microsoft 365 Copilot licence; not a Graph property (Graph has assignedLicenses). */
  copilotLicensed?: boolean;
  /**
   * Users (object ids) granted Full Access to this mailbox (Exchange's Add-MailboxPermission -AccessRights
   * FullAccess): their delegated Graph tokens with Mail.Read.Shared may read it. Not a Graph property.
   */
  fullAccess?: string[];
}

export interface DevApp {
  clientId: string;
  displayName: string;
  /** Service principal object id (the `oid` of its tokens). */
  objectId: string;
  secret: string;
  /** Application permissions granted (token `roles`). */
  roles: string[];
}

export interface Subscription {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string | undefined;
  clientState?: string | undefined;
  expirationDateTime: string;
  applicationId: string;
  creatorId: string;
  includeResourceData: boolean;
  latestSupportedTlsVersion: string;
  notificationUrlAppId: string | null;
  notificationQueryOptions: string | null;
  encryptionCertificate: string | null;
  encryptionCertificateId: string | null;
  lifecycleNotificationUrlAppId?: string | null;
  /** What the subscription watches, resolved once at creation. */
  target: { mailboxId: string; folderId?: string | undefined };
  /** Notifications carry immutable ids when created with Prefer: IdType="ImmutableId". */
  immutableIds: boolean;
}
