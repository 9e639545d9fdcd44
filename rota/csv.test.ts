import { describe, expect, it } from 'vitest';
import { parseShiftsCsv, shiftsToCsv } from './csv.js';

const ctx = {
  timeZone: 'Europe/Paris',
  serviceOf: (t: string) => (t === 'MMG' ? 'svc' : null),
  professionalOf: (t: string) => ({ '+33639980001': 'p1', 'Dr B': 'p2' } as Record<string, string>)[t] ?? null,
};

describe('CSV import', () => {
  it('reads local times, a night ending the next day, and open shifts', () => {
    const result = parseShiftsCsv('service,date,debut,fin,professionnel,niveau\nMMG,2026-12-01,20:00,08:00,+33639980001,1\nMMG,2026-12-01,20:00,08:00,,2\n', ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.shifts[0]).toMatchObject({ line: 2, professionalId: 'p1', startsAt: new Date('2026-12-01T19:00:00Z'), endsAt: new Date('2026-12-02T07:00:00Z') });
    expect(result.shifts[1]).toMatchObject({ professionalId: null, level: 2 });
  });

  it('reports every bad row with its line number, and nothing is returned', () => {
    const csv = [
      'service,date,debut,fin,professionnel,niveau',
      'MMG,2026-12-01,20:00,08:00,+33639980001,1',
      'Dentiste,2026-12-02,20:00,08:00,,1',
      'MMG,2027-03-28,02:30,08:00,Dr B,1',
      'MMG,2026-12-03,25:00,08:00,Dr Z,x',
      'MMG,2026-12-02,06:00,09:00,+33639980001,1',
    ].join('\n');
    const result = parseShiftsCsv(csv, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([[3, 'service'], [4, 'debut'], [5, 'professionnel'], [5, 'niveau'], [5, 'debut'], [6, 'professionnel']]);
    expect(result.errors.at(-1)!.message).toBe('ligne 6 : chevauche la garde de la ligne 2');
  });

  it('round-trips an export', () => {
    const text = shiftsToCsv([{ service: 'MMG', date: '2026-12-01', start: '20:00', end: '08:00', professional: 'Dr B', level: 1 }]);
    const back = parseShiftsCsv(text, ctx);
    expect(back.ok && back.shifts[0]).toMatchObject({ professionalId: 'p2', serviceId: 'svc' });
  });
});
