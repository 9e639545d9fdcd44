import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callbackRequests,
  smsMessages,
  smsOptOuts,
  swapRequests,
  auditLog,
  swapNotices,
} from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  aProfessional,
  aService,
  aShift,
  aTerritory,
  type Professional,
  type Shift,
} from '../support/factories.js';
import { signedPost } from '../support/twilio-post.js';
import { XMLParser } from 'fast-xml-parser';

const publicUrl = 'https://garde.test';
let t: TestApp;
let line: string;
/** Tonight's shift (the builders' default night) and the doctors of its service. */
let shift: Shift;
let owner: Professional;
let free: [Professional, Professional];
let busy: Professional;
const now = new Date('2026-11-24T10:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ publicUrl, now });
  const db = t.db.db;
  const territory = await aTerritory(db);
  line = territory.number;
  const doctors = await aService(db, territory);
  owner = await aProfessional(db, doctors);
  free = [await aProfessional(db, doctors), await aProfessional(db, doctors)];
  busy = await aProfessional(db, doctors);
  shift = await aShift(db, doctors, owner, { level: 1 });
  await aShift(db, doctors, busy, { level: 2 });
});
afterAll(() => t.close());

let n = 0;
async function text(from: string, body: string): Promise<string> {
  n += 1;
  const res = await signedPost(t.app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, '/twilio/sms', {
    MessageSid: `SM${String(n).padStart(32, '0')}`,
    From: from,
    To: line,
    Body: body,
    NumMedia: '0',
  });
  expect(res.status).toBe(200);
  const parsed = new XMLParser().parse(res.text) as { Response: { Message?: string } | '' };
  return typeof parsed.Response === 'object' ? (parsed.Response.Message ?? '') : '';
}

describe('inbound SMS', () => {
  it('STOP opts out of non-essential messages, START opts back in', async () => {
    expect(await text('+33611111111', 'stop')).toMatch(/ne recevrez plus/);
    expect(
      await t.db.db.select().from(smsOptOuts).where(eq(smsOptOuts.number, '+33611111111')),
    ).toHaveLength(1);
    expect(await text('+33611111111', 'START')).toMatch(/réactivés/);
    expect(
      await t.db.db.select().from(smsOptOuts).where(eq(smsOptOuts.number, '+33611111111')),
    ).toHaveLength(0);
  });

  it('anything else gets told how to reach help, never silence', async () => {
    expect(await text('+33622222222', "j'ai mal au ventre")).toMatch(/appelez ce numéro.*15/);
  });

  it('"2" to the follow-up creates a callback linked to the call', async () => {
    await t.db.db.insert(smsMessages).values({
      direction: 'outbound',
      kind: 'follow_up',
      toNumber: '+33633333333',
      fromNumber: line,
      body: 'x',
      callSid: 'CA-followed',
    });
    expect(await text('+33633333333', '2')).toMatch(/va vous rappeler/);
    const [cb] = await t.db.db
      .select()
      .from(callbackRequests)
      .where(eq(callbackRequests.patientNumber, '+33633333333'));
    expect(cb).toMatchObject({
      reason: 'follow_up_not_better',
      callSid: 'CA-followed',
      status: 'pending',
    });
  });

  it('"2" in a centre15 territory creates no callback: the patient is told to dial the 15', async () => {
    const c15 = await aTerritory(t.db.db, {
      regulationMode: 'centre15',
      regionalRegulationNumber: '15',
    });
    await t.db.db.insert(smsMessages).values({
      direction: 'outbound',
      kind: 'follow_up',
      toNumber: '+33633333334',
      fromNumber: c15.number,
      body: 'x',
      callSid: 'CA-followed-c15',
    });
    const res = await signedPost(t.app, publicUrl, t.deps.config.TWILIO_AUTH_TOKEN, '/twilio/sms', {
      MessageSid: 'SMcentre15000000000000000000000001',
      From: '+33633333334',
      To: c15.number,
      Body: '2',
      NumMedia: '0',
    });
    expect(res.text).toMatch(/appelez le 15/);
    expect(res.text).not.toMatch(/va vous rappeler/);
    expect(
      await t.db.db
        .select()
        .from(callbackRequests)
        .where(eq(callbackRequests.patientNumber, '+33633333334')),
    ).toEqual([]);
  });

  it('ECHANGE offers a shift to colleagues; the first OUI <code> takes it, the second is told it is gone', async () => {
    const offered = await text(owner.mobile, 'ECHANGE 24/11');
    // The colleague already on duty that night is not told: two free ones.
    expect(offered).toMatch(/proposée à 2 collègue/);
    const [swap] = await t.db.db
      .select()
      .from(swapRequests)
      .where(eq(swapRequests.shiftId, shift.id));
    // The SMS themselves are the notices' (test/planning/swap-notices.test.ts).
    const offers = await t.db.db
      .select()
      .from(swapNotices)
      .where(and(eq(swapNotices.kind, 'swap_offer'), eq(swapNotices.swapId, swap!.id)));
    expect(offers.map((o) => o.professionalId).sort()).toEqual(free.map((p) => p.id).sort());
    expect(offers.every((o) => o.channel === 'sms')).toBe(true);

    const [a, b] = free;
    expect(await text(a.mobile, `oui ${swap!.code}`)).toMatch(/Vous prenez la garde.*validation/);
    expect(await text(b.mobile, `OUI ${swap!.code}`)).toMatch(/déjà été prise/);
    const [after] = await t.db.db.select().from(swapRequests).where(eq(swapRequests.id, swap!.id));
    expect(after!.status).toBe('taken');
    const audits = await t.db.db.select().from(auditLog).where(eq(auditLog.entityId, swap!.id));
    expect(audits.map((x) => x.action).sort()).toEqual(['swap.offer', 'swap.take']);
  });
});
