import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Wrong swap codes answered by SMS, per sender, in a window: shared by every instance so that
 * guessing "OUI 123456" is limited everywhere. The sender is an HMAC of the mobile, never the
 * number in clear.
 */
export const swapCodeAttempts = pgTable('swap_code_attempts', {
  senderKey: text('sender_key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  failures: integer('failures').notNull(),
});
