import type { SetAsideLog } from '../app/ports.js';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { CaseService } from '../app/case-service.js';
import type { DpoAccess } from '../app/dpo-access.js';
import type { ApiConfig } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { Feature } from '../platform/feature.js';
import { mailboxOwner } from '../graph/directory.js';
import { accessTokenValidator } from './access-token.js';
import { registerAddinRoutes } from './addin-routes.js';
import { CaseFromMessage } from './case-from-message.js';
import { mailboxRelation } from './own-mailbox.js';
import { registerApiRoutes } from './routes.js';

/** The Outlook add-in's pages and its API (/api/cases/*): Entra ID tokens, DPO users only, messages read through Graph. */
export function createApi(deps: {
  config: ApiConfig;
  graph: Client;
  cases: CaseService;
  access: DpoAccess;
  dpoMailbox: string;
  /** Whether the signed-in user can read a message in another mailbox (asked of Graph as them). */
  canRead?: (bearer: string, mailbox: string, messageId: string) => Promise<boolean>;
  /** The bot's app id, for "open in Teams" links. */
  botAppId?: string;
  /** What intake set aside, so the pane can say so for a message it ignored. */
  setAside?: Pick<SetAsideLog, 'find'>;
  logger: Logger;
}): Feature {
  const logic = new CaseFromMessage({
    graph: deps.graph,
    cases: deps.cases,
    ...(deps.botAppId ? { botAppId: deps.botAppId } : {}),
    ...(deps.setAside ? { setAside: deps.setAside } : {}),
  });
  return {
    name: 'api',
    routes: (server) => {
      registerAddinRoutes(server, deps.config);
      registerApiRoutes(server, {
        validate: accessTokenValidator(deps.config),
        access: deps.access,
        logic,
        // Whose mailbox it is comes from the directory (Graph), compared with the token's oid.
        mailboxRelation: mailboxRelation({ dpoMailbox: deps.dpoMailbox, lookup: (address) => mailboxOwner(deps.graph, address) }),
        ...(deps.canRead ? { canRead: deps.canRead } : {}),
        logger: deps.logger,
      });
    },
  };
}
