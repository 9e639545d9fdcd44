import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  auditLog,
  directoryEntries,
  hl7Messages,
  hospitalStays,
  stayMovements,
} from '../../db/schema/index.js';
import { startHl7Listener, type Hl7Listener } from '../../server/hospital/hl7/listener.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aTerritory, type Territory } from '../support/factories.js';
import { fixture } from './fixtures.js';
import { connectMllp, readAck, type MllpClient } from './mllp-client.js';

/**
 * The hospital feed end to end: the fixture messages over a real TCP connection to the MLLP
 * listener, a real PostgreSQL and the real queue (Redis). Each test tells its own story on its
 * own visit number and control ids, in one territory that allows the sender CHBA.
 */
let t: TestApp;
let listener: Hl7Listener;
let hospital: MllpClient;
let territory: Territory;
let gpEntryId: string;
let sequence = 0;

const next = () => {
  sequence += 1;
  return { visit: `T${sequence}`, id: (n: number) => `T${sequence}-${n}` };
};
const stayOf = async (visit: string) =>
  (await t.db.db.select().from(hospitalStays).where(eq(hospitalStays.visitNumber, visit)))[0]!;
const movementsOf = (stayId: string) =>
  t.db.db.select().from(stayMovements).where(eq(stayMovements.stayId, stayId));
const noticeJobs = async () =>
  (await t.deps.jobs.queues.reminders.getJobs(['waiting', 'delayed', 'prioritized'])).filter(
    (job) => job.name === 'hospital-stay-notice',
  );

beforeAll(async () => {
  t = await createTestApp();
  territory = await aTerritory(t.db.db, { hl7Facilities: ['CHBA'] });
  const [entry] = await t.db.db
    .insert(directoryEntries)
    .values({
      territoryId: territory.id,
      nationalId: '810001234567',
      rpps: '10001234567',
      lastName: 'LE GOFF',
      firstName: 'Anne',
    })
    .returning();
  gpEntryId = entry!.id;
  listener = (await startHl7Listener(t.deps))!;
  hospital = await connectMllp(listener.port);
});

afterAll(async () => {
  await hospital?.close();
  await listener?.close(1000);
  await t?.close();
});

describe('the MLLP listener', () => {
  it('admits then discharges: ACK AA after each commit, the stay follows, notices are queued', async () => {
    const { visit, id } = next();
    const admitted = readAck(
      await hospital.send(fixture('a01-admission', { visit, controlId: id(1) })),
    );
    expect(admitted.MSA?.slice(1, 3)).toEqual(['AA', id(1)]);
    expect(admitted.MSH?.[8]).toBe('ACK^A01^ACK');
    expect(admitted.MSH?.[17]).toBe('8859/1');
    expect(admitted.ERR).toBeUndefined();
    const afterA01 = await stayOf(visit);
    expect(afterA01).toMatchObject({
      status: 'admitted',
      territoryId: territory.id,
      sendingFacility: 'CHBA',
      patientId: '00123456',
      gpRpps: '10001234567',
      gpEntryId,
      unit: 'Cardiologie',
      patientClass: 'I',
    });
    // 2026-11-29 08:25 in Paris (UTC+1); PV2-9 2026-12-05 12:00.
    expect(afterA01.admittedAt?.toISOString()).toBe('2026-11-29T07:25:00.000Z');
    expect(afterA01.expectedDischargeAt?.toISOString()).toBe('2026-12-05T11:00:00.000Z');

    const discharged = readAck(
      await hospital.send(fixture('a03-discharge', { visit, controlId: id(2) })),
    );
    expect(discharged.MSA?.[1]).toBe('AA');
    const afterA03 = await stayOf(visit);
    expect(afterA03.status).toBe('discharged');
    expect(afterA03.dischargedAt?.toISOString()).toBe('2026-12-05T10:00:00.000Z');

    await listener.idle();
    const movements = await movementsOf(afterA03.id);
    expect(movements.map((m) => m.event).sort()).toEqual(['A01', 'A03']);
    const jobs = await noticeJobs();
    for (const m of movements)
      expect(jobs.find((j) => j.data.movementId === m.id)?.data).toEqual({
        stayId: afterA03.id,
        movementId: m.id,
      });
    const audit = await t.db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'hospital.adt-received'));
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('answers a repeat of MSH-10 with the same stored ACK and changes nothing', async () => {
    const { visit, id } = next();
    const message = fixture('a01-admission', { visit, controlId: id(1) });
    const first = await hospital.send(message);
    const again = await hospital.send(message);
    expect(again.equals(first)).toBe(true);
    await listener.idle();
    const stay = await stayOf(visit);
    const movements = await movementsOf(stay.id);
    expect(movements).toHaveLength(1);
    expect((await noticeJobs()).filter((j) => j.data.stayId === stay.id)).toHaveLength(1);
    const stored = await t.db.db
      .select()
      .from(hl7Messages)
      .where(and(eq(hl7Messages.sendingFacility, 'CHBA'), eq(hl7Messages.controlId, id(1))));
    expect(stored).toHaveLength(1);
  });

  it('keeps a repeat sent on two connections at once to one message and one movement', async () => {
    const { visit, id } = next();
    const message = fixture('a01-admission', { visit, controlId: id(1) });
    const other = await connectMllp(listener.port);
    const [a, b] = await Promise.all([hospital.send(message), other.send(message)]);
    await other.close();
    expect(a.equals(b)).toBe(true);
    await listener.idle();
    expect(await movementsOf((await stayOf(visit)).id)).toHaveLength(1);
  });

  it('cancels the admission on A11: the stay cancelled, the A01 movement marked, a notice queued', async () => {
    const { visit, id } = next();
    await hospital.send(fixture('a01-admission', { visit, controlId: id(1) }));
    const ack = readAck(
      await hospital.send(fixture('a11-cancel-admission', { visit, controlId: id(2) })),
    );
    expect(ack.MSA?.[1]).toBe('AA');
    await listener.idle();
    const stay = await stayOf(visit);
    expect(stay.status).toBe('cancelled');
    const movements = await movementsOf(stay.id);
    const a01 = movements.find((m) => m.event === 'A01')!;
    const a11 = movements.find((m) => m.event === 'A11')!;
    expect(a01.cancelledAt).not.toBeNull();
    expect(a11.detail).toMatchObject({ cancels: a01.id });
    expect((await noticeJobs()).some((j) => j.data.movementId === a11.id)).toBe(true);
  });

  it('follows leave, return and a cancelled discharge (A21, A22, A03, A13)', async () => {
    const { visit, id } = next();
    const steps = [
      ['a01-admission', 'admitted'],
      ['a21-leave', 'on_leave'],
      ['a22-return', 'admitted'],
      ['a03-discharge', 'discharged'],
      ['a13-cancel-discharge', 'admitted'],
    ] as const;
    for (const [i, [name, status]] of steps.entries()) {
      expect(
        readAck(await hospital.send(fixture(name, { visit, controlId: id(i) }))).MSA?.[1],
      ).toBe('AA');
      expect((await stayOf(visit)).status).toBe(status);
    }
    const stay = await stayOf(visit);
    expect(stay.dischargedAt).toBeNull();
    const a03 = (await movementsOf(stay.id)).find((m) => m.event === 'A03')!;
    expect(a03.cancelledAt).not.toBeNull();
  });

  it('pre-admits on A05 with PV2-9 as a date', async () => {
    const { visit, id } = next();
    expect(
      readAck(await hospital.send(fixture('a05-pre-admission', { visit, controlId: id(1) })))
        .MSA?.[1],
    ).toBe('AA');
    const stay = await stayOf(visit);
    expect(stay).toMatchObject({
      status: 'pre_admitted',
      patientFamilyName: 'LE GALL',
      unit: 'Chirurgie',
    });
    expect(stay.expectedDischargeAt?.toISOString()).toBe('2026-12-05T23:00:00.000Z');
  });

  it('reads ISO 8859-1 accents right and answers in ISO 8859-1', async () => {
    const { visit, id } = next();
    const message = fixture('a01-admission', { visit, controlId: id(1) });
    expect(message.includes(Buffer.from('LEFÈVRE', 'latin1'))).toBe(true);
    await hospital.send(message);
    expect(await stayOf(visit)).toMatchObject({
      patientFamilyName: 'LEFÈVRE',
      patientGivenName: 'Hélène',
    });
    const [stored] = await t.db.db
      .select()
      .from(hl7Messages)
      .where(eq(hl7Messages.controlId, id(1)));
    expect(stored!.raw).toContain('LEFÈVRE^Hélène');
  });

  it('reads UTF-8 when MSH-18 says UNICODE UTF-8, and answers in UTF-8', async () => {
    const { visit, id } = next();
    const ack = await hospital.send(fixture('a04-emergency-utf8', { visit, controlId: id(1) }));
    expect(readAck(ack, 'utf8').MSH?.[17]).toBe('UNICODE UTF-8');
    expect(await stayOf(visit)).toMatchObject({
      status: 'admitted',
      patientFamilyName: 'LE DRÉAU',
      patientGivenName: 'Gwénaëlle',
      patientClass: 'E',
      unit: 'Urgences',
    });
  });
});

describe('what the listener refuses', () => {
  it('answers AE with ERR 101 at PID-3 for a malformed message, stores it, applies nothing', async () => {
    const { id } = next();
    const ack = readAck(await hospital.send(fixture('malformed-no-pid3', { controlId: id(1) })));
    expect(ack.MSA?.slice(1, 3)).toEqual(['AE', id(1)]);
    expect(ack.ERR?.[2]).toBe('PID^1^3');
    expect(ack.ERR?.[3]).toBe('101^Required field missing^HL70357');
    expect(ack.ERR?.[4]).toBe('E');
    expect(ack.ERR?.[8]).toMatch(/^Champ obligatoire absent : PID-1-3 .*\/ Required field missing/);
    const [stored] = await t.db.db
      .select()
      .from(hl7Messages)
      .where(eq(hl7Messages.controlId, id(1)));
    expect(stored).toMatchObject({ ackCode: 'AE', event: 'A01' });
    expect(
      await t.db.db
        .select()
        .from(hospitalStays)
        .where(eq(hospitalStays.visitNumber, 'V2611290004')),
    ).toEqual([]);
  });

  it('answers AR with ERR 201 for an event it does not apply', async () => {
    const { id } = next();
    const ack = readAck(await hospital.send(fixture('unknown-event-a08', { controlId: id(1) })));
    expect(ack.MSA?.slice(1, 3)).toEqual(['AR', id(1)]);
    expect(ack.ERR?.[3]).toBe('201^Unsupported event code^HL70357');
    expect(ack.ERR?.[8]).toContain('A08');
  });

  it('answers AR with ERR 204 to a facility no territory allows, and the repeat gets the same ACK', async () => {
    const { visit, id } = next();
    const message = fixture('a01-admission', {
      visit,
      controlId: id(1),
      facility: 'CHXX^999999999^M',
    });
    const first = await hospital.send(message);
    const ack = readAck(first);
    expect(ack.MSA?.slice(1, 3)).toEqual(['AR', id(1)]);
    expect(ack.ERR?.[2]).toBe('MSH^1^4');
    expect(ack.ERR?.[3]).toBe('204^Unknown key identifier^HL70357');
    expect(ack.ERR?.[8]).toContain('Établissement émetteur non autorisé : CHXX');
    expect((await hospital.send(message)).equals(first)).toBe(true);
    const stored = await t.db.db
      .select()
      .from(hl7Messages)
      .where(eq(hl7Messages.controlId, id(1)));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ territoryId: null, sendingFacility: 'CHXX', ackCode: 'AR' });
    expect(
      await t.db.db.select().from(hospitalStays).where(eq(hospitalStays.visitNumber, visit)),
    ).toEqual([]);
  });

  it('answers AE with ERR to a frame that is not HL7, and keeps the connection usable', async () => {
    const ack = readAck(await hospital.send(Buffer.from('HELLO|not hl7\r')));
    expect(ack.MSA?.[1]).toBe('AE');
    expect(ack.MSA?.[2] ?? '').toBe('');
    expect(ack.ERR?.[3]).toBe('100^Segment sequence error^HL70357');
    const { visit, id } = next();
    expect(
      readAck(await hospital.send(fixture('a05-pre-admission', { visit, controlId: id(1) })))
        .MSA?.[1],
    ).toBe('AA');
  });

  it('refuses a character set it does not read (ERR 103 at MSH-18)', async () => {
    const { id } = next();
    const message = Buffer.from(
      fixture('a05-pre-admission', { controlId: id(1) })
        .toString('latin1')
        .replace('|8859/1|', '|ISO IR87|'),
      'latin1',
    );
    const ack = readAck(await hospital.send(message));
    expect(ack.MSA?.[1]).toBe('AE');
    expect(ack.ERR?.slice(2, 4)).toEqual(['MSH^1^18', '103^Table value not found^HL70357']);
  });
});
