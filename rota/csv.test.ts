import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar/local-date.js';
import { parseShiftsCsv, shiftsToCsv } from './csv.js';
import { localToInstant } from './local-time.js';

const ctx = {
  timeZone: 'Europe/Paris',
  serviceOf: (t: string) => (t === 'MMG' ? 'svc' : null),
  professionalOf: (t: string) =>
    (({ '+33639980001': 'p1', 'Dr B': 'p2' }) as Record<string, string>)[t] ?? null,
};

describe('CSV import', () => {
  it('reads local times, a night ending the next day, and open shifts', () => {
    const result = parseShiftsCsv(
      'service,date,debut,fin,professionnel,niveau\nMMG,2026-12-01,20:00,08:00,+33639980001,1\nMMG,2026-12-01,20:00,08:00,,2\n',
      ctx,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.shifts[0]).toMatchObject({
      line: 2,
      professionalId: 'p1',
      startsAt: new Date('2026-12-01T19:00:00Z'),
      endsAt: new Date('2026-12-02T07:00:00Z'),
    });
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
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'service'],
      [4, 'debut'],
      [5, 'professionnel'],
      [5, 'niveau'],
      [5, 'debut'],
      [6, 'professionnel'],
    ]);
    expect(result.errors.at(-1)!.message).toBe('ligne 6 : chevauche la garde de la ligne 2');
  });

  it('round-trips an export', () => {
    const text = shiftsToCsv([
      {
        service: 'MMG',
        date: '2026-12-01',
        start: '20:00',
        end: '08:00',
        professional: 'Dr B',
        level: 1,
      },
    ]);
    const back = parseShiftsCsv(text, ctx);
    expect(back.ok && back.shifts[0]).toMatchObject({ professionalId: 'p2', serviceId: 'svc' });
  });
});

describe('CSV import, details', () => {
  const head = 'service,date,debut,fin,professionnel,niveau';

  it('says what is wrong in French, field by field, with the file’s line numbers (blank lines counted)', () => {
    const csv = [
      head,
      'MMG,2026-12-01,20:00,08:00,+33639980001,1',
      '',
      'MMG,2026-12-03,25:00,08:00,,1',
      'MMG,2026/12/03,20:00,08:00,,1',
      'MMG,2026-10-25,02:30,08:00,,1',
      'MMG,2026-12-05,20:00,8h,,1',
    ].join('\n');
    const result = parseShiftsCsv(csv, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      'ligne 4 : heure de début invalide « 25:00 »',
      'ligne 5 : date invalide « 2026/12/03 » (AAAA-MM-JJ ou JJ/MM/AAAA attendu)',
      "ligne 6 : début : 02:30 a lieu deux fois le 2026-10-25 (retour à l'heure d'hiver) : précisez la première ou la seconde",
      'ligne 7 : heure de fin invalide « 8h »',
    ]);
  });

  it('accepts the English header, semicolons, a BOM and 24:00', () => {
    const result = parseShiftsCsv(
      '\uFEFFservice;date;start;end;professional;level\nMMG;2026-12-01;20:00;24:00;Dr B;2\n',
      ctx,
    );
    expect(result).toMatchObject({
      ok: true,
      shifts: [
        {
          line: 2,
          level: 2,
          startsAt: new Date('2026-12-01T19:00:00Z'),
          endsAt: new Date('2026-12-01T23:00:00Z'),
        },
      ],
    });
  });

  it('reads DST nights: 11 h into the last Sunday of March, 13 h into the last Sunday of October', () => {
    const result = parseShiftsCsv(
      `${head}\nMMG,2027-03-27,20:00,08:00,,1\nMMG,2026-10-24,20:00,08:00,,1\n`,
      ctx,
    );
    expect(
      result.ok && result.shifts.map((s) => (s.endsAt.getTime() - s.startsAt.getTime()) / 3600_000),
    ).toEqual([11, 13]);
  });

  it('refuses two shifts of one service at the same level at the same time, and a wrong header', () => {
    const result = parseShiftsCsv(
      `${head}\nMMG,2026-12-01,20:00,08:00,Dr B,1\nMMG,2026-12-02,06:00,10:00,+33639980001,1\n`,
      ctx,
    );
    expect(result.ok ? [] : result.errors).toEqual([
      {
        line: 3,
        field: 'niveau',
        message: 'ligne 3 : deux gardes au niveau 1 en même temps (voir la ligne 2)',
      },
    ]);
    expect(parseShiftsCsv('a,b,c\n', ctx)).toMatchObject({
      ok: false,
      errors: [{ line: 1, field: '(en-tête)' }],
    });
  });

  it('round-trips: import → shifts → export with local times → import gives the same instants (property)', () => {
    const hm = (half: number) =>
      `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`;
    const local = (d: Date) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Europe/Paris',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .format(d)
        .replace(',', '');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.array(
          fc.record({
            start: fc.integer({ min: 0, max: 47 }),
            end: fc.integer({ min: 0, max: 47 }),
            who: fc.constantFrom('', 'Dr B', '+33639980001'),
            level: fc.integer({ min: 1, max: 9 }),
          }),
          { maxLength: 20 },
        ),
        (offset, raw) => {
          // One row every two days: no overlap; rows on a DST change with a missing or doubled time are left out.
          const rows = raw
            .map((r, i) => ({
              service: 'MMG',
              date: addDays('2026-01-01', offset + 2 * i),
              start: hm(r.start),
              end: hm(r.end),
              professional: r.who,
              level: r.level,
            }))
            .filter(
              (r) =>
                localToInstant(r.date, r.start, 'Europe/Paris').ok &&
                localToInstant(
                  r.end <= r.start ? addDays(r.date, 1) : r.date,
                  r.end,
                  'Europe/Paris',
                ).ok,
            );
          const first = parseShiftsCsv(shiftsToCsv(rows), ctx);
          expect(first.ok).toBe(true);
          if (!first.ok) return;
          const names: Record<string, string> = { p1: '+33639980001', p2: 'Dr B' };
          const exported = first.shifts.map((s) => {
            const [date, start] = local(s.startsAt).split(' ') as [string, string];
            return {
              service: 'MMG',
              date,
              start,
              end: local(s.endsAt).split(' ')[1]!,
              professional: s.professionalId ? names[s.professionalId]! : '',
              level: s.level,
            };
          });
          const second = parseShiftsCsv(shiftsToCsv(exported), ctx);
          expect(second).toEqual(first);
        },
      ),
      { numRuns: 200 },
    );
  });
});
