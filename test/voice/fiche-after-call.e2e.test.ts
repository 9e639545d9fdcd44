import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callRecords, regulationFiches, smsMessages, territories } from '../../db/schema/index.js';
import { healthWordsIn } from '../../ivr-flows/prompts/health-words.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { loadLineContext } from '../../server/line/line-context.js';
import { startWorkers, type Workers } from '../../server/workers.js';
import { startLiveService, type LiveService } from '../support/live.js';
import { signedPost } from '../support/twilio-post.js';

/**
 * A real emulated call on a territory that is its own regulation platform (issue 17): the doctor
 * answers as régulateur, the call ends, the fiche opens and its link reaches the doctor's phone
 * by SMS; the link opens the fiche without a login.
 */
const line = '+33261910015';
// Tuesday 24 November 2026, 22:00 in Paris: PDSA hours.
const night = new Date('2026-11-24T21:00:00Z');
let s: LiveService;
let workers: Workers;
let primary: string;

beforeAll(async () => {
  s = await startLiveService({ now: night });
  await seedDemo(s.db.db, night);
  const [territory] = await s.db.db.select().from(territories);
  await s.db.db
    .update(territories)
    .set({
      regulationMode: 'plateforme',
      conventionRef: 'CONV-56-2026-01',
      conventionSignedOn: '2026-01-15',
      arsApprovedOn: '2026-02-01',
    })
    .where(eq(territories.id, territory!.id));
  primary = doctorContacts((await loadLineContext(s.db.db, line, night))!, night)[0]!.phone;
  workers = startWorkers(s.deps, ['sms']);
});
afterAll(async () => {
  await workers.close();
  await s.close();
});

describe('the end of a regulated call', () => {
  it('opens the fiche and texts the régulateur its link, which opens it', async () => {
    const call = await s.emulator.phone('+33612000091').dial(line);
    await call.hears(/tapez 1/i);
    await call.press('1');
    const ring = await s.emulator.phone(primary).rings();
    await ring.answer();
    await ring.press('1');
    await call.isConnectedTo(primary);
    await ring.hangup();
    await call.ended();

    const sms = await s.emulator.phone(primary).receives(/fiche de régulation à compléter/);
    expect(healthWordsIn(sms.body)).toEqual([]);
    expect(sms.body).not.toContain('+33612000091');
    const [record] = await s.db.db
      .select()
      .from(callRecords)
      .where(eq(callRecords.callSid, call.sid));
    const [fiche] = await s.db.db
      .select()
      .from(regulationFiches)
      .where(eq(regulationFiches.callId, record!.id));
    expect(fiche).toMatchObject({
      regulatorId: record!.connectedProfessionalId,
      completedAt: null,
    });

    // Twilio retries the status callback (or another instance gets it): nothing twice.
    const retried = await signedPost(
      s.app,
      s.url,
      s.deps.config.TWILIO_AUTH_TOKEN,
      '/twilio/status',
      {
        CallSid: call.sid,
        CallStatus: 'completed',
        CallDuration: '30',
        Direction: 'inbound',
        From: '+33612000091',
        To: line,
      },
    );
    expect(retried.status).toBe(204);
    const fiches = await s.db.db
      .select()
      .from(regulationFiches)
      .where(eq(regulationFiches.callId, record!.id));
    expect(fiches).toHaveLength(1);
    const texts = await s.db.db
      .select()
      .from(smsMessages)
      .where(and(eq(smsMessages.callSid, call.sid), eq(smsMessages.kind, 'fiche_link')));
    expect(texts).toHaveLength(1);

    const link = /https?:\/\/\S+/.exec(sms.body)![0];
    expect(link).toMatch(new RegExp(`/calls/${record!.id}/fiche\\?token=`));
    const page = await fetch(link, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="fiche-form"');
  });
});
