import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeAutoFill, type AutoFillInput, type AutoFillProposal } from './auto-fill.js';
import { holidaySet } from './calendar/holidays.js';
import { localDateOf } from './calendar/local-date.js';
import type { PdsaCalendar } from './calendar/pdsa.js';
import { wallClockToInstant } from './local-time.js';
import { defaultWeights } from './shift-kind.js';
import { expandTemplate, type OpenSlot } from './shift-template.js';
import { defaultGrid } from './template-check.js';
import type { Shift } from './types.js';

const zone = 'Europe/Paris';
const calendar: PdsaCalendar = {
  timeZone: zone,
  holidays: holidaySet(2026, 2027),
  ponts: new Set(),
  saturdayAfternoon: true,
};
const at = (date: string, time: string) => wallClockToInstant(date, time, zone);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `p${String(i).padStart(2, '0')}`);

/** Checks every rule on a proposal; returns the broken ones, in words. */
function violations(input: AutoFillInput, proposal: AutoFillProposal): string[] {
  const bySlot = new Map(input.openSlots.map((s) => [s.key, s]));
  const out: string[] = [];
  const per = new Map<string, { start: number; end: number; slot: string; month: string }[]>();
  for (const s of input.existingShifts)
    if (s.professionalId)
      per.set(s.professionalId, [
        ...(per.get(s.professionalId) ?? []),
        {
          start: s.startsAt.getTime(),
          end: s.endsAt.getTime(),
          slot: `${s.startsAt.getTime()}`,
          month: localDateOf(s.startsAt, zone).slice(0, 7),
        },
      ]);
  for (const a of proposal.assignments) {
    const slot = bySlot.get(a.slotKey)!;
    per.set(a.professionalId, [
      ...(per.get(a.professionalId) ?? []),
      {
        start: slot.startsAt.getTime(),
        end: slot.endsAt.getTime(),
        slot: a.slotKey,
        month: localDateOf(slot.startsAt, zone).slice(0, 7),
      },
    ]);
    for (const u of input.unavailability) {
      if (
        u.professionalId === a.professionalId &&
        slot.startsAt < u.endsAt &&
        u.startsAt < slot.endsAt
      )
        out.push(`${a.professionalId} on leave for ${a.slotKey}`);
    }
  }
  const rest = input.minRestHours * 3600_000;
  for (const [id, list] of per) {
    list.sort((x, y) => x.start - y.start);
    for (let i = 1; i < list.length; i += 1)
      if (list[i]!.start - list[i - 1]!.end < rest)
        out.push(`${id} rests too little before ${list[i]!.slot}`);
    const months = new Map<string, number>();
    for (const s of list) months.set(s.month, (months.get(s.month) ?? 0) + 1);
    for (const [month, n] of months)
      if (n > input.maxPerMonth) out.push(`${id} has ${n} shifts in ${month}`);
  }
  const keys = [
    ...proposal.assignments.map((a) => a.slotKey),
    ...proposal.unfilled.map((u) => u.slotKey),
  ].sort();
  if (
    keys.join() !==
    input.openSlots
      .map((s) => s.key)
      .sort()
      .join()
  )
    out.push('not every slot answered exactly once');
  return out;
}

const november = expandTemplate('svc', defaultGrid(2), '2026-11-01', '2026-11-30', calendar);

describe('proposeAutoFill', () => {
  it('fills a month with two levels, never the same person twice on one slot, load balanced', () => {
    const input: AutoFillInput = {
      openSlots: november,
      professionalIds: ids(12),
      existingShifts: [],
      unavailability: [],
      maxPerMonth: 8,
      minRestHours: 11,
      timeZone: zone,
    };
    const proposal = proposeAutoFill(input);
    expect(proposal.unfilled).toEqual([]);
    expect(violations(input, proposal)).toEqual([]);
    const loads = new Map<string, number>();
    const bySlot = new Map(november.map((s) => [s.key, s]));
    for (const a of proposal.assignments)
      loads.set(
        a.professionalId,
        (loads.get(a.professionalId) ?? 0) + defaultWeights[bySlot.get(a.slotKey)!.kind],
      );
    expect(Math.max(...loads.values()) - Math.min(...loads.values())).toBeLessThanOrEqual(
      defaultWeights.sunday_holiday,
    );
  });

  it('respects leave, existing shifts (monthly count and rest) and the service restriction', () => {
    const leave = {
      professionalId: 'p00',
      startsAt: at('2026-11-01', '00:00'),
      endsAt: at('2026-11-20', '00:00'),
    };
    const existing: Shift[] = [
      {
        id: 'x',
        serviceId: 'other',
        professionalId: 'p01',
        startsAt: at('2026-11-10', '08:00'),
        endsAt: at('2026-11-10', '18:00'),
        level: 1,
      },
    ];
    const input: AutoFillInput = {
      openSlots: november,
      existingShifts: existing,
      unavailability: [leave],
      maxPerMonth: 6,
      minRestHours: 11,
      timeZone: zone,
      professionals: [
        ...ids(14).map((id) => ({ id, serviceIds: ['svc'] })),
        { id: 'p99', serviceIds: ['other'] },
      ],
    };
    const proposal = proposeAutoFill(input);
    expect(violations(input, proposal)).toEqual([]);
    expect(proposal.assignments.some((a) => a.professionalId === 'p99')).toBe(false);
    expect(
      proposal.assignments.filter((a) => a.professionalId === 'p01').length,
    ).toBeLessThanOrEqual(5);
  });

  it('leaves a slot unfilled with the rule that blocked it rather than break it', () => {
    const level1 = november.filter((s) => s.level === 1);
    const capped = proposeAutoFill({
      openSlots: level1,
      professionalIds: ['p1'],
      existingShifts: [],
      unavailability: [],
      maxPerMonth: 4,
      minRestHours: 11,
      timeZone: zone,
    });
    expect(capped.assignments).toHaveLength(4);
    expect(new Set(capped.unfilled.map((u) => u.code))).toEqual(new Set(['monthly_limit']));
    const tired = proposeAutoFill({
      openSlots: level1,
      professionalIds: ['p1'],
      existingShifts: [],
      unavailability: [],
      maxPerMonth: 99,
      minRestHours: 11,
      timeZone: zone,
    });
    expect(tired.unfilled.length).toBeGreaterThan(0);
    expect(new Set(tired.unfilled.map((u) => u.code))).toEqual(new Set(['rest']));
    expect(tired.unfilled[0]!.reason).toBe('repos minimal entre deux gardes non respecté');
    expect(
      proposeAutoFill({
        openSlots: november.slice(0, 1),
        professionalIds: [],
        existingShifts: [],
        unavailability: [],
        maxPerMonth: 4,
        minRestHours: 11,
        timeZone: zone,
      }).unfilled,
    ).toEqual([
      {
        slotKey: november[0]!.key,
        code: 'no_professional',
        reason: 'aucun professionnel du service',
      },
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const input: AutoFillInput = {
      openSlots: november,
      professionalIds: ids(10),
      existingShifts: [],
      unavailability: [],
      maxPerMonth: 10,
      minRestHours: 11,
      timeZone: zone,
    };
    const shuffled = {
      ...input,
      openSlots: [...november].reverse(),
      professionalIds: [...ids(10)].reverse(),
    };
    expect(proposeAutoFill(shuffled)).toEqual(proposeAutoFill(input));
  });

  it('never breaks a rule on random inputs (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(0, 11, 24, 48),
        fc.array(
          fc.record({
            who: fc.integer({ min: 0, max: 9 }),
            day: fc.integer({ min: 1, max: 29 }),
            len: fc.integer({ min: 1, max: 6 }),
          }),
          { maxLength: 6 },
        ),
        (n, maxPerMonth, minRestHours, rawLeave) => {
          const unavailability = rawLeave.map((l) => ({
            professionalId: ids(10)[l.who]!,
            startsAt: at(`2026-11-${String(l.day).padStart(2, '0')}`, '10:00'),
            endsAt: at(`2026-11-${String(Math.min(30, l.day + l.len)).padStart(2, '0')}`, '10:00'),
          }));
          const input: AutoFillInput = {
            openSlots: november,
            professionalIds: ids(n),
            existingShifts: [],
            unavailability,
            maxPerMonth,
            minRestHours,
            timeZone: zone,
          };
          expect(violations(input, proposeAutoFill(input))).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('fills every slot of 80 professionals over a quarter (timing: scripts/bench/rota.ts)', () => {
    const quarter: OpenSlot[] = expandTemplate('svc', defaultGrid(2), '2027-01-01', '2027-03-31', {
      ...calendar,
      holidays: holidaySet(2027, 2027),
    });
    const proposal = proposeAutoFill({
      openSlots: quarter,
      professionalIds: ids(80),
      existingShifts: [],
      unavailability: [],
      maxPerMonth: 6,
      minRestHours: 11,
      timeZone: zone,
    });
    expect(proposal.unfilled).toEqual([]);
    expect(proposal.assignments.length).toBe(quarter.length);
  });
});
