import { GraphErrors } from '../errors.js';
import { GRAPH_ROLES } from '../state/tenant.js';
import { batch } from './batch.js';
import { route, type Route } from './context.js';
import { eventRoutes } from './calendar/events.js';
import { driveRoutes } from './drive/drive-routes.js';
import { composeRoutes } from './mail/compose.js';
import { deltaRoutes } from './mail/delta.js';
import { folderRoutes } from './mail/folders.js';
import { messageRoutes } from './mail/messages.js';
import { subscriptionRoutes } from './subscriptions.js';
import { contactRoutes } from './contacts.js';
import { searchRoutes } from './search-query.js';
import { siteRoutes } from './sites.js';
import { teamsRoutes } from './teams/teams-export.js';
import { userRoutes } from './users.js';

/**
 * Every Graph route the dev tenant serves, below /v1.0: method + path pattern → handler, with the roles
 * that allow it and its throttling budget. Each area keeps its rows next to its handlers; the first row
 * whose pattern and method match wins, so order matters: delta before /messages/{id}.
 */
export const graphRoutes: Route[] = [
  ...userRoutes,
  ...deltaRoutes,
  ...folderRoutes,
  ...messageRoutes,
  ...composeRoutes,
  ...subscriptionRoutes,
  ...driveRoutes,
  ...eventRoutes,
  ...teamsRoutes,
  ...contactRoutes,
  // SharePoint answers a missing permission as OneDrive does (403 accessDenied).
  ...[...siteRoutes, ...searchRoutes].map((r) => ({ ...r, denied: () => GraphErrors.filesAccessDenied() })),
  // Sub-requests go through this same table (and authentication and throttling) one by one.
  route('POST', /^\/\$batch$/, [...GRAPH_ROLES, 'Mail.ReadBasic.All', 'Directory.Read.All'], (ctx) =>
    batch(ctx.req, graphRoutes, ctx.services),
  ),
];
