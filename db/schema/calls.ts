import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { professionals } from './rota.js';
import { services, territories } from './territory.js';

/** One row per call: who called, when, how it ended. The path is in call_events. */
export const callRecords = pgTable(
  'call_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callSid: text('call_sid').notNull().unique(),
    territoryId: uuid('territory_id').references(() => territories.id, { onDelete: 'set null' }),
    fromNumber: text('from_number').notNull(),
    toNumber: text('to_number').notNull(),
    callerHidden: boolean('caller_hidden').notNull().default(false),
    lang: text('lang').notNull().default('fr'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** When a professional accepted the call (screening keypress). */
    connectedAt: timestamp('connected_at', { withTimezone: true }),
    connectedProfessionalId: uuid('connected_professional_id').references(() => professionals.id),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    durationSeconds: integer('duration_seconds'),
    status: text('status').notNull().default('in-progress'),
    outcome: text('outcome', {
      enum: [
        'connected',
        'callback',
        'closed_hours',
        'hung_up_after_warning',
        'abandoned',
        'call_15_first',
        'pharmacy_info',
        'fallback',
      ],
    }),
  },
  (t) => [
    index('call_records_territory_started').on(t.territoryId, t.startedAt),
    // /metrics counts the last day's calls of every territory at each scrape.
    index('call_records_started').on(t.startedAt),
  ],
);

/** The path of a call: menu nodes, contacts rung and their result, acceptance, outcome. */
export const callEvents = pgTable(
  'call_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    callSid: text('call_sid').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    node: text('node'),
    professionalId: uuid('professional_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    /** Twilio retries a webhook: the same step must not be recorded twice. */
    dedupeKey: text('dedupe_key'),
  },
  (t) => [
    index('call_events_call').on(t.callSid, t.at),
    uniqueIndex('call_events_dedupe').on(t.dedupeKey),
  ],
);

/**
 * A patient to call back. It is the source of truth: the queue job is derived from it,
 * so a callback survives Redis being down (enqueued_at null = still to enqueue).
 */
export const callbackRequests = pgTable(
  'callback_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'set null' }),
    callSid: text('call_sid'),
    patientNumber: text('patient_number').notNull(),
    lang: text('lang').notNull().default('fr'),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'in_progress', 'done', 'failed', 'cancelled'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    assignedProfessionalId: uuid('assigned_professional_id').references(() => professionals.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    dueBy: timestamp('due_by', { withTimezone: true }).notNull(),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    // One pending callback per patient number and territory.
    uniqueIndex('callback_one_open_per_patient')
      .on(t.territoryId, t.patientNumber)
      .where(sql`${t.status} in ('pending', 'in_progress')`),
  ],
);

/** Every SMS in and out, with Twilio's delivery status. Bodies never carry health details. */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').references(() => territories.id, { onDelete: 'set null' }),
    direction: text('direction', { enum: ['outbound', 'inbound'] }).notNull(),
    kind: text('kind').notNull(),
    toNumber: text('to_number').notNull(),
    fromNumber: text('from_number').notNull(),
    body: text('body').notNull(),
    twilioSid: text('twilio_sid').unique(),
    status: text('status').notNull().default('queued'),
    errorCode: integer('error_code'),
    callSid: text('call_sid'),
    /** One message per purpose (e.g. one reminder per shift version): a retried job cannot send twice. */
    dedupeKey: text('dedupe_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sms_messages_to').on(t.toNumber, t.createdAt)],
);

/** Numbers that answered STOP to a territory number: no non-essential SMS. */
export const smsOptOuts = pgTable('sms_opt_outs', {
  number: text('number').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Each outgoing call a callback makes (to a professional, then to the patient). The unique
 * (callback, attempt) claim is what keeps a retried or restarted job from ringing twice.
 */
export const callbackAttempts = pgTable(
  'callback_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callbackId: uuid('callback_id')
      .notNull()
      .references(() => callbackRequests.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    /** Index in the ordered on-duty contacts rung for this attempt. */
    contactIndex: integer('contact_index').notNull().default(0),
    professionalId: uuid('professional_id').references(() => professionals.id),
    callSid: text('call_sid'),
    /** placing → ringing → accepted → patient_answered | patient_no_answer | declined | failed */
    status: text('status').notNull().default('placing'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('callback_attempt_once').on(t.callbackId, t.attempt, t.contactIndex)],
);
