import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import {
  calendarDays,
  serviceMembers,
  services,
  shifts,
  territories,
  users,
  userTerritories,
} from '../../db/schema/index.js';
import { defaultTerritorySettings } from '../../db/schema/settings.js';
import { createApiToken } from '../../server/access/credentials.js';
import type { RotaEvent } from '../../server/planning/rota-pages/feed-events.js';
import { createTestApp, type TestApp } from '../support/app.js';

// The calendar's JSON feed and the shift edit page: real PostgreSQL, the real app, Bearer tokens
// (the web pages accept them as they accept the session cookie; CSRF does not apply to them).
let t: TestApp;
let doctorService: string;
let territoryId: string;
const tokens: Record<string, string> = {};
const now = new Date('2026-11-24T21:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ now });
  territoryId = (await seedDemo(t.db.db, now)).territoryId;
  for (const u of await t.db.db.select().from(users))
    tokens[u.role] = await createApiToken(t.db.db, u.id, 'test');
  doctorService = (await t.db.db.select().from(services).where(eq(services.kind, 'doctor')))[0]!.id;
  // A manager of another territory.
  const [other] = await t.db.db
    .insert(territories)
    .values({ slug: 'ailleurs', name: 'Ailleurs', settings: defaultTerritorySettings })
    .returning();
  const [stranger] = await t.db.db
    .insert(users)
    .values({ email: 'autre@ailleurs.local', name: 'Autre', role: 'manager', passwordHash: 'x' })
    .returning();
  await t.db.db.insert(userTerritories).values({ userId: stranger!.id, territoryId: other!.id });
  tokens.stranger = await createApiToken(t.db.db, stranger!.id, 'test');
});
afterAll(() => t.close());

const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const feed = (who: string, start: string, end: string, service = doctorService) =>
  request(t.app).get('/rota/feed').query({ service, start, end }).set(as(who));

describe('GET /rota/feed', () => {
  it('asks for a login without a session, and shows a manager of another territory nothing (403)', async () => {
    const anonymous = await request(t.app)
      .get('/rota/feed')
      .query({ service: doctorService, start: '2026-11-01', end: '2026-12-01' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login/);
    const stranger = await feed(
      'stranger',
      '2026-11-01T00:00:00+01:00',
      '2026-12-01T00:00:00+01:00',
    );
    expect(stranger.status).toBe(403);
    expect(stranger.body.error).toBe('forbidden');
    expect(JSON.stringify(stranger.body)).not.toContain('Dr ');
  });

  it('refuses a bad range in JSON (400), never a 500', async () => {
    const res = await feed('manager', '2026-12-01', '2026-11-01');
    expect(res.status).toBe(400);
    expect(res.body.fields.end).toMatch(/fin/);
    expect((await feed('manager', 'demain', '2026-11-01')).status).toBe(400);
  });

  it('gives shifts by level colour with an edit link, gaps in red, and public holidays as background', async () => {
    const res = await feed('manager', '2026-10-26T00:00:00+01:00', '2026-12-07T00:00:00+01:00');
    expect(res.status).toBe(200);
    const events = res.body as RotaEvent[];
    const assigned = events.find((e) => e.extendedProps.kind === 'shift')!;
    expect(assigned.url).toBe(`/rota/shifts/${assigned.id}/edit`);
    expect(assigned.color).toMatch(/^var\(--l[123]\)$/);
    expect(assigned.title).toMatch(/^Dr .+ · N\d$/);
    expect(assigned.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+01:00$/);
    // The demo rota starts the day before `now`: the weeks before were uncovered, but those hours
    // are past and can no longer be filled, so they are not painted red.
    expect(
      events.filter((e) => e.extendedProps.kind === 'gap' && Date.parse(e.start) < now.getTime()),
    ).toEqual([]);
    // Beyond the seeded rota (March 2027), every PDSA hour is a gap.
    const gaps = (
      (await feed('manager', '2027-03-01T00:00:00+01:00', '2027-03-08T00:00:00+01:00'))
        .body as RotaEvent[]
    ).filter((e) => e.extendedProps.kind === 'gap');
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((g) => g.color === 'var(--gap)' && g.editable === false)).toBe(true);
    expect(gaps.some((g) => g.start === '2027-03-01T20:00:00+01:00')).toBe(true);
    expect(events).toContainEqual(
      expect.objectContaining({
        title: 'Armistice 1918',
        start: '2026-11-11',
        end: '2026-11-12',
        allDay: true,
        display: 'background',
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ title: 'Toussaint', start: '2026-11-01' }),
    );
  });

  it('counts a confirmed pont as PDSA time (a daytime gap), and marks proposed ponts', async () => {
    const march = () => feed('manager', '2027-03-01T00:00:00+01:00', '2027-04-01T00:00:00+02:00');
    // Nothing is on the rota in March: with the pont, the nights either side and the day merge into one gap.
    const noon = Date.parse('2027-03-10T12:00:00+01:00');
    const daytime = (events: RotaEvent[]) =>
      events.filter(
        (e) =>
          e.extendedProps.kind === 'gap' && Date.parse(e.start) <= noon && Date.parse(e.end) > noon,
      );
    expect(daytime((await march()).body)).toHaveLength(0);
    await t.db.db
      .insert(calendarDays)
      .values({ territoryId, day: '2027-03-10', kind: 'pont', note: 'essai' });
    const events = (await march()).body as RotaEvent[];
    expect(daytime(events)).toHaveLength(1);
    expect(events).toContainEqual(
      expect.objectContaining({
        title: 'Pont · essai',
        start: '2027-03-10',
        display: 'background',
      }),
    );
    const may = (await feed('manager', '2027-05-01T00:00:00+02:00', '2027-06-01T00:00:00+02:00'))
      .body as RotaEvent[];
    expect(may).toContainEqual(
      expect.objectContaining({
        title: 'Pont proposé · vendredi après Ascension',
        start: '2027-05-07',
      }),
    );
  });

  it('gives open shifts in red, and professionals the same events without fill links', async () => {
    const [open] = await t.db.db
      .insert(shifts)
      .values({
        serviceId: doctorService,
        professionalId: null,
        level: 1,
        startsAt: new Date('2027-03-20T19:00:00Z'),
        endsAt: new Date('2027-03-21T07:00:00Z'),
      })
      .returning();
    const range = ['2027-03-15T00:00:00+01:00', '2027-03-25T00:00:00+01:00'] as const;
    const manager = (await feed('manager', ...range)).body as RotaEvent[];
    expect(manager.find((e) => e.id === open!.id)).toMatchObject({
      title: 'À pourvoir · N1',
      color: 'var(--gap)',
      extendedProps: { kind: 'open-shift' },
    });
    // The open shift already says that night is uncovered: no second red block over it.
    expect(
      manager.filter(
        (e) => e.extendedProps.kind === 'gap' && e.start === '2027-03-20T20:00:00+01:00',
      ),
    ).toHaveLength(0);
    expect(
      manager.some(
        (e) =>
          e.extendedProps.kind === 'gap' &&
          e.url?.startsWith(`/rota?service=${doctorService}&add=`),
      ),
    ).toBe(true);
    const professional = await feed('professional', ...range);
    expect(professional.status).toBe(200);
    expect(
      (professional.body as RotaEvent[])
        .filter((e) => e.extendedProps.kind === 'gap')
        .every((e) => !e.url),
    ).toBe(true);
  });
});

describe('the rota page', () => {
  it('loads the calendar from external scripts, and lists the month as a table without JavaScript', async () => {
    const calendar = await request(t.app)
      .get('/rota')
      .query({ service: doctorService, month: '2026-11' })
      .set(as('manager'));
    expect(calendar.status).toBe(200);
    expect(calendar.text).toMatch(
      /<script defer src="\/assets\/vendor\/fullcalendar@7\.1\.0\/all\/global\.js">/,
    );
    expect(calendar.text).toContain(`data-feed="/rota/feed?service=${doctorService}"`);
    expect(calendar.text).toContain('data-editable="true"');
    expect(calendar.text).not.toMatch(/<script>/);
    const list = await request(t.app)
      .get('/rota')
      .query({ service: doctorService, month: '2026-11', view: 'list' })
      .set(as('professional'));
    expect(list.status).toBe(200);
    expect(list.text).toContain('<table aria-label="Planning du mois 2026-11">');
    expect(list.text).toContain('Armistice 1918');
    const empty = await request(t.app)
      .get('/rota')
      .query({ service: doctorService, month: '2027-03', view: 'list' })
      .set(as('professional'));
    expect(empty.text).toContain('data-gap="uncovered"');
    expect(list.text).not.toContain('Ajouter une garde');
  });
});

describe('the shift edit page and the vendor files', () => {
  it('moves a shift from the form, and re-renders it with the reason on a DST hole (400) or an overlap (409)', async () => {
    const [member] = await t.db.db
      .select()
      .from(serviceMembers)
      .where(eq(serviceMembers.serviceId, doctorService));
    const doctor = member!.professionalId;
    const [a, b] = await t.db.db
      .insert(shifts)
      .values([
        {
          serviceId: doctorService,
          professionalId: doctor,
          level: 1,
          startsAt: new Date('2027-04-12T18:00:00Z'),
          endsAt: new Date('2027-04-13T06:00:00Z'),
        },
        {
          serviceId: doctorService,
          professionalId: doctor,
          level: 1,
          startsAt: new Date('2027-04-14T18:00:00Z'),
          endsAt: new Date('2027-04-15T06:00:00Z'),
        },
      ])
      .returning();
    const page = await request(t.app).get(`/rota/shifts/${b!.id}/edit`).set(as('manager'));
    expect(page.status).toBe(200);
    expect(page.text).toContain('<label for="e-date">Date</label>');
    expect(page.text).toContain('value="2027-04-14"');
    const post = (body: Record<string, string>) =>
      request(t.app)
        .post(`/rota/shifts/${b!.id}/edit`)
        .set(as('manager'))
        .type('form')
        .send({
          date: '2027-04-14',
          start: '20:00',
          end: '08:00',
          level: '1',
          professionalId: doctor!,
          ...body,
        });
    const hole = await post({ date: '2027-03-28', start: '02:30' });
    expect(hole.status).toBe(400);
    expect(hole.text).toMatch(/02:30 n&#39;existe pas le 2027-03-28/);
    expect(hole.text).toContain('value="2027-03-28"');
    const overlap = await post({ date: '2027-04-12' });
    expect(overlap.status).toBe(409);
    expect(overlap.text).toMatch(/chevauche/);
    const moved = await post({ date: '2027-04-16', start: '21:00', level: '2' });
    expect(moved.status).toBe(303);
    const [after] = await t.db.db.select().from(shifts).where(eq(shifts.id, b!.id));
    expect(after).toMatchObject({
      startsAt: new Date('2027-04-16T19:00:00Z'),
      endsAt: new Date('2027-04-17T06:00:00Z'),
      level: 2,
    });
    expect((await t.db.db.select().from(shifts).where(eq(shifts.id, a!.id)))[0]!.startsAt).toEqual(
      new Date('2027-04-12T18:00:00Z'),
    );
  });

  it('serves the pinned FullCalendar files with long cache headers, behind login, and nothing else of node_modules', async () => {
    const js = await request(t.app)
      .get('/assets/vendor/fullcalendar@7.1.0/all/global.js')
      .set(as('professional'));
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    expect(
      (
        await request(t.app)
          .get('/assets/vendor/fullcalendar@7.1.0/package.json')
          .set(as('professional'))
      ).status,
    ).toBe(404);
    expect(
      (await request(t.app).get('/assets/vendor/fullcalendar@7.1.0/all/global.js')).status,
    ).toBe(303);
    const own = await request(t.app).get('/assets/rota-calendar.js').set(as('manager'));
    expect(own.status).toBe(200);
    expect(own.text).toContain('/api/shifts/');
  });
});
