import { describe, expect, it } from 'vitest';
import type { Actor } from '../../access/actor.js';
import { entryShownTo, mayEditEntry, mayReadEntry, seesDirectoryContacts } from './read-policy.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const actor = (role: Actor['role'], territoryIds: string[], professionalId: string | null = null) =>
  ({ userId: 'u', email: 'e', name: 'n', role, territoryIds, professionalId }) as Actor;
const entry = (
  visibility: 'professionals' | 'hidden',
  professionalId: string | null = null,
  territoryId = A,
) => ({
  territoryId,
  visibility,
  professionalId,
  mobile: '+33639981234',
  directLine: '+33380123456',
  mssante: 'x@medecin.mssante.fr',
  optIns: { hospitalNotices: true },
  searchText: 'x',
  nationalHash: 'h',
});

describe('the shared directory read policy', () => {
  const admin = actor('admin', []);
  const managerA = actor('manager', [A]);
  const managerB = actor('manager', [B]);
  const proA = actor('professional', [A], 'p1');
  const proB = actor('professional', [B], 'p2');

  it('managers read every entry of their territories, hidden ones included; admins all', () => {
    for (const e of [entry('professionals'), entry('hidden')]) {
      expect(mayReadEntry(admin, e)).toBe(true);
      expect(mayReadEntry(managerA, e)).toBe(true);
      expect(mayReadEntry(managerB, e)).toBe(false);
    }
  });

  it("professionals read their territory's listed entries and their own, nothing elsewhere", () => {
    expect(mayReadEntry(proA, entry('professionals'))).toBe(true);
    expect(mayReadEntry(proA, entry('hidden'))).toBe(false);
    expect(mayReadEntry(proA, entry('hidden', 'p1'))).toBe(true);
    expect(mayReadEntry(proB, entry('professionals'))).toBe(false);
    // One's own entry in another territory (a stale link) is not read through the link alone.
    expect(mayReadEntry(proB, entry('professionals', 'p2'))).toBe(false);
  });

  it('only the person and their managers edit', () => {
    expect(mayEditEntry(proA, entry('professionals', 'p1'))).toBe(true);
    expect(mayEditEntry(proA, entry('professionals', 'p3'))).toBe(false);
    expect(mayEditEntry(managerA, entry('hidden'))).toBe(true);
    expect(mayEditEntry(managerB, entry('hidden'))).toBe(false);
  });

  it('withholds lines from whoever does not read the entry, choices from colleagues', () => {
    expect(seesDirectoryContacts(proA, entry('professionals'))).toBe(true);
    expect(seesDirectoryContacts(proB, entry('professionals'))).toBe(false);
    const toB = entryShownTo(proB, entry('professionals'));
    expect([toB.mobile, toB.directLine, toB.mssante]).toEqual([null, null, null]);
    const toColleague = entryShownTo(proA, entry('professionals', 'p3'));
    expect(toColleague.directLine).toBe('+33380123456');
    expect(toColleague.optIns).toEqual({});
    expect(toColleague).not.toHaveProperty('searchText');
    expect(toColleague).not.toHaveProperty('nationalHash');
    expect(entryShownTo(proA, entry('professionals', 'p1')).optIns).toEqual({
      hospitalNotices: true,
    });
  });
});
