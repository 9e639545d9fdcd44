import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import {
  auditLog,
  professionals,
  services,
  shifts,
  swapRequests,
  territories,
  users,
} from '../../db/schema/index.js';
import { createApiToken } from '../../server/access/credentials.js';
import { createTestApp, type TestApp } from '../support/app.js';

const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
const tok: Record<string, string> = {};
let doctor: typeof services.$inferSelect;
let annie: typeof professionals.$inferSelect;
let other: typeof professionals.$inferSelect;

beforeAll(async () => {
  t = await createTestApp({ now });
  await seedDemo(t.db.db, now);
  for (const u of await t.db.db.select().from(users))
    tok[u.role] = `Bearer ${await createApiToken(t.db.db, u.id, 'test')}`;
  [doctor] = (await t.db.db.select().from(services).where(eq(services.kind, 'doctor'))) as [
    typeof services.$inferSelect,
  ];
  [annie] = (await t.db.db
    .select()
    .from(professionals)
    .where(eq(professionals.name, 'Dr Anne Le Goff'))) as [typeof professionals.$inferSelect];
  [other] = (await t.db.db
    .select()
    .from(professionals)
    .where(eq(professionals.name, 'Dr Yann Le Bihan'))) as [typeof professionals.$inferSelect];
});
afterAll(() => t.close());

describe('planning API', () => {
  it('fairness of the next month, heaviest load first', async () => {
    const res = await request(t.app)
      .get(`/api/services/${doctor.id}/fairness?from=2026-11-24T00:00:00Z&to=2026-12-24T00:00:00Z`)
      .set('Authorization', tok.manager!);
    expect(res.status).toBe(200);
    expect(res.body.loads.length).toBeGreaterThan(5);
    expect(res.body.loads[0].weightedLoad).toBeGreaterThanOrEqual(
      res.body.loads.at(-1).weightedLoad,
    );
  });

  it('auto-fill proposes for open slots beyond the seeded rota; accepting writes them and audits', async () => {
    const proposal = await request(t.app)
      .post(`/api/services/${doctor.id}/auto-fill`)
      .set('Authorization', tok.manager!)
      .send({ from: '2027-03-01', to: '2027-03-07' });
    expect(proposal.status).toBe(200);
    expect(proposal.body.unfilled).toEqual([]);
    const slot = new Map(proposal.body.slots.map((s: { key: string }) => [s.key, s]));
    const assignments = proposal.body.assignments.map(
      (a: { slotKey: string; professionalId: string }) => ({
        ...(slot.get(a.slotKey) as object),
        professionalId: a.professionalId,
      }),
    );
    const accepted = await request(t.app)
      .post(`/api/services/${doctor.id}/auto-fill/accept`)
      .set('Authorization', tok.manager!)
      .send({ assignments });
    expect(accepted.status).toBe(201);
    expect(accepted.body.created).toBe(assignments.length);
    const again = await request(t.app)
      .post(`/api/services/${doctor.id}/auto-fill`)
      .set('Authorization', tok.manager!)
      .send({ from: '2027-03-01', to: '2027-03-07' });
    expect(again.body.slots).toEqual([]);
    expect(
      await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'auto-fill.accept')),
    ).toHaveLength(assignments.length); // one audit entry per shift written
  });

  it('a pont a manager confirms counts for the gaps and for auto-fill (Friday after Ascension 2027)', async () => {
    const day = { from: '2027-05-07T06:00:00Z', to: '2027-05-07T18:00:00Z' };
    const gaps = () =>
      request(t.app)
        .get(`/api/services/${doctor.id}/gaps?from=${day.from}&to=${day.to}`)
        .set('Authorization', tok.manager!);
    const proposal = () =>
      request(t.app)
        .post(`/api/services/${doctor.id}/auto-fill`)
        .set('Authorization', tok.manager!)
        .send({ from: '2027-05-07', to: '2027-05-07' });
    const daytimeSlots = (body: { slots: { startsAt: string }[] }) =>
      body.slots.filter((s) => s.startsAt === '2027-05-07T06:00:00.000Z');
    // An ordinary Friday daytime: no PDSA hours, nothing to cover.
    expect((await gaps()).body.gaps).toEqual([]);
    expect(daytimeSlots((await proposal()).body)).toEqual([]);

    const confirm = await request(t.app)
      .put(`/api/territories/${doctor.territoryId}/calendar/2027-05-07`)
      .set('Authorization', tok.manager!)
      .send({ kind: 'pont' });
    expect(confirm.status).toBe(200);
    const after = (await gaps()).body.gaps as {
      start: string;
      end: string;
      missingLevels: number[];
    }[];
    expect(after).toEqual([
      expect.objectContaining({
        start: '2027-05-07T06:00:00.000Z',
        end: '2027-05-07T18:00:00.000Z',
        missingLevels: [1, 2],
      }),
    ]);
    expect(daytimeSlots((await proposal()).body).length).toBe(2);
  });

  it('CSV: a bad file is refused whole with every bad line; a good one is imported; export reads back', async () => {
    const before = (await t.db.db.select().from(shifts)).length;
    const bad = await request(t.app)
      .post(`/api/services/${doctor.id}/shifts.csv`)
      .set('Authorization', tok.manager!)
      .set('Content-Type', 'text/csv')
      .send(
        `service,date,debut,fin,professionnel,niveau\n${doctor.name},2027-05-01,20:00,08:00,${annie.mobile},3\n${doctor.name},2027-03-28,02:30,08:00,,3\nX,2027-05-02,20:00,08:00,,3\n`,
      );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    expect((await t.db.db.select().from(shifts)).length).toBe(before);
    const good = await request(t.app)
      .post(`/api/services/${doctor.id}/shifts.csv`)
      .set('Authorization', tok.manager!)
      .set('Content-Type', 'text/csv')
      .send(
        `service,date,debut,fin,professionnel,niveau\n${doctor.name},2027-05-01,20:00,08:00,06 39 98 00 01,3\n`,
      );
    expect(good.status).toBe(201);
    const csv = await request(t.app)
      .get(
        `/api/services/${doctor.id}/shifts.csv?from=2027-05-01T00:00:00Z&to=2027-05-02T23:00:00Z`,
      )
      .set('Authorization', tok.manager!);
    expect(csv.text).toContain(`${doctor.name},2027-05-01,20:00,08:00,+33639980001,3`);
  });

  it('calendar: holidays and proposed ponts of a year', async () => {
    const [territory] = await t.db.db.select().from(territories);
    const res = await request(t.app)
      .get(`/api/territories/${territory!.id}/calendar?year=2026`)
      .set('Authorization', tok.professional!);
    expect(res.body.holidays).toContain('2026-05-14');
    expect(res.body.proposedPonts.map((p: { date: string }) => p.date)).toContain('2026-05-15');
  });
});

describe('leave and overrides', () => {
  it('a professional declares their own leave, not a colleague’s; a manager adds an override', async () => {
    const own = await request(t.app)
      .post('/api/unavailability')
      .set('Authorization', tok.professional!)
      .send({
        professionalId: annie.id,
        startsAt: '2027-02-01T00:00:00Z',
        endsAt: '2027-02-08T00:00:00Z',
        reason: 'congés',
      });
    expect(own.status).toBe(201);
    expect(
      (
        await request(t.app)
          .post('/api/unavailability')
          .set('Authorization', tok.professional!)
          .send({
            professionalId: other.id,
            startsAt: '2027-02-01T00:00:00Z',
            endsAt: '2027-02-08T00:00:00Z',
          })
      ).status,
    ).toBe(403);
    expect(
      (
        await request(t.app)
          .post('/api/unavailability')
          .set('Authorization', tok.professional!)
          .send({
            professionalId: annie.id,
            startsAt: '2027-02-08T00:00:00Z',
            endsAt: '2027-02-01T00:00:00Z',
          })
      ).status,
    ).toBe(400);

    // A colleague's shift far beyond the seeded rota, so Annie has no shift of her own then
    // (she would otherwise be rung once, from her own shift).
    const [shift] = await t.db.db
      .insert(shifts)
      .values({
        serviceId: doctor.id,
        professionalId: other.id,
        level: 1,
        startsAt: new Date('2027-09-01T18:00:00Z'),
        endsAt: new Date('2027-09-02T06:00:00Z'),
      })
      .returning();
    const mid = new Date((shift!.startsAt.getTime() + shift!.endsAt.getTime()) / 2).toISOString();
    const override = await request(t.app)
      .post('/api/overrides')
      .set('Authorization', tok.manager!)
      .send({
        shiftId: shift!.id,
        professionalId: annie.id,
        startsAt: shift!.startsAt.toISOString(),
        endsAt: mid,
      });
    expect(override.status).toBe(201);
    const onDuty = await request(t.app)
      .get(`/api/services/${shift!.serviceId}/on-duty?at=${shift!.startsAt.toISOString()}`)
      .set('Authorization', tok.manager!);
    expect(
      onDuty.body.contacts.find((c: { shiftId: string }) => c.shiftId === shift!.id),
    ).toMatchObject({ professionalId: annie.id, source: 'override' });
    expect(
      (
        await request(t.app).post('/api/overrides').set('Authorization', tok.professional!).send({
          shiftId: shift!.id,
          professionalId: annie.id,
          startsAt: shift!.startsAt.toISOString(),
          endsAt: mid,
        })
      ).status,
    ).toBe(403);
  });
});

describe('iCal feeds', () => {
  it('serves a professional’s shifts at their secret URL, and nothing at a wrong one', async () => {
    const res = await request(t.app).get(`/ical/professional/${annie.icalToken}.ics`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/calendar');
    expect(res.text).toMatch(/BEGIN:VEVENT[\s\S]*UID:[0-9a-f-]{36}@gardeline/);
    expect((await request(t.app).get('/ical/professional/nope.ics')).status).toBe(404);
    const service = await request(t.app).get(`/ical/service/${doctor.icalToken}.ics`);
    expect(service.text.match(/BEGIN:VEVENT/g)!.length).toBeGreaterThan(50);
  });
});

describe('territories and services', () => {
  it('an admin creates a territory reachable by its number; a manager edits settings, a template and a pont', async () => {
    const created = await request(t.app)
      .post('/api/territories')
      .set('Authorization', tok.admin!)
      .send({
        slug: 'sud-cote-d-or',
        name: "Sud Côte-d'Or",
        numbers: ['03 53 01 00 15'],
        fallbackNumber: '03 53 01 00 99',
      });
    expect(created.status).toBe(201);
    expect(
      (
        await request(t.app)
          .post('/api/territories')
          .set('Authorization', tok.manager!)
          .send({ slug: 'x-y', name: 'X', numbers: ['0353010016'] })
      ).status,
    ).toBe(403);
    const [territory] = await t.db.db
      .select()
      .from(territories)
      .where(eq(territories.slug, 'pays-auray'));
    const patch = await request(t.app)
      .patch(`/api/territories/${territory!.id}`)
      .set('Authorization', tok.manager!)
      .send({ settings: { regulates: false } });
    expect(patch.status).toBe(200);
    const [after] = await t.db.db
      .select()
      .from(territories)
      .where(eq(territories.id, territory!.id));
    expect(after!.settings).toMatchObject({ regulates: false, saturdayAfternoon: true });
    const badTemplate = await request(t.app)
      .patch(`/api/services/${doctor.id}`)
      .set('Authorization', tok.manager!)
      .send({
        template: [
          { name: 'nuit', days: ['mon'], start: '20:00', end: '8h', levels: 1, kind: 'weeknight' },
        ],
      });
    expect(badTemplate.status).toBe(400);
    expect(badTemplate.body.fields['template.0.end']).toMatch(/HH:MM/);
    const pont = await request(t.app)
      .put(`/api/territories/${territory!.id}/calendar/2026-05-15`)
      .set('Authorization', tok.manager!)
      .send({ kind: 'pont', note: 'vendredi de l’Ascension' });
    expect(pont.status).toBe(200);
    expect(
      await t.db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'calendar.set'), eq(auditLog.entityId, '2026-05-15'))),
    ).toHaveLength(1);
  });
});

describe('swaps through the API', () => {
  it('the owner offers, a colleague takes (first wins), a manager approves and the shift changes hands', async () => {
    // Far beyond the seeded rota: nobody is on duty then, whatever the auto-fill gave.
    const [mine] = await t.db.db
      .insert(shifts)
      .values({
        serviceId: doctor.id,
        professionalId: annie.id,
        level: 1,
        startsAt: new Date('2027-10-01T18:00:00Z'),
        endsAt: new Date('2027-10-02T06:00:00Z'),
      })
      .returning();
    expect(
      (
        await request(t.app)
          .post('/api/swaps')
          .set('Authorization', tok.manager!)
          .send({ shiftId: mine!.id })
      ).status,
    ).toBe(403);
    const offered = await request(t.app)
      .post('/api/swaps')
      .set('Authorization', tok.professional!)
      .send({ shiftId: mine!.id });
    expect(offered.status).toBe(201);
    expect(offered.body.code).toMatch(/^\d{4}$/);
    // Annie cannot take her own offer.
    expect(
      (
        await request(t.app)
          .post(`/api/swaps/${offered.body.id}/take`)
          .set('Authorization', tok.professional!)
      ).status,
    ).toBe(403);
    const [yannUser] = await t.db.db
      .insert(users)
      .values({
        email: 'yann@cpts-auray.local',
        name: 'Yann',
        role: 'professional',
        passwordHash: 'x',
        professionalId: other.id,
      })
      .returning();
    const yann = `Bearer ${await createApiToken(t.db.db, yannUser!.id, 'test')}`;
    expect(
      (await request(t.app).post(`/api/swaps/${offered.body.id}/take`).set('Authorization', yann))
        .body,
    ).toEqual({ status: 'taken' });
    expect(
      (await request(t.app).post(`/api/swaps/${offered.body.id}/take`).set('Authorization', yann))
        .status,
    ).toBe(409);
    expect(
      (
        await request(t.app)
          .post(`/api/swaps/${offered.body.id}/approve`)
          .set('Authorization', tok.manager!)
      ).status,
    ).toBe(200);
    const [after] = await t.db.db.select().from(shifts).where(eq(shifts.id, mine!.id));
    expect(after!.professionalId).toBe(other.id);

    // Yann now holds the night of 1 October: he cannot also take an overlapping offer.
    const [clashing] = await t.db.db
      .insert(shifts)
      .values({
        serviceId: doctor.id,
        professionalId: annie.id,
        level: 2,
        startsAt: new Date('2027-10-02T04:00:00Z'),
        endsAt: new Date('2027-10-02T10:00:00Z'),
      })
      .returning();
    const second = await request(t.app)
      .post('/api/swaps')
      .set('Authorization', tok.professional!)
      .send({ shiftId: clashing!.id });
    const refused = await request(t.app)
      .post(`/api/swaps/${second.body.id}/take`)
      .set('Authorization', yann);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/déjà de garde/);

    // An offer left open until its shift began can no longer be taken.
    const [begun] = await t.db.db
      .insert(shifts)
      .values({
        serviceId: doctor.id,
        professionalId: annie.id,
        level: 2,
        startsAt: new Date('2026-11-24T09:00:00Z'),
        endsAt: new Date('2026-11-24T19:00:00Z'),
      })
      .returning();
    const [stale] = await t.db.db
      .insert(swapRequests)
      .values({ shiftId: begun!.id, offeredBy: annie.id, status: 'offered', code: '1234' })
      .returning();
    const late = await request(t.app)
      .post(`/api/swaps/${stale!.id}/take`)
      .set('Authorization', yann);
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/déjà commencé/);
    expect(
      (await t.db.db.select().from(swapRequests).where(eq(swapRequests.id, stale!.id)))[0]!.status,
    ).toBe('offered');
  });
});
