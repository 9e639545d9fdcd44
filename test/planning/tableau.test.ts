import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDoctorTemplate } from '../../db/seed/demo-territory.js';
import { addDays, datesBetween, weekdayOf } from '../../rota/calendar/local-date.js';
import { wallClockToInstant } from '../../rota/local-time.js';
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
import { webLogin, type WebSession } from '../support/web-session.js';
import { professionalBearer } from './planning-world.js';

// Issue 15, point 7: the legal tableau de garde (R6315-2), its 45-day notice and the réalisé.
const zone = 'Europe/Paris';
const du = '2027-01-01';
const au = '2027-03-31';
const place = '3 rue de la Gare, 56400 Auray';
let t: TestApp;
let service: Service;
let doctors: Professional[];
let shifts: Shift[];
let bearer: string;
let web: WebSession;
const span = () => `service=${service.id}&du=${du}&au=${au}`;
const fr = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const nameOf = (id: string | null) => doctors.find((d) => d.id === id)?.name ?? 'à pourvoir';

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-20T10:00:00Z') });
  const db = t.db.db;
  const territory = await aTerritory(db, { name: "Pays d'Auray" });
  service = await aService(db, territory, {
    name: 'Médecins de garde',
    template: defaultDoctorTemplate,
  });
  doctors = [];
  for (const name of ['Dr Anne Le Gall', 'Dr Yves Kerbrat', 'Dr Émilie Tanguy'])
    doctors.push(await aProfessional(db, service, { name }));
  // Every night of the quarter, doctors in turn; every Sunday day; Saturday nights' backup open.
  shifts = [];
  for (const [i, day] of datesBetween(du, au).entries()) {
    const at = (d: string, h: string) => wallClockToInstant(d, h, zone);
    const put = (start: Date, end: Date, level: number, who: Professional | null) =>
      aShift(db, service, who, { startsAt: start, endsAt: end, level, kind: null });
    if (weekdayOf(day) === 'sun')
      shifts.push(await put(at(day, '08:00'), at(day, '20:00'), 1, doctors[(i + 1) % 3]!));
    shifts.push(await put(at(day, '20:00'), at(addDays(day, 1), '08:00'), 1, doctors[i % 3]!));
    if (weekdayOf(day) === 'sat')
      shifts.push(await put(at(day, '20:00'), at(addDays(day, 1), '08:00'), 2, null));
  }
  const manager = await aManager(db, territory);
  bearer = `Bearer ${manager.token}`;
  web = await webLogin(t.app, manager.user.email, manager.password);
  // The MMG's address, and the Sunday day shift done as home visits.
  const template = defaultDoctorTemplate.map((s) =>
    s.name === 'jour' ? { ...s, modality: 'visite' as const } : s,
  );
  const patched = await request(t.app)
    .patch(`/api/services/${service.id}`)
    .set('Authorization', bearer)
    .send({ place, template });
  expect(patched.status).toBe(200);
});
afterAll(() => t.close());

const tableauPage = async () => {
  const res = await web.agent.get('/tableau');
  expect(res.status).toBe(200);
  return res.text;
};

describe('tableau de garde', () => {
  it('refuses a period shorter than three months or inverted, and professionals', async () => {
    const badModality = await request(t.app)
      .patch(`/api/services/${service.id}`)
      .set('Authorization', bearer)
      .send({ modality: 'téléconsultation' });
    expect(badModality.status).toBe(400);
    const short = await web.post('/tableau/periodes', {
      service: service.id,
      du,
      au: '2027-03-30',
    });
    expect(short.status).toBe(400);
    expect(short.text).toContain('au moins trois mois');
    const inverted = await web.post('/tableau/periodes', { service: service.id, du: au, au: du });
    expect(inverted.status).toBe(400);
    const pdf = await request(t.app)
      .get(`/tableau/tableau.csv?service=${service.id}&du=${du}&au=2027-02-28`)
      .set('Authorization', bearer);
    expect(pdf.status).toBe(400);
    const pro = await professionalBearer(t.db.db, doctors[0]!.id, service.territoryId);
    const refused = await request(t.app)
      .get(`/tableau/tableau.pdf?${span()}`)
      .set('Authorization', pro);
    expect(refused.status).toBe(403);
    expect((await web.post('/tableau/periodes', { service: service.id, du, au })).status).toBe(303);
    expect(
      (
        await web.post('/tableau/periodes', {
          service: service.id,
          du: '2027-04-01',
          au: '2027-06-30',
        })
      ).status,
    ).toBe(303);
  });

  it("the quarter's PDF lists every slot: date, hours, doctor, modality, place", async () => {
    const res = await web.agent
      .get(`/tableau/tableau.pdf?${span()}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'tableau-')), 'tableau.pdf');
    writeFileSync(file, res.body as Buffer);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Tableau de garde');
    expect(text).toContain('Période du 01/01/2027 au 31/03/2027');
    const lines = text.split('\n');
    const rows = lines.filter((l) => /^\s*\S+ \d\d\/\d\d\/\d{4}\s/.test(l));
    expect(rows).toHaveLength(shifts.length);
    for (const s of shifts) {
      const date = fr(new Intl.DateTimeFormat('sv-SE', { timeZone: zone }).format(s.startsAt));
      const start = new Intl.DateTimeFormat('fr-FR', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
      }).format(s.startsAt);
      const line = rows.find(
        (l) => l.includes(date) && l.includes(start) && l.includes(nameOf(s.professionalId)),
      );
      expect(line, `${date} ${start} ${nameOf(s.professionalId)}`).toBeDefined();
    }
    expect(rows.find((l) => l.includes('08:00–20:00'))).toContain('Visite à domicile');
    expect(rows.find((l) => l.includes('20:00–08:00'))).toContain('Consultation à la MMG');
    expect(text).toContain(place);
  });

  it('CSV: `;`, a BOM, one line per slot with name, modality and place', async () => {
    const res = await web.agent.get(`/tableau/tableau.csv?${span()}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const lines = res.text.slice(1).trim().split('\n');
    expect(lines[0]).toBe(
      'territoire;service;date;debut;fin;date_fin;niveau;medecin;modalite;lieu',
    );
    expect(lines).toHaveLength(shifts.length + 1);
    expect(lines[1]).toBe(
      `Pays d'Auray;Médecins de garde;01/01/2027;20:00;08:00;02/01/2027;1;Dr Anne Le Gall;Consultation à la MMG;${place}`,
    );
    expect(lines.find((l) => l.includes(';08:00;20:00;'))).toContain('Visite à domicile');
    expect(lines.find((l) => l.includes(';2;'))).toContain('à pourvoir');
  });

  it('warns 45 days ahead until the period is marked sent', async () => {
    const before = await tableauPage();
    expect(before).toContain('commence dans 42 jours');
    expect(before).toContain("n'a pas été envoyé au conseil départemental de l'Ordre");
    // The next quarter is not due yet: its deadline is said, without a warning.
    expect(before).toContain('À envoyer avant le 15/02/2027');
    const sent = await web.post('/tableau/envoye', {
      service: service.id,
      du,
      au,
      envoyeLe: '2026-11-20',
    });
    expect(sent.status).toBe(303);
    const after = await tableauPage();
    expect(after).not.toContain('commence dans 42 jours');
    expect(after).toContain('Envoyé le 20/11/2026');
    const audit = await t.db.sql`select action from audit_log where entity = 'tableau_period'`;
    expect(audit.map((a) => a.action)).toContain('tableau.sent');
  });

  it('flags the changes made since it was sent', async () => {
    expect(await tableauPage()).toContain('Aucun');
    const changed = shifts[10]!;
    const other = doctors.find((d) => d.id !== changed.professionalId)!;
    const patch = await request(t.app)
      .patch(`/api/shifts/${changed.id}`)
      .set('Authorization', bearer)
      .send({ professionalId: other.id });
    expect(patch.status).toBe(200);
    const removed = shifts[20]!;
    const del = await request(t.app)
      .delete(`/api/shifts/${removed.id}`)
      .set('Authorization', bearer);
    expect(del.status).toBeLessThan(300);
    const added = await request(t.app).post('/api/shifts').set('Authorization', bearer).send({
      serviceId: service.id,
      professionalId: null,
      level: 2,
      startsAt: '2027-02-02T19:00:00Z',
      endsAt: '2027-02-03T07:00:00Z',
    });
    expect(added.status).toBe(201);
    const text = await tableauPage();
    expect(text).toContain("3 changements depuis l'envoi");
    expect(text).toContain(`Modifiée : `);
    expect(text).toContain(`→ ${other.name}`);
    expect(text).toContain('Supprimée : ');
    expect(text).toContain('Ajoutée : mardi 02/02/2027 20:00–08:00, niveau 2 : à pourvoir');
  });

  it('the réalisé, after the period, applies an override and a swap', async () => {
    const early = await web.agent.get(`/tableau/realise.csv?${span()}`);
    expect(early.status).toBe(409);
    // 10 February: the night's second half taken over by a colleague.
    const night = shifts.find(
      (s) =>
        s.level === 1 &&
        s.startsAt.getTime() === wallClockToInstant('2027-02-10', '20:00', zone).getTime(),
    )!;
    const replacing = doctors.find((d) => d.id !== night.professionalId)!;
    const override = await request(t.app)
      .post('/api/overrides')
      .set('Authorization', bearer)
      .send({
        shiftId: night.id,
        professionalId: replacing.id,
        startsAt: wallClockToInstant('2027-02-11', '00:00', zone).toISOString(),
        endsAt: night.endsAt.toISOString(),
      });
    expect(override.status).toBe(201);
    // 17 February: the holder offers the night, a colleague takes it, the manager approves.
    const swapped = shifts.find(
      (s) =>
        s.level === 1 &&
        s.startsAt.getTime() === wallClockToInstant('2027-02-17', '20:00', zone).getTime(),
    )!;
    const giver = doctors.find((d) => d.id === swapped.professionalId)!;
    const taker = doctors.find((d) => d.id !== giver.id)!;
    const offer = await request(t.app)
      .post('/api/swaps')
      .set('Authorization', await professionalBearer(t.db.db, giver.id, service.territoryId))
      .send({ shiftId: swapped.id });
    expect(offer.status).toBe(201);
    const take = await request(t.app)
      .post(`/api/swaps/${offer.body.id}/take`)
      .set('Authorization', await professionalBearer(t.db.db, taker.id, service.territoryId));
    expect(take.status).toBeLessThan(300);
    const approve = await request(t.app)
      .post(`/api/swaps/${offer.body.id}/approve`)
      .set('Authorization', bearer);
    expect(approve.status).toBeLessThan(300);

    t.setNow(new Date('2027-04-02T10:00:00Z'));
    const res = await web.agent.get(`/tableau/realise.csv?${span()}`);
    expect(res.status).toBe(200);
    const lines = res.text.slice(1).trim().split('\n');
    expect(lines[0]).toContain('medecin_prevu;medecin_ayant_assure;motif');
    const of = (date: string) =>
      lines.filter((l) => l.includes(`;${fr(date)};20:00;`) || l.includes(`;${fr(date)};00:00;`));
    const tenth = lines.filter(
      (l) => l.includes(';10/02/2027;20:00;00:00;') || l.includes(';11/02/2027;00:00;08:00;'),
    );
    expect(tenth).toHaveLength(2);
    expect(tenth[0]).toContain(
      `;${giverOrHolder(night)};${giverOrHolder(night)};conforme au tableau;`,
    );
    expect(tenth[1]).toContain(`;${nameOf(night.professionalId)};${replacing.name};remplacement;`);
    const seventeenth = of('2027-02-17').filter((l) => l.includes(';1;'));
    expect(seventeenth).toHaveLength(1);
    expect(seventeenth[0]).toContain(`;${giver.name};${taker.name};échange de garde;`);

    const pdf = await web.agent.get(`/tableau/realise.pdf?${span()}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });
});

const giverOrHolder = (s: Shift) => nameOf(s.professionalId);
