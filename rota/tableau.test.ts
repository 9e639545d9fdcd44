import { describe, expect, it } from 'vitest';
import {
  addMonths,
  changesSince,
  periodProblem,
  realisedSlots,
  sendingStatus,
  tableauSlots,
  type TableauContext,
} from './tableau.js';

const ctx: TableauContext = {
  names: new Map([
    ['a', 'Dr Anne Le Gall'],
    ['b', 'Dr Yves Kerbrat'],
  ]),
  template: [{ start: '00:00', end: '08:00', modality: 'regulation' }],
  modality: 'consultation',
  place: 'MMG, Auray',
  timeZone: 'Europe/Paris',
};
const night = (id: string, who: string | null, start = '2027-01-04T19:00:00Z') => ({
  id,
  professionalId: who,
  startsAt: new Date(start),
  endsAt: new Date(new Date(start).getTime() + 12 * 3600_000),
  level: 1,
});

describe('tableau de garde', () => {
  it('a period covers at least three months, end after start', () => {
    expect(periodProblem('2027-01-01', '2027-03-31')).toBeNull();
    expect(periodProblem('2027-01-01', '2027-03-30')).toContain('trois mois');
    expect(periodProblem('2027-03-31', '2027-01-01')).toContain('suivre');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('warns when a period not sent starts in less than 45 days', () => {
    const q1 = { startsOn: '2027-01-01', endsOn: '2027-03-31', sentOn: null };
    expect(sendingStatus(q1, '2026-11-10')).toEqual({ state: 'due', deadline: '2026-11-17' });
    expect(sendingStatus(q1, '2026-11-20')).toEqual({ state: 'late', daysLeft: 42 });
    expect(sendingStatus({ ...q1, sentOn: '2026-11-20' }, '2026-11-21')).toEqual({ state: 'sent' });
    expect(sendingStatus(q1, '2027-04-01')).toEqual({ state: 'over', sent: false });
  });

  it('slots carry local times, names, the template slot modality, else the service one', () => {
    const [evening, late] = tableauSlots(
      [
        night('s1', 'a'),
        {
          ...night('s2', null, '2027-01-04T23:00:00Z'),
          endsAt: new Date('2027-01-05T07:00:00Z'),
          level: 2,
        },
      ],
      ctx,
    );
    expect(evening).toMatchObject({ date: '2027-01-04', start: '20:00', end: '08:00' });
    expect(evening).toMatchObject({ name: 'Dr Anne Le Gall', modality: 'consultation' });
    expect(late).toMatchObject({ date: '2027-01-05', start: '00:00', name: null });
    expect(late!.modality).toBe('regulation');
  });

  it('changes since sent: added, removed, changed', () => {
    const sent = tableauSlots([night('s1', 'a'), night('s2', 'a', '2027-01-05T19:00:00Z')], ctx);
    const now = tableauSlots([night('s1', 'b'), night('s3', null, '2027-01-06T19:00:00Z')], ctx);
    expect(changesSince(sent, now).map((c) => c.kind)).toEqual(['changed', 'removed', 'added']);
    expect(changesSince(sent, sent)).toEqual([]);
  });

  it('the réalisé cuts a slot at its override and names the swap', () => {
    const shift = night('s1', 'b');
    const override = {
      id: 'o1',
      shiftId: 's1',
      professionalId: 'a',
      startsAt: new Date('2027-01-04T23:00:00Z'),
      endsAt: shift.endsAt,
    };
    const swap = { shiftId: 's1', offeredBy: 'a', decidedAt: new Date('2026-12-01T10:00:00Z') };
    const rows = realisedSlots([shift], [override], [swap], ctx, null);
    expect(rows.map((r) => [r.start, r.end, r.planned, r.worked, r.reason])).toEqual([
      ['20:00', '00:00', 'Dr Anne Le Gall', 'Dr Yves Kerbrat', 'echange'],
      ['00:00', '08:00', 'Dr Anne Le Gall', 'Dr Anne Le Gall', 'remplacement'],
    ]);
  });
});
