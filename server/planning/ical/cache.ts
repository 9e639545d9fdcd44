import { icalFeed, type CalendarEvent } from '../../../rota/ical.js';

/**
 * Rendered iCal feeds by token, reused while their events are unchanged. ical-generator spends
 * ~0.2 ms an event: a service's 460-day feed (~1,200 events) would block the event loop, and the
 * voice webhooks queued behind it, for ~200 ms at every calendar app's poll. The fingerprint is
 * one pass over plain values; an edited, added or removed shift, or a new override (which cuts
 * the events of both doctors and the service, see feed-events.ts), changes it.
 */
export class IcalFeedCache {
  private readonly feeds = new Map<string, { fingerprint: string; text: string }>();

  constructor(private readonly maxFeeds = 200) {}

  render(key: string, name: string, timeZone: string, events: CalendarEvent[], now: Date): string {
    const fingerprint = JSON.stringify([
      name,
      timeZone,
      events.map((e) => [
        e.uid,
        e.sequence ?? 0,
        e.start.getTime(),
        e.end.getTime(),
        e.summary,
        e.description ?? '',
        e.status ?? '',
      ]),
    ]);
    const cached = this.feeds.get(key);
    if (cached?.fingerprint === fingerprint) return cached.text;
    const text = icalFeed(name, timeZone, events, now);
    // Map order is insertion order: re-inserting keeps the most recently rendered last.
    this.feeds.delete(key);
    this.feeds.set(key, { fingerprint, text });
    if (this.feeds.size > this.maxFeeds) this.feeds.delete(this.feeds.keys().next().value!);
    return text;
  }
}
