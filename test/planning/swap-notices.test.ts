import { eq } from 'drizzle-orm';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsMessages, swapNotices, swapRequests, unavailabilities } from '../../db/schema/index.js';
import { startWorkers, type Workers } from '../../server/workers.js';
import { startMailbox } from '../access/mailbox.js';
import {
  aManager,
  aProfessional,
  aService,
  aShift,
  aTerritory,
  aUser,
  type AUser,
  type Professional,
  type Shift,
} from '../support/factories.js';
import { startLiveService, type LiveService } from '../support/live.js';
import { webLogin, type WebSession } from '../support/web-session.js';

// Swap notices with the real queue (Redis, BullMQ workers), the Twilio emulator and an SMTP server.
const line = '+33261910015';
const afternoon = new Date('2026-11-23T13:00:00Z'); // 14:00 in Paris
let s: LiveService;
let workers: Workers;
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let owner: Professional;
let free: Professional;
let emailed: Professional;
let onLeave: Professional;
let busy: Professional;
let manager: AUser;
let emailedAddress: string;
let ownerWeb: WebSession;
let freeWeb: WebSession;
let shifts: Shift[];

const noticesOf = (swapId: string) =>
  s.db.db.select().from(swapNotices).where(eq(swapNotices.swapId, swapId));
const mailsTo = (email: string) => mailbox.mails.filter((m) => m.to.includes(email));
const night = (day: number) => ({
  startsAt: new Date(`2026-11-${day}T19:00:00Z`),
  endsAt: new Date(`2026-11-${day + 1}T07:00:00Z`),
});

async function account(p: Professional) {
  const u = await aUser(s.db.db, 'professional', {
    territories: [{ id: p.territoryId }],
    professional: p,
  });
  return { user: u, web: await webLogin(s.app, u.user.email, u.password) };
}

async function offer(shift: Shift): Promise<string> {
  const res = await ownerWeb.post(`/me/shifts/${shift.id}/offer`);
  expect(res.status).toBeLessThan(400);
  const [swap] = await s.db.db
    .select()
    .from(swapRequests)
    .where(eq(swapRequests.shiftId, shift.id));
  return swap!.id;
}

beforeAll(async () => {
  mailbox = await startMailbox();
  s = await startLiveService({ now: afternoon, env: { SMTP_URL: mailbox.url } });
  workers = startWorkers(s.deps, ['reminders', 'sms']);
  const db = s.db.db;
  const territory = await aTerritory(db, { number: line });
  const doctors = await aService(db, territory);
  owner = await aProfessional(db, doctors);
  free = await aProfessional(db, doctors);
  emailed = await aProfessional(db, doctors);
  onLeave = await aProfessional(db, doctors);
  busy = await aProfessional(db, doctors);
  // Of the territory, not of the service: never offered its shifts.
  await aProfessional(db, await aService(db, territory, { kind: 'pharmacy' }));
  manager = await aManager(db, territory);
  shifts = [
    await aShift(db, doctors, owner, night(24)),
    await aShift(db, doctors, owner, night(26)),
    await aShift(db, doctors, owner, night(27)),
  ];
  await db.insert(unavailabilities).values({ professionalId: onLeave.id, ...night(24) });
  await aShift(db, doctors, busy, { ...night(24), level: 2 });
  ownerWeb = (await account(owner)).web;
  freeWeb = (await account(free)).web;
  // This colleague chooses, on the account page, offers by e-mail only.
  const mine = await account(emailed);
  emailedAddress = mine.user.user.email;
  const page = await mine.web.agent.get('/account');
  expect(page.text).toContain('Mes avis');
  const saved = await mine.web.post('/account/notices', {
    swap_offer: 'email',
    swap_taken: 'sms',
    swap_decided: 'sms',
  });
  expect(saved.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await workers.close();
  await s.close();
  await mailbox.close();
});

describe('swap notices', () => {
  let swapId: string;

  it('an offer reaches the colleagues free to take it, each by the channel they chose', async () => {
    swapId = await offer(shifts[0]!);
    const notices = await noticesOf(swapId);
    expect(notices.map((n) => [n.professionalId, n.channel]).sort()).toEqual(
      [
        [free.id, 'sms'],
        [emailed.id, 'email'],
      ].sort(),
    );
    await s.emulator.phone(free.mobile).receives(/Échange de garde proposé par .* OUI \d{6}/);
    await expect.poll(() => mailsTo(emailedAddress).length, { timeout: 8000 }).toBe(1);
    expect(mailsTo(emailedAddress)[0]!.text).toMatch(/propose sa garde/);
    // Not by SMS to the one who chose e-mail, nor anything to the one on leave or on duty then.
    for (const p of [emailed, onLeave, busy, owner])
      expect(s.emulator.messages({ to: p.mobile })).toHaveLength(0);
  });

  it('taking tells the offerer, and the manager who must approve (by e-mail: no mobile)', async () => {
    const res = await freeWeb.post(`/me/swaps/${swapId}/take`);
    expect(res.status).toBeLessThan(400);
    await s.emulator.phone(owner.mobile).receives(/prise par .*en attente de validation/);
    await expect.poll(() => mailsTo(manager.user.email).length, { timeout: 8000 }).toBe(1);
    expect(mailsTo(manager.user.email)[0]!.text).toMatch(/valider/);
  });

  it('approving tells the offerer and the taker', async () => {
    const res = await request(s.app)
      .post(`/api/swaps/${swapId}/approve`)
      .set('Authorization', `Bearer ${manager.token}`);
    expect(res.status).toBe(200);
    await s.emulator.phone(owner.mobile).receives(/échange validé/);
    await s.emulator.phone(free.mobile).receives(/échange validé/);
  });

  it('rejecting tells the offerer and the taker', async () => {
    const id = await offer(shifts[2]!);
    expect((await freeWeb.post(`/me/swaps/${id}/take`)).status).toBeLessThan(400);
    const res = await request(s.app)
      .post(`/api/swaps/${id}/reject`)
      .set('Authorization', `Bearer ${manager.token}`);
    expect(res.status).toBe(200);
    await s.emulator.phone(owner.mobile).receives(/échange refusé/);
    await s.emulator.phone(free.mobile).receives(/échange refusé/);
    const decided = (await noticesOf(id)).filter((n) => n.kind === 'swap_decided');
    expect(decided.map((n) => n.professionalId).sort()).toEqual([owner.id, free.id].sort());
  });

  it('an offer made in the quiet hours waits for 09:00: delayed, not dropped', async () => {
    s.setNow(new Date('2026-11-23T21:30:00Z')); // 22:30 in Paris
    const id = await offer(shifts[1]!);
    const [sms] = (await noticesOf(id)).filter((n) => n.channel === 'sms');
    expect(sms!.professionalId).toBe(free.id);
    expect(sms!.notBefore).toEqual(new Date('2026-11-24T08:00:00Z'));
    const job = await s.deps.jobs.queues.reminders.getJob(`notice-${sms!.id}`);
    expect(await job!.isDelayed()).toBe(true);
    expect(job!.delay).toBe(sms!.notBefore.getTime() - Date.parse('2026-11-23T21:30:00Z'));
    const texts = () =>
      s.db.db
        .select()
        .from(smsMessages)
        .where(eq(smsMessages.dedupeKey, `notice-${sms!.id}`));
    expect(await texts()).toHaveLength(0);
    // Morning comes: the job runs and the colleague gets the offer.
    s.setNow(new Date('2026-11-24T08:00:00Z'));
    await job!.promote();
    await s.emulator.phone(free.mobile).receives(/Échange de garde proposé.*jeudi 26/);
    expect(await texts()).toHaveLength(1);
  });
});
