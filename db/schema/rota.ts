import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { services, territories } from './territory.js';

/** A doctor, pharmacist, physiotherapist… reachable on their own mobile. */
export const professionals = pgTable('professionals', {
  id: uuid('id').primaryKey().defaultRandom(),
  territoryId: uuid('territory_id')
    .notNull()
    .references(() => territories.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  profession: text('profession').notNull(),
  /** E.164 mobile. */
  mobile: text('mobile').notNull(),
  email: text('email'),
  languages: text('languages')
    .array()
    .notNull()
    .default(sql`'{fr}'::text[]`),
  /** Secret token of the professional's own iCal feed. */
  icalToken: text('ical_token').notNull().unique(),
  active: boolean('active').notNull().default(true),
});

export const serviceMembers = pgTable(
  'service_members',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    professionalId: uuid('professional_id')
      .notNull()
      .references(() => professionals.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.professionalId] })],
);

/** A concrete shift; professional_id null while it is open (a gap). */
export const shifts = pgTable(
  'shifts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    professionalId: uuid('professional_id').references(() => professionals.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** 1 = primary, 2 = first backup… */
    level: integer('level').notNull().default(1),
    kind: text('kind', { enum: ['weeknight', 'saturday', 'sunday_holiday', 'christmas_newyear'] }),
    status: text('status', { enum: ['active', 'cancelled'] })
      .notNull()
      .default('active'),
    /** Bumped on every edit: iCal SEQUENCE, and the reminder jobs' identity. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('shifts_service_time').on(t.serviceId, t.startsAt),
    index('shifts_professional_time').on(t.professionalId, t.startsAt),
    check('shifts_end_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    check('shifts_level_positive', sql`${t.level} >= 1`),
  ],
);

/** Someone takes the calls of a shift for part of it. */
export const overrides = pgTable(
  'overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shiftId: uuid('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'cascade' }),
    professionalId: uuid('professional_id')
      .notNull()
      .references(() => professionals.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('overrides_end_after_start', sql`${t.endsAt} > ${t.startsAt}`)],
);

export const unavailabilities = pgTable(
  'unavailabilities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    professionalId: uuid('professional_id')
      .notNull()
      .references(() => professionals.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason'),
  },
  (t) => [check('unavailabilities_end_after_start', sql`${t.endsAt} > ${t.startsAt}`)],
);

/** offered → taken → approved | rejected; or cancelled while offered. */
export const swapRequests = pgTable(
  'swap_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shiftId: uuid('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'cascade' }),
    offeredBy: uuid('offered_by')
      .notNull()
      .references(() => professionals.id),
    takenBy: uuid('taken_by').references(() => professionals.id),
    status: text('status', { enum: ['offered', 'taken', 'approved', 'rejected', 'cancelled'] })
      .notNull()
      .default('offered'),
    /** Short code colleagues answer by SMS ("OUI 4821"). */
    code: text('code').notNull(),
    decidedBy: uuid('decided_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('swap_open_code')
      .on(t.code)
      .where(sql`${t.status} in ('offered', 'taken')`),
  ],
);
