import type { CallHandle } from '@gardeline/twilio-emulator';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.js';
import { callEvents, callRecords, territories } from '../../db/schema/index.js';
import { doctorContacts } from '../../server/line/contacts.js';
import { loadLineContext } from '../../server/line/line-context.js';
import { startCluster, type Cluster } from './cluster.js';

/** The demo line, at 22:00 on a Tuesday in Paris (PDSA hours): every process's clock starts there. */
export const line = '+33261910015';
export const night = new Date('2026-11-24T21:00:00Z');
const applicationError = /application error/i;

/** The demo territory on a two-instance cluster, and its on-duty contacts in order. */
export async function demoCluster(): Promise<{ c: Cluster; contacts: string[] }> {
  const c = await startCluster({
    // CLUSTER_INSTANCES=1 runs the same scenarios on one instance (a harness check).
    instances: Number(process.env.CLUSTER_INSTANCES ?? 2),
    now: night,
    seed: async (db) => {
      await seedDemo(db.db, night);
      // Emulated time runs ×0.02: a 3-minute hold limit is 3.6 s of real time, less than a
      // loaded machine may take to free the doctor. These tests are about who is offered the
      // held caller, not about the limit (test/voice/live-calls.e2e.test.ts): 30 minutes.
      await db.db.update(territories).set({ holdLimitSeconds: 1800 });
    },
  });
  const ctx = await loadLineContext(c.db.db, line, night);
  return { c, contacts: doctorContacts(ctx!, night).map((contact) => contact.phone) };
}

/** A patient calls, asks for the doctor, and the doctor accepts with a keypress: bridged. */
export async function bridge(c: Cluster, patient: string, doctor: string): Promise<CallHandle> {
  const call = await c.emulator.phone(patient).dial(line);
  await call.hears(/tapez 1/i);
  await call.press('1');
  await call.hears(/Nous appelons le médecin de garde/);
  const ring = await ringFor(c, doctor, call.sid);
  await ring.answer();
  await ring.hears(/appuyez sur 1 pour répondre/i);
  await ring.press('1');
  await call.isConnectedTo(doctor);
  return call;
}

/**
 * The ring of this patient's call on the doctor's phone; any other ring there (a callback the
 * worker places for an earlier test's caller) is declined.
 */
export async function ringFor(c: Cluster, doctor: string, callSid: string): Promise<CallHandle> {
  for (;;) {
    const ring = await c.emulator.phone(doctor).rings();
    if (ring.snapshot().parentCallSid === callSid) return ring;
    if (ring.status === 'ringing') await ring.decline();
  }
}

/** A patient asks for the doctor while they are with someone: offered to hold, and holds. */
export async function holds(c: Cluster, patient: string): Promise<CallHandle> {
  const call = await c.emulator.phone(patient).dial(line);
  await call.hears(/tapez 1/i);
  await call.press('1');
  // Either line: a patient rung through to a busy doctor fails here with what they heard.
  expect(await call.hears(/en ligne avec un autre patient|Nous appelons le médecin/)).toMatch(
    /en ligne avec un autre patient/,
  );
  await call.press('1');
  await call.hears(/Vous êtes le prochain patient/);
  return call;
}

/** The doctor, freed, is rung with the caller holding and takes them; their leg is returned. */
export async function takesHeldCaller(
  c: Cluster,
  doctor: string,
  held: CallHandle,
): Promise<CallHandle> {
  const offer = await c.emulator.phone(doctor).rings();
  await offer.answer();
  await offer.hears(/Un patient vous attend/);
  await offer.press('1');
  await held.isConnectedTo(doctor);
  return offer;
}

/** How many calls the emulator has placed to this phone so far. */
export const ringsOf = (c: Cluster, phone: string) =>
  c.emulator.calls().filter((call) => call.phone === phone && call.direction !== 'inbound').length;

export async function outcomeOf(c: Cluster, callSid: string): Promise<string | null | undefined> {
  const [r] = await c.db.db.select().from(callRecords).where(eq(callRecords.callSid, callSid));
  return r?.outcome;
}

/**
 * What a call left in the database, without what differs from call to call (ids, times, SIDs,
 * the caller's number): its record's status, outcome and professional, and its path as a sorted
 * list of events (status callbacks of two instances may interleave).
 */
export async function factsOf(c: Cluster, callSid: string) {
  const [record] = await c.db.db.select().from(callRecords).where(eq(callRecords.callSid, callSid));
  const events = await c.db.db.select().from(callEvents).where(eq(callEvents.callSid, callSid));
  return {
    record: record && {
      status: record.status,
      outcome: record.outcome,
      lang: record.lang,
      connectedProfessionalId: record.connectedProfessionalId,
      ended: record.endedAt !== null,
    },
    path: events.map((e) => `${e.kind} ${e.node ?? ''} ${e.professionalId ?? ''}`).sort(),
  };
}

/** Nobody heard Twilio's "application error", and Twilio logged no webhook error. */
export function expectNoApplicationError(c: Cluster): void {
  const heard = c.emulator
    .calls()
    .filter((call) => call.transcript.some((l) => applicationError.test(l)))
    .map((call) => `${call.sid} (${call.phone}): ${call.transcript.join(' | ')}`);
  const errors = c.emulator.errors().map((e) => `${e.code} ${e.message}`);
  expect(
    { heard, errors },
    heard.length || errors.length ? `nginx error log:\n${c.proxyErrors().slice(-3000)}` : '',
  ).toEqual({ heard: [], errors: [] });
}

/**
 * Between tests: every live call hung up (through Twilio's REST API, as a console would), every
 * phone back to manual answering, webhooks to every instance again. A failing test leaves no
 * caller holding into the next.
 */
export async function hangUpEverything(c: Cluster, phones: string[]): Promise<void> {
  await c.routeTo();
  for (const phone of phones) c.emulator.phone(phone).behave({ answer: 'manual' });
  const live = c.emulator
    .calls()
    .filter(
      (call) => !['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(call.status),
    );
  const auth = Buffer.from(`${c.emulator.accountSid}:${c.emulator.authToken}`).toString('base64');
  for (const call of live) {
    await fetch(
      `${c.emulator.url}/2010-04-01/Accounts/${c.emulator.accountSid}/Calls/${call.sid}.json`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${auth}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          Status: call.status === 'in-progress' ? 'completed' : 'canceled',
        }),
      },
    );
  }
  // Their status callbacks reach the service before the next test starts.
  if (live.length) await new Promise((r) => setTimeout(r, 500));
}
