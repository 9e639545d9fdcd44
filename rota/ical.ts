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

// C0 controls and DEL: a CR or LF would end the content line (a forged property or event).
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u001f\u007f]+/g;

/** Text of a feed with control characters made spaces (names come from people's input). */
export const plainText = (text: string) => text.replace(controls, ' ').trim();

/**
 * A TEXT value as RFC 5545 §3.3.11 escapes it. ical-generator escapes SUMMARY and DESCRIPTION
 * but writes the calendar's NAME and X-WR-CALNAME raw, so the name is escaped here.
 */
const escapedText = (text: string) => plainText(text).replace(/([\\;,])/g, '\\$1');

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
    name: escapedText(name),
    x: [{ key: 'X-WR-TIMEZONE', value: escapedText(timeZone) }],
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
      summary: plainText(e.summary),
      description: e.description === undefined ? null : plainText(e.description),
      sequence: e.sequence ?? 0,
      stamp: now,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
