import type { TokenIssuer } from '../auth/tokens.js';
import type { Counters } from '../counters.js';
import type { GraphHttpError } from '../errors.js';
import type { FaultSwitch } from '../faults.js';
import type { DevRequest, DevResponse } from '../http/kit.js';
import type { DevUser } from '../model.js';
import type { Notifier } from '../notify/notifier.js';
import type { Tenant } from '../state/tenant.js';
import type { Budget, Throttle } from '../throttle.js';
import type { UploadSessions } from './drive/upload-sessions.js';

export interface Services {
  tenant: Tenant;
  issuer: TokenIssuer;
  throttle: Throttle;
  faults: FaultSwitch;
  counters: Counters;
  notifier: Notifier;
  uploads: UploadSessions;
}

export interface RouteContext {
  req: DevRequest;
  params: Record<string, string>;
  services: Services;
  /** The user named by the {user} path segment, when the route has one. */
  user: DevUser;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Matched against the path below /v1.0; named groups become params, `user` names the mailbox/drive owner. */
  pattern: RegExp;
  /** Which throttling budget the request counts against (per app per user). */
  budget?: Budget | undefined;
  /** Application permissions, any of which allows the call. */
  roles: string[];
  handler(ctx: RouteContext): Promise<DevResponse> | DevResponse;
  /** The 403 when the token has none of `roles`, where the workload words it its own way (Teams). */
  denied?: ((had: readonly string[]) => GraphHttpError) | undefined;
}

export const route = (method: Route['method'], pattern: RegExp, roles: string[], handler: Route['handler'], budget?: Budget): Route => ({
  method,
  pattern,
  roles,
  handler,
  budget,
});

export const MAIL_READ = ['Mail.Read', 'Mail.ReadWrite', 'Mail.ReadBasic.All'];
export const MAIL_WRITE = ['Mail.ReadWrite'];
export const MAIL_SEND = ['Mail.Send'];
export const FILES_READ = ['Files.Read.All', 'Files.ReadWrite.All'];
export const FILES_WRITE = ['Files.ReadWrite.All'];
export const USERS_READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'];
export const CALENDARS_READ = ['Calendars.Read', 'Calendars.ReadWrite'];
export const CALENDARS_WRITE = ['Calendars.ReadWrite'];
export const SUBSCRIPTIONS = ['Mail.Read', 'Mail.ReadWrite'];

export const CHAT_READ = ['Chat.Read.All', 'Chat.ReadWrite.All'];
export const CHANNEL_MESSAGES_READ = ['ChannelMessage.Read.All'];
export const TEAMS_READ = ['Team.ReadBasic.All', 'TeamSettings.Read.All', 'TeamSettings.ReadWrite.All'];
export const CONTACTS_READ = ['Contacts.Read', 'Contacts.ReadWrite'];
export const SITES_READ = ['Sites.Read.All', 'Sites.ReadWrite.All', 'Files.Read.All', 'Files.ReadWrite.All'];
export const COPILOT_READ = ['AiEnterpriseInteraction.Read.All'];
