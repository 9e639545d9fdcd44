import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './access.js';
import { territories } from './territory.js';

/** Where an import reads an extraction file from: a file under the allowed directories, or a URL. */
export type ExtractionSource = { path: string } | { url: string };

/** What an import did: people created, updated, unchanged, marked gone, rows read. */
export interface DirectoryImportReport {
  created: number;
  updated: number;
  unchanged: number;
  gone: number;
  /** Of the updated: people marked gone before, back in this extraction. */
  returned: number;
  personRows: number;
  keptRows: number;
  savoirFaireRows: number;
  encoding: { person: string; savoirFaire: string | null };
}

/**
 * One run of the national register import for a territory (`server/directory/national/`):
 * asked by a manager (or the seed), run by the 'directory-import' job, its report read back.
 */
export const directoryImports = pgTable(
  'directory_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    personSource: jsonb('person_source').$type<ExtractionSource>().notNull(),
    savoirFaireSource: jsonb('savoir_faire_source').$type<ExtractionSource>(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    report: jsonb('report').$type<DirectoryImportReport>(),
    /** Why it failed, in words for the manager (no file content, no personal data). */
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('directory_imports_territory').on(t.territoryId, t.createdAt)],
);
