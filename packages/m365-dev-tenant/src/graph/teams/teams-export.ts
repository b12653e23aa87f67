import { GraphErrors } from '../../errors.js';
import { json } from '../../http/kit.js';
import type { StoredChatMessage } from '../../state/sources-store.js';
import { CHANNEL_MESSAGES_READ, CHAT_READ, route, TEAMS_READ, type Route, type RouteContext } from '../context.js';
import { exportFilter, exportPage } from '../export-paging.js';
import { contextUrl, project, selectList } from '../odata.js';

/**
 * Teams (chats-getallmessages.md, channel-getallmessages.md, teams-list.md): every message of a user's
 * chats and of a team's channels (replies included), app-only, and the list of teams. The export APIs
 * are protected and metered: the tenant's teamsExport switch decides whether they answer.
 */

const MAX_TOP = 50;
const denied = (needed: string[]) => (had: readonly string[]) => GraphErrors.teamsMissingRole(needed, had);

/** Graph's gate for protected, metered APIs: approval first, then the payment model. */
function checkExport(ctx: RouteContext): void {
  const model = ctx.req.query.get('model');
  if (model !== null && model !== 'A' && model !== 'B') throw GraphErrors.teamsModel(model);
  const { teamsExport } = ctx.services.tenant.sources.settings;
  if (teamsExport === 'notApproved') throw GraphErrors.teamsProtectedApi();
  // Without model the call runs in evaluation mode, which needs no subscription (its quota is not modelled).
  if (teamsExport === 'noBilling' && model !== null) throw GraphErrors.teamsPaymentRequired();
}

function messageJson(m: StoredChatMessage, where: { chatId: string } | { teamId: string; channelId: string }, tenantId: string) {
  const channel = 'teamId' in where ? where : undefined;
  return {
    '@odata.type': '#microsoft.graph.chatMessage',
    id: m.id,
    replyToId: m.replyToId,
    etag: m.id,
    messageType: 'message',
    createdDateTime: m.createdDateTime,
    lastModifiedDateTime: m.lastModifiedDateTime,
    lastEditedDateTime: null,
    deletedDateTime: null,
    subject: m.subject,
    summary: null,
    chatId: channel ? null : (where as { chatId: string }).chatId,
    importance: 'normal',
    locale: 'en-us',
    webUrl: channel
      ? `https://teams.microsoft.com/l/message/${encodeURIComponent(channel.channelId)}/${m.id}?groupId=${channel.teamId}&tenantId=${tenantId}&createdTime=${m.id}${m.replyToId ? `&parentMessageId=${m.replyToId}` : ''}`
      : null,
    channelIdentity: channel ? { teamId: channel.teamId, channelId: channel.channelId } : null,
    policyViolation: null,
    eventDetail: null,
    from: { application: null, device: null, user: { id: m.from.id, displayName: m.from.displayName, userIdentityType: 'aadUser' } },
    body: m.body,
    attachments: [],
    mentions: [],
    reactions: [],
  };
}

function respond(ctx: RouteContext, all: Record<string, unknown>[]) {
  const filter = exportFilter(ctx.req, 'lastModifiedDateTime');
  const matching = all.filter((m) => filter.test(m));
  const { page, nextLink } = exportPage(ctx.req, matching, { defaultTop: 20, maxTop: MAX_TOP });
  return json(200, {
    '@odata.context': contextUrl(ctx.req, 'Collection(chatMessage)'),
    '@odata.count': page.length,
    ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    value: page,
  });
}

const byTime = (a: { createdDateTime: unknown; id: unknown }, b: { createdDateTime: unknown; id: unknown }) =>
  String(a.createdDateTime).localeCompare(String(b.createdDateTime)) || String(a.id).localeCompare(String(b.id));

function chatMessages(ctx: RouteContext) {
  checkExport(ctx);
  const { tenant } = ctx.services;
  const all = tenant.sources
    .chatsOf(ctx.user.id)
    .flatMap((c) => c.messages.map((m) => messageJson(m, { chatId: c.id }, tenant.tenantId)))
    .sort(byTime);
  return respond(ctx, all);
}

function channelMessages(ctx: RouteContext) {
  const { tenant } = ctx.services;
  const team = tenant.sources.team(ctx.params.team!);
  if (!team) throw GraphErrors.teamNotFound(ctx.params.team!);
  checkExport(ctx);
  const all = team.channels
    .flatMap((ch) => ch.messages.map((m) => messageJson(m, { teamId: team.id, channelId: ch.id }, tenant.tenantId)))
    .sort(byTime);
  return respond(ctx, all);
}

const TEAM_PROPERTIES = ['id', 'displayName', 'description'] as const;

function listTeams(ctx: RouteContext) {
  const select = selectList(ctx.req, TEAM_PROPERTIES, 'microsoft.graph.team', 'directory');
  const all = ctx.services.tenant.sources.teams.map((t) => ({ id: t.id, displayName: t.displayName, description: t.description }));
  const { page, nextLink } = exportPage(ctx.req, all, { defaultTop: 100, maxTop: 999 });
  return json(200, {
    '@odata.context': contextUrl(ctx.req, 'teams', select),
    ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    value: page.map((t) => project(t, select, [])),
  });
}

const withDenied = (r: Route, needed: string[]): Route => ({ ...r, denied: denied(needed) });

export const teamsRoutes: Route[] = [
  withDenied(route('GET', /^\/users\/(?<user>[^/]+)\/chats\/getAllMessages(?:\(\))?$/i, CHAT_READ, chatMessages), CHAT_READ),
  withDenied(route('GET', /^\/teams$/, TEAMS_READ, listTeams), TEAMS_READ),
  withDenied(
    route('GET', /^\/teams\/(?<team>[^/]+)\/channels\/getAllMessages(?:\(\))?$/i, CHANNEL_MESSAGES_READ, channelMessages),
    CHANNEL_MESSAGES_READ,
  ),
];
