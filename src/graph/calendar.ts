import type { Client } from '@microsoft/microsoft-graph-client';
import { isGraphMalformedId, isGraphNotFound } from './errors.js';
import { userPath } from './paths.js';

/**
 * All-day events in one mailbox's default calendar (Calendars.ReadWrite, application permission):
 * user-post-events.md, event-update.md, event-delete.md. Dates are Copenhagen dates; an all-day event
 * starts and ends at midnight in one zone, so it is written in Windows' name for Copenhagen's zone.
 */

const ZONE = 'Romance Standard Time';

export interface AllDayEvent {
  /** YYYY-MM-DD */
  date: string;
  subject: string;
  /** Plain text. */
  body: string;
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function eventBody(e: AllDayEvent) {
  return {
    subject: e.subject,
    body: { contentType: 'text', content: e.body },
    start: { dateTime: `${e.date}T00:00:00`, timeZone: ZONE },
    end: { dateTime: `${nextDay(e.date)}T00:00:00`, timeZone: ZONE },
    isAllDay: true,
    // A deadline is not a meeting: it must not block the DPO's free/busy.
    showAs: 'free',
    sensitivity: 'private',
    isReminderOn: true,
    // 09:00 the day before (the event starts at midnight).
    reminderMinutesBeforeStart: 15 * 60,
    categories: ['GDPR'],
  };
}

const eventPath = (mailbox: string, id: string) => `${userPath(mailbox)}/events/${encodeURIComponent(id)}`;

/**
 * Creates the event, or returns the one an earlier POST with this `transactionId` created (Graph's guard
 * against a retried create, which also makes two instances creating the same case's event make one).
 */
export async function createAllDayEvent(graph: Client, mailbox: string, event: AllDayEvent, transactionId: string): Promise<string> {
  const created = (await graph
    .api(`${userPath(mailbox)}/events`)
    .select('id')
    .post({ ...eventBody(event), transactionId })) as { id: string };
  return created.id;
}

/** Moves or retitles the event; false when it is gone (deleted in Outlook, or never there). */
export async function updateAllDayEvent(graph: Client, mailbox: string, id: string, event: AllDayEvent): Promise<boolean> {
  try {
    await graph.api(eventPath(mailbox, id)).select('id').patch(eventBody(event));
    return true;
  } catch (error) {
    if (isGraphNotFound(error) || isGraphMalformedId(error)) return false;
    throw error;
  }
}

/** Deletes the event; an event already gone counts as deleted. */
export async function deleteEvent(graph: Client, mailbox: string, id: string): Promise<void> {
  try {
    await graph.api(eventPath(mailbox, id)).delete();
  } catch (error) {
    if (isGraphNotFound(error) || isGraphMalformedId(error)) return;
    throw error;
  }
}
