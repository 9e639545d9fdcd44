import { and, eq, gte } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shifts } from '../../db/schema/index.js';
import { aProfessional } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildTerritory, type Territory } from './planning-world.js';

// Issue 15, point 6: a CSV as a French office writes it imports; the app's own export imports back
// with nothing changed, DST night and 36 h shift included.
const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let a: Territory;
let helene: string;

beforeAll(async () => {
  t = await createTestApp({ now });
  a = await buildTerritory(t.db.db, 'csvfr');
  const pro = await aProfessional(
    t.db.db,
    { id: a.serviceId, territoryId: a.id },
    { name: 'Dr Hélène Lefèvre' },
  );
  helene = pro.id;
});
afterAll(() => t.close());

/** Windows-1252 bytes of a Latin-1 text, as "CSV (séparateur : point-virgule)" saves it. */
const cp1252 = (text: string) => Buffer.from([...text].map((c) => c.charCodeAt(0)));
const post = (body: Buffer | string) =>
  request(t.app)
    .post(`/api/services/${a.serviceId}/shifts.csv`)
    .set('Authorization', a.bearer)
    .set('Content-Type', 'text/csv')
    .send(body);
const heleneShifts = () =>
  t.db.db
    .select({ startsAt: shifts.startsAt, endsAt: shifts.endsAt })
    .from(shifts)
    .where(and(eq(shifts.professionalId, helene), gte(shifts.startsAt, new Date('2026-12-01'))))
    .orderBy(shifts.startsAt);

describe('CSV import as French Excel writes it', () => {
  it('reads `;`, dd/mm/yyyy and Windows-1252 bytes without a declared charset', async () => {
    const file = cp1252(
      'service;date;debut;fin;professionnel;niveau\r\nMédecin csvfr;01/12/2026;20:00;08:00;Dr Hélène Lefèvre;1\r\n',
    );
    const res = await post(file);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ created: 1, refused: 0 });
    expect(await heleneShifts()).toEqual([
      { startsAt: new Date('2026-12-01T19:00:00Z'), endsAt: new Date('2026-12-02T07:00:00Z') },
    ]);
  });

  it('reads "CSV UTF-8" with its BOM', async () => {
    const file = Buffer.from(
      '\uFEFFservice;date;debut;fin;professionnel;niveau\r\nMédecin csvfr;08/12/2026;20:00;08:00;Dr Hélène Lefèvre;1\r\n',
      'utf8',
    );
    const res = await post(file);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await heleneShifts()).map((s) => s.startsAt)).toContainEqual(
      new Date('2026-12-08T19:00:00Z'),
    );
  });
});

describe("the app's own export", () => {
  it('is `;` with a BOM and imports back unchanged: a 36 h shift and the repeated October hour', async () => {
    const written = [
      // Saturday 08:00 → Sunday 20:00: 36 h.
      ['2027-01-02T07:00:00Z', '2027-01-03T19:00:00Z'],
      // 2027-10-30 20:00 → the first 02:30 of 31 October (summer time).
      ['2027-10-30T18:00:00Z', '2027-10-31T00:30:00Z'],
      // The second 02:30 (winter time) → 08:00.
      ['2027-10-31T01:30:00Z', '2027-10-31T07:00:00Z'],
    ] as const;
    // Through the API, as a coordinator writes them (the weight class is set there).
    for (const [startsAt, endsAt] of written) {
      const res = await request(t.app)
        .post('/api/shifts')
        .set('Authorization', a.bearer)
        .send({ serviceId: a.serviceId, professionalId: helene, level: 1, startsAt, endsAt });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const exported = await request(t.app)
      .get(
        `/api/services/${a.serviceId}/shifts.csv?from=2027-01-01T00:00:00Z&to=2027-11-01T00:00:00Z`,
      )
      .set('Authorization', a.bearer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(exported.status).toBe(200);
    const bytes = exported.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('service;date;debut;fin;professionnel;niveau;date_fin');
    expect(text).toContain(';2027-01-02;08:00;20:00;');
    expect(text).toContain(';2027-10-31;02:30+01:00;08:00;');

    const before = await heleneShifts();
    const again = await post(bytes);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, refused: 0 });
    expect(await heleneShifts()).toEqual(before);
  });
});
