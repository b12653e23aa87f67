import type { CaseService } from '../app/case-service.js';
import type { DpoAccess } from '../app/dpo-access.js';
import type { CaseStatistic } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import type { Feature } from '../platform/feature.js';
import { registerTabRoutes, type TabRouteDeps } from './tab-routes.js';
export { SignInRefused } from './tab-routes.js';
import { TabService } from './tab-service.js';

/** The personal Teams tab "DSAR-overblik": its page and its API (/api/tab/*), DPO users only. */
export function createTab(deps: {
  cases: CaseService;
  access: DpoAccess;
  statistics: (now: string, years: readonly number[]) => Promise<CaseStatistic[]>;
  authenticate: TabRouteDeps['authenticate'];
  signIn: TabRouteDeps['signIn'];
  devToken?: () => Promise<string | undefined>;
  botAppId?: string;
  now?: () => string;
  logger: Logger;
}): Feature {
  const service = new TabService({
    cases: deps.cases,
    statistics: deps.statistics,
    ...(deps.botAppId ? { botAppId: deps.botAppId } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  return {
    name: 'tab',
    routes: (server) =>
      registerTabRoutes(server, {
        service,
        access: deps.access,
        authenticate: deps.authenticate,
        signIn: deps.signIn,
        ...(deps.devToken ? { devToken: deps.devToken } : {}),
        logger: deps.logger,
      }),
  };
}
