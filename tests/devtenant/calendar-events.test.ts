import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTenant, type TestTenant } from '../helpers/dev-tenant.js';
import { expectGraphError, readDoc } from './graph-docs.js';

/**
 * A user's calendar against the documented contract (graph-docs/event-create.json, event-update.json,
 * event-delete.json): create (with Prefer: outlook.timezone, all-day, transactionId), read, list, update,
 * delete, and the permission and 404 answers around them.
 */

type Json = Record<string, unknown>;
const METTE = 'mette@itguy.dk';
const createDoc = readDoc('event-create.json');
const updateDoc = readDoc('event-update.json');
const deleteDoc = readDoc('event-delete.json');

let t: TestTenant;
let mailOnly: TestTenant;
beforeAll(async () => {
  [t, mailOnly] = await Promise.all([startTestTenant(), startTestTenant({ app: { roles: ['Mail.ReadWrite'] } })]);
});
afterAll(async () => {
  await Promise.all([t?.close(), mailOnly?.close()]);
});

const send = (tenant: TestTenant, path: string, method: string, body?: unknown, headers: Record<string, string> = {}) =>
  tenant.raw(path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const allDay = (date: string, next: string, extra: Json = {}) => ({
  subject: 'GDPR-frist: DSAR-2026-0001',
  start: { dateTime: `${date}T00:00:00`, timeZone: 'Romance Standard Time' },
  end: { dateTime: `${next}T00:00:00`, timeZone: 'Romance Standard Time' },
  isAllDay: true,
  ...extra,
});

describe('POST /users/{id}/events (user-post-events.md)', () => {
  it("answers the documented example with 201 and the documented event's properties, times in the Prefer zone", async () => {
    const res = await send(t, `/users/${METTE}/events`, 'POST', createDoc.request.body, { Prefer: createDoc.request.headers!.Prefer! });
    expect(res.status).toBe(createDoc.response.status);
    const event = (await res.json()) as Json;
    const documented = createDoc.response.body as Json;
    for (const key of Object.keys(documented)) expect(event, key).toHaveProperty(key);
    expect(event['@odata.context']).toBe(`${t.tenant.graphBaseUrl}/$metadata#users('mette%40itguy.dk')/events/$entity`);
    expect(event['@odata.etag']).toBe(`W/"${event.changeKey as string}"`);
    expect(event.subject).toBe("Let's go for lunch");
    expect(event.start).toEqual({ dateTime: '2017-04-15T12:00:00.0000000', timeZone: 'Pacific Standard Time' });
    expect(event.end).toEqual({ dateTime: '2017-04-15T14:00:00.0000000', timeZone: 'Pacific Standard Time' });
    expect(event.originalStartTimeZone).toBe('Pacific Standard Time');
    expect(event).not.toHaveProperty('transactionId');
    expect(event.organizer).toEqual({ emailAddress: { name: 'Mette Ravn', address: METTE } });
    expect((event.attendees as Json[])[0]).toEqual((documented.attendees as Json[])[0]);
    expect(event.isOrganizer).toBe(true);
    expect(event.type).toBe('singleInstance');
  });

  it('answers in UTC without Prefer (12:00 Pacific daylight time is 19:00 UTC)', async () => {
    const res = await send(t, `/users/${METTE}/events`, 'POST', createDoc.request.body);
    const event = (await res.json()) as Json;
    expect(event.start).toEqual({ dateTime: '2017-04-15T19:00:00.0000000', timeZone: 'UTC' });
    const again = (await (
      await t.raw(`/users/${METTE}/events/${event.id as string}`, { headers: { Prefer: 'outlook.timezone="Romance Standard Time"' } })
    ).json()) as Json;
    expect(again.start).toEqual({ dateTime: '2017-04-15T21:00:00.0000000', timeZone: 'Romance Standard Time' });
  });

  it('keeps an all-day event on its dates in every zone, and refuses one that does not start and end at midnight', async () => {
    const res = await send(t, `/users/${METTE}/calendar/events`, 'POST', allDay('2026-12-10', '2026-12-11'));
    expect(res.status).toBe(201);
    const event = (await res.json()) as Json;
    expect(event.isAllDay).toBe(true);
    expect(event.start).toEqual({ dateTime: '2026-12-10T00:00:00.0000000', timeZone: 'UTC' });
    expect(event.end).toEqual({ dateTime: '2026-12-11T00:00:00.0000000', timeZone: 'UTC' });
    const notMidnight = allDay('2026-12-10', '2026-12-11', {
      start: { dateTime: '2026-12-10T09:00:00', timeZone: 'Romance Standard Time' },
    });
    await expectGraphError(await send(t, `/users/${METTE}/events`, 'POST', notMidnight), 400, 'ErrorInvalidRequest');
    const zones = allDay('2026-12-10', '2026-12-11', { end: { dateTime: '2026-12-11T00:00:00', timeZone: 'UTC' } });
    await expectGraphError(await send(t, `/users/${METTE}/events`, 'POST', zones), 400, 'ErrorInvalidRequest');
    const noZone = allDay('2026-12-10', '2026-12-11', { start: { dateTime: '2026-12-10T00:00:00', timeZone: 'Mars/Olympus' } });
    await expectGraphError(await send(t, `/users/${METTE}/events`, 'POST', noZone), 400, 'TimeZoneNotSupportedException');
  });

  it('creates one event for a retried POST with the same transactionId, and returns the transactionId it was given', async () => {
    const body = allDay('2027-01-04', '2027-01-05', { transactionId: 'dsar-DSAR-2026-0001-1' });
    const [first, second] = await Promise.all([
      send(t, `/users/${METTE}/events`, 'POST', body),
      send(t, `/users/${METTE}/events`, 'POST', body),
    ]);
    const [a, b] = [(await first.json()) as Json, (await second.json()) as Json];
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(b.id).toBe(a.id);
    expect(a.transactionId).toBe('dsar-DSAR-2026-0001-1');
    const all = await t.graph.api(`/users/${METTE}/events`).top(100).get();
    expect((all.value as Json[]).filter((e) => e.transactionId === 'dsar-DSAR-2026-0001-1')).toHaveLength(1);
  });

  it('refuses an app without Calendars.ReadWrite with 403, and an unknown mailbox with 404', async () => {
    await expectGraphError(
      await send(mailOnly, `/users/${METTE}/events`, 'POST', allDay('2026-12-10', '2026-12-11')),
      403,
      'ErrorAccessDenied',
    );
    await expectGraphError(
      await send(t, '/users/nobody@itguy.dk/events', 'POST', allDay('2026-12-10', '2026-12-11')),
      404,
      'ErrorInvalidUser',
    );
  });
});

describe('GET, PATCH and DELETE /users/{id}/events/{id} (event-update.md, event-delete.md)', () => {
  it("echoes the documented update example's values with 200 and a new changeKey, and moves an all-day event", async () => {
    const created = (await t.graph.api(`/users/${METTE}/events`).post(allDay('2026-12-14', '2026-12-15'))) as Json;
    const res = await send(t, `/users/${METTE}/events/${created.id as string}`, 'PATCH', updateDoc.request.body);
    expect(res.status).toBe(updateDoc.response.status);
    const updated = (await res.json()) as Json;
    for (const key of ['reminderMinutesBeforeStart', 'isReminderOn', 'hideAttendees', 'recurrence'])
      expect(updated[key], key).toEqual((updateDoc.response.body as Json)[key]);
    expect(updated.categories).toEqual(['Red category']);
    expect(updated.changeKey).not.toBe(created.changeKey);
    const moved = (await t.graph.api(`/users/${METTE}/events/${created.id as string}`).patch({
      start: { dateTime: '2026-12-21T00:00:00', timeZone: 'Romance Standard Time' },
      end: { dateTime: '2026-12-22T00:00:00', timeZone: 'Romance Standard Time' },
    })) as Json;
    expect(moved.start).toEqual({ dateTime: '2026-12-21T00:00:00.0000000', timeZone: 'UTC' });
    expect(moved.id).toBe(created.id);
    const read = (await t.graph.api(`/users/${METTE}/calendar/events/${created.id as string}`).get()) as Json;
    expect(read.start).toEqual(moved.start);
    expect(read.reminderMinutesBeforeStart).toBe(99);
  });

  it('refuses a move that breaks the all-day rule and a changed transactionId, and leaves the event as it was', async () => {
    const created = (await t.graph
      .api(`/users/${METTE}/events`)
      .post(allDay('2026-12-16', '2026-12-17', { transactionId: 'keep-me' }))) as Json;
    const path = `/users/${METTE}/events/${created.id as string}`;
    await expectGraphError(
      await send(t, path, 'PATCH', { start: { dateTime: '2026-12-16T08:00:00', timeZone: 'Romance Standard Time' } }),
      400,
      'ErrorInvalidRequest',
    );
    await expectGraphError(await send(t, path, 'PATCH', { transactionId: 'another' }), 400, 'ErrorInvalidRequest');
    const read = (await t.graph.api(path).get()) as Json;
    expect(read.start).toEqual({ dateTime: '2026-12-16T00:00:00.0000000', timeZone: 'UTC' });
    expect(read.changeKey).toBe(created.changeKey);
  });

  it('deletes with the documented 204 and no body; the event is then gone (404 ErrorItemNotFound, again on a second delete)', async () => {
    const created = (await t.graph.api(`/users/${METTE}/events`).post(allDay('2026-12-18', '2026-12-19'))) as Json;
    const path = `/users/${METTE}/events/${created.id as string}`;
    const res = await t.raw(path, { method: deleteDoc.request.method });
    expect(res.status).toBe(deleteDoc.response.status);
    expect(await res.text()).toBe('');
    await expectGraphError(await t.raw(path), 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    await expectGraphError(await t.raw(path, { method: 'DELETE' }), 404, 'ErrorItemNotFound');
    await expectGraphError(await t.raw(`/users/${METTE}/events/short`), 400, 'ErrorInvalidIdMalformed');
  });

  it('lists the calendar a page at a time, in start order, with @odata.nextLink', async () => {
    const fresh = await startTestTenant();
    try {
      for (const d of ['12', '10', '11'])
        await fresh.graph.api(`/users/${METTE}/events`).post(allDay(`2027-02-${d}`, `2027-02-${Number(d) + 1}`));
      const first = (await fresh.graph.api(`/users/${METTE}/events`).top(2).get()) as { value: Json[]; '@odata.nextLink'?: string };
      expect(first.value.map((e) => (e.start as Json).dateTime)).toEqual(['2027-02-10T00:00:00.0000000', '2027-02-11T00:00:00.0000000']);
      expect(first['@odata.nextLink']).toBeDefined();
      const second = (await fresh.graph.api(first['@odata.nextLink']!).get()) as { value: Json[]; '@odata.nextLink'?: string };
      expect(second.value).toHaveLength(1);
      expect(second['@odata.nextLink']).toBeUndefined();
    } finally {
      await fresh.close();
    }
  });
});
