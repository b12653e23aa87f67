import { setTimeout as sleep } from 'node:timers/promises';
import { GraphErrors, GraphHttpError } from '../errors.js';
import { graphErrorResponse, type DevRequest, type DevResponse } from '../http/kit.js';
import type { DevUser } from '../model.js';
import type { Route, Services } from './context.js';

/**
 * One Graph request through the same steps Graph takes: authenticate, route, authorise, find the
 * mailbox, throttle, then run the handler. `$batch` calls this for each of its sub-requests.
 */

export async function dispatch(req: DevRequest, routes: Route[], services: Services): Promise<DevResponse> {
  const { counters } = services;
  counters.requests++;
  try {
    if (!req.app) await authenticate(req, services);
    const found = match(req, routes);
    if (!req.delegated && !found.route.roles.some((role) => req.app!.roles.includes(role))) {
      throw found.route.denied ? found.route.denied(req.app!.roles) : forbidden(found.route);
    }
    const user = found.params.user !== undefined ? services.tenant.user(found.params.user) : undefined;
    if (found.params.user !== undefined && !user) {
      throw found.route.budget === 'outlook'
        ? GraphErrors.mailboxUserInvalid(found.params.user)
        : GraphErrors.userNotFound(found.params.user);
    }
    if (req.delegated) authoriseDelegated(found.route, req, req.delegated, user);
    if (user) counters.countMailbox(user.userPrincipalName);
    await injectFaults(req, services);

    const admission =
      found.route.budget && user
        ? services.throttle.admit(found.route.budget, req.app!.clientId, user.id, services.tenant.now().getTime())
        : undefined;
    if (admission && !admission.ok) {
      counters.throttled429++;
      throw found.route.budget === 'outlook'
        ? GraphErrors.outlookThrottled(
            admission.reason === 'concurrency' ? 'MailboxConcurrency' : 'IncomingRequests',
            admission.retryAfterS,
          )
        : GraphErrors.oneDriveThrottled(admission.retryAfterS);
    }
    try {
      const latency = services.faults.applies(req.path) ? services.faults.latency() : 0;
      if (latency > 0) {
        counters.injected.latency++;
        await sleep(latency);
      }
      return await found.route.handler({ req, params: found.params, services, user: user! });
    } finally {
      if (admission?.ok) admission.release();
    }
  } catch (error) {
    return errorResponse(req, error, services);
  }
}

export function errorResponse(req: DevRequest, error: unknown, services: Services): DevResponse {
  if (error instanceof GraphHttpError) {
    return graphErrorResponse(req, error, services.tenant.now());
  }
  console.error('dev tenant: unexpected error', error);
  return graphErrorResponse(req, GraphErrors.internal(), services.tenant.now());
}

async function authenticate(req: DevRequest, services: Services) {
  const header = req.headers.authorization;
  const www = {
    'WWW-Authenticate': `Bearer realm="", authorization_uri="${req.origin}/${services.tenant.tenantId}/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
  };
  if (!header) throw GraphErrors.tokenEmpty(www);
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  if (!token) throw GraphErrors.tokenMalformed(www);
  const verified = await services.issuer.verifyGraphToken(token);
  if (!verified.ok) throw GraphErrors.tokenRejected(verified.reason, www);
  const app = services.tenant.apps.find((a) => a.clientId === verified.claims.appid);
  if (!app) throw GraphErrors.tokenUnknownApp(www);
  // Permissions come from the token, as in Graph: a permission granted later needs a new token.
  const { claims } = verified;
  if (claims.idtyp === 'user' || claims.scp !== undefined) {
    req.app = { ...app, roles: [] };
    req.delegated = { userId: claims.oid, scopes: (claims.scp ?? '').split(' ').filter(Boolean) };
  } else {
    req.app = { ...app, roles: claims.roles ?? [] };
  }
}

const READ_OWN = ['Mail.Read', 'Mail.ReadWrite', 'Mail.Read.Shared', 'Mail.ReadWrite.Shared'];
const READ_SHARED = ['Mail.Read.Shared', 'Mail.ReadWrite.Shared'];

/**
 * A delegated token reads mail only (the dev tenant models no delegated writes): the user's own mailbox
 * with Mail.Read, or another mailbox the user was granted Full Access to with Mail.Read.Shared
 * (outlook-share-messages-folders). Anything else: 403 ErrorAccessDenied, as Exchange answers.
 */
function authoriseDelegated(
  route: Route,
  req: DevRequest,
  delegated: { userId: string; scopes: string[] },
  user: DevUser | undefined,
): void {
  const mailRead = route.budget === 'outlook' && req.method === 'GET' && route.roles.includes('Mail.Read');
  if (!mailRead || !user) throw forbidden(route);
  const own = user.id === delegated.userId;
  const allowed = own
    ? READ_OWN.some((s) => delegated.scopes.includes(s))
    : READ_SHARED.some((s) => delegated.scopes.includes(s)) && (user.fullAccess ?? []).includes(delegated.userId);
  if (!allowed) throw GraphErrors.mailAccessDenied();
}

function match(req: DevRequest, routes: Route[]): { route: Route; params: Record<string, string> } {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.pattern.exec(req.path);
    if (!m) continue;
    pathMatched = true;
    if (route.method === req.method) return { route, params: { ...(m.groups ?? {}) } };
  }
  if (pathMatched) throw GraphErrors.methodNotAllowed(req.method);
  const segment = req.path.split('/').filter(Boolean).pop() ?? '';
  throw GraphErrors.noSuchSegment(segment);
}

function forbidden(route: Route): GraphHttpError {
  if (route.budget === 'outlook') return GraphErrors.mailAccessDenied();
  if (route.budget === 'onedrive') return GraphErrors.filesAccessDenied();
  return GraphErrors.directoryAccessDenied();
}

async function injectFaults(req: DevRequest, services: Services): Promise<void> {
  const { faults, counters } = services;
  if (!faults.applies(req.path)) return;
  const f = faults.faults;
  if (faults.chance(f.rate429)) {
    counters.injected[429]++;
    counters.throttled429++;
    throw GraphErrors.injected429(f.retryAfterSeconds);
  }
  if (faults.chance(f.rate503)) {
    counters.injected[503]++;
    throw GraphErrors.injected503(f.retryAfterSeconds);
  }
  if (faults.chance(f.rate500)) {
    counters.injected[500]++;
    throw GraphErrors.injected500();
  }
}
