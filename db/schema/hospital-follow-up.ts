import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './access.js';
import { directoryEntries } from './directory.js';
import { hospitalStays, stayMovements } from './hospital.js';
import { territories } from './territory.js';

/** What a notice tells its recipient. */
export const stayNoticeKinds = [
  'admission',
  'discharge_expected',
  'discharge',
  /** A discharge announced then cancelled (A13): the patient is still in hospital. */
  'correction',
  /** An admission announced then cancelled (A11): forget the first message. */
  'withdrawal',
  /** A return-home item given to the recipient. */
  'assignment',
] as const;
export type StayNoticeKind = (typeof stayNoticeKinds)[number];

/** pending: to send; sent; skipped: nothing to send by (no address, opted out); failed: given up. */
export const deliveryStatuses = ['pending', 'sending', 'sent', 'skipped', 'failed'] as const;

/**
 * One notice of a stay to one directory entry: an MSSanté e-mail with the details and an SMS that
 * only says there is news. `dedupe_key` makes a repeated job (or sweep) write the same row, so each
 * channel goes once. The body is composed at delivery from the stay, never stored.
 */
export const stayNotices = pgTable(
  'stay_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stayId: uuid('stay_id')
      .notNull()
      .references(() => hospitalStays.id, { onDelete: 'cascade' }),
    movementId: uuid('movement_id').references(() => stayMovements.id, { onDelete: 'cascade' }),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    recipientEntryId: uuid('recipient_entry_id')
      .notNull()
      .references(() => directoryEntries.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: stayNoticeKinds }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    emailStatus: text('email_status', { enum: deliveryStatuses }).notNull().default('pending'),
    emailClaimedAt: timestamp('email_claimed_at', { withTimezone: true }),
    emailSentAt: timestamp('email_sent_at', { withTimezone: true }),
    smsStatus: text('sms_status', { enum: deliveryStatuses }).notNull().default('pending'),
    smsId: uuid('sms_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stay_notices_dedupe').on(t.dedupeKey),
    index('stay_notices_stay').on(t.stayId),
    index('stay_notices_recipient').on(t.recipientEntryId),
  ],
);

/**
 * Each ADT movement the notice job has dealt with (notices written, checklist updated). A movement
 * missing here after a while was never handed to the job (the queue was down): the sweep does it.
 */
export const noticedMovements = pgTable('noticed_movements', {
  movementId: uuid('movement_id')
    .primaryKey()
    .references(() => stayMovements.id, { onDelete: 'cascade' }),
  /** notified, worklist (no GP in the directory), opted_out, nothing (a movement with no notice). */
  outcome: text('outcome').notNull(),
  noticedAt: timestamp('noticed_at', { withTimezone: true }).notNull().defaultNow(),
});

export const returnHomeItemKinds = [
  'home_nursing',
  'meal_delivery',
  'discharge_prescription',
  'pharmacy',
  'prado',
  'other',
] as const;
export type ReturnHomeItemKind = (typeof returnHomeItemKinds)[number];

/** The return-home checklist of a stay: one row per thing to organise before the patient is home. */
export const returnHomeItems = pgTable(
  'return_home_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stayId: uuid('stay_id')
      .notNull()
      .references(() => hospitalStays.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: returnHomeItemKinds }).notNull(),
    /** Free words for an 'other' item, or a precision (e.g. the pharmacy's name). */
    label: text('label').notNull().default(''),
    /** A professional or a structure of the directory. */
    assigneeEntryId: uuid('assignee_entry_id').references(() => directoryEntries.id, {
      onDelete: 'set null',
    }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** True while the due date is the stay's expected discharge (it moves with it). */
    dueFollowsStay: boolean('due_follows_stay').notNull().default(true),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('return_home_items_stay').on(t.stayId),
    index('return_home_items_assignee').on(t.assigneeEntryId),
  ],
);
