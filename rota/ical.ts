import ical, { ICalEventStatus } from 'ical-generator';

/**
 * iCalendar feeds (RFC 5545) of shifts, for Google, Apple and Outlook subscriptions. A shift
 * keeps its UID across edits and bumps SEQUENCE, so calendars update the event in place.
 */

export interface CalendarEvent {
  /** Stable across edits (shift id + '@gardeline'), so calendars update instead of adding. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  /** Bumped on every edit (the shift's version). Default 0. */
  sequence?: number;
  /** Default 'confirmed'. Cancelled events are left out of the feed. */
  status?: 'confirmed' | 'cancelled';
}

/**
 * An iCalendar feed as text. Instants are written in UTC ("…Z", valid everywhere without a
 * VTIMEZONE block, so no DST mistake is possible in the file); X-WR-TIMEZONE tells calendar
 * apps the territory's zone for display. Cancelled shifts are omitted: a subscribed calendar
 * drops an event that disappears from the feed. `now` is the DTSTAMP of every event.
 */
export function icalFeed(
  name: string,
  timeZone: string,
  events: CalendarEvent[],
  now: Date,
): string {
  const calendar = ical({
    name,
    x: [{ key: 'X-WR-TIMEZONE', value: timeZone }],
    prodId: { company: 'gardeline', product: 'rota', language: 'FR' },
    ttl: 3600,
  });
  const active = events
    .filter((e) => e.status !== 'cancelled')
    .sort((a, b) => a.start.getTime() - b.start.getTime() || (a.uid < b.uid ? -1 : 1));
  for (const e of active) {
    calendar.createEvent({
      id: e.uid,
      start: e.start,
      end: e.end,
      summary: e.summary,
      description: e.description ?? null,
      sequence: e.sequence ?? 0,
      stamp: now,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
