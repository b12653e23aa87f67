import { ZodError } from 'zod';
import type { DevResponse } from './http/kit.js';
import { MimeError, parseMime } from './mime.js';
import type { Services } from './graph/context.js';
import type { Budget, Limits } from './throttle.js';
import type { SeedTenant } from './seed.js';

/**
 * Not Graph: the /_dev/ switchboard for developers and tests (deliver raw mail, inject faults, read
 * counters, move the clock, fire lifecycle events, reload the tenant). Reachable on loopback only.
 */

export interface DevRouteDeps {
  services: Services;
  reload(seed: 'demo' | 'empty' | SeedTenant): Promise<void>;
  generate(input: unknown): Promise<Record<string, number>>;
}

const ok = (status: number, body: unknown): DevResponse => ({ status, body });
const problem = (status: number, message: string): DevResponse => ({ status, body: { error: { code: 'devTenant', message } } });

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  return JSON.parse(body.toString('utf8'));
}

interface DevContext {
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** The pattern's numbered groups, e.g. the mailbox of /_dev/mailboxes/{upn}/deliver. */
  params: string[];
  deps: DevRouteDeps;
}

interface DevRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  handler(ctx: DevContext): Promise<DevResponse> | DevResponse;
}

/** The /_dev/ switchboard, one row per endpoint (the table in the package README describes them). */
const DEV_ROUTES: DevRoute[] = [
  {
    method: 'GET',
    pattern: /^\/_dev$/,
    handler: ({ deps: { services } }) =>
      ok(200, {
        tenantId: services.tenant.tenantId,
        domain: services.tenant.domain,
        users: services.tenant.users.map((u) => ({ id: u.id, userPrincipalName: u.userPrincipalName, mailboxType: u.mailboxType })),
        subscriptions: services.notifier.active().length,
      }),
  },
  // The app registration's credentials, so local tools (and tests of `npm start`) can call Graph here.
  {
    method: 'GET',
    pattern: /^\/_dev\/app$/,
    handler: ({ deps: { services } }) => {
      const { tenant } = services;
      const app = tenant.apps[0]!;
      return ok(200, { tenantId: tenant.tenantId, clientId: app.clientId, clientSecret: app.secret, roles: app.roles });
    },
  },
  // A user's delegated token for an API (what the Outlook add-in gets through NAA), for tests and local tools.
  // Its issuer is the https authority the app is configured with, however this request came in.
  { method: 'POST', pattern: /^\/_dev\/user-token$/, handler: userToken },
  { method: 'POST', pattern: /^\/_dev\/mailboxes\/([^/]+)\/deliver$/, handler: deliver },
  // Exchange's Add-MailboxPermission -AccessRights FullAccess / Remove-MailboxPermission: who may read a mailbox
  // with a delegated token (Mail.Read.Shared). Not Graph: Graph has no API for mailbox permissions.
  { method: 'PUT', pattern: /^\/_dev\/mailboxes\/([^/]+)\/permissions$/, handler: grantFullAccess },
  { method: 'DELETE', pattern: /^\/_dev\/mailboxes\/([^/]+)\/permissions\/([^/]+)$/, handler: removeFullAccess },
  { method: 'GET', pattern: /^\/_dev\/faults$/, handler: ({ deps }) => ok(200, deps.services.faults.faults) },
  { method: 'PUT', pattern: /^\/_dev\/faults$/, handler: ({ body, deps }) => ok(200, deps.services.faults.set(parseJson(body))) },
  { method: 'DELETE', pattern: /^\/_dev\/faults$/, handler: ({ deps }) => ok(200, deps.services.faults.set({})) },
  {
    method: 'GET',
    pattern: /^\/_dev\/counters$/,
    handler: ({ deps: { services } }) => ok(200, { ...services.counters, maxConcurrency: services.throttle.maxConcurrency() }),
  },
  {
    method: 'DELETE',
    pattern: /^\/_dev\/counters$/,
    handler: ({ deps: { services } }) => {
      services.counters.reset();
      services.throttle.reset();
      return ok(200, services.counters);
    },
  },
  // Tenant switches of the newer sources: Teams export approval/billing, the SharePoint search region.
  { method: 'GET', pattern: /^\/_dev\/settings$/, handler: ({ deps }) => ok(200, deps.services.tenant.sources.settings) },
  {
    method: 'PUT',
    pattern: /^\/_dev\/settings$/,
    handler: ({ body, deps }) => ok(200, deps.services.tenant.sources.configure(parseJson(body))),
  },
  { method: 'GET', pattern: /^\/_dev\/throttle$/, handler: ({ deps }) => ok(200, deps.services.throttle.config) },
  { method: 'PUT', pattern: /^\/_dev\/throttle$/, handler: setThrottle },
  {
    method: 'GET',
    pattern: /^\/_dev\/clock$/,
    handler: ({ deps: { services } }) => ok(200, { now: services.tenant.nowIso(), offsetMs: services.tenant.clockOffsetMs }),
  },
  { method: 'POST', pattern: /^\/_dev\/clock$/, handler: moveClock },
  { method: 'POST', pattern: /^\/_dev\/subscriptions\/([^/]+)\/lifecycle$/, handler: lifecycle },
  {
    method: 'POST',
    pattern: /^\/_dev\/notifications\/idle$/,
    handler: async ({ deps: { services } }) => {
      await services.notifier.idle();
      return ok(200, services.counters.notifications);
    },
  },
  { method: 'GET', pattern: /^\/_dev\/outbox$/, handler: ({ deps }) => ok(200, { value: deps.services.tenant.outbox }) },
  {
    method: 'POST',
    pattern: /^\/_dev\/tenant\/reset$/,
    handler: async ({ body, deps }) => {
      const seed = (parseJson(body) as { seed?: unknown }).seed ?? 'demo';
      if (seed !== 'demo' && seed !== 'empty') return problem(400, "seed must be 'demo' or 'empty'.");
      await deps.reload(seed);
      return ok(200, { seed, users: deps.services.tenant.users.length });
    },
  },
  {
    method: 'POST',
    pattern: /^\/_dev\/tenant\/generate$/,
    handler: async ({ body, deps }) => ok(200, await deps.generate(parseJson(body))),
  },
];

function grantFullAccess({ body, params: [mailbox], deps: { services } }: DevContext): DevResponse {
  const { tenant } = services;
  const owner = tenant.user(mailbox!) ?? tenant.userByAddress(mailbox!);
  if (!owner) return problem(404, `No mailbox '${mailbox}' in the dev tenant.`);
  const input = parseJson(body) as { user?: string; accessRights?: string[] };
  const user = input.user ? (tenant.user(input.user) ?? tenant.userByAddress(input.user)) : undefined;
  if (!user) return problem(404, `No user '${input.user ?? ''}' in the dev tenant.`);
  if (JSON.stringify(input.accessRights ?? ['FullAccess']) !== '["FullAccess"]')
    return problem(400, "accessRights must be ['FullAccess'].");
  owner.fullAccess = [...new Set([...(owner.fullAccess ?? []), user.id])];
  return ok(200, { mailbox: owner.userPrincipalName, fullAccess: owner.fullAccess });
}

function removeFullAccess({ params: [mailbox, who], deps: { services } }: DevContext): DevResponse {
  const { tenant } = services;
  const owner = tenant.user(mailbox!) ?? tenant.userByAddress(mailbox!);
  const user = tenant.user(who!) ?? tenant.userByAddress(who!);
  if (!owner || !user) return problem(404, `No mailbox '${mailbox}' or user '${who}' in the dev tenant.`);
  owner.fullAccess = (owner.fullAccess ?? []).filter((id) => id !== user.id);
  return ok(200, { mailbox: owner.userPrincipalName, fullAccess: owner.fullAccess });
}

async function userToken({ headers, body, deps: { services } }: DevContext): Promise<DevResponse> {
  const { tenant } = services;
  const input = parseJson(body) as {
    user?: string;
    audience?: string;
    scopes?: string[];
    expiresInSeconds?: number;
    issuer?: string;
    version?: unknown;
    username?: unknown;
  };
  const user = input.user ? (tenant.user(input.user) ?? tenant.userByAddress(input.user)) : undefined;
  if (!user) return problem(404, `No user '${input.user ?? ''}' in the dev tenant.`);
  if (!input.audience) return problem(400, 'Give the audience (the API, e.g. api://<client id>).');
  if (input.version !== undefined && input.version !== '1.0' && input.version !== '2.0')
    return problem(400, "version must be '1.0' or '2.0'.");
  if (input.username !== undefined && (typeof input.username !== 'string' || input.username.trim() === ''))
    return problem(400, 'username must be a non-empty string.');
  const { token, expiresIn } = await services.issuer.issueUserToken({
    origin: headers['x-dev-origin'] ?? '',
    user,
    audience: input.audience,
    scopes: input.scopes ?? ['Cases.ReadWrite'],
    ...(input.expiresInSeconds !== undefined ? { lifetimeS: input.expiresInSeconds } : {}),
    // Tests of token validation need a well-signed token from the wrong issuer.
    ...(input.issuer ? { issuer: input.issuer } : {}),
    ...(input.version ? { version: input.version } : {}),
    // Tests of authorisation need a token whose mutable sign-in name says something the directory does not.
    ...(input.username ? { username: input.username } : {}),
  });
  return ok(200, { token_type: 'Bearer', access_token: token, expires_in: expiresIn });
}

async function deliver({ query, headers, body, params: [mailbox], deps: { services } }: DevContext): Promise<DevResponse> {
  const { tenant } = services;
  const user = tenant.user(decodeURIComponent(mailbox!)) ?? tenant.userByAddress(decodeURIComponent(mailbox!));
  if (!user) return problem(404, `No mailbox '${mailbox}' in the dev tenant.`);
  if (!/^message\/rfc822\b/i.test(headers['content-type'] ?? ''))
    return problem(415, 'Send the raw message with Content-Type: message/rfc822.');
  if (body.length === 0) return problem(400, 'The message is empty.');
  const folder = query.get('folder') ?? 'inbox';
  const receivedAt = tenant.nowIso();
  const parsed = await parseMime(body, receivedAt);
  const message = tenant.fileMessage(user, folder, parsed, { receivedAt, mime: body.toString('utf8') });
  return ok(201, {
    id: message.id,
    immutableId: message.immutableId,
    internetMessageId: message.internetMessageId,
    receivedDateTime: message.receivedDateTime,
    mailbox: user.userPrincipalName,
  });
}

function setThrottle({ body, deps: { services } }: DevContext): DevResponse {
  const input = parseJson(body) as Partial<Record<Budget, Partial<Record<'concurrency' | 'limit' | 'windowMs', unknown>>>>;
  const limits: Partial<Record<Budget, Partial<Limits>>> = {};
  for (const budget of ['outlook', 'onedrive'] as const) {
    for (const [key, value] of Object.entries(input[budget] ?? {})) {
      if (!['concurrency', 'limit', 'windowMs'].includes(key) || !Number.isInteger(value) || (value as number) < 1) {
        return problem(400, `${budget}.${key} must be a positive whole number (concurrency, limit or windowMs).`);
      }
      limits[budget] ??= {};
      limits[budget][key as keyof Limits] = value as number;
    }
  }
  services.throttle.configure(limits);
  return ok(200, services.throttle.config);
}

function moveClock({ body, deps: { services } }: DevContext): DevResponse {
  const { tenant } = services;
  const input = parseJson(body) as { advanceMs?: unknown; offsetMs?: unknown };
  if (typeof input.advanceMs === 'number') tenant.advanceClock(input.advanceMs);
  else if (typeof input.offsetMs === 'number') tenant.setClockOffset(input.offsetMs);
  else return problem(400, 'Give advanceMs or offsetMs (milliseconds).');
  return ok(200, { now: tenant.nowIso(), offsetMs: tenant.clockOffsetMs });
}

function lifecycle({ body, params: [id], deps: { services } }: DevContext): DevResponse {
  const { tenant, notifier } = services;
  const subscription = notifier.active().find((s) => s.id === id);
  if (!subscription) return problem(404, `No active subscription '${id}'.`);
  const event = (parseJson(body) as { event?: unknown }).event;
  if (event !== 'reauthorizationRequired' && event !== 'subscriptionRemoved' && event !== 'missed') {
    return problem(400, 'event must be reauthorizationRequired, subscriptionRemoved or missed.');
  }
  if (!subscription.lifecycleNotificationUrl) return problem(409, 'The subscription has no lifecycleNotificationUrl.');
  notifier.lifecycle(subscription, event);
  if (event === 'subscriptionRemoved') tenant.removeSubscription(subscription);
  return ok(202, { event, subscriptionId: subscription.id });
}

export async function handleDev(
  method: string,
  path: string,
  query: URLSearchParams,
  headers: Record<string, string | undefined>,
  body: Buffer,
  deps: DevRouteDeps,
): Promise<DevResponse> {
  try {
    for (const route of DEV_ROUTES) {
      const m = route.method === method ? route.pattern.exec(path) : null;
      if (m) return await route.handler({ query, headers, body, params: m.slice(1), deps });
    }
    return problem(404, `No dev endpoint ${method} ${path}.`);
  } catch (error) {
    if (error instanceof SyntaxError) return problem(400, `The body is not valid JSON: ${error.message}`);
    if (error instanceof ZodError) return problem(400, error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    if (error instanceof MimeError) return problem(400, error.message);
    throw error;
  }
}
