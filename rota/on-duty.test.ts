import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveOnDuty } from './on-duty.js';
import type { Override, Professional, Shift } from './types.js';

const h = (hours: number) => new Date(Date.UTC(2026, 10, 24, 19) + hours * 3600_000);
const people = new Map<string, Professional>(
  ['a', 'b', 'c', 'd'].map((id, i) => [
    id,
    { id, name: `Dr ${id.toUpperCase()}`, mobile: `+3363998000${i + 1}`, languages: ['fr'] },
  ]),
);
const shift = (
  id: string,
  professionalId: string | null,
  from: number,
  to: number,
  level = 1,
): Shift => ({
  id,
  serviceId: 'svc',
  professionalId,
  startsAt: h(from),
  endsAt: h(to),
  level,
});

describe('resolveOnDuty', () => {
  const shifts = [
    shift('s1', 'a', 0, 12, 1),
    shift('s2', 'b', 0, 12, 2),
    shift('s3', null, 12, 24, 1),
  ];
  const fallback = { name: 'Permanence', phone: '+33261910099' };

  it('rings the primary, then the backup, then the fallback line', () => {
    const contacts = resolveOnDuty({
      serviceId: 'svc',
      at: h(3),
      shifts,
      overrides: [],
      professionals: people,
      fallback,
    });
    expect(contacts.map((c) => [c.name, c.level, c.source])).toEqual([
      ['Dr A', 1, 'shift'],
      ['Dr B', 2, 'shift'],
      ['Permanence', 99, 'fallback'],
    ]);
  });

  it('lets an override take part of a shift, edges included', () => {
    const override: Override = {
      id: 'o1',
      shiftId: 's1',
      professionalId: 'c',
      startsAt: h(2),
      endsAt: h(4),
    };
    const names = (t: number) =>
      resolveOnDuty({
        serviceId: 'svc',
        at: h(t),
        shifts,
        overrides: [override],
        professionals: people,
      }).map((c) => c.name);
    expect(names(1.99)).toEqual(['Dr A', 'Dr B']);
    expect(names(2)).toEqual(['Dr C', 'Dr B']);
    expect(names(3.99)).toEqual(['Dr C', 'Dr B']);
    expect(names(4)).toEqual(['Dr A', 'Dr B']);
  });

  it('ends a shift at its end instant, and an open shift rings nobody but the fallback', () => {
    const contacts = resolveOnDuty({
      serviceId: 'svc',
      at: h(12),
      shifts,
      overrides: [],
      professionals: people,
      fallback,
    });
    expect(contacts.map((c) => c.source)).toEqual(['fallback']);
  });

  it('rings one person once even on two levels', () => {
    const double = [shift('x', 'a', 0, 5, 1), shift('y', 'a', 0, 5, 2)];
    expect(
      resolveOnDuty({
        serviceId: 'svc',
        at: h(1),
        shifts: double,
        overrides: [],
        professionals: people,
      }),
    ).toHaveLength(1);
  });

  it('ignores an override outside its shift: it only replaces while both run', () => {
    // Override 10 → 14 on s1 (0 → 12): from 12 s1 has ended, the override alone rings nobody.
    const late: Override = {
      id: 'o',
      shiftId: 's1',
      professionalId: 'c',
      startsAt: h(10),
      endsAt: h(14),
    };
    const early: Override = {
      id: 'p',
      shiftId: 's2',
      professionalId: 'd',
      startsAt: h(-3),
      endsAt: h(1),
    };
    const names = (t: number) =>
      resolveOnDuty({
        serviceId: 'svc',
        at: h(t),
        shifts,
        overrides: [late, early],
        professionals: people,
      }).map((c) => c.name);
    expect(names(-1)).toEqual([]);
    expect(names(0)).toEqual(['Dr A', 'Dr D']);
    expect(names(11)).toEqual(['Dr C', 'Dr B']);
    expect(names(12)).toEqual([]);
  });

  it('lets the override that started last win, whatever the input order', () => {
    const o1: Override = {
      id: 'o1',
      shiftId: 's1',
      professionalId: 'c',
      startsAt: h(1),
      endsAt: h(6),
    };
    const o2: Override = {
      id: 'o2',
      shiftId: 's1',
      professionalId: 'd',
      startsAt: h(2),
      endsAt: h(4),
    };
    for (const overrides of [
      [o1, o2],
      [o2, o1],
    ]) {
      const first = (t: number) =>
        resolveOnDuty({ serviceId: 'svc', at: h(t), shifts, overrides, professionals: people })[0]!;
      expect([first(1.5).name, first(3).name, first(5).name]).toEqual(['Dr C', 'Dr D', 'Dr C']);
      expect(first(3).source).toBe('override');
    }
  });

  it('skips professionals missing from the map, and never rings the fallback twice', () => {
    const withGhost = [shift('g', 'ghost', 0, 12, 1), shift('s2', 'b', 0, 12, 2)];
    const sameAsB = { name: 'Cabinet', phone: '+33639980002' };
    const contacts = resolveOnDuty({
      serviceId: 'svc',
      at: h(1),
      shifts: withGhost,
      overrides: [],
      professionals: people,
      fallback: sameAsB,
    });
    expect(contacts.map((c) => [c.name, c.level])).toEqual([['Dr B', 2]]);
  });

  it('keeps the lowest level when the same person is on two levels', () => {
    const double = [shift('x', 'a', 0, 5, 2), shift('y', 'b', 0, 5, 3), shift('z', 'a', 0, 5, 1)];
    const contacts = resolveOnDuty({
      serviceId: 'svc',
      at: h(1),
      shifts: double,
      overrides: [],
      professionals: people,
      fallback,
    });
    expect(contacts.map((c) => [c.name, c.level, c.shiftId])).toEqual([
      ['Dr A', 1, 'z'],
      ['Dr B', 3, 'y'],
      ['Permanence', 99, null],
    ]);
  });

  it('agrees with a naive scan on random rotas', () => {
    const arbShift = fc.record({
      id: fc.uuid(),
      professionalId: fc.constantFrom('a', 'b', 'c', 'd', null),
      from: fc.integer({ min: 0, max: 40 }),
      len: fc.integer({ min: 1, max: 14 }),
      level: fc.integer({ min: 1, max: 3 }),
      service: fc.constantFrom('svc', 'other'),
    });
    fc.assert(
      fc.property(
        fc.array(arbShift, { maxLength: 30 }),
        fc.integer({ min: -2, max: 56 }),
        (raw, t) => {
          const rota: Shift[] = raw.map((r) => ({
            ...shift(r.id, r.professionalId, r.from, r.from + r.len, r.level),
            serviceId: r.service,
          }));
          const got = resolveOnDuty({
            serviceId: 'svc',
            at: h(t),
            shifts: rota,
            overrides: [],
            professionals: people,
          });
          // Naive: for each level in order, everyone covering t, without repeating a phone.
          const expected: string[] = [];
          for (const s of [...rota].sort(
            (x, y) =>
              x.level - y.level ||
              x.startsAt.getTime() - y.startsAt.getTime() ||
              x.id.localeCompare(y.id),
          )) {
            const covers =
              s.serviceId === 'svc' && s.startsAt <= h(t) && h(t) < s.endsAt && s.professionalId;
            if (covers && !expected.includes(s.professionalId!)) expected.push(s.professionalId!);
          }
          expect(got.map((c) => c.professionalId)).toEqual(expected);
        },
      ),
    );
  });

  it('skips a doctor on leave at that instant: the backup is rung first, then the fallback', () => {
    const input = {
      serviceId: 'svc',
      shifts,
      overrides: [],
      professionals: people,
      fallback,
      leave: [{ professionalId: 'a', startsAt: h(2), endsAt: h(6) }],
    };
    expect(resolveOnDuty({ ...input, at: h(3) }).map((c) => c.professionalId)).toEqual(['b', null]);
    // Outside the leave the primary is rung again.
    expect(resolveOnDuty({ ...input, at: h(6) }).map((c) => c.professionalId)).toEqual([
      'a',
      'b',
      null,
    ]);
  });

  it('rings the replacing doctor of a shift whose own doctor is on leave', () => {
    const contacts = resolveOnDuty({
      serviceId: 'svc',
      at: h(3),
      shifts,
      overrides: [{ id: 'o1', shiftId: 's1', professionalId: 'c', startsAt: h(0), endsAt: h(12) }],
      professionals: people,
      leave: [{ professionalId: 'a', startsAt: h(0), endsAt: h(12) }],
    });
    expect(contacts.map((c) => c.professionalId)).toEqual(['c', 'b']);
  });
});
