import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { auditLog, professionals, serviceMembers, services } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { webLogin, type WebSession } from '../support/web-session.js';

const now = new Date('2026-11-24T21:00:00Z');
let t: TestApp;
let manager: WebSession;
let pro: WebSession;
let territoryId: string;
let serviceByKind: Map<string, string>;

const membersOf = async (id: string) =>
  (
    await t.db.db
      .select({ id: serviceMembers.serviceId })
      .from(serviceMembers)
      .where(eq(serviceMembers.professionalId, id))
  )
    .map((m) => m.id)
    .sort();

beforeAll(async () => {
  t = await createTestApp({ now });
  ({ territoryId } = await seedDemo(t.db.db, now));
  serviceByKind = new Map((await t.db.db.select().from(services)).map((s) => [s.kind, s.id]));
  manager = await webLogin(t.app, 'coordination@cpts-auray.local');
  pro = await webLogin(t.app, 'dr.le-goff@cpts-auray.local');
});
afterAll(() => t.close());

const newcomer = (mobile: string, extra: Record<string, string | string[]> = {}) => ({
  territoryId,
  name: 'Dr Maëlys Kerhervé',
  profession: 'médecin généraliste',
  mobile,
  email: '',
  languages: ['fr', 'br'],
  serviceIds: [serviceByKind.get('doctor')!],
  ...extra,
});

describe('directory: adding a professional', () => {
  it('offers managers the form with their territory’s services; professionals are refused', async () => {
    const page = await manager.agent.get('/professionals/new');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`name="serviceIds" value="${serviceByKind.get('pharmacy')}"`);
    expect((await manager.agent.get('/professionals')).text).toContain('href="/professionals/new"');
    expect((await pro.agent.get('/professionals')).text).not.toContain('href="/professionals/new"');
    expect((await pro.agent.get('/professionals/new')).status).toBe(403);
    expect((await pro.post('/professionals/new', newcomer('06 39 98 00 41'))).status).toBe(403);
    expect(
      await t.db.db.select().from(professionals).where(eq(professionals.mobile, '+33639980041')),
    ).toHaveLength(0);
  });

  it('refuses an invalid mobile with the reason and writes nothing', async () => {
    const res = await manager.post('/professionals/new', newcomer('06 12'));
    expect(res.status).toBe(400);
    expect(res.text).toContain('« 06 12 » n&#39;est pas un numéro valide');
    expect(res.text).toContain('value="Dr Maëlys Kerhervé"');
    expect(
      await t.db.db
        .select()
        .from(professionals)
        .where(eq(professionals.name, 'Dr Maëlys Kerhervé')),
    ).toHaveLength(0);
    const noLanguage = await manager.post(
      '/professionals/new',
      newcomer('06 39 98 00 42', { languages: [] }),
    );
    expect(noLanguage.status).toBe(400);
    expect(noLanguage.text).toContain('au moins une langue');
  });

  it('adds a valid one: E.164 mobile, languages, service memberships, audited', async () => {
    const res = await manager.post('/professionals/new', newcomer('06 39 98 00 43'));
    expect(res.status).toBe(303);
    const [row] = await t.db.db
      .select()
      .from(professionals)
      .where(eq(professionals.name, 'Dr Maëlys Kerhervé'));
    expect(row).toMatchObject({
      mobile: '+33639980043',
      languages: ['fr', 'br'],
      territoryId,
      email: null,
    });
    expect(await membersOf(row!.id)).toEqual([serviceByKind.get('doctor')]);
    expect(
      await t.db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, row!.id), eq(auditLog.action, 'professional.create'))),
    ).toHaveLength(1);
    expect((await manager.agent.get('/professionals')).text).toContain('Dr Maëlys Kerhervé');
  });
});

describe('directory: editing', () => {
  it('a manager changes a professional’s services (unchecking all removes them)', async () => {
    const [p] = await t.db.db
      .select()
      .from(professionals)
      .where(eq(professionals.name, 'Dr Yann Le Bihan'));
    const form = {
      name: p!.name,
      profession: p!.profession,
      mobile: p!.mobile,
      email: '',
      languages: p!.languages,
    };
    expect((await manager.agent.get(`/professionals/${p!.id}/edit`)).text).toMatch(
      new RegExp(`value="${serviceByKind.get('doctor')}" checked`),
    );
    expect(
      (
        await manager.post(`/professionals/${p!.id}/edit`, {
          ...form,
          serviceIds: [serviceByKind.get('doctor')!, serviceByKind.get('respiratory_physio')!],
        })
      ).status,
    ).toBe(303);
    expect(await membersOf(p!.id)).toEqual(
      [serviceByKind.get('doctor'), serviceByKind.get('respiratory_physio')].sort(),
    );
    expect((await manager.post(`/professionals/${p!.id}/edit`, form)).status).toBe(303);
    expect(await membersOf(p!.id)).toEqual([]);
  });

  it('a professional edits their own entry but not their services, nor anyone else’s', async () => {
    const [anne] = await t.db.db
      .select()
      .from(professionals)
      .where(eq(professionals.name, 'Dr Anne Le Goff'));
    const before = await membersOf(anne!.id);
    const page = await pro.agent.get(`/professionals/${anne!.id}/edit`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('name="serviceIds"');
    const form = {
      name: anne!.name,
      profession: anne!.profession,
      mobile: '+33 6 39 98 00 51',
      email: '',
      languages: ['fr', 'en'],
    };
    expect((await pro.post(`/professionals/${anne!.id}/edit`, form)).status).toBe(303);
    expect(
      (await t.db.db.select().from(professionals).where(eq(professionals.id, anne!.id)))[0],
    ).toMatchObject({ mobile: '+33639980051', languages: ['fr', 'en'] });

    expect(
      (
        await pro.post(`/professionals/${anne!.id}/edit`, {
          ...form,
          name: 'Dr Anne Autre',
          serviceIds: [serviceByKind.get('pharmacy')!],
        })
      ).status,
    ).toBe(403);
    expect(await membersOf(anne!.id)).toEqual(before);
    expect(
      (await t.db.db.select().from(professionals).where(eq(professionals.id, anne!.id)))[0]!.name,
    ).toBe('Dr Anne Le Goff');

    const bad = await pro.post(`/professionals/${anne!.id}/edit`, { ...form, mobile: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('n&#39;est pas un numéro valide');

    const [other] = await t.db.db
      .select()
      .from(professionals)
      .where(eq(professionals.name, 'Dr Yann Le Bihan'));
    expect((await pro.agent.get(`/professionals/${other!.id}/edit`)).status).toBe(403);
    expect(
      (await pro.post(`/professionals/${other!.id}/edit`, { ...form, name: 'Piraté' })).status,
    ).toBe(403);
    expect(
      (await t.db.db.select().from(professionals).where(eq(professionals.id, other!.id)))[0]!.name,
    ).toBe('Dr Yann Le Bihan');
  });
});
