import type { Subscription as GraphSubscription } from '@microsoft/microsoft-graph-types';
import { GraphErrors } from '../errors.js';
import { json, jsonBody, noContent, type DevRequest } from '../http/kit.js';
import type { Subscription } from '../model.js';
import { validateEndpoint } from '../notify/notifier.js';
import { newGuid } from '../state/ids.js';
import type { Tenant } from '../state/tenant.js';
import { route, SUBSCRIPTIONS, type Route, type RouteContext } from './context.js';
import { contextUrl, preferences } from './odata.js';

/** Change-notification subscriptions on Outlook messages: POST/GET/PATCH/DELETE /subscriptions. */

export const MAX_MESSAGE_SUBSCRIPTION_MINUTES = 10_080;
const CHANGE_TYPES = ['created', 'updated', 'deleted'];
// users/{id}/messages, users('{id}')/mailFolders('Inbox')/messages, /users/{upn}/mailFolders/{id}/messages
const RESOURCE = /^\/?users(?:\/([^/()]+)|\('([^']+)'\))\/(?:messages|mailFolders(?:\/([^/()]+)|\('([^']+)'\))\/messages)$/i;

export function subscriptionJson(req: DevRequest, s: Subscription, entity = true): GraphSubscription & Record<string, unknown> {
  return {
    ...(entity ? { '@odata.context': `${contextUrl(req, 'subscriptions')}/$entity` } : {}),
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeType,
    clientState: s.clientState ?? null,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: s.notificationQueryOptions,
    // Graph lists it (null) for Outlook subscriptions; it only has a value for rich notifications.
    notificationContentType: null,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl ?? null,
    expirationDateTime: s.expirationDateTime,
    creatorId: s.creatorId,
    includeResourceData: s.includeResourceData,
    latestSupportedTlsVersion: s.latestSupportedTlsVersion,
    encryptionCertificate: s.encryptionCertificate,
    encryptionCertificateId: s.encryptionCertificateId,
    notificationUrlAppId: s.notificationUrlAppId,
  };
}

/** Real Graph only calls HTTPS webhooks; the dev tenant also allows plain HTTP on this machine. */
function checkWebhookUrl(value: unknown, field: string): string {
  if (typeof value !== 'string') throw GraphErrors.webhookMissing(field);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw GraphErrors.webhookNotAUrl(field, value);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw GraphErrors.webhookNotHttps(field);
  }
  return value;
}

function checkExpiry(tenant: Tenant, value: unknown): string {
  const at = typeof value === 'string' ? new Date(value) : undefined;
  if (!at || Number.isNaN(at.getTime())) throw GraphErrors.expirationMissing();
  const minutes = (at.getTime() - tenant.now().getTime()) / 60_000;
  if (minutes <= 0) throw GraphErrors.expirationInPast();
  if (minutes > MAX_MESSAGE_SUBSCRIPTION_MINUTES) {
    throw GraphErrors.expirationTooFar(MAX_MESSAGE_SUBSCRIPTION_MINUTES);
  }
  // Graph answers with the time as sent (seven fractional digits); Date keeps only milliseconds, so a UTC
  // value keeps its own digits and anything else is written from the parsed instant.
  const utc = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?Z$/i.exec(value as string);
  if (utc) return `${utc[1]}.${(utc[2] ?? '').padEnd(7, '0')}Z`;
  return at.toISOString().replace('Z', '0000Z');
}

/**
 * Graph's tokens are readable text that must be URL-decoded before echoing (an encoded echo fails), e.g.
 * "Validation: Testing client application reachability for subscription Request-Id: {guid}".
 */
const validationToken = () => `Validation: Testing client application reachability for subscription Request-Id: ${newGuid()}`;

async function validate(url: string, field: string): Promise<void> {
  const result = await validateEndpoint(url, validationToken());
  if (result.ok) return;
  throw GraphErrors.webhookValidation(
    result.kind === 'status' || result.kind === 'token' ? { kind: result.kind } : { kind: 'other', field, reason: result.reason },
  );
}

async function create(ctx: RouteContext) {
  const { tenant, notifier, counters } = ctx.services;
  const body = jsonBody(ctx.req);
  const changeType = typeof body.changeType === 'string' ? body.changeType : '';
  const types = changeType.split(',').map((c) => c.trim());
  if (!changeType || !types.every((t) => CHANGE_TYPES.includes(t))) {
    throw GraphErrors.subscriptionChangeType(changeType);
  }
  const resource = typeof body.resource === 'string' ? body.resource : '';
  const m = RESOURCE.exec(resource);
  if (!m) throw GraphErrors.subscriptionResource(resource);
  const user = tenant.user(m[1] ?? m[2]!);
  if (!user) throw GraphErrors.subscriptionUser((m[1] ?? m[2])!);
  const folderKey = m[3] ?? m[4];
  const mailbox = tenant.mailboxOf(user);
  const folder = folderKey ? tenant.mail.folder(mailbox, folderKey) : undefined;
  if (folderKey && !folder) throw GraphErrors.subscriptionFolder(folderKey);
  const notificationUrl = checkWebhookUrl(body.notificationUrl, 'notificationUrl');
  const lifecycleNotificationUrl =
    body.lifecycleNotificationUrl === undefined || body.lifecycleNotificationUrl === null
      ? undefined
      : checkWebhookUrl(body.lifecycleNotificationUrl, 'lifecycleNotificationUrl');
  const expirationDateTime = checkExpiry(tenant, body.expirationDateTime);
  if (
    body.clientState !== undefined &&
    body.clientState !== null &&
    (typeof body.clientState !== 'string' || body.clientState.length > 128)
  ) {
    throw GraphErrors.clientState();
  }
  if (body.includeResourceData === true) {
    throw GraphErrors.richNotifications();
  }
  try {
    await validate(notificationUrl, 'notificationUrl');
    if (lifecycleNotificationUrl) await validate(lifecycleNotificationUrl, 'lifecycleNotificationUrl');
    counters.validations.ok++;
  } catch (error) {
    counters.validations.failed++;
    throw error;
  }
  const subscription: Subscription = {
    id: newGuid(),
    resource,
    changeType: types.join(','),
    notificationUrl,
    lifecycleNotificationUrl,
    clientState: typeof body.clientState === 'string' ? body.clientState : undefined,
    expirationDateTime,
    applicationId: ctx.req.app!.clientId,
    creatorId: ctx.req.app!.objectId,
    includeResourceData: false,
    latestSupportedTlsVersion: typeof body.latestSupportedTlsVersion === 'string' ? body.latestSupportedTlsVersion : 'v1_2',
    notificationUrlAppId: null,
    notificationQueryOptions: null,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    target: { mailboxId: user.id, folderId: folder?.id },
    immutableIds: preferences(ctx.req).immutableIds,
  };
  notifier.active();
  tenant.addSubscription(subscription);
  return json(201, subscriptionJson(ctx.req, subscription));
}

function find(ctx: RouteContext): Subscription {
  const s = ctx.services.notifier.active().find((x) => x.id === ctx.params.id && x.applicationId === ctx.req.app!.clientId);
  if (!s) throw GraphErrors.subscriptionNotFound(ctx.params.id!);
  return s;
}

export const subscriptionRoutes: Route[] = [
  route('POST', /^\/subscriptions$/, SUBSCRIPTIONS, create),
  route('GET', /^\/subscriptions$/, SUBSCRIPTIONS, (ctx) =>
    json(200, {
      '@odata.context': contextUrl(ctx.req, 'subscriptions'),
      value: ctx.services.notifier
        .active()
        .filter((s) => s.applicationId === ctx.req.app!.clientId)
        .map((s) => subscriptionJson(ctx.req, s, false)),
    }),
  ),
  route('GET', /^\/subscriptions\/(?<id>[^/]+)$/, SUBSCRIPTIONS, (ctx) => json(200, subscriptionJson(ctx.req, find(ctx)))),
  route('PATCH', /^\/subscriptions\/(?<id>[^/]+)$/, SUBSCRIPTIONS, async (ctx) => {
    const s = find(ctx);
    const body = jsonBody(ctx.req);
    for (const key of Object.keys(body)) {
      if (key !== 'expirationDateTime' && key !== 'notificationUrl') throw GraphErrors.subscriptionReadOnly(key);
    }
    const expirationDateTime =
      body.expirationDateTime !== undefined ? checkExpiry(ctx.services.tenant, body.expirationDateTime) : s.expirationDateTime;
    // A new notificationUrl goes through the validation handshake again before anything changes.
    const notificationUrl =
      body.notificationUrl !== undefined ? checkWebhookUrl(body.notificationUrl, 'notificationUrl') : s.notificationUrl;
    if (notificationUrl !== s.notificationUrl) await validate(notificationUrl, 'notificationUrl');
    s.expirationDateTime = expirationDateTime;
    s.notificationUrl = notificationUrl;
    return json(200, subscriptionJson(ctx.req, s));
  }),
  route('DELETE', /^\/subscriptions\/(?<id>[^/]+)$/, SUBSCRIPTIONS, (ctx) => {
    const s = find(ctx);
    ctx.services.tenant.removeSubscription(s);
    return noContent();
  }),
];
