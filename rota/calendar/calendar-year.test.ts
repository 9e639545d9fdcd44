import { describe, expect, it } from 'vitest';
import { calendarYear } from './calendar-year.js';

describe('calendarYear', () => {
  it('shows a confirmed pont as confirmed, the others as proposed', () => {
    const view = calendarYear(2026, {}, [{ day: '2026-05-15', kind: 'pont' }]);
    expect(view.ponts).toEqual(
      expect.arrayContaining([
        { date: '2026-05-15', reason: 'vendredi après Ascension', status: 'confirmed' },
        { date: '2026-05-16', reason: 'samedi après Ascension', status: 'proposed' },
        { date: '2026-05-02', reason: 'samedi après Fête du travail', status: 'proposed' },
      ]),
    );
  });

  it('shows a refused proposal as refused, unless it was confirmed since', () => {
    const view = calendarYear(
      2026,
      {},
      [{ day: '2026-05-15', kind: 'pont' }],
      ['2026-05-15', '2026-05-16'],
    );
    expect(view.ponts).toEqual(
      expect.arrayContaining([
        { date: '2026-05-15', reason: 'vendredi après Ascension', status: 'confirmed' },
        { date: '2026-05-16', reason: 'samedi après Ascension', status: 'refused' },
      ]),
    );
  });

  it('lists a pont confirmed outside the proposals, and extra holidays, of that year only', () => {
    const view = calendarYear(2026, {}, [
      { day: '2026-06-12', kind: 'pont' },
      { day: '2026-09-04', kind: 'holiday' },
      { day: '2027-05-07', kind: 'pont' },
    ]);
    expect(view.ponts).toContainEqual({ date: '2026-06-12', reason: null, status: 'confirmed' });
    expect(view.ponts.map((p) => p.date)).not.toContain('2027-05-07');
    expect(view.holidays).toContain('2026-09-04');
    expect(view.holidays).toEqual([...view.holidays].sort());
  });

  it('uses the territory’s region: 20 December at La Réunion', () => {
    expect(calendarYear(2026, { overseas: 'RE' }, []).holidays).toContain('2026-12-20');
    expect(calendarYear(2026, {}, []).holidays).not.toContain('2026-12-20');
  });
});
