import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.js';
import {
  directoryEntries,
  hl7Messages,
  hospitalStays,
  stayMovements,
} from '../../db/schema/index.js';

/**
 * Builders for the hospital's rows, written as the MLLP listener would leave them (a stay, an
 * ADT message and its movement), so the notice job is tested without the listener.
 */
let sequence = 7000;
const next = () => (sequence += 1);

export type Entry = typeof directoryEntries.$inferSelect;
export type Stay = typeof hospitalStays.$inferSelect;
export type Movement = typeof stayMovements.$inferSelect;

/** A directory entry of the territory (a GP by default), with a mobile and an MSSanté address. */
export async function aDirectoryEntry(
  db: Database,
  territory: { id: string },
  fields: Partial<typeof directoryEntries.$inferInsert> = {},
): Promise<Entry> {
  const n = next();
  const [row] = await db
    .insert(directoryEntries)
    .values({
      territoryId: territory.id,
      rpps: `100${n}0000`.slice(0, 11),
      civility: 'Dr',
      lastName: `Médecin${n}`,
      firstName: 'Claire',
      professionCode: '10',
      specialtyCodes: ['SM54'],
      mobile: `+3363998${n}`,
      mssante: `claire.medecin${n}@medecin.mssante.fr`,
      ...fields,
    })
    .returning();
  return row!;
}

/** A stay admitted on 24 November 2026, expected home on the 27th, its GP `gp` (null: none). */
export async function aStay(
  db: Database,
  territory: { id: string },
  gp: { id: string } | null,
  fields: Partial<typeof hospitalStays.$inferInsert> = {},
): Promise<Stay> {
  const n = next();
  const [row] = await db
    .insert(hospitalStays)
    .values({
      territoryId: territory.id,
      sendingFacility: 'CHU_DIJON',
      visitNumber: `V${n}`,
      patientId: `IPP${n}`,
      patientFamilyName: 'Lefèvre',
      patientGivenName: 'Héloïse',
      patientBirthDate: '1941-03-07',
      unit: 'Cardiologie B',
      status: 'admitted',
      admittedAt: new Date('2026-11-24T08:30:00Z'),
      expectedDischargeAt: new Date('2026-11-27T10:00:00Z'),
      gpRpps: '10001234567',
      gpEntryId: gp?.id ?? null,
      ...fields,
    })
    .returning();
  return row!;
}

/** An ADT movement of the stay, with the message it came in (received `receivedAt`). */
export async function aMovement(
  db: Database,
  stay: Stay,
  event: string,
  fields: Partial<typeof stayMovements.$inferInsert> & { receivedAt?: Date } = {},
): Promise<Movement> {
  const { receivedAt = new Date(), ...values } = fields;
  const controlId = `MSG${next()}${randomBytes(3).toString('hex')}`;
  const [message] = await db
    .insert(hl7Messages)
    .values({
      territoryId: stay.territoryId,
      sendingFacility: stay.sendingFacility,
      controlId,
      event,
      raw: `MSH|^~\\&|SIH|${stay.sendingFacility}|||20261124083000||ADT^${event}^ADT_A01|${controlId}|P|2.5`,
      ackCode: 'AA',
      ack: `MSA|AA|${controlId}`,
      receivedAt,
    })
    .returning();
  const [row] = await db
    .insert(stayMovements)
    .values({
      stayId: stay.id,
      messageId: message!.id,
      event,
      movementId: `MVT${next()}`,
      occurredAt: new Date('2026-11-24T08:30:00Z'),
      ...values,
    })
    .returning();
  return row!;
}
