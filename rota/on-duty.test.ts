import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveOnDuty } from './on-duty.js';
import type { Override, Professional, Shift } from './types.js';

const h = (hours: number) => new Date(Date.UTC(2026, 10, 24, 19) + hours * 3600_000);
const people = new Map<string, Professional>(
  ['a', 'b', 'c', 'd'].map((id, i) => [id, { id, name: `Dr ${id.toUpperCase()}`, mobile: `+3363998000${i + 1}`, languages: ['fr'] }]),
);
const shift = (id: string, professionalId: string | null, from: number, to: number, level = 1): Shift => ({
  id, serviceId: 'svc', professionalId, startsAt: h(from), endsAt: h(to), level,
});

describe('resolveOnDuty', () => {
  const shifts = [shift('s1', 'a', 0, 12, 1), shift('s2', 'b', 0, 12, 2), shift('s3', null, 12, 24, 1)];
  const fallback = { name: 'Permanence', phone: '+33261910099' };

  it('rings the primary, then the backup, then the fallback line', () => {
    const contacts = resolveOnDuty({ serviceId: 'svc', at: h(3), shifts, overrides: [], professionals: people, fallback });
    expect(contacts.map((c) => [c.name, c.level, c.source])).toEqual([
      ['Dr A', 1, 'shift'], ['Dr B', 2, 'shift'], ['Permanence', 99, 'fallback'],
    ]);
  });

  it('lets an override take part of a shift, edges included', () => {
    const override: Override = { id: 'o1', shiftId: 's1', professionalId: 'c', startsAt: h(2), endsAt: h(4) };
    const names = (t: number) => resolveOnDuty({ serviceId: 'svc', at: h(t), shifts, overrides: [override], professionals: people }).map((c) => c.name);
    expect(names(1.99)).toEqual(['Dr A', 'Dr B']);
    expect(names(2)).toEqual(['Dr C', 'Dr B']);
    expect(names(3.99)).toEqual(['Dr C', 'Dr B']);
    expect(names(4)).toEqual(['Dr A', 'Dr B']);
  });

  it('ends a shift at its end instant, and an open shift rings nobody but the fallback', () => {
    const contacts = resolveOnDuty({ serviceId: 'svc', at: h(12), shifts, overrides: [], professionals: people, fallback });
    expect(contacts.map((c) => c.source)).toEqual(['fallback']);
  });

  it('rings one person once even on two levels', () => {
    const double = [shift('x', 'a', 0, 5, 1), shift('y', 'a', 0, 5, 2)];
    expect(resolveOnDuty({ serviceId: 'svc', at: h(1), shifts: double, overrides: [], professionals: people })).toHaveLength(1);
  });

  it('agrees with a naive scan on random rotas', () => {
    const arbShift = fc.record({
      id: fc.uuid(), professionalId: fc.constantFrom('a', 'b', 'c', 'd', null), from: fc.integer({ min: 0, max: 40 }),
      len: fc.integer({ min: 1, max: 14 }), level: fc.integer({ min: 1, max: 3 }), service: fc.constantFrom('svc', 'other'),
    });
    fc.assert(
      fc.property(fc.array(arbShift, { maxLength: 30 }), fc.integer({ min: -2, max: 56 }), (raw, t) => {
        const rota: Shift[] = raw.map((r) => ({ ...shift(r.id, r.professionalId, r.from, r.from + r.len, r.level), serviceId: r.service }));
        const got = resolveOnDuty({ serviceId: 'svc', at: h(t), shifts: rota, overrides: [], professionals: people });
        // Naive: for each level in order, everyone covering t, without repeating a phone.
        const expected: string[] = [];
        for (const s of [...rota].sort((x, y) => x.level - y.level || x.startsAt.getTime() - y.startsAt.getTime() || x.id.localeCompare(y.id))) {
          const covers = s.serviceId === 'svc' && s.startsAt <= h(t) && h(t) < s.endsAt && s.professionalId;
          if (covers && !expected.includes(s.professionalId!)) expected.push(s.professionalId!);
        }
        expect(got.map((c) => c.professionalId)).toEqual(expected);
      }),
    );
  });
});
