import fc from 'fast-check';
import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { addDays, datesBetween } from './calendar/local-date.js';
import { localToInstant, wallClockToInstant } from './local-time.js';

const paris = 'Europe/Paris';

describe('localToInstant', () => {
  it('in Paris over 2026, only 02:xx of 29 March is missing and only 02:xx of 25 October is doubled', () => {
    const odd: string[] = [];
    for (const date of datesBetween('2026-01-01', '2026-12-31')) {
      for (let m = 0; m < 1440; m += 30) {
        const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const r = localToInstant(date, time, paris);
        if (!r.ok) odd.push(`${date} ${time} ${r.reason}`);
      }
    }
    expect(odd).toEqual([
      '2026-03-29 02:00 nonexistent',
      '2026-03-29 02:30 nonexistent',
      '2026-10-25 02:00 ambiguous',
      '2026-10-25 02:30 ambiguous',
    ]);
  });

  it.each([
    ['2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'],
    ['2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'],
    ['2026-10-25', '01:59', '2026-10-24T23:59:00.000Z'],
    ['2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'],
    ['2026-07-14', '20:00', '2026-07-14T18:00:00.000Z'],
    ['2026-12-25', '20:00', '2026-12-25T19:00:00.000Z'],
  ])('%s %s Paris → %s', (date, time, iso) => {
    const r = localToInstant(date, time, paris);
    expect(r.ok && r.instant.toISOString()).toBe(iso);
  });

  it('refuses malformed input and unknown zones', () => {
    expect(localToInstant('2026-12-01', '24:00', paris)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(localToInstant('2026-12-01', '8:00', paris)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(localToInstant('2026-13-01', '08:00', paris)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(localToInstant('2026-12-01', '08:00', 'Mars/Olympus')).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });

  it('round-trips: every accepted result reads back as the same wall time (several zones)', () => {
    const zones = [
      'Europe/Paris',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Indian/Reunion',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 365 * 6 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.constantFrom(undefined, 'earlier', 'later'),
        (zone, day, minute, dis) => {
          const date = addDays('2025-01-01', day);
          const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
          const r = localToInstant(date, time, zone, dis as 'earlier' | 'later' | undefined);
          if (!r.ok) return;
          const local = new TZDate(r.instant.getTime(), zone);
          const back = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')} ${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
          expect(back).toBe(`${date} ${time}`);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('wallClockToInstant (rules)', () => {
  it('moves a nonexistent time forward by the gap and takes the first of a doubled one', () => {
    expect(wallClockToInstant('2026-03-29', '02:30', paris).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(wallClockToInstant('2026-10-25', '02:30', paris).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });
  it('reads 24:00 as midnight ending the day', () => {
    expect(wallClockToInstant('2026-12-31', '24:00', paris).toISOString()).toBe(
      '2026-12-31T23:00:00.000Z',
    );
  });
});

describe('localToInstant around the DST changes', () => {
  it('refuses 02:30 on the spring-forward day', () => {
    const r = localToInstant('2027-03-28', '02:30', 'Europe/Paris');
    expect(r).toMatchObject({ ok: false, reason: 'nonexistent' });
  });
  it('asks which 02:30 on the autumn day, and honours the choice', () => {
    expect(localToInstant('2026-10-25', '02:30', 'Europe/Paris')).toMatchObject({
      ok: false,
      reason: 'ambiguous',
    });
    const earlier = localToInstant('2026-10-25', '02:30', 'Europe/Paris', 'earlier');
    const later = localToInstant('2026-10-25', '02:30', 'Europe/Paris', 'later');
    expect(earlier.ok && earlier.instant.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(later.ok && later.instant.toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });
  it('refuses dates that do not exist', () => {
    expect(localToInstant('2026-02-30', '10:00', 'Europe/Paris')).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
  });
});
