import ical, { ICalEventStatus } from 'ical-generator';

export interface CalendarEvent {
  /** Stable across edits, so calendars update the event instead of adding one. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  /** Bumped on every edit (the shift's version). */
  sequence: number;
}

/**
 * An iCalendar feed (RFC 5545) Google, Apple and Outlook subscribe to. Instants are written in
 * UTC ("…Z", valid everywhere without a VTIMEZONE block); X-WR-TIMEZONE tells the calendar app
 * the territory's zone for display. Cancelled shifts are simply left out.
 */
export function icalFeed(name: string, timeZone: string, events: CalendarEvent[], now: Date): string {
  const calendar = ical({ name, x: [{ key: 'X-WR-TIMEZONE', value: timeZone }], prodId: { company: 'gardeline', product: 'rota', language: 'FR' }, ttl: 3600 });
  for (const e of events) {
    calendar.createEvent({ id: e.uid, start: e.start, end: e.end, summary: e.summary, description: e.description ?? null, sequence: e.sequence, stamp: now, status: ICalEventStatus.CONFIRMED });
  }
  return calendar.toString();
}
