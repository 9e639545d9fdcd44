import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRecords, ficheAddenda, regulationFiches, territories } from '../../db/schema/index.js';
import { defaultTerritorySettings } from '../../db/schema/settings.js';
import { healthWordsIn } from '../../ivr-flows/prompts/health-words.js';
import { retentionPurge } from '../../server/platform/retention-purge-job.js';
import { handOverFicheOfCall } from '../../server/regulation/fiches/link-sms.js';
import { processJob } from '../../server/workers.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ficheWorld, linkIn, smsOf, type FicheWorld } from './fiche-world.js';

/**
 * The reminder of an unfinished fiche (job 'fiche-reminder', driven through the workers'
 * processJob with the app's clock moved on) and the fiches' own retention (issue 17).
 */
const ended = new Date('2026-11-24T21:40:00Z');
const hours = (n: number) => new Date(ended.getTime() + n * 3600_000);
let t: TestApp;
let w: FicheWorld;

beforeAll(async () => {
  t = await createTestApp({ now: ended });
  w = await ficheWorld(t.db.db);
});
afterAll(() => t.close());

const remind = (ficheId: string) =>
  processJob(t.deps, { name: 'fiche-reminder', data: { ficheId } });

describe('the reminder of an unfinished fiche', () => {
  it('texts the régulateur once, 2 h after the call, only while the fiche is unfinished', async () => {
    t.setNow(ended);
    const open = await w.regulatedCall(ended);
    const done = await w.regulatedCall(ended);
    await handOverFicheOfCall(t.deps, open.callSid);
    const job = await t.deps.jobs.queues.reminders.getJob(`fiche-reminder-${open.ficheId}`);
    expect(job?.opts.delay).toBe(2 * 3600_000);

    t.setNow(hours(1));
    expect(await remind(open.ficheId)).toBe('too-early');
    expect(await smsOf(t.db.db, open.callSid, 'fiche_reminder')).toHaveLength(0);

    t.setNow(hours(2));
    expect(await remind(open.ficheId)).toBe('sent');
    t.setNow(hours(3));
    await remind(open.ficheId);
    const sent = await smsOf(t.db.db, open.callSid, 'fiche_reminder');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.toNumber).toBe(w.regulator.mobile);
    expect(sent[0]!.body).toMatch(/n'est pas encore remplie/);
    expect(healthWordsIn(sent[0]!.body)).toEqual([]);
    // The reminder's link is a fresh one: it opens the fiche.
    expect((await request(t.app).get(linkIn(sent[0]!.body))).status).toBe(200);

    const put = await request(t.app)
      .put(`/api/fiches/${done.ficheId}`)
      .set('Authorization', `Bearer ${w.users.regulator.token}`)
      .send({ reasonCode: 'orl', decision: 'pharmacy', prescription: false });
    expect(put.status).toBe(200);
    expect(await remind(done.ficheId)).toBe('completed');
    expect(await smsOf(t.db.db, done.callSid, 'fiche_reminder')).toHaveLength(0);
    expect(await remind('00000000-0000-4000-8000-000000000000')).toBe('gone');
  });
});

describe('the retention of the fiches', () => {
  it('deletes fiches and addenda past regulationFichesDays; keeps a call while its fiche is kept', async () => {
    const now = new Date('2026-11-24T03:30:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    await t.db.db
      .update(territories)
      .set({
        settings: {
          ...defaultTerritorySettings,
          retention: {
            ...defaultTerritorySettings.retention,
            callRecordsDays: 30,
            regulationFichesDays: 400,
          },
        },
      })
      .where(eq(territories.id, w.territory.id));
    const old = await w.regulatedCall(daysAgo(401));
    const kept = await w.regulatedCall(daysAgo(100));
    await t.db.db
      .insert(ficheAddenda)
      .values({ ficheId: old.ficheId, authorId: w.regulator.id, text: 'addendum ancien' });
    await retentionPurge({ db: t.deps.db, now: () => now });
    const fiches = await t.db.db.select({ id: regulationFiches.id }).from(regulationFiches);
    expect(fiches.map((f) => f.id)).not.toContain(old.ficheId);
    expect(fiches.map((f) => f.id)).toContain(kept.ficheId);
    const addenda = await t.db.db
      .select()
      .from(ficheAddenda)
      .where(eq(ficheAddenda.ficheId, old.ficheId));
    expect(addenda).toEqual([]);
    const calls = await t.db.db.select({ sid: callRecords.callSid }).from(callRecords);
    expect(calls.map((c) => c.sid)).not.toContain(old.callSid);
    expect(calls.map((c) => c.sid)).toContain(kept.callSid);
  });
});
