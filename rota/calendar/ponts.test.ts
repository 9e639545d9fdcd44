import { describe, expect, it } from 'vitest';
import { proposedPonts } from './ponts.js';
import { isPublicHoliday } from './holidays.js';
import { weekdayOf } from './local-date.js';

describe('proposedPonts', () => {
  it('2026: Friday/Saturday after 1 January and Ascension, the Monday before 14 July, the Saturday after a Friday holiday', () => {
    expect(proposedPonts(2026)).toEqual([
      { date: '2026-01-02', reason: 'vendredi après Nouvel An' },
      { date: '2026-01-03', reason: 'samedi après Nouvel An' },
      { date: '2026-05-02', reason: 'samedi après Fête du travail' },
      { date: '2026-05-09', reason: 'samedi après Fête de la Victoire 1945' },
      { date: '2026-05-15', reason: 'vendredi après Ascension' },
      { date: '2026-05-16', reason: 'samedi après Ascension' },
      { date: '2026-07-13', reason: 'lundi avant Fête Nationale de la France' },
      { date: '2026-12-26', reason: 'samedi après Noël' },
    ]);
  });

  it('the Saturday after a Friday holiday: 2 January 2027 after a Friday New Year', () => {
    expect(proposedPonts(2027).map((p) => p.date)).toContain('2027-01-02');
  });

  it('Alsace-Moselle: the Saturday after Good Friday; 26 December 2026 is a holiday there, not a pont', () => {
    const am = proposedPonts(2026, { alsaceMoselle: true }).map((p) => p.date);
    expect(am).toContain('2026-04-04');
    expect(am).not.toContain('2026-12-26');
  });

  it.each([2026, 2027, 2028, 2029, 2030])(
    '%i: only Mondays, Fridays and Saturdays next to a holiday, never a holiday',
    (year) => {
      for (const p of proposedPonts(year, { alsaceMoselle: true })) {
        expect(['mon', 'fri', 'sat']).toContain(weekdayOf(p.date));
        expect(isPublicHoliday(p.date, { alsaceMoselle: true })).toBe(false);
      }
    },
  );

  it('does not propose 26 December in Alsace-Moselle (a holiday there) after a Thursday Christmas', () => {
    // 25 December 2025 is a Thursday.
    expect(proposedPonts(2025).map((p) => p.date)).toEqual(
      expect.arrayContaining(['2025-12-26', '2025-12-27']),
    );
    const am = proposedPonts(2025, { alsaceMoselle: true }).map((p) => p.date);
    expect(am).not.toContain('2025-12-26');
    expect(am).toContain('2025-12-27');
  });

  it('proposes a pont in the previous year: Monday 31 December 2029 before Tuesday 1 January 2030', () => {
    expect(proposedPonts(2030).map((p) => p.date)).toContain('2029-12-31');
  });
});
