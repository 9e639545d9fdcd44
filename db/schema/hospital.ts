import { sql } from 'drizzle-orm';
import {
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { directoryEntries } from './directory.js';
import { territories } from './territory.js';

/**
 * Every HL7 v2 message the MLLP listener accepted or refused, with the ACK it answered. A repeat
 * of (sending facility, MSH-10) gets the stored ACK again and changes nothing. Health data: kept
 * for the territory's hospital retention, never logged.
 */
export const hl7Messages = pgTable(
  'hl7_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').references(() => territories.id, { onDelete: 'cascade' }),
    sendingFacility: text('sending_facility').notNull(),
    controlId: text('control_id').notNull(),
    /** e.g. 'A01'; null when the message could not be read that far. */
    event: text('event'),
    raw: text('raw').notNull(),
    ackCode: text('ack_code', { enum: ['AA', 'AE', 'AR'] }).notNull(),
    ack: text('ack').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('hl7_messages_control').on(t.sendingFacility, t.controlId)],
);

/** A patient's stay in hospital, kept current by the ADT movements (IHE PAM France). */
export const hospitalStays = pgTable(
  'hospital_stays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    sendingFacility: text('sending_facility').notNull(),
    /** PV1-19, the visit number: one stay per (facility, visit). */
    visitNumber: text('visit_number').notNull(),
    /** PID-3: the hospital's patient identifier (IPP). */
    patientId: text('patient_id').notNull(),
    patientFamilyName: text('patient_family_name').notNull(),
    patientGivenName: text('patient_given_name').notNull().default(''),
    patientBirthDate: date('patient_birth_date', { mode: 'string' }),
    patientSex: text('patient_sex'),
    /** PV1-2: I inpatient, E emergency, O outpatient, R recurring… */
    patientClass: text('patient_class'),
    /** The unit / service (PV1-3, ZBE-7), as the hospital names it. */
    unit: text('unit'),
    status: text('status', {
      enum: ['pre_admitted', 'admitted', 'on_leave', 'discharged', 'cancelled'],
    }).notNull(),
    admittedAt: timestamp('admitted_at', { withTimezone: true }),
    /** PV2-9: expected discharge. */
    expectedDischargeAt: timestamp('expected_discharge_at', { withTimezone: true }),
    dischargedAt: timestamp('discharged_at', { withTimezone: true }),
    /** ROL ODRP: the médecin traitant's RPPS as the hospital sent it. */
    gpRpps: text('gp_rpps'),
    /** The médecin traitant found in the directory; null: the coordination's worklist. */
    gpEntryId: uuid('gp_entry_id').references(() => directoryEntries.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('hospital_stays_visit').on(t.sendingFacility, t.visitNumber),
    index('hospital_stays_gp').on(t.gpEntryId),
    index('hospital_stays_territory').on(t.territoryId, t.updatedAt),
  ],
);

/** One ADT movement applied to a stay (ZBE-1 movement id); a cancellation marks the one it cancels. */
export const stayMovements = pgTable(
  'stay_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stayId: uuid('stay_id')
      .notNull()
      .references(() => hospitalStays.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => hl7Messages.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** ZBE-1. */
    movementId: text('movement_id'),
    /** EVN-6 / ZBE-2: when the movement happened. */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('stay_movements_stay').on(t.stayId, t.occurredAt),
    // A hospital resending a movement under a new MSH-10 (same ZBE-1) must not apply it twice;
    // a cancelled one leaves room for the same movement sent again after its cancellation.
    uniqueIndex('stay_movements_zbe1')
      .on(t.stayId, t.event, t.movementId)
      .where(sql`${t.movementId} is not null and ${t.cancelledAt} is null`),
  ],
);
