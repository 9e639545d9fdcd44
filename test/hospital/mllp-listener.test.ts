import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, hl7Messages } from '../../db/schema/index.js';
import { fixture } from './fixtures.js';
import { aStory, startHospitalFeed, type HospitalFeed } from './hospital-feed.js';
import { readAck, type MllpClient } from './mllp-client.js';

/**
 * The hospital feed end to end: the fixture messages over a real TCP connection to the MLLP
 * listener, a real PostgreSQL and the real queue (Redis). Each test tells its own story (visit
 * number, control ids) in one territory that allows the sender CHBA.
 */
let feed: HospitalFeed;
let hospital: MllpClient;

beforeAll(async () => {
  feed = await startHospitalFeed();
  hospital = await feed.connect();
});

afterAll(async () => {
  await feed?.close();
});

describe('the MLLP listener', () => {
  it('admits then discharges: ACK AA after each commit, the stay follows, notices are queued', async () => {
    const { visit, id } = aStory();
    const admitted = readAck(
      await hospital.send(fixture('a01-admission', { visit, controlId: id(1) })),
    );
    expect(admitted.MSA?.slice(1, 3)).toEqual(['AA', id(1)]);
    expect(admitted.MSH?.[8]).toBe('ACK^A01^ACK');
    expect(admitted.MSH?.[17]).toBe('8859/1');
    expect(admitted.ERR).toBeUndefined();
    const afterA01 = await feed.stayOf(visit);
    expect(afterA01).toMatchObject({
      status: 'admitted',
      territoryId: feed.territory.id,
      sendingFacility: 'CHBA',
      patientId: '00123456',
      gpRpps: '10001234567',
      gpEntryId: feed.gpEntryId,
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
    const afterA03 = await feed.stayOf(visit);
    expect(afterA03.status).toBe('discharged');
    expect(afterA03.dischargedAt?.toISOString()).toBe('2026-12-05T10:00:00.000Z');

    await feed.listener.idle();
    const movements = await feed.movementsOf(afterA03.id);
    expect(movements.map((m) => m.event).sort()).toEqual(['A01', 'A03']);
    const jobs = await feed.noticeJobs();
    for (const m of movements)
      expect(jobs.find((j) => j.data.movementId === m.id)?.data).toEqual({
        stayId: afterA03.id,
        movementId: m.id,
      });
    const audit = await feed.t.db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'hospital.adt-received'));
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('answers a repeat of MSH-10 with the same stored ACK and changes nothing', async () => {
    const { visit, id } = aStory();
    const message = fixture('a01-admission', { visit, controlId: id(1) });
    const first = await hospital.send(message);
    const again = await hospital.send(message);
    expect(again.equals(first)).toBe(true);
    await feed.listener.idle();
    const stay = await feed.stayOf(visit);
    const movements = await feed.movementsOf(stay.id);
    expect(movements).toHaveLength(1);
    expect((await feed.noticeJobs()).filter((j) => j.data.stayId === stay.id)).toHaveLength(1);
    const stored = await feed.t.db.db
      .select()
      .from(hl7Messages)
      .where(and(eq(hl7Messages.sendingFacility, 'CHBA'), eq(hl7Messages.controlId, id(1))));
    expect(stored).toHaveLength(1);
  });

  it('applies an A01 resent under a new MSH-10 (same ZBE-1) once: ACK AA, one movement, one notice', async () => {
    const { visit, id } = aStory();
    for (const controlId of [id(1), id(2)])
      expect(
        readAck(await hospital.send(fixture('a01-admission', { visit, controlId }))).MSA?.slice(
          1,
          3,
        ),
      ).toEqual(['AA', controlId]);
    await feed.listener.idle();
    const stay = await feed.stayOf(visit);
    expect((await feed.movementsOf(stay.id)).map((m) => m.event)).toEqual(['A01']);
    expect((await feed.noticeJobs()).filter((j) => j.data.stayId === stay.id)).toHaveLength(1);
  });

  it('keeps a repeat sent on two connections at once to one message and one movement', async () => {
    const { visit, id } = aStory();
    const message = fixture('a01-admission', { visit, controlId: id(1) });
    const other = await feed.connect();
    const [a, b] = await Promise.all([hospital.send(message), other.send(message)]);
    await other.close();
    expect(a.equals(b)).toBe(true);
    await feed.listener.idle();
    expect(await feed.movementsOf((await feed.stayOf(visit)).id)).toHaveLength(1);
  });

  it('cancels the admission on A11: the stay cancelled, the A01 movement marked, a notice queued', async () => {
    const { visit, id } = aStory();
    await hospital.send(fixture('a01-admission', { visit, controlId: id(1) }));
    const ack = readAck(
      await hospital.send(fixture('a11-cancel-admission', { visit, controlId: id(2) })),
    );
    expect(ack.MSA?.[1]).toBe('AA');
    await feed.listener.idle();
    const stay = await feed.stayOf(visit);
    expect(stay.status).toBe('cancelled');
    const movements = await feed.movementsOf(stay.id);
    const a01 = movements.find((m) => m.event === 'A01')!;
    const a11 = movements.find((m) => m.event === 'A11')!;
    expect(a01.cancelledAt).not.toBeNull();
    expect(a11.detail).toMatchObject({ cancels: a01.id });
    expect((await feed.noticeJobs()).some((j) => j.data.movementId === a11.id)).toBe(true);
  });

  it('follows leave, return and a cancelled discharge (A21, A22, A03, A13)', async () => {
    const { visit, id } = aStory();
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
      expect((await feed.stayOf(visit)).status).toBe(status);
    }
    const stay = await feed.stayOf(visit);
    expect(stay.dischargedAt).toBeNull();
    const a03 = (await feed.movementsOf(stay.id)).find((m) => m.event === 'A03')!;
    expect(a03.cancelledAt).not.toBeNull();
  });

  it('pre-admits on A05 with PV2-9 as a date', async () => {
    const { visit, id } = aStory();
    expect(
      readAck(await hospital.send(fixture('a05-pre-admission', { visit, controlId: id(1) })))
        .MSA?.[1],
    ).toBe('AA');
    const stay = await feed.stayOf(visit);
    expect(stay).toMatchObject({
      status: 'pre_admitted',
      patientFamilyName: 'LE GALL',
      unit: 'Chirurgie',
    });
    expect(stay.expectedDischargeAt?.toISOString()).toBe('2026-12-05T23:00:00.000Z');
  });

  it('reads ISO 8859-1 accents right and answers in ISO 8859-1', async () => {
    const { visit, id } = aStory();
    const message = fixture('a01-admission', { visit, controlId: id(1) });
    expect(message.includes(Buffer.from('LEFÈVRE', 'latin1'))).toBe(true);
    await hospital.send(message);
    expect(await feed.stayOf(visit)).toMatchObject({
      patientFamilyName: 'LEFÈVRE',
      patientGivenName: 'Hélène',
    });
    const [stored] = await feed.t.db.db
      .select()
      .from(hl7Messages)
      .where(eq(hl7Messages.controlId, id(1)));
    expect(stored!.raw).toContain('LEFÈVRE^Hélène');
  });

  it('reads UTF-8 when MSH-18 says UNICODE UTF-8, and answers in UTF-8', async () => {
    const { visit, id } = aStory();
    const ack = await hospital.send(fixture('a04-emergency-utf8', { visit, controlId: id(1) }));
    expect(readAck(ack, 'utf8').MSH?.[17]).toBe('UNICODE UTF-8');
    expect(await feed.stayOf(visit)).toMatchObject({
      status: 'admitted',
      patientFamilyName: 'LE DRÉAU',
      patientGivenName: 'Gwénaëlle',
      patientClass: 'E',
      unit: 'Urgences',
    });
  });
});
