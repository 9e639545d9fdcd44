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
import type { TableauSlot } from '../../rota/tableau.js';
import { users } from './access.js';
import { services, territories } from './territory.js';

/**
 * A period of the tableau de garde (CSP R6315-2: at least three months) of one service, and
 * whether it went to the conseil départemental de l'Ordre: when, by whom, and what was sent, so
 * that the changes made since can be shown.
 */
export const tableauPeriods = pgTable(
  'tableau_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    /** First and last local days of the period, both included. */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** The day the manager says it was sent to the Ordre; null while not sent. */
    sentOn: date('sent_on', { mode: 'string' }),
    sentBy: uuid('sent_by').references(() => users.id, { onDelete: 'set null' }),
    sentByLabel: text('sent_by_label'),
    /** The slots as sent (the tableau at the time it was marked sent). */
    snapshot: jsonb('snapshot').$type<TableauSlot[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tableau_periods_service_span').on(t.serviceId, t.startsOn, t.endsOn),
    index('tableau_periods_territory').on(t.territoryId, t.startsOn),
  ],
);
