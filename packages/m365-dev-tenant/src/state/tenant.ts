import type { SeedGroup } from '../seed.js';
import { indexForSearch, searchableDriveItem } from '../query/search-index.js';
import type { Ago, SeedTenant } from '../seed.js';
import type { DevApp, DevUser, Drive, Mailbox, StoredMessage, Subscription } from '../model.js';
import { bodyPreview, contentOf, parseMime, type ParsedMessage } from '../mime.js';
import { DriveStore, isTextual } from './drive-store.js';
import { newConversationId, newGuid, newToken } from './ids.js';
import { MailStore } from './mail-store.js';

/** Everything the dev tenant holds: directory, mailboxes, drives, subscriptions, and its clock. */

export interface OutboundMessage {
  from: string;
  to: string[];
  subject: string;
  internetMessageId: string;
  sentDateTime: string;
}

export interface Snapshot {
  version: 1;
  tenantId: string;
  domain: string;
  displayName: string;
  users: DevUser[];
  mailboxes: Mailbox[];
  drives: Drive[];
  subscriptions: Subscription[];
  outbox: OutboundMessage[];
  /** Absent in state saved before groups existed. */
  groups?: SeedGroup[];
}

export const GRAPH_ROLES = ['User.Read.All', 'GroupMember.Read.All', 'Mail.Read', 'Mail.ReadWrite', 'Mail.Send', 'Files.Read.All', 'Files.ReadWrite.All'];

export class Tenant {
  tenantId: string;
  domain: string;
  displayName: string;
  users: DevUser[] = [];
  groups: SeedGroup[] = [];
  readonly apps: DevApp[] = [];
  readonly mail = new MailStore();
  readonly drive = new DriveStore();
  subscriptions: Subscription[] = [];
  outbox: OutboundMessage[] = [];
  /** Milliseconds added to the wall clock (tests move time forward through /_dev/clock). */
  clockOffsetMs = 0;

  constructor(init: { tenantId: string; domain: string; displayName: string }) {
    this.tenantId = init.tenantId;
    this.domain = init.domain;
    this.displayName = init.displayName;
    // OneDrive indexes a file's text when it is written, not when someone searches.
    this.drive.onWrite = (item) => void searchableDriveItem(item, (i) => this.searchableText(i));
  }

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  /** Graph writes message and item times to the second: 2026-11-20T08:15:02Z. */
  nowIso(): string {
    return isoSeconds(this.now());
  }

  registerApp(app: Partial<DevApp> & { displayName: string }): DevApp {
    const registered: DevApp = {
      clientId: app.clientId ?? newGuid(),
      objectId: app.objectId ?? newGuid(),
      secret: app.secret ?? newToken(30),
      roles: app.roles ?? GRAPH_ROLES,
      displayName: app.displayName,
    };
    this.apps.push(registered);
    return registered;
  }

  /** A user by object id or userPrincipalName (case-insensitive, as Entra resolves them). */
  // Every Graph request names a user; with hundreds of users a scan per request shows in benchmarks.
  private userIndex?: { users: DevUser[]; length: number; byKey: Map<string, DevUser> };

  user(idOrUpn: string): DevUser | undefined {
    let index = this.userIndex;
    if (!index || index.users !== this.users || index.length !== this.users.length) {
      const byKey = new Map<string, DevUser>();
      for (const u of [...this.users].reverse()) byKey.set(u.id, u).set(u.userPrincipalName.toLowerCase(), u);
      index = this.userIndex = { users: this.users, length: this.users.length, byKey };
    }
    return index.byKey.get(idOrUpn.toLowerCase());
  }

  userByAddress(address: string): DevUser | undefined {
    const key = address.toLowerCase();
    return this.users.find((u) => u.mail.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
  }

  mailboxOf(user: DevUser): Mailbox {
    return this.mail.ensureMailbox(user.id);
  }

  driveOf(user: DevUser): Drive {
    return this.drive.ensureDrive(user.id, this.nowIso());
  }

  addUser(user: DevUser): void {
    this.users.push(user);
    this.mail.ensureMailbox(user.id);
  }

  /** Puts a parsed MIME message into a folder, the way Exchange files incoming or sent mail. */
  fileMessage(user: DevUser, folderName: string, parsed: ParsedMessage, options: { receivedAt: string; mime?: string; isRead?: boolean; categories?: string[] }): StoredMessage {
    const mailbox = this.mailboxOf(user);
    const folder = this.mail.folder(mailbox, folderName) ?? this.mail.wellKnown(mailbox, 'inbox');
    const thread = parsed.references[0] ?? parsed.inReplyTo ?? parsed.internetMessageId;
    const seqBefore = mailbox.seq;
    const message = this.mail.add(mailbox, folder, {
      createdDateTime: options.receivedAt,
      lastModifiedDateTime: options.receivedAt,
      receivedDateTime: options.receivedAt,
      sentDateTime: parsed.sentDateTime ?? options.receivedAt,
      ...contentOf(parsed),
      conversationId: newConversationId(`${user.id}|${thread}`),
      isRead: options.isRead ?? false,
      isDraft: false,
      categories: options.categories ?? [],
      flag: { flagStatus: 'notFlagged' },
      inferenceClassification: 'focused',
      mime: options.mime,
    });
    indexForSearch(message, mailbox, seqBefore);
    return message;
  }

  /** Loads seed data; times in it are relative to now. */
  async load(seed: SeedTenant): Promise<void> {
    const now = this.now().getTime();
    const at = (ago: Ago) => isoSeconds(new Date(now - ((ago.days * 24 + (ago.hours ?? 0)) * 60 + (ago.minutes ?? 0)) * 60_000));
    this.groups = (seed.groups ?? []).map((g) => ({ id: g.id.toLowerCase(), displayName: g.displayName, members: g.members.map((m) => m.toLowerCase()) }));
    for (const u of seed.users) {
      this.addUser({
        id: u.id.toLowerCase(),
        displayName: u.displayName,
        givenName: u.givenName ?? null,
        surname: u.surname ?? null,
        mail: u.mail,
        userPrincipalName: u.userPrincipalName,
        jobTitle: u.jobTitle ?? null,
        department: u.department ?? null,
        officeLocation: u.officeLocation ?? null,
        mobilePhone: u.mobilePhone ?? null,
        businessPhones: u.businessPhones ?? [],
        preferredLanguage: u.preferredLanguage ?? null,
        accountEnabled: u.mailboxType === 'user',
        mailboxType: u.mailboxType,
      });
    }
    // Oldest first, so the change sequence follows arrival order like a real mailbox.
    const messages = [...seed.messages].sort((a, b) => at(a.receivedAgo).localeCompare(at(b.receivedAgo)));
    for (const m of messages) {
      const user = this.user(m.mailbox);
      if (!user) throw new Error(`seed message for unknown mailbox ${m.mailbox}`);
      const receivedAt = at(m.receivedAgo);
      const mime = withDate(m.eml, new Date(receivedAt));
      const parsed = await parseMime(mime, receivedAt);
      this.fileMessage(user, m.folder, parsed, { receivedAt, mime, isRead: m.isRead ?? m.folder !== 'inbox', categories: m.categories });
    }
    for (const f of seed.files) {
      const user = this.user(f.owner);
      if (!user) throw new Error(`seed file for unknown owner ${f.owner}`);
      const bytes = typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : Buffer.from(f.content);
      const drive = this.driveOf(user);
      const { item } = this.drive.write(drive, f.path, bytes, at(f.modifiedAgo), { contentType: f.contentType, searchText: f.searchText });
      item.createdDateTime = item.lastModifiedDateTime;
    }
  }

  /** Text a drive item's search sees: its name and, for text files, its content. */
  searchableText(item: { name: string; content?: string; contentType?: string; searchText?: string }): string {
    const content = item.searchText ?? (item.content && isTextual(item.contentType) ? Buffer.from(item.content, 'base64').toString('utf8') : '');
    return `${item.name}\n${content}`;
  }

  snapshot(): Snapshot {
    return {
      version: 1,
      tenantId: this.tenantId,
      domain: this.domain,
      displayName: this.displayName,
      users: this.users,
      mailboxes: [...this.mail.mailboxes.values()],
      drives: [...this.drive.drives.values()],
      subscriptions: this.subscriptions,
      outbox: this.outbox,
      groups: this.groups,
    };
  }

  /** The groups a directory object is a member of, directly or through other groups. */
  memberOf(objectId: string): Set<string> {
    const found = new Set<string>();
    const queue = [objectId.toLowerCase()];
    while (queue.length) {
      const id = queue.shift()!;
      for (const g of this.groups) if (g.members.includes(id) && !found.has(g.id)) (found.add(g.id), queue.push(g.id));
    }
    return found;
  }

  restore(snapshot: Snapshot): void {
    this.tenantId = snapshot.tenantId;
    this.domain = snapshot.domain;
    this.displayName = snapshot.displayName;
    this.users = snapshot.users;
    for (const mailbox of snapshot.mailboxes) this.mail.restore(mailbox);
    for (const drive of snapshot.drives) this.drive.restore(drive);
    this.subscriptions = snapshot.subscriptions;
    this.outbox = snapshot.outbox;
    this.groups = snapshot.groups ?? [];
  }
}

export { bodyPreview };

export const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Sets (or adds) the Date header of an RFC 822 source. */
export function withDate(eml: string, date: Date): string {
  const split = eml.search(/\r?\n\r?\n/);
  const head = split < 0 ? eml : eml.slice(0, split);
  const rest = split < 0 ? '' : eml.slice(split);
  const eol = head.includes('\r\n') ? '\r\n' : '\n';
  const dateLine = `Date: ${date.toUTCString().replace('GMT', '+0000')}`;
  const replaced = /^Date:.*(\r?\n[ \t].*)*$/im.test(head) ? head.replace(/^Date:.*(\r?\n[ \t].*)*$/im, dateLine) : `${dateLine}${eol}${head}`;
  return replaced + rest;
}
