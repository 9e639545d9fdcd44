import { boolean, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './access.js';
import { professionals, swapRequests } from './rota.js';
import { territories } from './territory.js';

/** The notices a person may receive about swaps. */
export const noticeKinds = ['swap_offer', 'swap_taken', 'swap_decided', 'swap_to_approve'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/**
 * How a user wants each kind of notice: no row means the default (SMS on, e-mail off).
 */
export const noticePreferences = pgTable(
  'notice_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: noticeKinds }).notNull(),
    sms: boolean('sms').notNull().default(true),
    email: boolean('email').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * The outbox of swap notices: written in the transaction of the swap write, handed to the queue
 * after the commit (`enqueued_at`), delivered no earlier than `not_before` (quiet hours). The
 * recipient is a professional or a user (a manager); the body is composed at delivery.
 */
export const swapNotices = pgTable(
  'swap_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    swapId: uuid('swap_id')
      .notNull()
      .references(() => swapRequests.id, { onDelete: 'cascade' }),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: noticeKinds }).notNull(),
    /** What happened: offered, taken, approved, rejected. */
    event: text('event').notNull(),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    professionalId: uuid('professional_id').references(() => professionals.id, {
      onDelete: 'cascade',
    }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** sent, stale (the swap moved on before a delayed offer went), no_address. */
    outcome: text('outcome'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('swap_notices_swap').on(t.swapId), index('swap_notices_outbox').on(t.enqueuedAt)],
);
