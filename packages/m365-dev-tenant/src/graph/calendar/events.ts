import { GraphErrors } from '../../errors.js';
import { json, jsonBody, noContent, type DevRequest } from '../../http/kit.js';
import type { Recipient } from '../../model.js';
import type { DateTimeTimeZone, StoredEvent } from '../../state/calendar-store.js';
import { CALENDARS_READ, CALENDARS_WRITE, route, type Route, type RouteContext } from '../context.js';
import { contextUrl, decodeToken, encodeToken, intParam, linkTo } from '../odata.js';
import { userSegment } from '../mail/shared.js';
import { ianaZone, inZone, instantOf, isMidnight, parseWall } from './time-zones.js';
import { eventDefaults } from '../../state/calendar-store.js';

/**
 * A user's default calendar (user-post-events.md, event-get.md, event-update.md, event-delete.md,
 * user-list-events.md): create, read, list, update and delete single-instance events, all-day ones
 * included, with transactionId guarding a retried POST. Recurrence, attendees' responses and meeting
 * invitations are not modelled: no mail is sent for an event.
 */

const U = '(?<user>[^/]+)';
const E = '(?<id>[^/]+)';
const DEFAULT_PAGE = 10;
const ID = /^[A-Za-z0-9_\-=+/]{20,}$/;

const SHOW_AS = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'] as const;
const SENSITIVITY = ['normal', 'personal', 'private', 'confidential'] as const;
const IMPORTANCE = ['low', 'normal', 'high'] as const;
const UPDATABLE = [
  'attendees',
  'body',
  'categories',
  'end',
  'hideAttendees',
  'importance',
  'isAllDay',
  'isOnlineMeeting',
  'isReminderOn',
  'location',
  'locations',
  'onlineMeetingProvider',
  'recurrence',
  'reminderMinutesBeforeStart',
  'responseRequested',
  'sensitivity',
  'showAs',
  'start',
  'subject',
  // Read-only or settable only at creation; Graph ignores them on PATCH (the documented example sends them).
  'originalStartTimeZone',
  'originalEndTimeZone',
  'responseStatus',
] as const;

const invalid = (message: string) => GraphErrors.invalidEvent(message);

function dateTimeTimeZone(value: unknown, name: 'start' | 'end'): DateTimeTimeZone {
  const v = value as Partial<DateTimeTimeZone> | undefined;
  if (!v || typeof v.dateTime !== 'string' || !parseWall(v.dateTime)) throw invalid(`Property '${name}' needs a dateTime.`);
  const timeZone = typeof v.timeZone === 'string' && v.timeZone ? v.timeZone : 'UTC';
  if (!ianaZone(timeZone)) throw GraphErrors.timeZoneNotSupported(timeZone);
  return { dateTime: v.dateTime, timeZone };
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  const found = allowed.find((a) => typeof value === 'string' && a.toLowerCase() === value.toLowerCase());
  if (!found) throw invalid(`Property '${name}' must be one of ${allowed.join(', ')}.`);
  return found;
}

const recipient = (value: unknown): Recipient => {
  const r = value as Recipient | undefined;
  if (!r?.emailAddress || typeof r.emailAddress.address !== 'string') throw invalid('An attendee needs an emailAddress with an address.');
  return { emailAddress: { address: r.emailAddress.address, ...(r.emailAddress.name ? { name: r.emailAddress.name } : {}) } };
};

/** The writable properties of a request body, checked; unknown fields of Graph's are ignored as Graph does. */
function changesFrom(body: Record<string, unknown>): Partial<StoredEvent> {
  const out: Partial<StoredEvent> = {};
  if ('subject' in body) out.subject = typeof body.subject === 'string' ? body.subject : '';
  if ('body' in body) {
    const b = body.body as { contentType?: unknown; content?: unknown } | null;
    if (!b || typeof b.content !== 'string') throw invalid("Property 'body' must be an itemBody with content.");
    out.body = { contentType: String(b.contentType ?? 'text').toLowerCase() === 'html' ? 'html' : 'text', content: b.content };
  }
  if ('start' in body) out.start = dateTimeTimeZone(body.start, 'start');
  if ('end' in body) out.end = dateTimeTimeZone(body.end, 'end');
  if ('isAllDay' in body) out.isAllDay = body.isAllDay === true;
  if ('isReminderOn' in body) out.isReminderOn = body.isReminderOn === true;
  if ('reminderMinutesBeforeStart' in body) {
    if (!Number.isInteger(body.reminderMinutesBeforeStart)) throw invalid("Property 'reminderMinutesBeforeStart' must be an Int32.");
    out.reminderMinutesBeforeStart = body.reminderMinutesBeforeStart as number;
  }
  if ('showAs' in body) out.showAs = oneOf(body.showAs, SHOW_AS, 'showAs');
  if ('sensitivity' in body) out.sensitivity = oneOf(body.sensitivity, SENSITIVITY, 'sensitivity');
  if ('importance' in body) out.importance = oneOf(body.importance, IMPORTANCE, 'importance');
  if ('categories' in body) {
    if (!Array.isArray(body.categories) || !body.categories.every((c) => typeof c === 'string'))
      throw invalid("Property 'categories' must be a collection of strings.");
    out.categories = body.categories as string[];
  }
  if ('responseRequested' in body) out.responseRequested = body.responseRequested !== false;
  if ('hideAttendees' in body) out.hideAttendees = body.hideAttendees === true;
  if ('location' in body) out.location = { displayName: String((body.location as { displayName?: unknown } | null)?.displayName ?? '') };
  if ('attendees' in body) {
    if (!Array.isArray(body.attendees)) throw invalid("Property 'attendees' must be a collection of attendees.");
    out.attendees = body.attendees.map((a: { type?: unknown }) => ({
      ...recipient(a),
      type: oneOf(a.type ?? 'required', ['required', 'optional', 'resource'] as const, 'attendees.type'),
    }));
  }
  return out;
}

/** Graph's rule for all-day events, and that an event does not end before it starts. */
function checkTimes(e: Pick<StoredEvent, 'start' | 'end' | 'isAllDay'>): void {
  if (e.isAllDay) {
    if (
      !isMidnight(e.start.dateTime) ||
      !isMidnight(e.end.dateTime) ||
      e.start.timeZone !== e.end.timeZone ||
      e.end.dateTime <= e.start.dateTime
    )
      throw invalid('An all-day event must start and end at midnight, in the same time zone, at least one day apart.');
  } else if (instantOf(e.end) < instantOf(e.start)) throw invalid('The end of an event cannot be before its start.');
}

/** Start and end as Graph answers them: in the Prefer: outlook.timezone zone, otherwise UTC. */
function outputZone(req: DevRequest): string | undefined {
  const zone = /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(req.headers.prefer ?? '')?.[1];
  return zone && ianaZone(zone) ? zone : undefined;
}

function eventJson(e: StoredEvent, zone: string | undefined) {
  const z = zone ?? 'UTC';
  // An all-day event floats: its dates are the same in every zone.
  const time = (t: DateTimeTimeZone) =>
    e.isAllDay ? { dateTime: `${t.dateTime.slice(0, 19).padEnd(19, ':00')}.0000000`, timeZone: z } : inZone(instantOf(t), z);
  const text = e.body.contentType === 'html' ? e.body.content.replace(/<[^>]*>/g, '').trim() : e.body.content;
  return {
    '@odata.etag': `W/"${e.changeKey}"`,
    id: e.id,
    createdDateTime: e.createdDateTime,
    lastModifiedDateTime: e.lastModifiedDateTime,
    changeKey: e.changeKey,
    categories: e.categories,
    ...(e.transactionId ? { transactionId: e.transactionId } : {}),
    originalStartTimeZone: e.start.timeZone,
    originalEndTimeZone: e.end.timeZone,
    iCalUId: e.iCalUId,
    reminderMinutesBeforeStart: e.reminderMinutesBeforeStart,
    isReminderOn: e.isReminderOn,
    hasAttachments: false,
    subject: e.subject,
    bodyPreview: text.slice(0, 255),
    importance: e.importance,
    sensitivity: e.sensitivity,
    isAllDay: e.isAllDay,
    isCancelled: false,
    isOrganizer: true,
    responseRequested: e.responseRequested,
    seriesMasterId: null,
    showAs: e.showAs,
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(e.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    body: e.body,
    start: time(e.start),
    end: time(e.end),
    location: {
      displayName: e.location.displayName,
      locationType: 'default',
      uniqueIdType: e.location.displayName ? 'private' : 'unknown',
    },
    locations: e.location.displayName ? [{ displayName: e.location.displayName, locationType: 'default', uniqueIdType: 'unknown' }] : [],
    recurrence: null,
    hideAttendees: e.hideAttendees,
    attendees: e.attendees.map((a) => ({
      type: a.type,
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: a.emailAddress,
    })),
    organizer: e.organizer,
  };
}

function eventOf(ctx: RouteContext): StoredEvent {
  const id = ctx.params.id!;
  if (!ID.test(id)) throw GraphErrors.idMalformed();
  const found = ctx.services.tenant.calendar.find(ctx.user.id, id);
  if (!found) throw GraphErrors.notFoundInStore();
  return found;
}

const entity = (ctx: RouteContext) => contextUrl(ctx.req, `users('${userSegment(ctx)}')/events/$entity`);

function create(ctx: RouteContext) {
  const { tenant } = ctx.services;
  const body = jsonBody(ctx.req);
  const zone = outputZone(ctx.req);
  const transactionId = typeof body.transactionId === 'string' && body.transactionId ? body.transactionId : undefined;
  // A retried POST with the same transactionId creates nothing new.
  const earlier = transactionId ? tenant.calendar.byTransaction(ctx.user.id, transactionId) : undefined;
  if (earlier) return json(201, { '@odata.context': entity(ctx), ...eventJson(earlier, zone) });
  const changes = changesFrom(body);
  if (!changes.start || !changes.end) throw invalid("An event needs 'start' and 'end'.");
  const now = tenant.nowIso();
  const event = {
    createdDateTime: now,
    lastModifiedDateTime: now,
    transactionId,
    subject: '',
    body: { contentType: 'text' as const, content: '' },
    ...eventDefaults(),
    location: { displayName: '' },
    attendees: [],
    organizer: { emailAddress: { name: ctx.user.displayName, address: ctx.user.mail } },
    ...changes,
    start: changes.start,
    end: changes.end,
  };
  checkTimes(event);
  const stored = tenant.calendar.add(ctx.user.id, event);
  return json(201, { '@odata.context': entity(ctx), ...eventJson(stored, zone) });
}

function getOne(ctx: RouteContext) {
  return json(200, { '@odata.context': entity(ctx), ...eventJson(eventOf(ctx), outputZone(ctx.req)) });
}

function list(ctx: RouteContext) {
  const top = intParam(ctx.req, '$top', { min: 1, max: 1000 }) ?? DEFAULT_PAGE;
  const skipRaw = ctx.req.query.get('$skiptoken');
  const skip = skipRaw ? decodeToken<{ skip: number }>(skipRaw, '$skiptoken').skip : 0;
  // Each event's start once, not once per comparison.
  const all = ctx.services.tenant.calendar
    .list(ctx.user.id)
    .map((e) => ({ e, at: instantOf(e.start) }))
    .sort((a, b) => a.at - b.at || a.e.id.localeCompare(b.e.id))
    .map(({ e }) => e);
  const page = all.slice(skip, skip + top);
  const zone = outputZone(ctx.req);
  return json(200, {
    '@odata.context': contextUrl(ctx.req, `users('${userSegment(ctx)}')/events`),
    value: page.map((e) => eventJson(e, zone)),
    ...(skip + top < all.length ? { '@odata.nextLink': linkTo(ctx.req, { $skiptoken: encodeToken({ skip: skip + top }) }) } : {}),
  });
}

function update(ctx: RouteContext) {
  const { tenant } = ctx.services;
  const event = eventOf(ctx);
  const body = jsonBody(ctx.req);
  if ('transactionId' in body && body.transactionId !== event.transactionId)
    throw invalid("Property 'transactionId' cannot be changed once set.");
  const unknown = Object.keys(body).find(
    (k) => k !== 'transactionId' && !(UPDATABLE as readonly string[]).includes(k) && !k.startsWith('@odata.'),
  );
  if (unknown) throw GraphErrors.unknownProperty(unknown, 'microsoft.graph.event', 'exchange');
  const changes = changesFrom(body);
  checkTimes({ ...event, ...changes });
  const updated = tenant.calendar.update(ctx.user.id, event, changes, tenant.nowIso());
  return json(200, { '@odata.context': entity(ctx), ...eventJson(updated, outputZone(ctx.req)) });
}

function remove(ctx: RouteContext) {
  const event = eventOf(ctx);
  ctx.services.tenant.calendar.remove(ctx.user.id, event.id);
  return noContent();
}

const both = (tail: string) => [new RegExp(`^/users/${U}/events${tail}$`), new RegExp(`^/users/${U}/calendar/events${tail}$`)];

export const eventRoutes: Route[] = [
  ...both('').flatMap((p) => [route('POST', p, CALENDARS_WRITE, create, 'outlook'), route('GET', p, CALENDARS_READ, list, 'outlook')]),
  ...both(`/${E}`).flatMap((p) => [
    route('GET', p, CALENDARS_READ, getOne, 'outlook'),
    route('PATCH', p, CALENDARS_WRITE, update, 'outlook'),
    route('DELETE', p, CALENDARS_WRITE, remove, 'outlook'),
  ]),
];
