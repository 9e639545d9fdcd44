import { describe, expect, it } from 'vitest';
import { shiftParts } from './overrides.js';

const at = (hhmm: string, day = '2026-12-05') => new Date(`${day}T${hhmm}:00Z`);
const night = {
  id: 's1',
  startsAt: at('18:00'),
  endsAt: at('08:00', '2026-12-06'),
  professionalId: 'anna',
};
const override = (id: string, who: string, from: Date, to: Date, shiftId = 's1') => ({
  id,
  shiftId,
  professionalId: who,
  startsAt: from,
  endsAt: to,
});
const brief = (parts: ReturnType<typeof shiftParts>) =>
  parts.map((p) => [p.professionalId, p.startsAt.toISOString(), p.endsAt.toISOString(), p.key]);

describe('shiftParts', () => {
  it('a shift without override is one part under the shift’s own key', () => {
    expect(brief(shiftParts(night, []))).toEqual([
      ['anna', night.startsAt.toISOString(), night.endsAt.toISOString(), 's1'],
    ]);
  });

  it('an override of the whole shift leaves nothing to the replaced doctor', () => {
    const parts = shiftParts(night, [override('o1', 'bob', night.startsAt, night.endsAt)]);
    expect(brief(parts)).toEqual([
      ['bob', night.startsAt.toISOString(), night.endsAt.toISOString(), 's1.o1'],
    ]);
  });

  it('an override in the middle cuts the shift in three: holder, replacement, holder', () => {
    const parts = shiftParts(night, [
      override('o1', 'bob', at('22:00'), at('02:00', '2026-12-06')),
    ]);
    expect(brief(parts)).toEqual([
      ['anna', '2026-12-05T18:00:00.000Z', '2026-12-05T22:00:00.000Z', 's1'],
      ['bob', '2026-12-05T22:00:00.000Z', '2026-12-06T02:00:00.000Z', 's1.o1'],
      ['anna', '2026-12-06T02:00:00.000Z', '2026-12-06T08:00:00.000Z', 's1.2'],
    ]);
  });

  it('of overlapping overrides the later-starting one wins, as on the phone line; others’ shifts are ignored', () => {
    const parts = shiftParts(night, [
      override('o1', 'bob', at('18:00'), at('00:00', '2026-12-06')),
      override('o2', 'cleo', at('20:00'), at('22:00')),
      override('ox', 'dan', at('18:00'), at('08:00', '2026-12-06'), 'other-shift'),
    ]);
    expect(brief(parts)).toEqual([
      ['bob', '2026-12-05T18:00:00.000Z', '2026-12-05T20:00:00.000Z', 's1.o1'],
      ['cleo', '2026-12-05T20:00:00.000Z', '2026-12-05T22:00:00.000Z', 's1.o2'],
      ['bob', '2026-12-05T22:00:00.000Z', '2026-12-06T00:00:00.000Z', 's1.o1.2'],
      ['anna', '2026-12-06T00:00:00.000Z', '2026-12-06T08:00:00.000Z', 's1'],
    ]);
  });

  it('back-to-back overrides by the same doctor make one part, under the first one’s key', () => {
    const parts = shiftParts(night, [
      override('o1', 'bob', at('18:00'), at('22:00')),
      override('o2', 'bob', at('22:00'), at('08:00', '2026-12-06')),
    ]);
    expect(brief(parts)).toEqual([
      ['bob', '2026-12-05T18:00:00.000Z', '2026-12-06T08:00:00.000Z', 's1.o1'],
    ]);
  });

  it('an open shift stays open where nobody overrides it', () => {
    const open = { ...night, professionalId: null };
    const parts = shiftParts(open, [override('o1', 'bob', at('18:00'), at('22:00'))]);
    expect(parts.map((p) => p.professionalId)).toEqual(['bob', null]);
  });
});
