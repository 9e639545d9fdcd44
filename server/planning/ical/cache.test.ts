import { describe, expect, it } from 'vitest';
import { IcalFeedCache } from './cache.js';

const night = (id: string, sequence = 0) => ({
  uid: `${id}@gardeline`,
  start: new Date('2026-12-01T19:00:00Z'),
  end: new Date('2026-12-02T07:00:00Z'),
  summary: 'N1 · Dr A',
  sequence,
});

describe('IcalFeedCache', () => {
  it('serves the same text while the events are unchanged, and renders again when one changes', () => {
    const cache = new IcalFeedCache();
    const first = cache.render(
      'service:t1',
      'Garde',
      'Europe/Paris',
      [night('a'), night('b')],
      new Date('2026-11-24T10:00:00Z'),
    );
    const again = cache.render(
      'service:t1',
      'Garde',
      'Europe/Paris',
      [night('a'), night('b')],
      new Date('2026-11-24T11:00:00Z'),
    );
    expect(again).toBe(first);
    const edited = cache.render(
      'service:t1',
      'Garde',
      'Europe/Paris',
      [night('a', 1), night('b')],
      new Date('2026-11-24T12:00:00Z'),
    );
    expect(edited).not.toBe(first);
    expect(edited).toMatch(/SEQUENCE:1/);
    const removed = cache.render(
      'service:t1',
      'Garde',
      'Europe/Paris',
      [night('a', 1)],
      new Date('2026-11-24T12:00:00Z'),
    );
    expect(removed.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('keeps feeds apart by key, and forgets the least recently rendered past its size', () => {
    const cache = new IcalFeedCache(2);
    const now = new Date('2026-11-24T10:00:00Z');
    const a = cache.render('professional:a', 'A', 'Europe/Paris', [night('x')], now);
    expect(cache.render('professional:b', 'B', 'Europe/Paris', [night('x')], now)).not.toBe(a);
    cache.render('professional:c', 'C', 'Europe/Paris', [night('x')], now);
    // 'a' was dropped: rendering it again at another instant gives a new DTSTAMP.
    expect(
      cache.render(
        'professional:a',
        'A',
        'Europe/Paris',
        [night('x')],
        new Date('2026-11-25T10:00:00Z'),
      ),
    ).not.toBe(a);
  });
});
