import { z } from 'zod';

/**
 * The Microsoft 365 sources beyond mail, calendars and OneDrive: Teams chats and channels, Outlook
 * contacts, Microsoft 365 Copilot interactions and SharePoint sites (whose libraries live in the drive
 * store, keyed by site id), plus the tenant switches that decide whether Graph serves them.
 */

export interface ChatIdentity {
  id: string;
  displayName: string;
}

export interface StoredChatMessage {
  /** Teams ids are the creation time in epoch milliseconds. */
  id: string;
  replyToId: string | null;
  createdDateTime: string;
  lastModifiedDateTime: string;
  from: ChatIdentity;
  body: { contentType: 'text' | 'html'; content: string };
  subject: string | null;
}

export interface StoredChat {
  id: string;
  chatType: 'oneOnOne' | 'group';
  topic: string | null;
  /** Member user ids. */
  members: string[];
  messages: StoredChatMessage[];
}

export interface StoredChannel {
  id: string;
  displayName: string;
  /** Top-level posts and their replies (replyToId set), as getAllMessages returns both. */
  messages: StoredChatMessage[];
}

export interface StoredTeam {
  id: string;
  displayName: string;
  description: string;
  channels: StoredChannel[];
}

export interface StoredContact {
  id: string;
  ownerId: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  companyName: string | null;
  emailAddresses: { name: string; address: string }[];
  businessPhones: string[];
  mobilePhone: string | null;
  personalNotes: string;
}

export interface StoredInteraction {
  id: string;
  userId: string;
  sessionId: string;
  requestId: string;
  appClass: string;
  interactionType: 'userPrompt' | 'aiResponse';
  conversationType: string;
  createdDateTime: string;
  body: { contentType: 'text' | 'html'; content: string };
}

export interface StoredSite {
  /** hostname,siteCollectionId,webId as Graph writes site ids. */
  id: string;
  name: string;
  displayName: string;
  description: string;
  webUrl: string;
  createdDateTime: string;
}

export const settingsSchema = z
  .object({
    /**
     * Teams export (getAllMessages): 'enabled'; 'notApproved' (the app was never approved for Teams protected
     * APIs: 403); 'noBilling' (no Azure subscription linked: model=A/B answer 402).
     */
    teamsExport: z.enum(['enabled', 'notApproved', 'noBilling']).default('enabled'),
    /** The tenant's SharePoint geo (siteCollection.dataLocationCode); app-only search needs it as `region`. */
    searchRegion: z.string().min(2).default('EUR'),
  })
  .strict();

export type SourceSettings = z.infer<typeof settingsSchema>;

export interface SourcesSnapshot {
  chats: StoredChat[];
  teams: StoredTeam[];
  contacts: StoredContact[];
  interactions: StoredInteraction[];
  sites: StoredSite[];
  settings: SourceSettings;
}

export class SourcesStore {
  chats: StoredChat[] = [];
  teams: StoredTeam[] = [];
  contacts: StoredContact[] = [];
  interactions: StoredInteraction[] = [];
  sites: StoredSite[] = [];
  settings: SourceSettings = settingsSchema.parse({});

  clear(): void {
    this.restore({ chats: [], teams: [], contacts: [], interactions: [], sites: [], settings: settingsSchema.parse({}) });
  }

  configure(input: unknown): SourceSettings {
    this.settings = settingsSchema.parse({ ...this.settings, ...(input as object) });
    return this.settings;
  }

  snapshot(): SourcesSnapshot {
    return {
      chats: this.chats,
      teams: this.teams,
      contacts: this.contacts,
      interactions: this.interactions,
      sites: this.sites,
      settings: this.settings,
    };
  }

  restore(s: SourcesSnapshot): void {
    this.chats = s.chats;
    this.teams = s.teams;
    this.contacts = s.contacts;
    this.interactions = s.interactions;
    this.sites = s.sites;
    this.settings = s.settings;
  }

  chatsOf(userId: string): StoredChat[] {
    return this.chats.filter((c) => c.members.includes(userId));
  }

  team(id: string): StoredTeam | undefined {
    return this.teams.find((t) => t.id.toLowerCase() === id.toLowerCase());
  }

  site(id: string): StoredSite | undefined {
    return this.sites.find((s) => s.id.toLowerCase() === id.toLowerCase());
  }
}
