import { describe, expect, it } from 'vitest';
import { adviceMenu, windowOpen, type AdviceOfferFacts } from './professional-line-menu.js';
import {
  adviceDialResult,
  adviceMenuChoice,
  adviceScreenResult,
  welcomeProfessional,
  type ProfessionalLineContext,
} from './professional-line.js';
import { parseAdviceUrl } from './professional-line-url.js';

const paris = 'Europe/Paris';
const tuesdayLunch = [{ weekday: 2, start: '12:30', end: '13:30' }];
const offer = (over: Partial<AdviceOfferFacts>): AdviceOfferFacts => ({
  specialtyCode: 'SM48',
  label: 'Rhumatologie',
  entryId: '00000000-0000-4000-8000-000000000001',
  name: 'Dr Rhumato',
  phone: '+33639980101',
  deadlineHours: 48,
  windows: tuesdayLunch,
  ...over,
});
const offers = [
  offer({}),
  offer({
    specialtyCode: 'SM41',
    label: 'Pneumologie',
    entryId: '00000000-0000-4000-8000-000000000002',
    name: 'Dr Pneumo',
    deadlineHours: 24,
  }),
  offer({ entryId: '00000000-0000-4000-8000-000000000003', name: 'Dr Arthrite', windows: [] }),
];
// Tuesday 24 November 2026, 12:45 in Paris (UTC+1).
const tuesday1245 = new Date('2026-11-24T11:45:00Z');

describe('the professionals’ menu', () => {
  it('orders specialties by label, keys 1..n, whatever the order of the offers', () => {
    const menu = adviceMenu(offers, tuesday1245, paris);
    expect(menu.map((c) => [c.key, c.label])).toEqual([
      ['1', 'Pneumologie'],
      ['2', 'Rhumatologie'],
    ]);
    expect(adviceMenu([...offers].reverse(), tuesday1245, paris)).toEqual(menu);
    // Only specialists open now are rung; for an avis request, every specialist of the specialty.
    expect(menu[1]!.specialists.map((s) => s.name)).toEqual(['Dr Rhumato']);
    const all = adviceMenu(offers, tuesday1245, paris, false);
    expect(all[1]!.specialists.map((s) => s.name)).toEqual(['Dr Arthrite', 'Dr Rhumato']);
  });

  it('reads windows in Paris wall-clock time, summer and winter alike', () => {
    // Summer (UTC+2): 12:45 in Paris is 10:45 UTC.
    expect(windowOpen(tuesdayLunch[0]!, new Date('2026-07-07T10:45:00Z'), paris)).toBe(true);
    expect(windowOpen(tuesdayLunch[0]!, new Date('2026-07-07T11:45:00Z'), paris)).toBe(false);
    expect(windowOpen(tuesdayLunch[0]!, tuesday1245, paris)).toBe(true);
    expect(windowOpen(tuesdayLunch[0]!, new Date('2026-11-24T12:30:00Z'), paris)).toBe(false);
    // Sunday 29 March 2026, spring forward: 03:15 local is 01:15 UTC.
    const night = { weekday: 7, start: '03:00', end: '04:00' };
    expect(windowOpen(night, new Date('2026-03-29T01:15:00Z'), paris)).toBe(true);
    expect(windowOpen(night, new Date('2026-03-29T02:15:00Z'), paris)).toBe(false);
    // Midnight end and a Monday 00:10 local that is still Sunday in UTC.
    expect(
      windowOpen(
        { weekday: 1, start: '00:00', end: '24:00' },
        new Date('2026-11-22T23:10:00Z'),
        paris,
      ),
    ).toBe(true);
  });

  it('nothing open now: empty menu', () => {
    expect(adviceMenu(offers, new Date('2026-11-25T11:45:00Z'), paris)).toEqual([]);
  });
});

const ctx = (over: Partial<ProfessionalLineContext> = {}): ProfessionalLineContext => ({
  territoryName: "Pays d'Auray",
  lineNumber: '+33261910020',
  patientLineNumber: '+33261910015',
  callSid: 'CA1',
  caller: { entryId: 'gp' },
  openNow: adviceMenu(offers, tuesday1245, paris),
  offered: adviceMenu(offers, tuesday1245, paris, false),
  ...over,
});
const spoken = (r: { steps: unknown[] }) => JSON.stringify(r.steps);

describe('the professionals’ line flow', () => {
  it('an unknown caller hears the patient line and is hung up on', () => {
    const r = welcomeProfessional(ctx({ caller: null }));
    expect(spoken(r)).toContain('02 61 91 00 15');
    expect(r.steps.at(-1)).toEqual({ verb: 'hangup' });
  });

  it('the menu says each key; its action URL carries the keys heard; 0 repeats', () => {
    const r = welcomeProfessional(ctx());
    expect(spoken(r)).toMatch(/pneumologie, tapez 1.*rhumatologie, tapez 2.*tapez 0/);
    const gather = r.steps.find((s) => s.verb === 'gather') as { action: string };
    const url = parseAdviceUrl(Object.fromEntries(new URL(gather.action, 'http://x').searchParams));
    expect(url.keys).toEqual(['SM41', 'SM48']);
    expect(spoken(adviceMenuChoice(ctx(), url, '0'))).toMatch(/tapez 1/);
    const ring = adviceMenuChoice(ctx(), url, '2');
    expect(ring.steps[1]).toMatchObject({ verb: 'dial', number: '+33639980101' });
  });

  it('nobody accepts: an avis request for every specialist, the deadline spoken', () => {
    const r = adviceDialResult(ctx(), { specialty: 'SM48', attempt: 0, entry: 'x' }, false);
    expect(r.effects).toEqual([
      { kind: 'advice_call', attempt: 0, specialty: 'SM48', entryId: 'x', answered: false },
      {
        kind: 'avis_request',
        specialty: 'SM48',
        specialistEntryIds: [offers[2]!.entryId, offers[0]!.entryId],
        deadlineHours: 48,
      },
    ]);
    expect(spoken(r)).toMatch(/48 heures/);
  });

  it('a caller who hung up while it rang gets no avis request', () => {
    const r = adviceDialResult(ctx(), { specialty: 'SM48', attempt: 0, entry: 'x' }, false, true);
    expect(r.effects.map((e) => e.kind)).toEqual(['advice_call']);
  });

  it('nothing open: the avis menu; a key records a request without ringing', () => {
    const r = welcomeProfessional(ctx({ openNow: [] }));
    expect(spoken(r)).toMatch(/Aucune spécialité ne prend/);
    const choice = adviceMenuChoice(
      ctx({ openNow: [] }),
      { mode: 'avis', keys: ['SM41', 'SM48'], retries: 0 },
      '1',
    );
    expect(choice.effects[0]).toMatchObject({
      kind: 'avis_request',
      specialty: 'SM41',
      deadlineHours: 24,
    });
  });

  it('screening: only the key 1 of an unclaimed specialist accepts', () => {
    expect(adviceScreenResult(0, '1').effects).toEqual([{ kind: 'accepted', attempt: 0 }]);
    expect(adviceScreenResult(0, undefined).effects).toEqual([]);
    expect(adviceScreenResult(0, '1', false).effects).toEqual([]);
  });
});
