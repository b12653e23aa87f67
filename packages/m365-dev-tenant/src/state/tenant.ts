import { CalendarStore } from './calendar-store.js';
import type { SeedGroup } from '../seed.js';
import { indexForSearch, searchableDriveItem } from '../query/search-index.js';
import type { Ago, SeedTenant } from '../seed.js';
import type { DevApp, DevUser, Drive, Mailbox, StoredMessage, Subscription } from '../model.js';
import { bodyPreview, contentOf, parseMime, type ParsedMessage } from '../mime.js';
import { DriveStore, isTextual } from './drive-store.js';
import { newConversationId, newGuid, newToken } from './ids.js';
import { MailStore } from './mail-store.js';
import { loadSources } from './load-sources.js';
import { SourcesStore, type SourcesSnapshot } from './sources-store.js';

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
  /** Absent in state saved before Teams, contacts, Copilot and sites existed. */
  sources?: SourcesSnapshot;
}

export const GRAPH_ROLES = [
  'User.Read.All',
  'GroupMember.Read.All',
  'Mail.Read',
  'Mail.ReadWrite',
  'Mail.Send',
  'Files.Read.All',
  'Files.ReadWrite.All',
  'Calendars.ReadWrite',
  'Chat.Read.All',
  'ChannelMessage.Read.All',
  'Team.ReadBasic.All',
  'Contacts.Read',
  'Sites.Read.All',
  'AiEnterpriseInteraction.Read.All',
];

// The state is read through getters and changed only through methods, so a reset or a restore cannot
// leave half of it behind and the routes cannot replace a list another part (the notifier) holds.
export class Tenant {
  private state: { tenantId: string; domain: string; displayName: string };
  private userList: DevUser[] = [];
  private groupList: SeedGroup[] = [];
  readonly apps: DevApp[] = [];
  readonly mail = new MailStore();
  readonly drive = new DriveStore();
  readonly calendar = new CalendarStore();
  readonly sources = new SourcesStore();
  private subscriptionList: Subscription[] = [];
  private outboxList: OutboundMessage[] = [];
  /** Milliseconds added to the wall clock (tests move time forward through /_dev/clock). */
  private offsetMs = 0;

  constructor(init: { tenantId: string; domain: string; displayName: string }) {
    this.state = { tenantId: init.tenantId, domain: init.domain, displayName: init.displayName };
    // OneDrive indexes a file's text when it is written, not when someone searches.
    this.drive.onWrite = (item) => void searchableDriveItem(item, (i) => this.searchableText(i));
  }

  get tenantId(): string {
    return this.state.tenantId;
  }

  get domain(): string {
    return this.state.domain;
  }

  get displayName(): string {
    return this.state.displayName;
  }

  get users(): readonly DevUser[] {
    return this.userList;
  }

  get groups(): readonly SeedGroup[] {
    return this.groupList;
  }

  get subscriptions(): readonly Subscription[] {
    return this.subscriptionList;
  }

  /** Mail sent to addresses outside the tenant, which goes nowhere else. */
  get outbox(): readonly OutboundMessage[] {
    return this.outboxList;
  }

  get clockOffsetMs(): number {
    return this.offsetMs;
  }

  advanceClock(ms: number): void {
    this.offsetMs += ms;
  }

  setClockOffset(ms: number): void {
    this.offsetMs = ms;
  }

  addSubscription(subscription: Subscription): void {
    this.subscriptionList.push(subscription);
  }

  removeSubscription(subscription: Subscription): void {
    this.subscriptionList = this.subscriptionList.filter((s) => s !== subscription);
  }

  /** Drops the subscriptions that expired by `now` (ms), as Graph deletes them, and returns the rest. */
  dropExpiredSubscriptions(now: number): readonly Subscription[] {
    // Compared as instants: expiry times carry seven fractional digits, the tenant's ISO time none.
    this.subscriptionList = this.subscriptionList.filter((s) => Date.parse(s.expirationDateTime) > now);
    return this.subscriptionList;
  }

  recordOutbound(message: OutboundMessage): void {
    this.outboxList.push(message);
  }

  /**
   * Replaces everything the tenant holds with a fresh load of `seed`; the app registrations and the clock
   * stay, so the product keeps its credentials. The seed is loaded on its own first, so a seed that fails
   * to load leaves the tenant as it was.
   */
  async reset(seed: SeedTenant): Promise<void> {
    const fresh = new Tenant(seed);
    await fresh.load(seed);
    this.userList = [];
    this.mail.clear();
    this.drive.clear();
    this.sources.clear();
    this.calendar.clear();
    this.subscriptionList = [];
    this.outboxList = [];
    this.restore(fresh.snapshot());
    // Events are not part of the snapshot (nor of saved state); the seed's meetings come across here.
    this.calendar.replaceWith(fresh.calendar);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Graph writes message and item times to the second: 2026-11-20T08:15:02Z. */
  nowIso(): string {
    return isoSeconds(this.now());
  }

  registerApp(app: { [K in keyof DevApp]?: DevApp[K] | undefined } & { displayName: string }): DevApp {
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
  private userIndex?: { users: readonly DevUser[]; length: number; byKey: Map<string, DevUser> };

  user(idOrUpn: string): DevUser | undefined {
    let index = this.userIndex;
    if (!index || index.users !== this.userList || index.length !== this.userList.length) {
      const byKey = new Map<string, DevUser>();
      for (const u of [...this.userList].reverse()) byKey.set(u.id, u).set(u.userPrincipalName.toLowerCase(), u);
      index = this.userIndex = { users: this.userList, length: this.userList.length, byKey };
    }
    return index.byKey.get(idOrUpn.toLowerCase());
  }

  userByAddress(address: string): DevUser | undefined {
    const key = address.toLowerCase();
    return this.userList.find((u) => u.mail.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
  }

  mailboxOf(user: DevUser): Mailbox {
    return this.mail.ensureMailbox(user.id);
  }

  driveOf(user: DevUser): Drive {
    return this.drive.ensureDrive(user.id, this.nowIso());
  }

  addUser(user: DevUser): void {
    this.userList.push(user);
    this.mail.ensureMailbox(user.id);
  }

  /** Puts a parsed MIME message into a folder, the way Exchange files incoming or sent mail. */
  fileMessage(
    user: DevUser,
    folderName: string,
    parsed: ParsedMessage,
    options: { receivedAt: string; mime?: string | undefined; isRead?: boolean; categories?: string[] | undefined },
  ): StoredMessage {
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
    this.groupList = (seed.groups ?? []).map((g) => ({
      id: g.id.toLowerCase(),
      displayName: g.displayName,
      members: g.members.map((m) => m.toLowerCase()),
    }));
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
        ...(u.copilotLicensed ? { copilotLicensed: true } : {}),
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
    loadSources(this, seed, at);
  }

  /** Text a drive item's search sees: its name and, for text files, its content. */
  searchableText(item: { name: string; content?: string; contentType?: string; searchText?: string | undefined }): string {
    const content =
      item.searchText ?? (item.content && isTextual(item.contentType) ? Buffer.from(item.content, 'base64').toString('utf8') : '');
    return `${item.name}\n${content}`;
  }

  snapshot(): Snapshot {
    return {
      version: 1,
      tenantId: this.tenantId,
      domain: this.domain,
      displayName: this.displayName,
      users: this.userList,
      mailboxes: [...this.mail.mailboxes.values()],
      drives: [...this.drive.drives.values()],
      subscriptions: this.subscriptionList,
      outbox: this.outboxList,
      groups: this.groupList,
      sources: this.sources.snapshot(),
    };
  }

  /** The groups a directory object is a member of, directly or through other groups. */
  memberOf(objectId: string): Set<string> {
    const found = new Set<string>();
    const queue = [objectId.toLowerCase()];
    while (queue.length) {
      const id = queue.shift()!;
      for (const g of this.groupList) {
        if (g.members.includes(id) && !found.has(g.id)) {
          found.add(g.id);
          queue.push(g.id);
        }
      }
    }
    return found;
  }

  restore(snapshot: Snapshot): void {
    this.state = { tenantId: snapshot.tenantId, domain: snapshot.domain, displayName: snapshot.displayName };
    this.userList = snapshot.users;
    for (const mailbox of snapshot.mailboxes) this.mail.restore(mailbox);
    for (const drive of snapshot.drives) this.drive.restore(drive);
    this.subscriptionList = snapshot.subscriptions;
    this.outboxList = snapshot.outbox;
    this.groupList = snapshot.groups ?? [];
    if (snapshot.sources) this.sources.restore(snapshot.sources);
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
  const replaced = /^Date:.*(\r?\n[ \t].*)*$/im.test(head)
    ? head.replace(/^Date:.*(\r?\n[ \t].*)*$/im, dateLine)
    : `${dateLine}${eol}${head}`;
  return replaced + rest;
}
