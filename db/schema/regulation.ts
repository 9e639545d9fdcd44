import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { callRecords } from './calls.js';
import { professionals } from './rota.js';
import { services, territories } from './territory.js';

/** What a régulateur decided (the fiche's decision; the ARS report counts them by kind). */
export const regulationDecisions = [
  'medical_advice',
  'mmg_consultation',
  'home_visit',
  'pharmacy',
  'samu_transfer',
  'emergency_department',
] as const;
export type RegulationDecision = (typeof regulationDecisions)[number];

/**
 * The fiche de régulation of a call a régulateur took (CSP R6315-3: calls and the regulator's
 * answers, prescriptions included, are traceable). Health data: PostgreSQL only, its own
 * retention. Opened empty when the call ends; completed by the régulateur; after 24 h it changes
 * only by addendum.
 */
export const regulationFiches = pgTable(
  'regulation_fiches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => callRecords.id, { onDelete: 'cascade' }),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    /** Who regulated: the professional who accepted the call. */
    regulatorId: uuid('regulator_id')
      .notNull()
      .references(() => professionals.id),
    /** One of a short list (ivr/regulation catalogue), plus free text. */
    reasonCode: text('reason_code'),
    reasonText: text('reason_text'),
    decision: text('decision', { enum: regulationDecisions }),
    prescription: boolean('prescription'),
    prescriptionText: text('prescription_text'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Set when the régulateur saves a complete fiche; null: unfinished (reminded, on the dashboard). */
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('regulation_fiches_call').on(t.callId),
    index('regulation_fiches_unfinished')
      .on(t.territoryId, t.createdAt)
      .where(sql`${t.completedAt} is null`),
    index('regulation_fiches_regulator').on(t.regulatorId, t.createdAt),
  ],
);

/** A correction of a fiche after its 24 hours: appended, never rewriting what was decided. */
export const ficheAddenda = pgTable(
  'fiche_addenda',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ficheId: uuid('fiche_id')
      .notNull()
      .references(() => regulationFiches.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => professionals.id),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('fiche_addenda_fiche').on(t.ficheId, t.createdAt)],
);

/**
 * A consultation at the maison médicale de garde booked by the régulateur: a slot of the
 * effecteur service's rota. The patient's number is kept to send the time and address and to
 * read their cancellation; no health detail here (the reason stays on the fiche).
 */
export const consultationBookings = pgTable(
  'consultation_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    /** The effecteur service (the MMG's consultation rota). */
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    callId: uuid('call_id').references(() => callRecords.id, { onDelete: 'set null' }),
    slotStartsAt: timestamp('slot_starts_at', { withTimezone: true }).notNull(),
    patientNumber: text('patient_number').notNull(),
    status: text('status', { enum: ['booked', 'cancelled', 'honoured', 'no_show'] })
      .notNull()
      .default('booked'),
    bookedBy: uuid('booked_by')
      .notNull()
      .references(() => professionals.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consultation_bookings_slot').on(t.serviceId, t.slotStartsAt),
    index('consultation_bookings_patient').on(t.patientNumber, t.status),
  ],
);
