import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Live-call facts when the service runs without Redis (the embedded default): which ring was
 * accepted, which professional is bridged to which call, where to reach them, which calls ended.
 * In PostgreSQL rather than in the process so that a crash of the embedded service loses no call:
 * after a restart a bridged doctor is still busy and the next webhook of the call still finds its
 * facts. Every row expires (`expires_at`); readers ignore expired rows, the reconciler purges them.
 * The primary key is the claim: one `bridge` row per professional.
 */
export const liveCallFacts = pgTable(
  'live_call_facts',
  {
    kind: text('kind', { enum: ['accepted', 'bridge', 'reach', 'ended'] }).notNull(),
    key: text('key').notNull(),
    /** For a bridge: the patient call, the professional's leg, since when. */
    value: jsonb('value').$type<Record<string, unknown>>().notNull().default({}),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.key] }),
    index('live_call_facts_expiry').on(t.expiresAt),
  ],
);
