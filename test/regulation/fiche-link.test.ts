import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, callRecords } from '../../db/schema/index.js';
import { healthWordsIn } from '../../ivr-flows/prompts/health-words.js';
import { openFicheAfterCall } from '../../server/regulation/fiches/commands.js';
import { handOverFicheOfCall } from '../../server/regulation/fiches/link-sms.js';
import { ficheLinkKey, signFicheLink } from '../../server/regulation/fiches/link-token.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aProfessional, aService, aTerritory } from '../support/factories.js';
import { ficheOf, ficheWorld, linkIn, smsOf, type FicheWorld } from './fiche-world.js';

/**
 * The fiche de régulation's opening and its SMS link (issue 17): one fiche per call a régulateur
 * took, the link sent once with no health word, refused when tampered, expired or another
 * doctor's, and the fiche completed through it without a login.
 */
const ended = new Date('2026-11-24T21:40:00Z');
let t: TestApp;
let w: FicheWorld;

beforeAll(async () => {
  t = await createTestApp({ now: ended });
  w = await ficheWorld(t.db.db);
});
afterAll(() => t.close());
beforeEach(() => t.setNow(ended));

describe('the end of a call a régulateur took', () => {
  it('opens one fiche, texts its link once (no health word) and queues the reminder for 2 h later', async () => {
    const call = await w.regulatedCall(ended);
    expect(await openFicheAfterCall(t.db.db, call.callSid, ended)).toBeNull();
    await handOverFicheOfCall(t.deps, call.callSid);
    await handOverFicheOfCall(t.deps, call.callSid);
    const sms = await smsOf(t.db.db, call.callSid, 'fiche_link');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.toNumber).toBe(w.regulator.mobile);
    expect(sms[0]!.body).toMatch(
      /fiche de régulation à compléter pour votre appel de 24\/11 22:34/,
    );
    expect(healthWordsIn(sms[0]!.body)).toEqual([]);
    expect(linkIn(sms[0]!.body)).toMatch(new RegExp(`^/calls/${call.callId}/fiche\\?token=`));
    const job = await t.deps.jobs.queues.reminders.getJob(`fiche-reminder-${call.ficheId}`);
    expect(job?.data).toEqual({ ficheId: call.ficheId });
    expect(job?.opts.delay).toBe(2 * 3600_000);
  });

  it('opens none for a centre 15 territory, a call nobody took, or a call still going on', async () => {
    const centre15 = await aTerritory(t.db.db, { regulationMode: 'centre15' });
    const doctor = await aProfessional(t.db.db, await aService(t.db.db, centre15));
    const cases = [
      { sid: 'CAnofiche0centre15', territoryId: centre15.id, pro: doctor.id, endedAt: ended },
      { sid: 'CAnofiche0nobody', territoryId: w.territory.id, pro: null, endedAt: ended },
      { sid: 'CAnofiche0ongoing', territoryId: w.territory.id, pro: w.regulator.id, endedAt: null },
    ];
    for (const c of cases) {
      await t.db.db.insert(callRecords).values({
        callSid: c.sid,
        territoryId: c.territoryId,
        fromNumber: '+33639987199',
        toNumber: w.territory.number,
        startedAt: new Date(ended.getTime() - 60_000),
        connectedProfessionalId: c.pro,
        endedAt: c.endedAt,
      });
      expect(await openFicheAfterCall(t.db.db, c.sid, ended), c.sid).toBeNull();
    }
  });
});

describe('the link of the SMS', () => {
  const linkOf = async (callSid: string) => {
    await handOverFicheOfCall(t.deps, callSid);
    return linkIn((await smsOf(t.db.db, callSid, 'fiche_link'))[0]!.body);
  };

  it('opens the fiche without a login, for its doctor, with the form', async () => {
    const call = await w.regulatedCall(ended);
    const res = await request(t.app).get(await linkOf(call.callSid));
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-testid="fiche-form"');
    expect(res.text).toContain('Dr Régulatrice Fiche');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('is refused (403, in French) when tampered, used on another call, expired or not the régulateur’s', async () => {
    const call = await w.regulatedCall(ended);
    const other = await w.regulatedCall(ended);
    const link = await linkOf(call.callSid);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const tampered = `${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`;
    const elsewhere = `/calls/${other.callId}/fiche?token=${token}`;
    const forColleague = signFicheLink(ficheLinkKey(t.deps.config), {
      ficheId: call.ficheId,
      professionalId: w.colleague.id,
      expiresAt: new Date(ended.getTime() + 3600_000),
    });
    const refusals: [string, RegExp][] = [
      [tampered, /n’est pas valable/],
      [elsewhere, /n’est pas valable/],
      [`/calls/${call.callId}/fiche?token=${forColleague}`, /envoyé à un autre médecin/],
    ];
    for (const [url, message] of refusals) {
      const res = await request(t.app).get(url);
      expect(res.status, url).toBe(403);
      expect(res.text).toMatch(message);
      expect(res.text).not.toContain('fiche-form');
    }
    const post = await request(t.app)
      .post(`/calls/${call.callId}/fiche/addenda`)
      .type('form')
      .send({ token: forColleague, text: 'tentative' });
    expect(post.status).toBe(403);
    t.setNow(new Date(ended.getTime() + 72 * 3600_000 + 1000));
    const late = await request(t.app).get(link);
    expect(late.status).toBe(403);
    expect(late.text).toMatch(/a expiré/);
  });

  it('completes the fiche: saved, audited without its content, refused when incomplete', async () => {
    const call = await w.regulatedCall(ended);
    const token = new URL(await linkOf(call.callSid), 'http://x').searchParams.get('token')!;
    const fields = {
      token,
      reasonCode: 'fievre',
      reasonText: '',
      decision: 'mmg_consultation',
      prescription: 'oui',
      prescriptionText: '',
      decidedAt: '2026-11-24T22:38',
    };
    const incomplete = await request(t.app)
      .post(`/calls/${call.callId}/fiche`)
      .type('form')
      .send(fields);
    expect(incomplete.status).toBe(400);
    expect(incomplete.text).toMatch(/Indiquez ce qui a été prescrit/);
    expect(incomplete.text).toContain('aria-invalid="true"');
    expect((await ficheOf(t.db.db, call.ficheId)).completedAt).toBeNull();

    const saved = await request(t.app)
      .post(`/calls/${call.callId}/fiche`)
      .type('form')
      .send({ ...fields, prescriptionText: 'paracétamol 1 g' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toMatch(/done=saved&token=/);
    const fiche = await ficheOf(t.db.db, call.ficheId);
    expect(fiche).toMatchObject({
      reasonCode: 'fievre',
      decision: 'mmg_consultation',
      prescription: true,
      prescriptionText: 'paracétamol 1 g',
      decidedAt: new Date('2026-11-24T21:38:00Z'),
      completedAt: ended,
    });
    const page = await request(t.app).get(saved.headers.location!);
    expect(page.text).toContain(`href="/calls/${call.callId}/consultation"`);
    expect(page.text).toContain('Fiche enregistrée');
    const [audit] = await t.db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, call.ficheId), eq(auditLog.action, 'fiche.complete')));
    expect(audit!.actorLabel).toBe('lien SMS : Dr Régulatrice Fiche');
    expect(JSON.stringify(audit!.after)).not.toMatch(/paracétamol|fievre/);
  });
});
