import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { professionals, swapRequests } from '../../db/schema/index.js';
import { addDays } from '../../rota/calendar/local-date.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { webLogin, type WebSession } from '../support/web-session.js';
import { buildTerritory, professionalBearer, putShift, type Territory } from './planning-world.js';

/**
 * Every door a shift write comes in by, against the same rules: a shift or service of another
 * territory is refused (as unknown), a double booking is refused, a professional who is no
 * member of the service is refused. Each case builds its own night (20:00–08:00 Paris, winter).
 */
const now = new Date('2026-11-24T10:00:00Z');
let t: TestApp;
let a: Territory;
let b: Territory;
let web: WebSession;
let mobiles: Map<string, string>;
let nextDay = 0;

beforeAll(async () => {
  t = await createTestApp({ now });
  a = await buildTerritory(t.db.db, 'portes-a');
  b = await buildTerritory(t.db.db, 'portes-b');
  web = await webLogin(t.app, a.managerEmail, a.managerPassword);
  mobiles = new Map(
    (await t.db.db.select().from(professionals)).map((p) => [p.id, p.mobile] as const),
  );
});
afterAll(() => t.close());

interface Night {
  date: string;
  startsAt: string;
  endsAt: string;
}
/** A fresh night for each case, so that cases never collide. */
function night(): Night {
  const date = addDays('2027-01-04', nextDay++);
  return { date, startsAt: `${date}T19:00:00Z`, endsAt: `${addDays(date, 1)}T07:00:00Z` };
}
const local = (n: Night) => ({ date: n.date, start: '20:00', end: '08:00' });
const onDuty = (
  territory: Territory,
  who: string | null,
  n: Night,
  level = 1,
  serviceId?: string,
) =>
  putShift(t.db.db, {
    serviceId: serviceId ?? territory.serviceId,
    professionalId: who,
    startsAt: n.startsAt,
    endsAt: n.endsAt,
    level,
  });
const api = (bearer = a.bearer) => ({
  post: (path: string, body: object) =>
    request(t.app).post(path).set('Authorization', bearer).send(body),
  patch: (path: string, body: object) =>
    request(t.app).patch(path).set('Authorization', bearer).send(body),
});
const csv = (territory: Territory, n: Night, who: string) =>
  request(t.app)
    .post(`/api/services/${a.serviceId}/shifts.csv`.replace(a.serviceId, territory.serviceId))
    .set('Authorization', a.bearer)
    .set('Content-Type', 'text/csv')
    .send(
      `service,date,debut,fin,professionnel,niveau\nMédecin ${territory === a ? 'portes-a' : 'portes-b'},${n.date},20:00,08:00,${mobiles.get(who)},2\n`,
    );
const swap = async (shiftId: string, offeredBy: string, takenBy?: string) =>
  (
    await t.db.db
      .insert(swapRequests)
      .values({
        shiftId,
        offeredBy,
        code: String(1000 + nextDay),
        status: takenBy ? 'taken' : 'offered',
        takenBy,
      })
      .returning()
  )[0]!;

type Attempt = () => Promise<{ status: number }>;
interface Door {
  door: string;
  foreign: Attempt;
  overlap: Attempt;
  nonMember: Attempt;
  /** Statuses of the three refusals, when the door answers otherwise than 404 / 409 / 400. */
  expect?: Partial<Record<'foreign' | 'overlap' | 'nonMember', number>>;
}

const doors: Door[] = [
  {
    door: 'API create (POST /api/shifts)',
    foreign: async () =>
      api().post('/api/shifts', {
        serviceId: b.serviceId,
        professionalId: b.doctors[0],
        ...local(night()),
      }),
    overlap: async () => {
      const n = night();
      await onDuty(a, a.doctors[0]!, n, 1, a.otherServiceId);
      return api().post('/api/shifts', {
        serviceId: a.serviceId,
        professionalId: a.doctors[0],
        ...local(n),
      });
    },
    nonMember: async () =>
      api().post('/api/shifts', {
        serviceId: a.serviceId,
        professionalId: a.outsider,
        ...local(night()),
      }),
  },
  {
    door: 'API patch (PATCH /api/shifts/:id)',
    foreign: async () => {
      const theirs = await onDuty(b, b.doctors[0]!, night());
      return api().patch(`/api/shifts/${theirs.id}`, { professionalId: null });
    },
    overlap: async () => {
      const n = night();
      await onDuty(a, a.doctors[0]!, n, 1);
      const open = await onDuty(a, null, n, 2);
      return api().patch(`/api/shifts/${open.id}`, { professionalId: a.doctors[0] });
    },
    nonMember: async () => {
      const open = await onDuty(a, null, night(), 2);
      return api().patch(`/api/shifts/${open.id}`, { professionalId: a.outsider });
    },
  },
  {
    door: 'add form (POST /rota/shifts)',
    foreign: async () =>
      web.post('/rota/shifts', {
        serviceId: b.serviceId,
        professionalId: b.doctors[0]!,
        level: '1',
        ...local(night()),
      }),
    overlap: async () => {
      const n = night();
      await onDuty(a, null, n, 1);
      return web.post('/rota/shifts', {
        serviceId: a.serviceId,
        professionalId: '',
        level: '1',
        ...local(n),
      });
    },
    nonMember: async () =>
      web.post('/rota/shifts', {
        serviceId: a.serviceId,
        professionalId: a.outsider,
        level: '1',
        ...local(night()),
      }),
  },
  {
    door: 'edit form (POST /rota/shifts/:id/edit)',
    foreign: async () => {
      const n = night();
      const theirs = await onDuty(b, b.doctors[0]!, n);
      return web.post(`/rota/shifts/${theirs.id}/edit`, {
        ...local(n),
        level: '1',
        professionalId: '',
      });
    },
    overlap: async () => {
      const n = night();
      await onDuty(a, a.doctors[1]!, n, 1, a.otherServiceId);
      const mine = await onDuty(a, a.doctors[0]!, n);
      return web.post(`/rota/shifts/${mine.id}/edit`, {
        ...local(n),
        level: '1',
        professionalId: a.doctors[1]!,
      });
    },
    nonMember: async () => {
      const n = night();
      const mine = await onDuty(a, a.doctors[0]!, n);
      return web.post(`/rota/shifts/${mine.id}/edit`, {
        ...local(n),
        level: '1',
        professionalId: a.outsider,
      });
    },
  },
  {
    door: 'CSV import (POST /api/services/:id/shifts.csv)',
    foreign: async () => csv(b, night(), b.doctors[0]!),
    overlap: async () => {
      const n = night();
      await onDuty(a, a.doctors[2]!, n, 1, a.otherServiceId);
      return csv(a, n, a.doctors[2]!);
    },
    nonMember: async () => csv(a, night(), a.outsider),
  },
  {
    door: 'auto-fill accept (POST /api/services/:id/auto-fill/accept)',
    foreign: async () => {
      const n = night();
      return api().post(`/api/services/${b.serviceId}/auto-fill/accept`, {
        assignments: [
          { startsAt: n.startsAt, endsAt: n.endsAt, level: 1, professionalId: b.doctors[0] },
        ],
      });
    },
    overlap: async () => {
      // The engine sees the territory's other services: once the chosen doctor holds a night at
      // the pharmacy, the server's own proposal no longer has her, so the accept is refused (400).
      const n = night();
      const proposal = await api().post(`/api/services/${a.serviceId}/auto-fill`, {
        from: n.date,
        to: n.date,
      });
      const slot = proposal.body.slots.find(
        (s: { startsAt: string }) => s.startsAt === new Date(n.startsAt).toISOString(),
      );
      const chosen = proposal.body.assignments.find(
        (x: { slotKey: string }) => x.slotKey === slot.key,
      );
      await onDuty(a, chosen.professionalId, n, 1, a.otherServiceId);
      return api().post(`/api/services/${a.serviceId}/auto-fill/accept`, {
        assignments: [{ ...slot, professionalId: chosen.professionalId }],
      });
    },
    nonMember: async () => {
      const n = night();
      return api().post(`/api/services/${a.serviceId}/auto-fill/accept`, {
        assignments: [
          { startsAt: n.startsAt, endsAt: n.endsAt, level: 1, professionalId: a.outsider },
        ],
      });
    },
    expect: { overlap: 400 },
  },
  {
    door: 'swap take (POST /api/swaps/:id/take)',
    foreign: async () => {
      const offered = await swap((await onDuty(a, a.doctors[0]!, night())).id, a.doctors[0]!);
      const taker = await professionalBearer(t.db.db, b.doctors[1]!, b.id);
      return api(taker).post(`/api/swaps/${offered.id}/take`, {});
    },
    overlap: async () => {
      const n = night();
      await onDuty(a, a.doctors[1]!, n, 1, a.otherServiceId);
      const offered = await swap((await onDuty(a, a.doctors[0]!, n)).id, a.doctors[0]!);
      const taker = await professionalBearer(t.db.db, a.doctors[1]!, a.id);
      return api(taker).post(`/api/swaps/${offered.id}/take`, {});
    },
    nonMember: async () => {
      const offered = await swap((await onDuty(a, a.doctors[0]!, night())).id, a.doctors[0]!);
      const taker = await professionalBearer(t.db.db, a.outsider, a.id);
      return api(taker).post(`/api/swaps/${offered.id}/take`, {});
    },
    // The swap's own rule answers first: only a colleague of the service may take it (403).
    expect: { nonMember: 403 },
  },
  {
    door: 'swap approve (POST /api/swaps/:id/approve)',
    foreign: async () => {
      const taken = await swap(
        (await onDuty(b, b.doctors[0]!, night())).id,
        b.doctors[0]!,
        b.doctors[1]!,
      );
      return api().post(`/api/swaps/${taken.id}/approve`, {});
    },
    overlap: async () => {
      const n = night();
      await onDuty(a, a.doctors[1]!, n, 1, a.otherServiceId);
      const taken = await swap(
        (await onDuty(a, a.doctors[0]!, n)).id,
        a.doctors[0]!,
        a.doctors[1]!,
      );
      return api().post(`/api/swaps/${taken.id}/approve`, {});
    },
    nonMember: async () => {
      const taken = await swap(
        (await onDuty(a, a.doctors[0]!, night())).id,
        a.doctors[0]!,
        a.outsider,
      );
      return api().post(`/api/swaps/${taken.id}/approve`, {});
    },
  },
  {
    door: 'override (POST /api/overrides)',
    foreign: async () => {
      const n = night();
      const theirs = await onDuty(b, b.doctors[0]!, n);
      return api().post('/api/overrides', {
        shiftId: theirs.id,
        professionalId: b.doctors[1],
        startsAt: n.startsAt,
        endsAt: n.endsAt,
      });
    },
    overlap: async () => {
      const n = night();
      await onDuty(a, a.doctors[1]!, n, 1, a.otherServiceId);
      const mine = await onDuty(a, a.doctors[0]!, n);
      return api().post('/api/overrides', {
        shiftId: mine.id,
        professionalId: a.doctors[1],
        startsAt: n.startsAt,
        endsAt: n.endsAt,
      });
    },
    nonMember: async () => {
      const n = night();
      const mine = await onDuty(a, a.doctors[0]!, n);
      return api().post('/api/overrides', {
        shiftId: mine.id,
        professionalId: a.outsider,
        startsAt: n.startsAt,
        endsAt: n.endsAt,
      });
    },
  },
];

describe.each(doors)('$door', (door) => {
  it('refuses a shift or service of another territory as unknown (404)', async () => {
    expect((await door.foreign()).status).toBe(door.expect?.foreign ?? 404);
  });
  it('refuses a double booking (409)', async () => {
    expect((await door.overlap()).status).toBe(door.expect?.overlap ?? 409);
  });
  it('refuses a professional who is no member of the service (400)', async () => {
    expect((await door.nonMember()).status).toBe(door.expect?.nonMember ?? 400);
  });
});
