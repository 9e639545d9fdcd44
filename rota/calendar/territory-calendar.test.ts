import { describe, expect, it } from 'vitest';
import { isPdsaTime } from './pdsa.js';
import { territoryCalendar } from './territory-calendar.js';

const auray = { timeZone: 'Europe/Paris', alsaceMoselle: false, saturdayAfternoon: true };

describe('territoryCalendar', () => {
  it('a confirmed pont makes its daytime PDSA hours; without it, a Friday daytime is not', () => {
    // Friday 15 May 2026, the day after Ascension, 10:00 in Paris.
    const fridayMorning = new Date('2026-05-15T08:00:00Z');
    expect(isPdsaTime(fridayMorning, territoryCalendar(auray, [], 2026, 2026))).toBe(false);
    expect(
      isPdsaTime(
        fridayMorning,
        territoryCalendar(auray, [{ day: '2026-05-15', kind: 'pont' }], 2026, 2026),
      ),
    ).toBe(true);
  });

  it('keeps the legal holidays of every year asked, adds local extra days, and Alsace-Moselle where set', () => {
    const calendar = territoryCalendar(auray, [{ day: '2026-06-12', kind: 'holiday' }], 2026, 2027);
    expect([...calendar.holidays]).toEqual(
      expect.arrayContaining(['2026-05-14', '2027-05-06', '2026-06-12']),
    );
    expect(calendar.holidays.has('2026-12-26')).toBe(false);
    expect(
      territoryCalendar({ ...auray, alsaceMoselle: true }, [], 2026, 2026).holidays.has(
        '2026-12-26',
      ),
    ).toBe(true);
  });

  it('an overseas territory gets its own holidays: 20 December at La Réunion only', () => {
    const reunion = { timeZone: 'Indian/Reunion', alsaceMoselle: false, saturdayAfternoon: true };
    expect(
      territoryCalendar({ ...reunion, overseas: 'RE' }, [], 2026, 2026).holidays.has('2026-12-20'),
    ).toBe(true);
    expect(territoryCalendar(auray, [], 2026, 2026).holidays.has('2026-12-20')).toBe(false);
  });
});
