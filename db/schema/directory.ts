import { sql } from 'drizzle-orm';
import {
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
import { territories } from './territory.js';

/**
 * One person of the territory's shared directory (annuaire): a professional of the national
 * register (RPPS, Annuaire Santé) practising in the territory's communes, or one added locally.
 * National fields are overwritten by each import; local fields (mobile, direct line, MSSanté,
 * visibility, opt-ins) are never touched by an import.
 */
export const directoryEntries = pgTable(
  'directory_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id')
      .notNull()
      .references(() => territories.id, { onDelete: 'cascade' }),
    // National fields, from the register.
    /** Identification nationale PP: '8' + the 11-digit RPPS number; null for a local entry. */
    nationalId: text('national_id'),
    rpps: text('rpps'),
    civility: text('civility'),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull().default(''),
    /** TRE_G15 profession code (10 médecin, 60 infirmier…). */
    professionCode: text('profession_code'),
    /** TRE_R38 savoir-faire codes (SM54 médecine générale, SM48 rhumatologie…). */
    specialtyCodes: text('specialty_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Hash of the national fields and places last imported: an unchanged row is not rewritten. */
    nationalHash: text('national_hash'),
    importedAt: timestamp('imported_at', { withTimezone: true }),
    /** Set when the person is no longer in the extraction: marked, never deleted. */
    goneAt: timestamp('gone_at', { withTimezone: true }),
    // Local fields, kept across imports.
    mobile: text('mobile'),
    directLine: text('direct_line'),
    mssante: text('mssante'),
    /** 'professionals': listed for the territory's professionals; 'hidden': managers only. */
    visibility: text('visibility', { enum: ['professionals', 'hidden'] })
      .notNull()
      .default('professionals'),
    /** What the person agreed to (e.g. { hospitalNotices: true }). */
    optIns: jsonb('opt_ins').$type<Record<string, boolean>>().notNull().default({}),
    /** The on-call professional (and so the login) this person is, when they have one. */
    professionalId: uuid('professional_id').references(() => professionals.id, {
      onDelete: 'set null',
    }),
    /**
     * Lower-case, accent-free words of names, profession, specialties, communes and structures
     * (`server/directory/national/search-text.ts`), searched with pg_trgm.
     */
    searchText: text('search_text').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('directory_entries_national').on(t.territoryId, t.nationalId),
    uniqueIndex('directory_entries_professional').on(t.professionalId),
    index('directory_entries_rpps').on(t.rpps),
    index('directory_entries_mobile').on(t.mobile),
    // The migration creates the pg_trgm extension first (hand-written line at its top).
    index('directory_entries_search').using('gin', t.searchText.op('gin_trgm_ops')),
    // The directory's filters alone (a specialty, a profession) without search words.
    index('directory_entries_specialties').using('gin', t.specialtyCodes),
    index('directory_entries_profession').on(t.territoryId, t.professionCode),
  ],
);

/** A place where a directory entry practises (the register has one row per person × place). */
export const directoryPlaces = pgTable(
  'directory_places',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => directoryEntries.id, { onDelete: 'cascade' }),
    /** Order within the entry, as in the register. */
    position: integer('position').notNull().default(0),
    structureName: text('structure_name'),
    /** SIRET / FINESS / identifiant technique de la structure, when the register gives one. */
    structureId: text('structure_id'),
    address: text('address'),
    postcode: text('postcode'),
    inseeCommune: text('insee_commune'),
    communeName: text('commune_name'),
    phone: text('phone'),
    email: text('email'),
  },
  (t) => [index('directory_places_entry').on(t.entryId)],
);
