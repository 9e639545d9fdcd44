import { describe, expect, it } from 'vitest';
import { uncoveredSlots } from './auto-fill-coverage.js';
import { wallClockToInstant } from './local-time.js';
import type { OpenSlot } from './shift-template.js';
import type { Shift } from './types.js';

const zone = 'Europe/Paris';
const at = (date: string, time: string) => wallClockToInstant(date, time, zone);
const night = (level: number): OpenSlot => ({
  key: `svc|2027-03-10|nuit|${level}`,
  serviceId: 'svc',
  localDate: '2027-03-10',
  startsAt: at('2027-03-10', '20:00'),
  endsAt: at('2027-03-11', '08:00'),
  level,
  kind: 'weeknight',
});
const shift = (
  from: [string, string],
  to: [string, string],
  level = 1,
  who: string | null = 'a',
): Shift => ({
  id: `${from.join()}-${level}`,
  serviceId: 'svc',
  professionalId: who,
  startsAt: at(...from),
  endsAt: at(...to),
  level,
});

describe('uncoveredSlots', () => {
  it('keeps an uncovered slot whole, drops a covered one', () => {
    const covered = shift(['2027-03-10', '20:00'], ['2027-03-11', '08:00']);
    expect(uncoveredSlots([night(1), night(2)], [covered])).toEqual([night(2)]);
  });

  it('gives back 00:00–08:00 of a night whose shift was cut to 20:00–00:00', () => {
    const cut = shift(['2027-03-10', '20:00'], ['2027-03-11', '00:00']);
    const [piece, ...rest] = uncoveredSlots([night(1)], [cut]);
    expect(rest).toEqual([]);
    expect(piece).toMatchObject({
      startsAt: at('2027-03-11', '00:00'),
      endsAt: at('2027-03-11', '08:00'),
      level: 1,
      serviceId: 'svc',
    });
    expect(piece!.key).toBe(`svc|2027-03-10|nuit|1|${at('2027-03-11', '00:00').toISOString()}`);
  });

  it('gives back every hole, and neither another level, another service nor an open shift covers', () => {
    const pieces = uncoveredSlots(
      [night(1)],
      [
        shift(['2027-03-10', '22:00'], ['2027-03-11', '02:00']),
        shift(['2027-03-10', '20:00'], ['2027-03-11', '08:00'], 2),
        shift(['2027-03-11', '02:00'], ['2027-03-11', '08:00'], 1, null),
        { ...shift(['2027-03-11', '02:00'], ['2027-03-11', '08:00']), serviceId: 'other' },
      ],
    );
    expect(pieces.map((p) => [p.startsAt, p.endsAt])).toEqual([
      [at('2027-03-10', '20:00'), at('2027-03-10', '22:00')],
      [at('2027-03-11', '02:00'), at('2027-03-11', '08:00')],
    ]);
  });
});
