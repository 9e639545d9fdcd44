import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRecords } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aProfessional,
  aService,
  aShift,
  aTerritory,
  aUser,
  type Professional,
  type Service,
  type Territory,
} from '../support/factories.js';
import { parseTwiml, signedPost, spoken, type Verb } from '../support/twilio-post.js';

// Issue 15, point 2: the line says "closed" only when nobody is on the rota, and an hour the
// doctors leave to the régulation says so. Paris is UTC+1 all through the test.
const publicUrl = 'https://garde.test';
const fallback = '+33297000000';
let t: TestApp;
let territory: Territory;
let mmg: Service;
let doctor: Professional;
let bearer: string;

beforeAll(async () => {
  t = await createTestApp({ publicUrl, now: new Date('2026-11-25T09:00:00Z') });
  const db = t.db.db;
  territory = await aTerritory(db, { fallbackNumber: fallback });
  mmg = await aService(db, territory, { name: 'MMG', requiredLevels: 1 });
  doctor = await aProfessional(db, mmg);
  // Wednesday 25 November, 08:00–12:00 Paris: an extra shift outside PDSA hours.
  await aShift(db, mmg, doctor, {
    startsAt: new Date('2026-11-25T07:00:00Z'),
    endsAt: new Date('2026-11-25T11:00:00Z'),
    kind: null,
  });
  bearer = `Bearer ${(await aUser(db, 'manager', { territories: [territory] })).token}`;
});
afterAll(() => t.close());

const post = (path: string, params: Record<string, string>) =>
  signedPost(t.app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, path, params);
const call = (sid: string, extra: Record<string, string> = {}) => ({
  CallSid: sid,
  From: '+33612345678',
  To: territory.number,
  CallStatus: 'in-progress',
  ...extra,
});
/** A call at `at`: what the caller hears first, and what pressing 1 does. */
const callAt = async (at: string, sid: string) => {
  t.setNow(new Date(at));
  const greeting = parseTwiml((await post('/twilio/voice', call(sid))).text);
  const pressed = parseTwiml(
    (await post('/twilio/voice/menu?lang=fr&retries=0&attempt=0', call(sid, { Digits: '1' }))).text,
  );
  return { greeting: spoken(greeting), pressed, heard: spoken(pressed) };
};
const dialled = (verbs: Verb[]) =>
  verbs.filter((v) => v.name === 'Dial').map((v) => v.children[0]?.text);
const outcomeOf = async (sid: string) =>
  (await t.db.db.select().from(callRecords).where(eq(callRecords.callSid, sid)))[0]?.outcome;

describe('the line outside PDSA hours', () => {
  it('with a doctor on the rota, it offers the doctor and rings them instead of saying closed', async () => {
    const { greeting, pressed } = await callAt('2026-11-25T09:00:00Z', 'CA-hours-1');
    expect(greeting).toMatch(/Pour parler au médecin de garde, tapez 1/);
    expect(greeting).not.toMatch(/en dehors des heures de garde/);
    expect(dialled(pressed)).toEqual([doctor.mobile]);
  });

  it('with nobody on the rota (the fallback line is nobody), it says closed and rings no one', async () => {
    const { greeting, pressed } = await callAt('2026-11-25T13:00:00Z', 'CA-hours-2');
    expect(greeting).toMatch(/en dehors des heures de garde/);
    expect(dialled(pressed)).toEqual([]);
  });
});

describe('an MMG whose nights end at midnight ("00:00–08:00 régulation only")', () => {
  beforeAll(async () => {
    const res = await request(t.app)
      .patch(`/api/services/${mmg.id}`)
      .set('Authorization', bearer)
      .send({ nightHours: 'evening' });
    expect(res.status).toBe(200);
  });

  it('at 03:00 with nobody on the rota, the caller is sent to the régulation, nobody is rung', async () => {
    const { greeting, pressed, heard } = await callAt('2026-11-26T02:00:00Z', 'CA-hours-3');
    expect(greeting).toMatch(/régulation médicale/);
    expect(greeting).not.toMatch(/en dehors des heures de garde/);
    expect(dialled(pressed)).toEqual([]);
    expect(heard).toMatch(/Appelez le 15, ou le 116 117/);
    expect(await outcomeOf('CA-hours-3')).toBe('call_15_first');
  });

  it('at 22:00 the evening is still the doctors’: nobody on the rota rings the fallback line', async () => {
    const { greeting, pressed } = await callAt('2026-11-25T21:00:00Z', 'CA-hours-4');
    expect(greeting).toMatch(/Pour parler au médecin de garde, tapez 1/);
    expect(dialled(pressed)).toEqual([fallback]);
  });
});
