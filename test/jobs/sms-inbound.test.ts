import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import {
  callbackRequests,
  professionals,
  shifts,
  smsMessages,
  smsOptOuts,
  swapRequests,
  auditLog,
} from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedPost } from '../support/twilio-post.js';
import { XMLParser } from 'fast-xml-parser';

const publicUrl = 'https://garde.test';
const line = '+33261910015';
let t: TestApp;
const now = new Date('2026-11-24T10:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ publicUrl, now });
  await seedDemo(t.db.db, now);
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

  it('ECHANGE offers a shift to colleagues; the first OUI <code> takes it, the second is told it is gone', async () => {
    const [shift] = await t.db.db
      .select()
      .from(shifts)
      .where(eq(shifts.level, 1))
      .orderBy(shifts.startsAt)
      .limit(1)
      .offset(5);
    const [owner] = await t.db.db
      .select()
      .from(professionals)
      .where(eq(professionals.id, shift!.professionalId!));
    const local = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      day: '2-digit',
      month: '2-digit',
    }).format(shift!.startsAt);
    const offered = await text(owner!.mobile, `ECHANGE ${local}`);
    const colleagues = Number(/proposée à (\d+) collègue/.exec(offered)?.[1]);
    expect(colleagues).toBeGreaterThan(1);
    const [swap] = await t.db.db
      .select()
      .from(swapRequests)
      .where(eq(swapRequests.shiftId, shift!.id));
    const offers = await t.db.db
      .select()
      .from(smsMessages)
      .where(and(eq(smsMessages.kind, 'swap_offer'), eq(smsMessages.direction, 'outbound')));
    expect(offers).toHaveLength(colleagues);
    expect(offers.map((o) => o.toNumber)).not.toContain(owner!.mobile);
    expect(offers[0]!.body).toContain(`OUI ${swap!.code}`);

    // Colleagues already on duty then are refused (tested in the API); take two who are free.
    const busy = new Set(
      (
        await t.db
          .sql`select p.mobile from shifts s join professionals p on p.id = s.professional_id
      where s.status = 'active' and s.starts_at < ${shift!.endsAt.toISOString()}::timestamptz and s.ends_at > ${shift!.startsAt.toISOString()}::timestamptz`
      ).map((r) => r.mobile as string),
    );
    const [a, b] = offers.map((o) => o.toNumber).filter((n) => !busy.has(n));
    expect(await text(a!, `oui ${swap!.code}`)).toMatch(/Vous prenez la garde.*validation/);
    expect(await text(b!, `OUI ${swap!.code}`)).toMatch(/déjà été prise/);
    const [after] = await t.db.db.select().from(swapRequests).where(eq(swapRequests.id, swap!.id));
    expect(after!.status).toBe('taken');
    const audits = await t.db.db.select().from(auditLog).where(eq(auditLog.entityId, swap!.id));
    expect(audits.map((x) => x.action).sort()).toEqual(['swap.offer', 'swap.take']);
  });
});
