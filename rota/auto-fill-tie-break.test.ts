import { describe, expect, it } from 'vitest';
import { tieBreakRank } from './auto-fill-tie-break.js';

const ids = Array.from({ length: 8 }, (_, i) => `p${i}`);
const first = (start: Date) =>
  [...ids].sort((a, b) => tieBreakRank(a, start) - tieBreakRank(b, start))[0];

describe('tieBreakRank', () => {
  it('is reproducible: the same (professional, slot start) gives the same rank', () => {
    const start = new Date('2026-12-24T19:00:00Z');
    expect(tieBreakRank('p1', start)).toBe(tieBreakRank('p1', new Date(start)));
    expect(ids.map((id) => tieBreakRank(id, start))).toEqual(
      ids.map((id) => tieBreakRank(id, start)),
    );
  });

  it('spreads ties: over many slots each professional comes first about as often', () => {
    const wins = new Map<string, number>();
    for (let day = 0; day < 800; day += 1) {
      const winner = first(new Date(Date.UTC(2026, 0, 1, 19) + day * 86_400_000))!;
      wins.set(winner, (wins.get(winner) ?? 0) + 1);
    }
    expect(wins.size).toBe(ids.length);
    for (const n of wins.values()) expect(n).toBeGreaterThan(50);
  });
});
