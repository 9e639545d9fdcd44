import { sql } from 'drizzle-orm';
import {
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  date,
} from 'drizzle-orm/pg-core';
import type { ShiftTemplateSlot, TerritorySettings } from './settings.js';

/** Weights a territory set, by slot kind (rota/slot-weights.ts's `SlotKind`). */
export type SlotWeightsSetting = Partial<
  Record<
    | 'weeknight'
    | 'saturday_afternoon'
    | 'saturday_night'
    | 'sunday_holiday_day'
    | 'sunday_holiday_night'
    | 'christmas_newyear',
    number
  >
>;

/** A CPTS territory: one deployment serves many, each found by its called number. */
export const territories = pgTable('territories', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('Europe/Paris'),
  /** Staffed number rung when nobody on the rota accepts (E.164), e.g. the MMG desk. */
  fallbackNumber: text('fallback_number'),
  /** Daytime number for unscheduled care, said outside PDSA hours. */
  daytimeNumber: text('daytime_number'),
  /** Seconds a caller holds for the busy doctor before being escalated (backup, fallback, callback). */
  holdLimitSeconds: integer('hold_limit_seconds').notNull().default(180),
  /**
   * The fallback number is a staffed call centre (its agents cannot press 1): dialled without
   * keypress screening. Otherwise it is screened like a doctor, so a voicemail never takes a patient.
   */
  fallbackIsCallCentre: boolean('fallback_is_call_centre').notNull().default(false),
  settings: jsonb('settings').$type<TerritorySettings>().notNull(),
  /**
   * Weights per slot kind for fairness and auto-fill (rota/slot-weights.ts); a kind left out
   * takes the default weight.
   */
  slotWeights: jsonb('slot_weights').$type<SlotWeightsSetting>().notNull().default({}),
  /**
   * How a patient reaches the on-duty doctor (CSP R6315-3). 'centre15': the line warns, then
   * transfers to the CRRA's long number or tells the caller to dial the regional number; it never
   * rings a doctor. 'plateforme': the territory's own platform, interconnected with the CRRA under
   * a convention approved by the ARS; the on-duty doctor answers as régulateur.
   */
  regulationMode: text('regulation_mode', { enum: ['centre15', 'plateforme'] })
    .notNull()
    .default('centre15'),
  /** The CRRA's direct long number (E.164), dialled by the line and by a régulateur's hand-off. */
  crraNumber: text('crra_number'),
  /** The short regional regulation number a caller is told to dial (the platform cannot dial it). */
  regionalRegulationNumber: text('regional_regulation_number', { enum: ['15', '116117'] })
    .notNull()
    .default('15'),
  /** The interconnection convention with the SAMU's hospital: reference, signature, ARS approval. */
  conventionRef: text('convention_ref'),
  conventionSignedOn: date('convention_signed_on', { mode: 'string' }),
  arsApprovedOn: date('ars_approved_on', { mode: 'string' }),
  /** INSEE codes of the territory's communes: who of the national register practises here. */
  inseeCommunes: text('insee_communes')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** Hospital sending facilities (HL7 MSH-4) allowed to send this territory ADT messages. */
  hl7Facilities: text('hl7_facilities')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Public numbers of a territory (the Twilio numbers patients dial). */
export const territoryNumbers = pgTable('territory_numbers', {
  number: text('number').primaryKey(),
  territoryId: uuid('territory_id')
    .notNull()
    .references(() => territories.id, { onDelete: 'cascade' }),
  label: text('label'),
  /** Which line the number is: the patients' line, or the professionals' line (advice between professionals). */
  line: text('line', { enum: ['patient', 'professional'] })
    .notNull()
    .default('patient'),
});

/** Calendar data a manager confirms: ponts (proposed by the engine) and local extra days. */
export const calendarDays = pgTable(
  'calendar_days',
  {
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['pont', 'holiday'] }).notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.territoryId, t.day] })],
);

/** A pont the engine proposed and a manager declined: shown as refused, never as PDSA time. */
export const pontRefusals = pgTable(
  'pont_refusals',
  {
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    refusedAt: timestamp('refused_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.territoryId, t.day] })],
);

/** A rota of a territory: médecin de garde, pharmacie de garde, kiné respiratoire… */
export const services = pgTable('services', {
  id: uuid('id').primaryKey().defaultRandom(),
  territoryId: uuid('territory_id')
    .notNull()
    .references(() => territories.id, { onDelete: 'cascade' }),
  kind: text('kind', {
    enum: ['doctor', 'pharmacy', 'respiratory_physio', 'dentist', 'nurse'],
  }).notNull(),
  name: text('name').notNull(),
  /** How many escalation levels each PDSA period needs (1 = primary only). */
  requiredLevels: integer('required_levels').notNull().default(2),
  template: jsonb('template').$type<ShiftTemplateSlot[]>().notNull().default([]),
  /**
   * The service's own PDSA hours (rota/calendar/pdsa.ts ServiceHours). Saturday daytime:
   * 'territory' (12:00–20:00 where the region chose it), 'afternoon', 'day' (from 08:00), 'none'.
   */
  saturdayHours: text('saturday_hours', { enum: ['territory', 'afternoon', 'day', 'none'] })
    .notNull()
    .default('territory'),
  /** Nights: 'full' 20:00–08:00; 'evening' 20:00–00:00, 00:00–08:00 left to the régulation; 'none'. */
  nightHours: text('night_hours', { enum: ['full', 'evening', 'none'] })
    .notNull()
    .default('full'),
  /** Secret token of the service's iCal feed. */
  icalToken: text('ical_token').notNull().unique(),
  active: boolean('active').notNull().default(true),
  /** How its doctors work on the tableau de garde, unless a template slot says otherwise. */
  modality: text('modality', { enum: ['consultation', 'visite', 'regulation'] })
    .notNull()
    .default('consultation'),
  /** Where (the MMG's address), printed on the tableau de garde; null: the territory's name. */
  place: text('place'),
  /** An effecteur service's consultation slots: their length and how many patients each takes. */
  consultationSlotMinutes: integer('consultation_slot_minutes').notNull().default(15),
  consultationCapacity: integer('consultation_capacity').notNull().default(1),
});
