import { describe, expect, it } from 'vitest';
import { csvRowTimes, decodeCsvBytes, parseShiftsCsv, shiftsToCsv } from './csv.js';

// Issue 15, point 6: CSV as French offices write it, and the app's own export read back unchanged.
const ctx = {
  timeZone: 'Europe/Paris',
  serviceOf: (t: string) => (t === 'MMG' ? 'svc' : null),
  professionalOf: (t: string) =>
    (({ 'Dr Hélène Lefèvre': 'p1', 'Lefèvre, Hélène': 'p2' }) as Record<string, string>)[t] ?? null,
};

/** Windows-1252 bytes of a Latin-1 text (é = 0xE9, è = 0xE8), as French Excel saves a CSV. */
const cp1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('decodeCsvBytes', () => {
  it('reads UTF-8 (BOM dropped) and falls back to Windows-1252 on invalid UTF-8', () => {
    const utf8 = new TextEncoder().encode('\uFEFFDr Hélène Lefèvre');
    expect(decodeCsvBytes(utf8)).toBe('Dr Hélène Lefèvre');
    expect(decodeCsvBytes(cp1252('Dr Hélène Lefèvre'))).toBe('Dr Hélène Lefèvre');
    // 0x80 is € in Windows-1252 (Latin-1 would give a control character).
    expect(decodeCsvBytes(Uint8Array.from([0x80, 0x9c]))).toBe('€œ');
    expect(decodeCsvBytes(cp1252('é'), 'windows-1252')).toBe('é');
  });
});

describe('CSV import, French office', () => {
  it('reads `;`, dd/mm/yyyy and a name with a comma from Windows-1252 bytes', () => {
    const bytes = cp1252(
      'service;date;debut;fin;professionnel;niveau\r\nMMG;01/12/2026;20:00;08:00;Dr Hélène Lefèvre;1\r\nMMG;3/12/2026;20:00;08:00;Lefèvre, Hélène;1\r\n',
    );
    const result = parseShiftsCsv(decodeCsvBytes(bytes), ctx);
    expect(result).toMatchObject({
      ok: true,
      shifts: [
        { line: 2, professionalId: 'p1', startsAt: new Date('2026-12-01T19:00:00Z') },
        { line: 3, professionalId: 'p2', startsAt: new Date('2026-12-03T19:00:00Z') },
      ],
    });
  });

  it('reads an end date: a 36 h shift stays 36 h', () => {
    const result = parseShiftsCsv(
      'service;date;debut;fin;professionnel;niveau;date_fin\nMMG;05/12/2026;08:00;20:00;;1;06/12/2026\n',
      ctx,
    );
    expect(
      result.ok && result.shifts.map((s) => (s.endsAt.getTime() - s.startsAt.getTime()) / 3600_000),
    ).toEqual([36]);
  });
});

describe('CSV export, French office', () => {
  it('writes `;`, a BOM and the end date; a 36 h shift and the repeated October hour come back unchanged', () => {
    const shifts = [
      // 36 h: Saturday 08:00 → Sunday 20:00.
      { startsAt: new Date('2026-12-05T07:00:00Z'), endsAt: new Date('2026-12-06T19:00:00Z') },
      // Starts at the second 02:30 of 2026-10-25 (winter time), ends at 08:00.
      { startsAt: new Date('2026-10-25T01:30:00Z'), endsAt: new Date('2026-10-25T07:00:00Z') },
      // Ends at the first 02:30 (summer time).
      { startsAt: new Date('2026-10-24T18:00:00Z'), endsAt: new Date('2026-10-25T00:30:00Z') },
    ];
    const text = shiftsToCsv(
      shifts.map((s) => ({
        service: 'MMG',
        professional: 'Lefèvre, Hélène',
        level: 2,
        ...csvRowTimes(s.startsAt, s.endsAt, 'Europe/Paris'),
      })),
    );
    expect(text.startsWith('\uFEFFservice;date;debut;fin;professionnel;niveau;date_fin\n')).toBe(
      true,
    );
    expect(text).toContain('MMG;2026-12-05;08:00;20:00;Lefèvre, Hélène;2;2026-12-06');
    expect(text).toContain('MMG;2026-10-25;02:30+01:00;08:00;');
    expect(text).toContain(';02:30+02:00;');
    const back = parseShiftsCsv(text, ctx);
    expect(back.ok ? back.shifts.map((s) => [s.startsAt, s.endsAt]) : back.errors).toEqual(
      shifts.map((s) => [s.startsAt, s.endsAt]),
    );
  });
});
