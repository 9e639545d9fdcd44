import { describe, expect, it } from 'vitest';
import { outsideQuietHours } from './quiet-hours.js';

const zone = 'Europe/Paris';

describe('outsideQuietHours', () => {
  it('lets a daytime text go at once', () => {
    const at = new Date('2026-11-24T13:00:00Z'); // 14:00 Paris
    expect(outsideQuietHours(at, zone)).toEqual(at);
  });
  it('holds an evening text until 09:00 the next morning', () => {
    expect(outsideQuietHours(new Date('2026-11-24T21:30:00Z'), zone)).toEqual(
      new Date('2026-11-25T08:00:00Z'),
    );
  });
  it('holds a text before 08:00 until 09:00 the same morning', () => {
    expect(outsideQuietHours(new Date('2026-11-25T05:00:00Z'), zone)).toEqual(
      new Date('2026-11-25T08:00:00Z'),
    );
  });
  it('starts the quiet hours at 21:00 sharp, on summer time too', () => {
    expect(outsideQuietHours(new Date('2026-07-01T18:59:00Z'), zone)).toEqual(
      new Date('2026-07-01T18:59:00Z'),
    );
    expect(outsideQuietHours(new Date('2026-07-01T19:00:00Z'), zone)).toEqual(
      new Date('2026-07-02T07:00:00Z'),
    );
  });
});
