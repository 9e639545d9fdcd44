import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveOnDuty } from './on-duty.js';
import { buildRotaIndex, resolveOnDutyIndexed } from './rota-index.js';
import type { Override, Professional, Shift } from './types.js';

const base = Date.UTC(2026, 10, 24, 19);
const h = (hours: number) => new Date(base + hours * 3600_000);
// 'e' shares d's phone (a practice's shared mobile); 'ghost' is not in the map.
const people = new Map<string, Professional>([
  ...['a', 'b', 'c', 'd'].map((id, i): [string, Professional] => [
    id,
    { id, name: `Dr ${id.toUpperCase()}`, mobile: `+3363998000${i + 1}`, languages: ['fr'] },
  ]),
  ['e', { id: 'e', name: 'Dr E', mobile: '+33639980004', languages: ['fr'] }],
]);
const fallback = { name: 'Permanence', phone: '+33261910099' };

const arbRota = fc.record({
  shifts: fc.array(
    fc.record({
      professionalId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'ghost', null),
      from: fc.integer({ min: 0, max: 200 }),
      len: fc.integer({ min: 1, max: 30 }),
      level: fc.integer({ min: 1, max: 3 }),
      service: fc.constantFrom('svc', 'other'),
    }),
    { maxLength: 60 },
  ),
  overrides: fc.array(
    fc.record({
      shift: fc.nat(),
      professionalId: fc.constantFrom('a', 'b', 'c', 'd', 'ghost'),
      from: fc.integer({ min: -5, max: 230 }),
      len: fc.integer({ min: 1, max: 12 }),
    }),
    { maxLength: 20 },
  ),
  longShift: fc.boolean(),
});

type RawRota = {
  shifts: {
    professionalId: string | null;
    from: number;
    len: number;
    level: number;
    service: string;
  }[];
  overrides: { shift: number; professionalId: string; from: number; len: number }[];
  longShift: boolean;
};

function materialise(raw: RawRota) {
  const shifts: Shift[] = raw.shifts.map((r, i) => ({
    id: `s${i}`,
    serviceId: r.service,
    professionalId: r.professionalId,
    startsAt: h(r.from),
    endsAt: h(r.from + r.len),
    level: r.level,
  }));
  // A long shift early on stresses the index's backward walk (it must not stop too soon).
  if (raw.longShift)
    shifts.push({
      id: 'long',
      serviceId: 'svc',
      professionalId: 'c',
      startsAt: h(-10),
      endsAt: h(400),
      level: 3,
    });
  const overrides: Override[] =
    shifts.length === 0
      ? []
      : raw.overrides.map((o, i) => ({
          id: `o${i}`,
          shiftId: shifts[o.shift % shifts.length]!.id,
          professionalId: o.professionalId,
          startsAt: h(o.from),
          endsAt: h(o.from + o.len),
        }));
  return { shifts, overrides };
}

describe('resolveOnDutyIndexed', () => {
  it('agrees with resolveOnDuty on random rotas with overrides, shared phones and unknown ids', () => {
    fc.assert(
      fc.property(
        arbRota,
        fc.array(fc.double({ min: -20, max: 420, noNaN: true }), { minLength: 1, maxLength: 15 }),
        fc.boolean(),
        (raw, times, withFallback) => {
          const { shifts, overrides } = materialise(raw);
          const index = buildRotaIndex(shifts, overrides);
          for (const t of [
            ...times,
            ...raw.shifts.map((s) => s.from),
            ...raw.shifts.map((s) => s.from + s.len),
          ]) {
            const query = {
              serviceId: 'svc',
              at: h(t),
              professionals: people,
              fallback: withFallback ? fallback : null,
            };
            expect(resolveOnDutyIndexed(index, query)).toEqual(
              resolveOnDuty({ ...query, shifts, overrides }),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  // Speed is measured in scripts/bench/rota.ts, never asserted here.
  it('answers correctly on 500,000 shifts (20 services × 25,000)', () => {
    const shifts: Shift[] = [];
    for (let s = 0; s < 20; s += 1) {
      for (let i = 0; i < 12_500; i += 1) {
        for (const level of [1, 2])
          shifts.push({
            id: `${s}-${i}-${level}`,
            serviceId: `svc${s}`,
            professionalId: ['a', 'b', 'c', 'd'][(i + level) % 4]!,
            startsAt: h(i * 12),
            endsAt: h(i * 12 + 12),
            level,
          });
      }
    }
    const index = buildRotaIndex(shifts, []);
    let rung = 0;
    for (let q = 0; q < 10_000; q += 1)
      rung += resolveOnDutyIndexed(index, {
        serviceId: `svc${q % 20}`,
        at: h((q * 37) % 150_000),
        professionals: people,
      }).length;
    expect(rung).toBe(20_000);
    const sample = { serviceId: 'svc7', at: h(77_777.5), professionals: people };
    expect(resolveOnDutyIndexed(index, sample)).toEqual(
      resolveOnDuty({ ...sample, shifts, overrides: [] }),
    );
  });
});
