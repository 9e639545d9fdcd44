import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { directoryEntries } from './directory.js';
import { territories } from './territory.js';

/**
 * A specialist of the directory offering advice to the territory's professionals by phone, in one
 * of their specialties (TRE_R38 code), on the professionals' line.
 */
export const adviceOffers = pgTable(
  'advice_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => directoryEntries.id, { onDelete: 'cascade' }),
    specialtyCode: text('specialty_code').notNull(),
    /** The number rung for this offer; null: the entry's direct line, else its mobile. */
    directLine: text('direct_line'),
    /** Hours the specialist has to call a GP back after an avis request. */
    deadlineHours: integer('deadline_hours').notNull().default(48),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('advice_offers_entry_specialty').on(t.entryId, t.specialtyCode),
    index('advice_offers_territory').on(t.territoryId),
  ],
);

/** A weekly window of an offer, in the territory's local wall-clock time. */
export const adviceWindows = pgTable(
  'advice_windows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => adviceOffers.id, { onDelete: 'cascade' }),
    /** ISO weekday: 1 Monday … 7 Sunday. */
    weekday: integer('weekday').notNull(),
    /** 'HH:MM', local time. */
    start: text('start').notNull(),
    /** 'HH:MM' after start, local time; '24:00' ends at midnight. */
    end: text('end').notNull(),
  },
  (t) => [index('advice_windows_offer').on(t.offerId)],
);

/** One ring of a specialist from the professionals' line: who asked whom, when, answered or not. */
export const adviceCalls = pgTable(
  'advice_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    /** The caller's call on the professionals' line, and which ring of it. */
    callSid: text('call_sid').notNull(),
    attempt: integer('attempt').notNull(),
    callerEntryId: uuid('caller_entry_id').references(() => directoryEntries.id, {
      onDelete: 'set null',
    }),
    specialistEntryId: uuid('specialist_entry_id').references(() => directoryEntries.id, {
      onDelete: 'set null',
    }),
    specialtyCode: text('specialty_code').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    answered: boolean('answered').notNull(),
  },
  (t) => [
    uniqueIndex('advice_calls_ring').on(t.callSid, t.attempt),
    index('advice_calls_territory_at').on(t.territoryId, t.at),
  ],
);

/** A request for advice nobody could take on the phone: a specialist calls the GP back. */
export const avisRequests = pgTable(
  'avis_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    /** The call it came from: one request per call, however often Twilio retries. */
    callSid: text('call_sid'),
    requesterEntryId: uuid('requester_entry_id').references(() => directoryEntries.id, {
      onDelete: 'set null',
    }),
    specialtyCode: text('specialty_code').notNull(),
    /** The specialists asked (each got the SMS); any of them may answer. */
    specialistEntryIds: uuid('specialist_entry_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    /** 'overdue' is also read as open past its deadline (requests are not swept). */
    status: text('status', { enum: ['open', 'answered', 'overdue', 'cancelled'] })
      .notNull()
      .default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredByEntryId: uuid('answered_by_entry_id').references(() => directoryEntries.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [
    uniqueIndex('avis_requests_call').on(t.callSid),
    index('avis_requests_territory_status').on(t.territoryId, t.status, t.deadline),
  ],
);
