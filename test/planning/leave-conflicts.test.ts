import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDoctorTemplate } from '../../db/seed/demo-territory.js';
import { smsMessages, unavailabilities } from '../../db/schema/index.js';
import { gapAlert } from '../../server/planning/reminders/gap-alert-job.js';
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
import { parseTwiml, signedPost } from '../support/twilio-post.js';
import { webLogin } from '../support/web-session.js';

// Issue 15, point 4: leave over an assigned shift is a conflict, not a silent no-op.
const publicUrl = 'https://garde.test';
// A Tuesday 22:00 in Paris: PDSA hours, inside the night shifts below.
const night = new Date('2026-11-24T21:00:00Z');
let t: TestApp;
let territory: Territory;
let service: Service;
let primary: Professional;
let backup: Professional;
let bearer: string;

beforeAll(async () => {
  t = await createTestApp({ publicUrl, now: night });
  const db = t.db.db;
  territory = await aTerritory(db);
  service = await aService(db, territory, { requiredLevels: 2, template: defaultDoctorTemplate });
  primary = await aProfessional(db, service);
  backup = await aProfessional(db, service);
  // Tuesday night, 20:00–08:00 Paris: the primary at level 1, the backup at level 2.
  await aShift(db, service, primary, { level: 1 });
  await aShift(db, service, backup, { level: 2 });
  const manager = await aUser(db, 'manager', {
    territories: [territory],
    professional: { id: (await aProfessional(db, service)).id },
  });
  bearer = `Bearer ${manager.token}`;
});
afterAll(() => t.close());

const leaveOverTuesdayNight = () =>
  request(t.app).post('/api/unavailability').set('Authorization', bearer).send({
    professionalId: primary.id,
    startsAt: '2026-11-24T20:00:00Z',
    endsAt: '2026-11-25T03:00:00Z',
    reason: 'congé',
  });

const gapsOfTheNight = async () => {
  const res = await request(t.app)
    .get(`/api/services/${service.id}/gaps`)
    .query({ from: '2026-11-24T19:00:00Z', to: '2026-11-25T07:00:00Z' })
    .set('Authorization', bearer);
  expect(res.status).toBe(200);
  return res.body.gaps as {
    start: string;
    end: string;
    missingLevels: number[];
    reason?: string;
  }[];
};

const dialledNumber = async (sid: string) => {
  const post = (path: string, params: Record<string, string>) =>
    signedPost(t.app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, path, params);
  const params = { CallSid: sid, From: '+33612345678', To: territory.number };
  await post('/twilio/voice', { ...params, CallStatus: 'in-progress' });
  const menu = parseTwiml(
    (
      await post('/twilio/voice/menu?lang=fr&retries=0&attempt=0', {
        ...params,
        CallStatus: 'in-progress',
        Digits: '1',
      })
    ).text,
  );
  return menu.find((v) => v.name === 'Dial')?.children[0]?.text;
};

describe('leave over an assigned shift', () => {
  it('before any leave: the night is covered and the primary is rung', async () => {
    expect(await gapsOfTheNight()).toEqual([]);
    expect(await dialledNumber('CA-leave-0')).toBe(primary.mobile);
  });

  it('is saved, and the 201 lists the shift it falls on with a warning', async () => {
    const res = await leaveOverTuesdayNight();
    expect(res.status).toBe(201);
    expect(res.body.conflicts).toEqual([
      expect.objectContaining({
        serviceId: service.id,
        level: 1,
        startsAt: '2026-11-24T19:00:00.000Z',
        endsAt: '2026-11-25T07:00:00.000Z',
      }),
    ]);
    expect(res.body.warning).toMatch(/chevauche/);
    const saved = await t.db.db
      .select()
      .from(unavailabilities)
      .where(eq(unavailabilities.id, res.body.id));
    expect(saved).toHaveLength(1);
  });

  it("turns the overlapped part into a gap with reason 'leave' in the gaps API", async () => {
    expect(await gapsOfTheNight()).toEqual([
      {
        start: '2026-11-24T20:00:00.000Z',
        end: '2026-11-25T03:00:00.000Z',
        missingLevels: [1],
        reason: 'leave',
      },
    ]);
  });

  it('does not ring the doctor on leave: the backup is rung first', async () => {
    expect(await dialledNumber('CA-leave-1')).toBe(backup.mobile);
  });

  it('counts the conflict in the daily gap alert sent to the managers', async () => {
    // The alert counts every gap of the next 14 days (most nights are open here), so compare
    // with the same run while the leave ends before the horizon starts.
    const bodies = async () =>
      (
        await t.db.db
          .select({ body: smsMessages.body })
          .from(smsMessages)
          .where(and(eq(smsMessages.kind, 'gap_alert'), eq(smsMessages.territoryId, territory.id)))
      ).map((r) => r.body);
    await t.db.db.update(unavailabilities).set({ endsAt: new Date('2026-11-24T20:00:01Z') });
    await gapAlert(t.deps);
    const before = await bodies();
    await t.db.db.update(unavailabilities).set({ endsAt: new Date('2026-11-25T03:00:00Z') });
    await gapAlert(t.deps);
    const after = (await bodies()).filter((b) => !before.includes(b));
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
  });

  it('on /me, saves a doctor’s own leave over their shift and warns them in French', async () => {
    // A plain-http app: the patient line's https public URL would keep the session cookie away.
    const web = await createTestApp({ now: night });
    try {
      const db = web.db.db;
      const place = await aService(db, await aTerritory(db));
      const doctor = await aProfessional(db, place);
      await aShift(db, place, doctor);
      const own = await aUser(db, 'professional', {
        territories: [{ id: place.territoryId }],
        professional: doctor,
      });
      const session = await webLogin(web.app, own.user.email, own.password);
      // First a warning listing the shift, in French and local time; nothing saved yet.
      const warned = await session.post('/me/unavailability', {
        from: '2026-11-24',
        to: '2026-11-24',
      });
      expect(warned.status).toBe(200);
      expect(warned.text).toContain('Vous êtes de garde pendant cette indisponibilité');
      expect(warned.text).toContain('le mardi 24 novembre 2026 de 20:00 à 08:00');
      expect(
        await db
          .select()
          .from(unavailabilities)
          .where(eq(unavailabilities.professionalId, doctor.id)),
      ).toHaveLength(0);
      const res = await session.post('/me/unavailability', {
        from: '2026-11-24',
        to: '2026-11-24',
        confirm: '1',
      });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/me?done=leave-conflict');
      const page = await session.agent.get(res.headers.location!);
      expect(page.text).toContain('vous êtes de garde pendant cette période');
      const saved = await db
        .select()
        .from(unavailabilities)
        .where(eq(unavailabilities.professionalId, doctor.id));
      expect(saved).toHaveLength(1);
    } finally {
      await web.close();
    }
  });
});
