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
  generate(input: unknown): Promise<{ users: number; messages: number; files: number }>;
}

const ok = (status: number, body: unknown): DevResponse => ({ status, body });
const problem = (status: number, message: string): DevResponse => ({ status, body: { error: { code: 'devTenant', message } } });

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  return JSON.parse(body.toString('utf8'));
}

export async function handleDev(method: string, path: string, query: URLSearchParams, headers: Record<string, string | undefined>, body: Buffer, deps: DevRouteDeps): Promise<DevResponse> {
  const { services } = deps;
  const { tenant, faults, counters, throttle, notifier } = services;
  try {
    if (path === '/_dev' && method === 'GET') {
      return ok(200, {
        tenantId: tenant.tenantId,
        domain: tenant.domain,
        users: tenant.users.map((u) => ({ id: u.id, userPrincipalName: u.userPrincipalName, mailboxType: u.mailboxType })),
        subscriptions: notifier.active().length,
      });
    }
    // The app registration's credentials, so local tools (and tests of `npm start`) can call Graph here.
    if (path === '/_dev/app' && method === 'GET') {
      const app = tenant.apps[0]!;
      return ok(200, { tenantId: tenant.tenantId, clientId: app.clientId, clientSecret: app.secret, roles: app.roles });
    }
    // A user's delegated token for an API (what the Outlook add-in gets through NAA), for tests and local tools.
    // Its issuer is the https authority the app is configured with, however this request came in.
    if (path === '/_dev/user-token' && method === 'POST') {
      const input = parseJson(body) as { user?: string; audience?: string; scopes?: string[]; expiresInSeconds?: number; issuer?: string };
      const user = input.user ? (tenant.user(input.user) ?? tenant.userByAddress(input.user)) : undefined;
      if (!user) return problem(404, `No user '${input.user ?? ''}' in the dev tenant.`);
      if (!input.audience) return problem(400, 'Give the audience (the API, e.g. api://<client id>).');
      const { token, expiresIn } = await services.issuer.issueUserToken({
        origin: headers['x-dev-origin'] ?? '',
        user,
        audience: input.audience,
        scopes: input.scopes ?? ['Cases.ReadWrite'],
        ...(input.expiresInSeconds !== undefined ? { lifetimeS: input.expiresInSeconds } : {}),
        // Tests of token validation need a well-signed token from the wrong issuer.
        ...(input.issuer ? { issuer: input.issuer } : {}),
      });
      return ok(200, { token_type: 'Bearer', access_token: token, expires_in: expiresIn });
    }
    const deliver = /^\/_dev\/mailboxes\/([^/]+)\/deliver$/.exec(path);
    if (deliver && method === 'POST') {
      const user = tenant.user(decodeURIComponent(deliver[1]!)) ?? tenant.userByAddress(decodeURIComponent(deliver[1]!));
      if (!user) return problem(404, `No mailbox '${deliver[1]}' in the dev tenant.`);
      if (!/^message\/rfc822\b/i.test(headers['content-type'] ?? '')) return problem(415, 'Send the raw message with Content-Type: message/rfc822.');
      if (body.length === 0) return problem(400, 'The message is empty.');
      const folder = query.get('folder') ?? 'inbox';
      const receivedAt = tenant.nowIso();
      const parsed = await parseMime(body, receivedAt);
      const message = tenant.fileMessage(user, folder, parsed, { receivedAt, mime: body.toString('utf8') });
      return ok(201, { id: message.id, immutableId: message.immutableId, internetMessageId: message.internetMessageId, receivedDateTime: message.receivedDateTime, mailbox: user.userPrincipalName });
    }
    if (path === '/_dev/faults') {
      if (method === 'GET') return ok(200, faults.faults);
      if (method === 'PUT') return ok(200, faults.set(parseJson(body)));
      if (method === 'DELETE') return ok(200, faults.set({}));
    }
    if (path === '/_dev/counters') {
      if (method === 'GET') return ok(200, { ...counters, maxConcurrency: throttle.maxConcurrency() });
      if (method === 'DELETE') {
        counters.reset();
        throttle.reset();
        return ok(200, counters);
      }
    }
    if (path === '/_dev/throttle') {
      if (method === 'GET') return ok(200, throttle.config);
      if (method === 'PUT') {
        const input = parseJson(body) as Partial<Record<Budget, Partial<Record<'concurrency' | 'limit' | 'windowMs', unknown>>>>;
        const limits: Partial<Record<Budget, Partial<Limits>>> = {};
        for (const budget of ['outlook', 'onedrive'] as const) {
          for (const [key, value] of Object.entries(input[budget] ?? {})) {
            if (!['concurrency', 'limit', 'windowMs'].includes(key) || !Number.isInteger(value) || (value as number) < 1) {
              return problem(400, `${budget}.${key} must be a positive whole number (concurrency, limit or windowMs).`);
            }
            (limits[budget] ??= {})[key as keyof Limits] = value as number;
          }
        }
        throttle.configure(limits);
        return ok(200, throttle.config);
      }
    }
    if (path === '/_dev/clock') {
      if (method === 'GET') return ok(200, { now: tenant.nowIso(), offsetMs: tenant.clockOffsetMs });
      if (method === 'POST') {
        const input = parseJson(body) as { advanceMs?: unknown; offsetMs?: unknown };
        if (typeof input.advanceMs === 'number') tenant.advanceClock(input.advanceMs);
        else if (typeof input.offsetMs === 'number') tenant.setClockOffset(input.offsetMs);
        else return problem(400, 'Give advanceMs or offsetMs (milliseconds).');
        return ok(200, { now: tenant.nowIso(), offsetMs: tenant.clockOffsetMs });
      }
    }
    const lifecycle = /^\/_dev\/subscriptions\/([^/]+)\/lifecycle$/.exec(path);
    if (lifecycle && method === 'POST') {
      const subscription = notifier.active().find((s) => s.id === lifecycle[1]);
      if (!subscription) return problem(404, `No active subscription '${lifecycle[1]}'.`);
      const event = (parseJson(body) as { event?: unknown }).event;
      if (event !== 'reauthorizationRequired' && event !== 'subscriptionRemoved' && event !== 'missed') {
        return problem(400, 'event must be reauthorizationRequired, subscriptionRemoved or missed.');
      }
      if (!subscription.lifecycleNotificationUrl) return problem(409, 'The subscription has no lifecycleNotificationUrl.');
      notifier.lifecycle(subscription, event);
      if (event === 'subscriptionRemoved') tenant.removeSubscription(subscription);
      return ok(202, { event, subscriptionId: subscription.id });
    }
    if (path === '/_dev/notifications/idle' && method === 'POST') {
      await notifier.idle();
      return ok(200, counters.notifications);
    }
    if (path === '/_dev/outbox' && method === 'GET') return ok(200, { value: tenant.outbox });
    if (path === '/_dev/tenant/reset' && method === 'POST') {
      const seed = (parseJson(body) as { seed?: unknown }).seed ?? 'demo';
      if (seed !== 'demo' && seed !== 'empty') return problem(400, "seed must be 'demo' or 'empty'.");
      await deps.reload(seed);
      return ok(200, { seed, users: tenant.users.length });
    }
    if (path === '/_dev/tenant/generate' && method === 'POST') return ok(200, await deps.generate(parseJson(body)));
    return problem(404, `No dev endpoint ${method} ${path}.`);
  } catch (error) {
    if (error instanceof SyntaxError) return problem(400, `The body is not valid JSON: ${error.message}`);
    if (error instanceof ZodError) return problem(400, error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    if (error instanceof MimeError) return problem(400, error.message);
    throw error;
  }
}
