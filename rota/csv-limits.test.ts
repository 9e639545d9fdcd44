import { describe, expect, it } from 'vitest';
import { maxCsvRows, parseShiftsCsv, parseShiftsCsvInSteps, shiftsToCsv } from './csv.js';

const ctx = {
  timeZone: 'Europe/Paris',
  serviceOf: (t: string) => (t === 'MMG' ? 'svc' : null),
  professionalOf: (t: string) => (t.startsWith('+336') ? `p${t.slice(-2)}` : null),
};
const head = 'service,date,debut,fin,professionnel,niveau';
const rows = (n: number, row: (i: number) => string) =>
  [head, ...Array.from({ length: n }, (_, i) => row(i))].join('\n');

describe('CSV import at scale', () => {
  it('thousands of rows overlapping each other: one error per row, no stack overflow, fast', () => {
    // Every row is the same night for the same doctor: 3,000 rows were ~4.5 million pairs.
    const csv = rows(3_000, () => 'MMG,2027-01-05,20:00,08:00,+33639980001,1');
    const started = performance.now();
    const result = parseShiftsCsv(csv, ctx);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(2_999);
    expect(result.errors[0]!.message).toBe('ligne 3 : chevauche la garde de la ligne 2');
  });

  it(`refuses more than ${maxCsvRows} rows with a clear message`, () => {
    const csv = rows(
      maxCsvRows + 1,
      (i) => `MMG,2027-01-01,${String(i % 24).padStart(2, '0')}:00,,,1`,
    );
    expect(parseShiftsCsv(csv, ctx)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ line: 1, message: expect.stringMatching(/5000 lignes/) })],
    });
  });

  it('reads in steps, pausing between them, with the same result and line numbers', async () => {
    // A quoted name with a newline across slice boundaries must not shift the line numbers.
    const csv = rows(1_200, (i) =>
      i === 300
        ? '"MMG",2027-02-01,20:00,08:00,"+33639980099",1'
        : `MMG,2027-01-01,20:00,08:00,,${1 + (i % 9)}`,
    ).concat('\n"MM\nG",2027-03-01,20:00,08:00,,1');
    let pauses = 0;
    const stepped = await parseShiftsCsvInSteps(csv, ctx, async () => void pauses++, 100);
    expect(pauses).toBeGreaterThan(10);
    expect(stepped).toEqual(parseShiftsCsv(csv, ctx));
    expect(stepped.ok ? [] : stepped.errors.at(-1)).toMatchObject({ line: 1203, field: 'service' });
  });
});

describe('CSV export, formula injection (OWASP)', () => {
  it('prefixes cells starting with = + - @ tab or CR, and the import reads them back', () => {
    const cells = ['=1+1', '+33639980001', '-2', '@SUM(A1)', '\tx', '\rx'];
    const text = shiftsToCsv(
      cells.map((service) => ({
        service,
        date: '2027-01-01',
        start: '20:00',
        end: '08:00',
        professional: '+33639980001',
        level: 1,
      })),
    );
    for (const line of text.trim().split('\n').slice(1)) expect(line).toMatch(/^"?'/);
    expect(text).toContain(";'+33639980001;");
    const back = parseShiftsCsv(
      shiftsToCsv([
        {
          service: 'MMG',
          date: '2027-01-01',
          start: '20:00',
          end: '08:00',
          professional: '+33639980042',
          level: 1,
        },
      ]),
      ctx,
    );
    expect(back.ok && back.shifts[0]!.professionalId).toBe('p42');
  });
});
