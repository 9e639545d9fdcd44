import { describe, expect, it } from 'vitest';
import { icalFeed, type CalendarEvent } from './ical.js';

const now = new Date('2026-11-24T10:00:00Z');
const night: CalendarEvent = {
  uid: 'shift-1@gardeline',
  start: new Date('2026-10-24T18:00:00Z'),
  end: new Date('2026-10-25T07:00:00Z'),
  summary: 'Garde MMG — nuit',
  description: 'Niveau 1',
  sequence: 2,
};

describe('icalFeed', () => {
  it('writes UTC instants (the 13 h DST night stays 13 h), DTSTAMP from `now`, UID and SEQUENCE', () => {
    const text = icalFeed('Gardes Dr A', 'Europe/Paris', [night], now);
    const lines = text.split('\r\n');
    expect(lines).toContain('DTSTART:20261024T180000Z');
    expect(lines).toContain('DTEND:20261025T070000Z');
    expect(lines).toContain('DTSTAMP:20261124T100000Z');
    expect(lines).toContain('UID:shift-1@gardeline');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('X-WR-CALNAME:Gardes Dr A');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
  });

  it('omits cancelled shifts and orders events by start', () => {
    const later = {
      ...night,
      uid: 'shift-2@gardeline',
      start: new Date('2026-12-01T19:00:00Z'),
      end: new Date('2026-12-02T07:00:00Z'),
      sequence: undefined,
    };
    const cancelled = { ...night, uid: 'shift-3@gardeline', status: 'cancelled' as const };
    const text = icalFeed('Gardes', 'Europe/Paris', [later, cancelled, night], now);
    expect(text.match(/^UID:.*$/gm)).toEqual(['UID:shift-1@gardeline', 'UID:shift-2@gardeline']);
    expect(text).toContain('SEQUENCE:0');
  });

  it('is the same text for the same input (subscribers see no spurious change)', () => {
    expect(icalFeed('G', 'Europe/Paris', [night], now)).toBe(
      icalFeed('G', 'Europe/Paris', [night], now),
    );
  });
});

describe('iCal injection', () => {
  it('a CR/LF or other control character in a name or summary cannot forge a property or an event', () => {
    const text = icalFeed(
      'Gardes · Dr X\r\nX-EVIL:1\rBEGIN:VEVENT\u0007, ; \\',
      'Europe/Paris',
      [
        {
          uid: 'a@gardeline',
          start: new Date('2027-01-01T19:00:00Z'),
          end: new Date('2027-01-02T07:00:00Z'),
          summary: 'N1 · Dr Y\r\nBEGIN:VEVENT\u0000',
        },
      ],
      new Date('2026-11-24T10:00:00Z'),
    );
    const lines = text.split('\r\n');
    // Every content line is one property: no bare CR/LF or control left, one event only.
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\r(?!\n)|(?<!\r)\n/);
    expect(lines.filter((l) => l.startsWith('X-EVIL'))).toEqual([]);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toContain('X-WR-CALNAME:Gardes · Dr X X-EVIL:1 BEGIN:VEVENT \\, \\; \\\\');
  });
});
