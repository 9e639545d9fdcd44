import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aManager,
  aProfessional,
  aService,
  aShift,
  aTerritory,
  type Professional,
  type Service,
  type Shift,
} from '../support/factories.js';

const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let service: Service;
let annie: Professional;
let bruno: Professional;
let night: Shift;
let manager: string;

beforeAll(async () => {
  t = await createTestApp({ now });
  const db = t.db.db;
  const territory = await aTerritory(db);
  service = await aService(db, territory);
  annie = await aProfessional(db, service, { name: 'Dr Annie Override' });
  bruno = await aProfessional(db, service, { name: 'Dr Bruno Remplaçant' });
  night = await aShift(db, service, annie, {
    level: 1,
    startsAt: new Date('2026-12-05T19:00:00Z'),
    endsAt: new Date('2026-12-06T07:00:00Z'),
  });
  manager = `Bearer ${(await aManager(db, territory)).token}`;
});
afterAll(() => t.close());

/** A feed's events as [start, end, summary], with RFC 5545 folded lines joined again. */
async function events(path: string) {
  const res = await request(t.app).get(path);
  expect(res.status).toBe(200);
  const text = res.text.replace(/\r\n[ \t]/g, '');
  return text
    .split('BEGIN:VEVENT')
    .slice(1)
    .map((block) => {
      const field = (name: string) => new RegExp(`\r\n${name}:([^\r]*)`).exec(block)?.[1];
      return [field('DTSTART'), field('DTEND'), field('SUMMARY')];
    });
}
const feedOf = (p: Professional) => events(`/ical/professional/${p.icalToken}.ics`);
const serviceFeed = () => events(`/ical/service/${service.icalToken}.ics`);
/** SEQUENCE of the event with the shift's own UID in Annie's feed. */
async function annieSequence() {
  const res = await request(t.app).get(`/ical/professional/${annie.icalToken}.ics`);
  const block = res.text.split('BEGIN:VEVENT').find((b) => b.includes(`UID:${night.id}@gardeline`));
  return Number(/\r\nSEQUENCE:(\d+)/.exec(block ?? '')?.[1]);
}
const override = (who: Professional, startsAt: string, endsAt: string) =>
  request(t.app)
    .post('/api/overrides')
    .set('Authorization', manager)
    .send({ shiftId: night.id, professionalId: who.id, startsAt, endsAt });

describe('overrides in the iCal feeds', () => {
  it('the replacing doctor gets the overridden part, the replaced one keeps the rest, the service names each', async () => {
    // Rendered once before the override: the cached feeds must not survive it.
    expect(await feedOf(annie)).toHaveLength(1);
    expect(await feedOf(bruno)).toHaveLength(0);
    expect((await serviceFeed()).map((e) => e[2])).toEqual(['N1 · Dr Annie Override']);

    const sequenceBefore = await annieSequence();
    expect(sequenceBefore).toBeGreaterThanOrEqual(0);
    const res = await override(bruno, '2026-12-05T23:00:00Z', '2026-12-06T03:00:00Z');
    expect(res.status).toBe(201);
    // Same UID, shorter event: calendars apply the change only if SEQUENCE grows.
    expect(await annieSequence()).toBe(sequenceBefore + 1);

    expect(await feedOf(annie)).toEqual([
      ['20261205T190000Z', '20261205T230000Z', expect.stringMatching(/^Garde /)],
      ['20261206T030000Z', '20261206T070000Z', expect.stringMatching(/^Garde /)],
    ]);
    expect(await feedOf(bruno)).toEqual([
      [
        '20261205T230000Z',
        '20261206T030000Z',
        `Garde ${service.name} · remplace Dr Annie Override`,
      ],
    ]);
    expect(await serviceFeed()).toEqual([
      ['20261205T190000Z', '20261205T230000Z', 'N1 · Dr Annie Override'],
      [
        '20261205T230000Z',
        '20261206T030000Z',
        'N1 · Dr Bruno Remplaçant (remplace Dr Annie Override)',
      ],
      ['20261206T030000Z', '20261206T070000Z', 'N1 · Dr Annie Override'],
    ]);
  });

  it('an override of the whole shift takes it out of the replaced doctor’s feed', async () => {
    expect((await override(bruno, '2026-12-05T19:00:00Z', '2026-12-06T07:00:00Z')).status).toBe(
      201,
    );
    expect(await feedOf(annie)).toEqual([]);
    expect((await feedOf(bruno)).map((e) => [e[0], e[1]])).toEqual([
      ['20261205T190000Z', '20261206T070000Z'],
    ]);
    expect((await serviceFeed()).map((e) => e[2])).toEqual([
      'N1 · Dr Bruno Remplaçant (remplace Dr Annie Override)',
    ]);
  });
});
