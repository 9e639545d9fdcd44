import { describe, expect, it } from 'vitest';
import { isoInZone, rotaFeedEvents, type RotaFeedInput } from './feed-events.js';

const base: RotaFeedInput = {
  serviceId: 'svc',
  range: { start: new Date('2027-03-27T23:00:00Z'), end: new Date('2027-03-29T22:00:00Z') },
  timeZone: 'Europe/Paris',
  settings: { alsaceMoselle: false, saturdayAfternoon: true },
  requiredLevels: 1,
  shifts: [],
  names: new Map([['p1', 'Dr A']]),
  calendarDays: [],
  manage: true,
  now: new Date('2027-01-01T00:00:00Z'),
};

describe('rotaFeedEvents (pure)', () => {
  it('writes instants with the offset of their side of a DST change', () => {
    expect(isoInZone(new Date('2027-03-28T00:30:00Z'), 'Europe/Paris')).toBe(
      '2027-03-28T01:30:00+01:00',
    );
    expect(isoInZone(new Date('2027-03-28T01:30:00Z'), 'Europe/Paris')).toBe(
      '2027-03-28T03:30:00+02:00',
    );
    expect(isoInZone(new Date('2027-01-01T12:00:00Z'), 'America/Sao_Paulo')).toBe(
      '2027-01-01T09:00:00-03:00',
    );
  });

  it('colours a shift by its level and marks the uncovered PDSA time around it in red, with a fill link for managers', () => {
    const shift = {
      id: 's1',
      serviceId: 'svc',
      professionalId: 'p1',
      level: 2,
      startsAt: new Date('2027-03-28T18:00:00Z'),
      endsAt: new Date('2027-03-29T06:00:00Z'),
      kind: null,
    };
    const { events, gaps } = rotaFeedEvents({ ...base, shifts: [shift], requiredLevels: 2 });
    expect(events[0]).toMatchObject({
      id: 's1',
      title: 'Dr A · N2',
      color: 'var(--l2)',
      start: '2027-03-28T20:00:00+02:00',
      url: '/rota/shifts/s1/edit',
    });
    // Sunday 28 March: the night before, the day and the night after all lack a primary.
    expect(gaps.every((g) => g.missingLevels.includes(1))).toBe(true);
    const red = events.filter((e) => e.extendedProps.kind === 'gap');
    expect(red.length).toBeGreaterThan(0);
    expect(
      red.every((e) => e.color === 'var(--gap)' && e.url?.startsWith('/rota?service=svc&add=')),
    ).toBe(true);
    expect(
      rotaFeedEvents({ ...base, shifts: [shift], manage: false }).events.filter(
        (e) => e.url && e.extendedProps.kind === 'gap',
      ),
    ).toHaveLength(0);
  });

  it("shows in red, as leave, the part of an assigned shift during its doctor's leave", () => {
    const shift = {
      id: 's1',
      serviceId: 'svc',
      professionalId: 'p1',
      level: 1,
      startsAt: new Date('2027-03-28T18:00:00Z'),
      endsAt: new Date('2027-03-29T06:00:00Z'),
      kind: null,
    };
    const leave = [
      {
        professionalId: 'p1',
        startsAt: new Date('2027-03-28T22:00:00Z'),
        endsAt: new Date('2027-03-29T02:00:00Z'),
      },
    ];
    const red = rotaFeedEvents({ ...base, shifts: [shift], leave }).events.filter(
      (e) => e.extendedProps.kind === 'gap' && e.title.startsWith('Congé'),
    );
    expect(red).toEqual([
      expect.objectContaining({
        title: 'Congé · N1 manquant',
        start: '2027-03-29T00:00:00+02:00',
        end: '2027-03-29T04:00:00+02:00',
      }),
    ]);
  });

  it('shows a night with N1 filled and no N2 as a red backup gap for level 2 only', () => {
    const night = (id: string, level: number, professionalId: string | null) => ({
      id,
      serviceId: 'svc',
      professionalId,
      level,
      startsAt: new Date('2027-03-28T18:00:00Z'),
      endsAt: new Date('2027-03-29T06:00:00Z'),
      kind: null,
    });
    const inNight = (e: { start: string; extendedProps: { kind: string } }) =>
      e.extendedProps.kind === 'gap' && e.start === '2027-03-28T20:00:00+02:00';
    const only = rotaFeedEvents({ ...base, shifts: [night('s1', 1, 'p1')], requiredLevels: 2 });
    expect(only.events.filter(inNight)).toEqual([
      expect.objectContaining({
        title: 'Trou de garde · N2 manquant',
        end: '2027-03-29T08:00:00+02:00',
        color: 'var(--gap)',
        classNames: ['rota-gap', 'rota-gap-backup'],
        extendedProps: { kind: 'gap', missingLevels: [2] },
      }),
    ]);
    expect(only.events.find(inNight)!.url).toContain('&level=2');
    // With N2 filled the night is whole; an open N2 shift already says it is missing.
    const both = [night('s1', 1, 'p1'), night('s2', 2, 'p2')];
    expect(
      rotaFeedEvents({ ...base, shifts: both, requiredLevels: 2 }).events.filter(inNight),
    ).toEqual([]);
    const open = [night('s1', 1, 'p1'), night('s2', 2, null)];
    expect(
      rotaFeedEvents({ ...base, shifts: open, requiredLevels: 2 }).events.filter(inNight),
    ).toEqual([]);
  });

  it("marks the viewer's own shifts", () => {
    const shift = (id: string, professionalId: string) => ({
      id,
      serviceId: 'svc',
      professionalId,
      level: 1,
      startsAt: new Date('2027-03-28T18:00:00Z'),
      endsAt: new Date('2027-03-29T06:00:00Z'),
      kind: null,
    });
    const { events } = rotaFeedEvents({
      ...base,
      me: 'p1',
      shifts: [shift('s1', 'p1'), shift('s2', 'p2')],
    });
    expect(events.find((e) => e.id === 's1')!.classNames).toContain('rota-mine');
    expect(events.find((e) => e.id === 's1')!.extendedProps.mine).toBe(true);
    expect(events.find((e) => e.id === 's2')!.classNames).not.toContain('rota-mine');
  });

  it('treats a local extra holiday as PDSA time, as the phone line does', () => {
    const weekday = {
      ...base,
      range: { start: new Date('2027-03-09T23:00:00Z'), end: new Date('2027-03-10T23:00:00Z') },
    };
    const noon = new Date('2027-03-10T11:00:00Z');
    const covers = (r: ReturnType<typeof rotaFeedEvents>) =>
      r.gaps.some((g) => g.start <= noon && g.end > noon);
    expect(covers(rotaFeedEvents(weekday))).toBe(false);
    const local = rotaFeedEvents({
      ...weekday,
      calendarDays: [{ day: '2027-03-10', kind: 'holiday', note: 'Fête locale' }],
    });
    expect(covers(local)).toBe(true);
    expect(local.events).toContainEqual(
      expect.objectContaining({ title: 'Fête locale', start: '2027-03-10', display: 'background' }),
    );
  });

  it('shows uncovered hours from now on only: the past ones can no longer be filled', () => {
    // Sunday 28 March 2027 at noon in Paris: the night before and the morning are past.
    const midday = rotaFeedEvents({ ...base, now: new Date('2027-03-28T10:00:00Z') });
    expect(midday.gaps.length).toBeGreaterThan(0);
    expect(midday.gaps.every((g) => g.start >= new Date('2027-03-28T10:00:00Z'))).toBe(true);
    expect(rotaFeedEvents({ ...base, now: new Date('2027-04-01T00:00:00Z') }).gaps).toEqual([]);
  });
});
