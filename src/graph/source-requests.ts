import type { SourceKind } from '../domain/hits.js';
import { sourceKey } from './search.js';
import { userPath } from './paths.js';

/**
 * The first request of each source discovery reads beyond mailboxes and OneDrives, from Microsoft's
 * documentation (application permissions):
 * - SharePoint: `POST /search/query` with entityTypes driveItem and listItem and the tenant's `region`
 *   (app-only needs it; Sites.Read.All). One request sequence for the whole tenant, paged with from/size.
 *   Per-site drive search would need every site listed and one request per library; the Search API finds
 *   files in every site the app can read in one query, so it is the better fit for "everything about a person".
 * - Teams chats: `GET /users/{id}/chats/getAllMessages` (Chat.Read.All), channels:
 *   `GET /teams/{id}/channels/getAllMessages` (ChannelMessage.Read.All), with the tenant's payment `model`
 *   (A or B; none is evaluation mode with a small monthly quota). These are protected, metered export APIs:
 *   Graph cannot search them, so every message is read and matched here.
 * - Calendars: `GET /users/{id}/events`, contacts: `GET /users/{id}/contacts` (no $search either), read
 *   whole and matched here; both are Outlook, so they count against the mailbox's 4 concurrent requests.
 * - Copilot: `GET /copilot/users/{id}/interactionHistory/getAllEnterpriseInteractions`
 *   (AiEnterpriseInteraction.Read.All; users without a Copilot licence have none).
 */

export interface SourceRequest {
  kind: SourceKind;
  url: string;
  /** A POST's body (the site search); GET when absent. */
  body?: unknown;
  /** What the request counts against (Outlook's 4 per mailbox; one key per user or team otherwise). */
  key: string;
}

export type TeamsExportModel = 'A' | 'B' | 'evaluation';

const EVENT_SELECT =
  '$select=id,iCalUId,subject,bodyPreview,body,organizer,attendees,start,end,location,webLink,lastModifiedDateTime&$top=100';
const CONTACT_SELECT =
  '$select=id,displayName,givenName,surname,emailAddresses,businessPhones,homePhones,mobilePhone,companyName,jobTitle,personalNotes,lastModifiedDateTime&$top=100';
export const SITE_PAGE_SIZE = 200;

const model = (m: TeamsExportModel) => (m === 'evaluation' ? '' : `model=${m}&`);

export function sourceRequests(options: { query: string; region: string; teamsModel: TeamsExportModel }) {
  const { query, region, teamsModel } = options;
  return {
    sites: (from = 0): SourceRequest => ({
      kind: 'sites',
      url: '/search/query',
      body: {
        requests: [{ entityTypes: ['driveItem', 'listItem'], query: { queryString: query }, region, from, size: SITE_PAGE_SIZE }],
      },
      key: 'sites|tenant',
    }),
    chats: (userId: string): SourceRequest => ({
      kind: 'chats',
      url: `${userPath(userId)}/chats/getAllMessages?${model(teamsModel)}$top=50`,
      key: sourceKey('chats', userId),
    }),
    channels: (teamId: string): SourceRequest => ({
      kind: 'channels',
      url: `/teams/${encodeURIComponent(teamId)}/channels/getAllMessages?${model(teamsModel)}$top=50`,
      key: sourceKey('channels', teamId),
    }),
    calendar: (userId: string): SourceRequest => ({
      kind: 'calendar',
      url: `${userPath(userId)}/events?${EVENT_SELECT}`,
      key: sourceKey('mailbox', userId),
    }),
    contacts: (userId: string): SourceRequest => ({
      kind: 'contacts',
      url: `${userPath(userId)}/contacts?${CONTACT_SELECT}`,
      key: sourceKey('mailbox', userId),
    }),
    copilot: (userId: string): SourceRequest => ({
      kind: 'copilot',
      url: `/copilot/users/${encodeURIComponent(userId)}/interactionHistory/getAllEnterpriseInteractions`,
      key: sourceKey('copilot', userId),
    }),
  };
}

/** Graph's item shapes, as far as discovery reads them. */
export interface ItemBody {
  contentType?: string | null;
  content?: string | null;
}
export interface Identity {
  user?: { id?: string | null; displayName?: string | null } | null;
  application?: { displayName?: string | null } | null;
}
export interface FoundChatMessage {
  id: string;
  chatId?: string | null;
  channelIdentity?: { teamId?: string | null; channelId?: string | null } | null;
  replyToId?: string | null;
  messageType?: string | null;
  createdDateTime?: string | null;
  lastModifiedDateTime?: string | null;
  deletedDateTime?: string | null;
  subject?: string | null;
  from?: Identity | null;
  body?: ItemBody | null;
  webUrl?: string | null;
  mentions?: { mentionText?: string | null; mentioned?: Identity | null }[] | null;
  attachments?: { name?: string | null; contentUrl?: string | null }[] | null;
}
export interface EmailAddress {
  name?: string | null;
  address?: string | null;
}
export interface FoundEvent {
  id: string;
  iCalUId?: string | null;
  subject?: string | null;
  bodyPreview?: string | null;
  body?: ItemBody | null;
  organizer?: { emailAddress?: EmailAddress | null } | null;
  attendees?: { emailAddress?: EmailAddress | null; type?: string | null }[] | null;
  start?: { dateTime?: string | null; timeZone?: string | null } | null;
  end?: { dateTime?: string | null; timeZone?: string | null } | null;
  location?: { displayName?: string | null } | null;
  webLink?: string | null;
  lastModifiedDateTime?: string | null;
}
export interface FoundContact {
  id: string;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  emailAddresses?: EmailAddress[] | null;
  businessPhones?: string[] | null;
  homePhones?: string[] | null;
  mobilePhone?: string | null;
  companyName?: string | null;
  jobTitle?: string | null;
  personalNotes?: string | null;
  lastModifiedDateTime?: string | null;
}
export interface FoundInteraction {
  id: string;
  sessionId?: string | null;
  requestId?: string | null;
  appClass?: string | null;
  interactionType?: string | null;
  conversationType?: string | null;
  createdDateTime?: string | null;
  locale?: string | null;
  body?: ItemBody | null;
  from?: Identity | null;
}
export interface SiteSearchResource {
  '@odata.type'?: string;
  id: string;
  name?: string | null;
  webUrl?: string | null;
  size?: number | null;
  lastModifiedDateTime?: string | null;
  createdDateTime?: string | null;
  parentReference?: { driveId?: string | null; siteId?: string | null; id?: string | null; path?: string | null } | null;
  fields?: Record<string, unknown> | null;
}
export interface SiteSearchResponse {
  value?: {
    hitsContainers?: {
      hits?: { hitId?: string; summary?: string | null; resource?: SiteSearchResource }[] | null;
      total?: number;
      moreResultsAvailable?: boolean;
    }[];
  }[];
}
export interface FoundTeam {
  id: string;
  displayName?: string | null;
}
