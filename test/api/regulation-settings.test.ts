import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, territories } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aManager, aTerritory, aUser, type AUser, type Territory } from '../support/factories.js';
import { webLogin } from '../support/web-session.js';

// Issue 17: the regulation mode of a territory, by the API and by its page (one command).
const now = new Date('2026-11-24T21:00:00Z');
let t: TestApp;
let territory: Territory;
let manager: AUser;
let pro: AUser;

beforeAll(async () => {
  t = await createTestApp({ now });
  territory = await aTerritory(t.db.db, {
    regulationMode: 'centre15',
    conventionRef: null,
    conventionSignedOn: null,
    arsApprovedOn: null,
  });
  manager = await aManager(t.db.db, territory);
  pro = await aUser(t.db.db, 'professional', { territories: [territory] });
});
afterAll(() => t.close());

const patch = (body: Record<string, unknown>, who = manager) =>
  request(t.app)
    .patch(`/api/territories/${territory.id}`)
    .set('Authorization', `Bearer ${who.token}`)
    .send(body);
const row = async () =>
  (await t.db.db.select().from(territories).where(eq(territories.id, territory.id)))[0]!;
const convention = {
  conventionRef: 'CONV-SAMU56-2026-001',
  conventionSignedOn: '2026-03-02',
  arsApprovedOn: '2026-04-15',
};

describe('PATCH /api/territories/:id: the regulation mode', () => {
  it('refuses a plateforme without its convention, naming what is missing, and changes nothing', async () => {
    const res = await patch({ regulationMode: 'plateforme', conventionRef: 'CONV-1' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(
      /Plateforme interconnectée refusée sans la date de signature de la convention, la date d'approbation par l'ARS/,
    );
    expect(Object.keys(res.body.fields).sort()).toEqual(['arsApprovedOn', 'conventionSignedOn']);
    expect((await row()).regulationMode).toBe('centre15');
  });

  it('refuses an approval before the signature, or a date in the future', async () => {
    const early = await patch({ ...convention, arsApprovedOn: '2026-01-10' });
    expect(early.status).toBe(400);
    expect(early.body.fields.arsApprovedOn).toMatch(/avant sa signature/);
    const future = await patch({ ...convention, conventionSignedOn: '2026-11-25' });
    expect(future.status).toBe(400);
    expect(future.body.fields.conventionSignedOn).toMatch(/futur/);
  });

  it('refuses a CRRA number that is not a dialable number, and the retired settings.regulates', async () => {
    const short = await patch({ crraNumber: '15' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toMatch(/n'est pas un numéro valide/);
    const old = await patch({ settings: { regulates: true } });
    expect(old.status).toBe(400);
    expect(old.body.fields['settings.regulates']).toMatch(/regulationMode/);
  });

  it('enables a plateforme with its convention, in one audited write; a professional may not', async () => {
    expect((await patch({ regulationMode: 'plateforme', ...convention }, pro)).status).toBe(403);
    const res = await patch({
      regulationMode: 'plateforme',
      ...convention,
      crraNumber: '02 97 01 02 03',
    });
    expect(res.status).toBe(200);
    expect(await row()).toMatchObject({
      regulationMode: 'plateforme',
      crraNumber: '+33297010203',
      ...convention,
    });
    const audits = await t.db.db.select().from(auditLog).where(eq(auditLog.entityId, territory.id));
    expect(audits.map((a) => a.action)).toEqual(['territory.update']);
    // Clearing the convention of a plateforme is refused too.
    expect((await patch({ conventionRef: null })).status).toBe(400);
  });
});

describe('a territory migrated as a plateforme before its convention was entered', () => {
  it('two PATCHes at once (one clears the convention, one enables the plateforme): never a plateforme without it', async () => {
    for (let round = 0; round < 5; round += 1) {
      await t.db.db
        .update(territories)
        .set({ regulationMode: 'centre15', ...convention })
        .where(eq(territories.id, territory.id));
      const [clear, enable] = await Promise.all([
        patch({ conventionRef: null }),
        patch({ regulationMode: 'plateforme' }),
      ]);
      const after = await row();
      expect(after.regulationMode === 'plateforme' && after.conventionRef === null).toBe(false);
      expect([clear.status, enable.status]).toContain(200);
    }
    await t.db.db
      .update(territories)
      .set({
        regulationMode: 'centre15',
        conventionRef: null,
        conventionSignedOn: null,
        arsApprovedOn: null,
      })
      .where(eq(territories.id, territory.id));
  });

  it('keeps other edits open, and refuses any regulation change until the convention is there', async () => {
    const migrated = await aTerritory(t.db.db, {
      conventionRef: null,
      conventionSignedOn: null,
      arsApprovedOn: null,
    });
    const boss = await aManager(t.db.db, migrated);
    const edit = (body: Record<string, unknown>) =>
      request(t.app)
        .patch(`/api/territories/${migrated.id}`)
        .set('Authorization', `Bearer ${boss.token}`)
        .send(body);
    expect((await edit({ holdLimitSeconds: 240 })).status).toBe(200);
    expect((await edit({ crraNumber: '02 97 01 02 03' })).status).toBe(400);
    expect((await edit(convention)).status).toBe(200);
  });
});

describe('the Régulation page and the home page', () => {
  it('shows the mode on the home page, and the form refuses a plateforme without its convention', async () => {
    await t.db.db
      .update(territories)
      .set({
        regulationMode: 'centre15',
        conventionRef: null,
        conventionSignedOn: null,
        arsApprovedOn: null,
      })
      .where(eq(territories.id, territory.id));
    const web = await webLogin(t.app, manager.user.email, manager.password);
    expect((await web.agent.get('/')).text).toMatch(/Régulation :<\/strong> Centre 15 \(SAMU\)/);
    const form = await web.agent.get(`/territories/${territory.id}/regulation`);
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/value="centre15" checked/);

    const refused = await web.post(`/territories/${territory.id}/regulation`, {
      regulationMode: 'plateforme',
      conventionRef: 'CONV-2',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(
      /role="alert"[^>]*>Plateforme interconnectée refusée sans la date de signature/,
    );
    expect(refused.text).toMatch(/name="conventionSignedOn"[^>]*aria-invalid="true"/);
    expect((await row()).regulationMode).toBe('centre15');

    const saved = await web.post(`/territories/${territory.id}/regulation`, {
      regulationMode: 'plateforme',
      regionalRegulationNumber: '116117',
      ...convention,
    });
    expect(saved.status).toBe(303);
    expect((await row()).regionalRegulationNumber).toBe('116117');
    const home = (await web.agent.get('/')).text;
    expect(home).toMatch(
      /Plateforme interconnectée — convention CONV-SAMU56-2026-001 signée le 2 mars 2026, approuvée par l&#39;ARS le 15 avril 2026/,
    );
  });
});
