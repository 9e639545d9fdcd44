import { describe, expect, it } from 'vitest';
import { changesOf, idsIn } from './changes.js';

describe('changesOf', () => {
  it('lists the fields a person reads that changed, before → after', () => {
    const before = { id: 'x', level: 1, professionalId: 'p1', version: 1, startsAt: 'a' };
    const after = { id: 'x', level: 2, professionalId: 'p2', version: 2, startsAt: 'a' };
    const changes = changesOf(before, after);
    expect(changes).toEqual([
      { field: 'professionalId', before: 'p1', after: 'p2' },
      { field: 'level', before: 1, after: 2 },
    ]);
    expect(idsIn(changes)).toEqual(['p1', 'p2']);
  });
  it('lists what a creation set', () => {
    expect(changesOf(null, { level: 1, status: 'active' })).toEqual([
      { field: 'level', before: null, after: 1 },
      { field: 'status', before: null, after: 'active' },
    ]);
  });
});
