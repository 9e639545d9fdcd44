import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hl7Messages, hospitalStays, territories } from '../../db/schema/index.js';
import { fixture } from './fixtures.js';
import { aStory, startHospitalFeed, type HospitalFeed } from './hospital-feed.js';
import { readAck, type MllpClient } from './mllp-client.js';

/**
 * What the MLLP listener refuses, over a real TCP connection: AE or AR with an ERR segment
 * (HL7 table 0357), the message stored where it can be identified, nothing applied.
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

describe('what the listener refuses', () => {
  it('answers AE with ERR 101 at PID-3 for a malformed message, stores it, applies nothing', async () => {
    const { id } = aStory();
    const ack = readAck(await hospital.send(fixture('malformed-no-pid3', { controlId: id(1) })));
    expect(ack.MSA?.slice(1, 3)).toEqual(['AE', id(1)]);
    expect(ack.ERR?.[2]).toBe('PID^1^3');
    expect(ack.ERR?.[3]).toBe('101^Required field missing^HL70357');
    expect(ack.ERR?.[4]).toBe('E');
    expect(ack.ERR?.[8]).toMatch(/^Champ obligatoire absent : PID-1-3 .*\/ Required field missing/);
    const [stored] = await feed.t.db.db
      .select()
      .from(hl7Messages)
      .where(eq(hl7Messages.controlId, id(1)));
    expect(stored).toMatchObject({ ackCode: 'AE', event: 'A01' });
    expect(
      await feed.t.db.db
        .select()
        .from(hospitalStays)
        .where(eq(hospitalStays.visitNumber, 'V2611290004')),
    ).toEqual([]);
  });

  it('answers AR with ERR 201 for an event it does not apply', async () => {
    const { id } = aStory();
    const ack = readAck(await hospital.send(fixture('unknown-event-a08', { controlId: id(1) })));
    expect(ack.MSA?.slice(1, 3)).toEqual(['AR', id(1)]);
    expect(ack.ERR?.[3]).toBe('201^Unsupported event code^HL70357');
    expect(ack.ERR?.[8]).toContain('A08');
  });

  it('answers AR with ERR 204 to a facility no territory allows, stores nothing, and applies the resend once allowed', async () => {
    const { visit, id } = aStory();
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
    expect(readAck(await hospital.send(message)).MSA?.slice(1, 3)).toEqual(['AR', id(1)]);
    const stored = () =>
      feed.t.db.db
        .select()
        .from(hl7Messages)
        .where(eq(hl7Messages.controlId, id(1)));
    expect(await stored()).toEqual([]);
    expect(
      await feed.t.db.db.select().from(hospitalStays).where(eq(hospitalStays.visitNumber, visit)),
    ).toEqual([]);

    // The manager allows CHXX: the hospital's resend of the same MSH-10 is applied.
    await feed.t.db.db
      .update(territories)
      .set({ hl7Facilities: ['CHBA', 'CHXX'] })
      .where(eq(territories.id, feed.territory.id));
    expect(readAck(await hospital.send(message)).MSA?.slice(1, 3)).toEqual(['AA', id(1)]);
    expect(await stored()).toMatchObject([{ sendingFacility: 'CHXX', ackCode: 'AA' }]);
    expect((await feed.stayOf(visit)).territoryId).toBe(feed.territory.id);
  });

  it('answers AE with ERR to a frame that is not HL7, and keeps the connection usable', async () => {
    const ack = readAck(await hospital.send(Buffer.from('HELLO|not hl7\r')));
    expect(ack.MSA?.[1]).toBe('AE');
    expect(ack.MSA?.[2] ?? '').toBe('');
    expect(ack.ERR?.[3]).toBe('100^Segment sequence error^HL70357');
    const { visit, id } = aStory();
    expect(
      readAck(await hospital.send(fixture('a05-pre-admission', { visit, controlId: id(1) })))
        .MSA?.[1],
    ).toBe('AA');
  });

  it('refuses a character set it does not read (ERR 103 at MSH-18)', async () => {
    const { id } = aStory();
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
