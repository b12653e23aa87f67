import type { Route } from './context.js';
import { driveRoutes } from './drive/drive-routes.js';
import { composeRoutes } from './mail/compose.js';
import { deltaRoutes } from './mail/delta.js';
import { folderRoutes } from './mail/folders.js';
import { messageRoutes } from './mail/messages.js';
import { subscriptionRoutes } from './subscriptions.js';
import { userRoutes } from './users.js';

/** Every Graph route the dev tenant serves. Order matters: delta before /messages/{id}. */
export const graphRoutes: Route[] = [...userRoutes, ...deltaRoutes, ...folderRoutes, ...messageRoutes, ...composeRoutes, ...subscriptionRoutes, ...driveRoutes];
