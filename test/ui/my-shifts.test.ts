import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import {
  auditLog,
  professionals,
  serviceMembers,
  services,
  shifts,
  swapRequests,
  unavailabilities,
} from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { webLogin, type WebSession } from '../support/web-session.js';

const now = new Date('2026-11-24T21:00:00Z');
let t: TestApp;
let pro: WebSession;
let anne: typeof professionals.$inferSelect;
let yann: typeof professionals.$inferSelect;
let doctorService: string;

const shift = async (professionalId: string, startsAt: string, endsAt: string) =>
  (
    await t.db.db
      .insert(shifts)
      .values({
        serviceId: doctorService,
        professionalId,
        startsAt: new Date(startsAt),
        endsAt: new Date(endsAt),
        level: 1,
      })
      .returning()
  )[0]!;

beforeAll(async () => {
  t = await createTestApp({ now });
  await seedDemo(t.db.db, now);
  [anne] = (await t.db.db
    .select()
    .from(professionals)
    .where(eq(professionals.name, 'Dr Anne Le Goff'))) as [typeof anne];
  [yann] = (await t.db.db
    .select()
    .from(professionals)
    .where(eq(professionals.name, 'Dr Yann Le Bihan'))) as [typeof yann];
  [{ id: doctorService }] = (await t.db.db
    .select({ id: services.id })
    .from(services)
    .where(eq(services.kind, 'doctor'))) as [{ id: string }];
  pro = await webLogin(t.app, 'dr.le-goff@cpts-auray.local');
});
afterAll(() => t.close());

describe('Mes gardes', () => {
  it('shows a professional their shifts in Paris time, their iCal URL, and the nav link', async () => {
    await shift(anne.id, '2027-01-15T19:00:00Z', '2027-01-16T07:00:00Z');
    const res = await pro.agent.get('/me');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<a href="/me">Mes gardes</a>');
    expect(res.text).toMatch(/ven\. 15 janv\., 20:00/); // 19:00Z is 20:00 in Paris in winter
    expect(res.text).toContain(`/ical/professional/${anne.icalToken}.ics`);
  });

  it('is refused to a manager, who has no shifts of their own', async () => {
    const manager = await webLogin(t.app, 'coordination@cpts-auray.local');
    expect((await manager.agent.get('/me')).status).toBe(403);
  });

  it('offers an own shift for swap (audited), but not someone else’s, and never without the CSRF token', async () => {
    const own = await shift(anne.id, '2027-02-01T19:00:00Z', '2027-02-02T07:00:00Z');
    expect((await pro.post(`/me/shifts/${own.id}/offer`, { _csrf: 'forged' })).status).toBe(403);
    expect(
      await t.db.db.select().from(swapRequests).where(eq(swapRequests.shiftId, own.id)),
    ).toHaveLength(0);

    const ok = await pro.post(`/me/shifts/${own.id}/offer`);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/me?done=offered');
    const [swap] = await t.db.db
      .select()
      .from(swapRequests)
      .where(eq(swapRequests.shiftId, own.id));
    expect(swap).toMatchObject({ status: 'offered', offeredBy: anne.id });
    expect(
      await t.db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, swap!.id), eq(auditLog.action, 'swap.offer'))),
    ).toHaveLength(1);
    expect((await pro.agent.get('/me?done=offered')).text).toContain(
      `proposée aux collègues (code ${swap!.code})`,
    );

    const others = await shift(yann.id, '2027-02-03T19:00:00Z', '2027-02-04T07:00:00Z');
    const refused = await pro.post(`/me/shifts/${others.id}/offer`);
    expect(refused.status).toBe(403);
    expect(
      await t.db.db.select().from(swapRequests).where(eq(swapRequests.shiftId, others.id)),
    ).toHaveLength(0);
    expect((await pro.post('/me/shifts/not-an-id/offer')).status).toBe(400);
  });

  it('takes a colleague’s offer of a shared service; a clash is refused in French with nothing written', async () => {
    const offered = await shift(yann.id, '2027-03-10T19:00:00Z', '2027-03-11T07:00:00Z');
    const [swap] = await t.db.db
      .insert(swapRequests)
      .values({ shiftId: offered.id, offeredBy: yann.id, code: '7311' })
      .returning();
    expect((await pro.agent.get('/me')).text).toContain(`/me/swaps/${swap!.id}/take`);
    const ok = await pro.post(`/me/swaps/${swap!.id}/take`);
    expect(ok.status).toBe(303);
    const [after] = await t.db.db.select().from(swapRequests).where(eq(swapRequests.id, swap!.id));
    expect(after!.takenBy).toBe(anne.id);
    expect(['taken', 'approved']).toContain(after!.status);

    // Anne is already on duty at that time: the command refuses, the page says why.
    await shift(anne.id, '2027-03-20T19:00:00Z', '2027-03-21T07:00:00Z');
    const clash = await shift(yann.id, '2027-03-20T19:00:00Z', '2027-03-21T07:00:00Z');
    const [open] = await t.db.db
      .insert(swapRequests)
      .values({ shiftId: clash.id, offeredBy: yann.id, code: '7312' })
      .returning();
    const refused = await pro.post(`/me/swaps/${open!.id}/take`);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('déjà de garde à ce moment');
    expect(refused.text).toContain('<h1>Mes gardes</h1>');
    const [still] = await t.db.db.select().from(swapRequests).where(eq(swapRequests.id, open!.id));
    expect(still).toMatchObject({ status: 'offered', takenBy: null });
  });

  it('refuses to take an offer of a service one is not a member of', async () => {
    const [pharmacy] = await t.db.db.select().from(services).where(eq(services.kind, 'pharmacy'));
    const [pharmacist] = await t.db.db
      .select({ id: serviceMembers.professionalId })
      .from(serviceMembers)
      .where(eq(serviceMembers.serviceId, pharmacy!.id))
      .limit(1);
    const [s] = await t.db.db
      .insert(shifts)
      .values({
        serviceId: pharmacy!.id,
        professionalId: pharmacist!.id,
        startsAt: new Date('2027-04-01T19:00:00Z'),
        endsAt: new Date('2027-04-02T07:00:00Z'),
      })
      .returning();
    const [swap] = await t.db.db
      .insert(swapRequests)
      .values({ shiftId: s!.id, offeredBy: pharmacist!.id, code: '7313' })
      .returning();
    expect((await pro.agent.get('/me')).text).not.toContain(swap!.id);
    expect((await pro.post(`/me/swaps/${swap!.id}/take`)).status).toBe(403);
    expect(
      (await t.db.db.select().from(swapRequests).where(eq(swapRequests.id, swap!.id)))[0]!.status,
    ).toBe('offered');
  });

  it('adds leave as whole local days, refuses a bad period with its reason, and deletes only one’s own', async () => {
    const ok = await pro.post('/me/unavailability', {
      from: '2027-05-03',
      to: '2027-05-09',
      reason: 'congés',
    });
    expect(ok.status).toBe(303);
    const [leave] = await t.db.db
      .select()
      .from(unavailabilities)
      .where(eq(unavailabilities.professionalId, anne.id));
    expect(leave!.startsAt.toISOString()).toBe('2027-05-02T22:00:00.000Z'); // 00:00 in Paris, summer time
    expect(leave!.endsAt.toISOString()).toBe('2027-05-09T22:00:00.000Z');
    expect(
      await t.db.db.select().from(auditLog).where(eq(auditLog.entityId, leave!.id)),
    ).toHaveLength(1);

    const backwards = await pro.post('/me/unavailability', {
      from: '2027-06-10',
      to: '2027-06-01',
      reason: '',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('La date de fin doit être le jour de début ou après.');
    expect(backwards.text).toContain('value="2027-06-10"'); // what was typed is shown back
    const impossible = await pro.post('/me/unavailability', {
      from: '2027-02-30',
      to: '2027-03-01',
    });
    expect(impossible.status).toBe(400);
    expect(
      await t.db.db
        .select()
        .from(unavailabilities)
        .where(eq(unavailabilities.professionalId, anne.id)),
    ).toHaveLength(1);

    const [yanns] = await t.db.db
      .insert(unavailabilities)
      .values({
        professionalId: yann.id,
        startsAt: new Date('2027-05-01T00:00:00Z'),
        endsAt: new Date('2027-05-02T00:00:00Z'),
      })
      .returning();
    expect((await pro.post(`/me/unavailability/${yanns!.id}/delete`)).status).toBe(403);
    expect(
      await t.db.db.select().from(unavailabilities).where(eq(unavailabilities.id, yanns!.id)),
    ).toHaveLength(1);

    expect((await pro.post(`/me/unavailability/${leave!.id}/delete`)).status).toBe(303);
    expect(
      await t.db.db.select().from(unavailabilities).where(eq(unavailabilities.id, leave!.id)),
    ).toHaveLength(0);
  });
});
