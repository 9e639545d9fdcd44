import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOverlaps, overlapsAny } from './overlap.js';
import type { Shift } from './types.js';

const h = (hours: number) => new Date(Date.UTC(2026, 10, 24, 19) + hours * 3600_000);
const shift = (id: string, from: number, to: number): Shift => ({
  id,
  serviceId: 's',
  professionalId: 'a',
  startsAt: h(from),
  endsAt: h(to),
  level: 1,
});

describe('findOverlaps', () => {
  it('finds overlaps but not handovers', () => {
    const found = findOverlaps([
      shift('night', 0, 12),
      shift('day', 12, 24),
      shift('extra', 10, 14),
    ]);
    expect(found.map((o) => [o.first.id, o.second.id, o.start, o.end])).toEqual([
      ['night', 'extra', h(10), h(12)],
      ['extra', 'day', h(12), h(14)],
    ]);
  });

  it('matches a brute-force pair check (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: 50 }),
            len: fc.integer({ min: 0, max: 12 }),
          }),
          { maxLength: 25 },
        ),
        (raw) => {
          const shifts = raw.map((r, i) =>
            shift(`s${String(i).padStart(2, '0')}`, r.from, r.from + r.len),
          );
          const expected = new Set<string>();
          for (const a of shifts)
            for (const b of shifts) {
              if (
                a.id < b.id &&
                a.startsAt < a.endsAt &&
                b.startsAt < b.endsAt &&
                a.startsAt < b.endsAt &&
                b.startsAt < a.endsAt
              )
                expected.add([a.id, b.id].join('+'));
            }
          expect(
            new Set(findOverlaps(shifts).map((o) => [o.first.id, o.second.id].sort().join('+'))),
          ).toEqual(expected);
          for (const s of shifts)
            expect(overlapsAny(s, shifts)).toBe(
              [...expected].some((pair) => pair.split('+').includes(s.id)),
            );
        },
      ),
      { numRuns: 300 },
    );
  });
});
