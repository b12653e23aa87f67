import type { Recipient } from '../model.js';
import { newChangeKey, newRestId } from './ids.js';

/** A wall-clock time in a named zone, as Graph's dateTimeTimeZone holds it. */
export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

export interface StoredEvent {
  id: string;
  iCalUId: string;
  changeKey: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  transactionId?: string | undefined;
  subject: string;
  body: { contentType: 'html' | 'text'; content: string };
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  isAllDay: boolean;
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  showAs: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
  sensitivity: 'normal' | 'personal' | 'private' | 'confidential';
  importance: 'low' | 'normal' | 'high';
  categories: string[];
  responseRequested: boolean;
  hideAttendees: boolean;
  location: { displayName: string };
  attendees: (Recipient & { type: 'required' | 'optional' | 'resource' })[];
  organizer: Recipient;
}

/**
 * Each user's default calendar: events by id, and the transactionIds already used (Graph's guard against a
 * client's retried POST creating the same event twice).
 */
export class CalendarStore {
  private readonly calendars = new Map<string, Map<string, StoredEvent>>();
  private readonly transactions = new Map<string, Map<string, string>>();

  private of(userId: string): Map<string, StoredEvent> {
    const events = this.calendars.get(userId) ?? new Map<string, StoredEvent>();
    this.calendars.set(userId, events);
    return events;
  }

  clear(): void {
    this.calendars.clear();
    this.transactions.clear();
  }

  /** Takes over another store's calendars (a reset loads the seed into a fresh tenant first). */
  replaceWith(other: CalendarStore): void {
    this.clear();
    for (const [k, v] of other.calendars) this.calendars.set(k, v);
    for (const [k, v] of other.transactions) this.transactions.set(k, v);
  }

  list(userId: string): StoredEvent[] {
    return [...this.of(userId).values()];
  }

  find(userId: string, id: string): StoredEvent | undefined {
    return this.of(userId).get(id);
  }

  /** The live event an earlier POST with this transactionId created, if any. */
  byTransaction(userId: string, transactionId: string): StoredEvent | undefined {
    const id = this.transactions.get(userId)?.get(transactionId);
    return id ? this.of(userId).get(id) : undefined;
  }

  add(userId: string, event: Omit<StoredEvent, 'id' | 'iCalUId' | 'changeKey'>): StoredEvent {
    const stored: StoredEvent = {
      ...event,
      id: newRestId(),
      iCalUId: `040000008200E00074C5B7101A82E008${newChangeKey()}`,
      changeKey: newChangeKey(),
    };
    this.of(userId).set(stored.id, stored);
    if (stored.transactionId) {
      const used = this.transactions.get(userId) ?? new Map<string, string>();
      this.transactions.set(userId, used);
      used.set(stored.transactionId, stored.id);
    }
    return stored;
  }

  update(userId: string, event: StoredEvent, changes: Partial<StoredEvent>, now: string): StoredEvent {
    const updated: StoredEvent = { ...event, ...changes, changeKey: newChangeKey(), lastModifiedDateTime: now };
    this.of(userId).set(event.id, updated);
    return updated;
  }

  remove(userId: string, id: string): boolean {
    return this.of(userId).delete(id);
  }
}

/** What Outlook gives a new event unless told otherwise (the create route, the demo seed and generated tenants). */
export function eventDefaults() {
  return {
    isAllDay: false,
    isReminderOn: true,
    reminderMinutesBeforeStart: 15,
    showAs: 'busy' as const,
    sensitivity: 'normal' as const,
    importance: 'normal' as const,
    categories: [] as string[],
    responseRequested: true,
    hideAttendees: false,
  };
}
