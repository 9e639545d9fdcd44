import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import { directoryEntries as e, directoryPlaces, territories } from '../../../db/schema/index.js';
import type { Actor } from '../../access/actor.js';
import { foldForSearch } from '../national/search-text.js';
import { directoryScope } from './read-policy.js';
import { directoryPageSize, type DirectorySearch } from './schema.js';

export interface DirectoryPlace {
  structureName: string | null;
  address: string | null;
  postcode: string | null;
  inseeCommune: string | null;
  communeName: string | null;
  phone: string | null;
  email: string | null;
}

export type DirectoryEntryRow = typeof e.$inferSelect & {
  places: DirectoryPlace[];
  territoryName: string;
};

/** `directoryScope` as a WHERE (read-policy.ts says who reads what); only the branches that apply. */
function readableBy(actor: Actor): SQL | undefined {
  const s = directoryScope(actor);
  if (s.everything) return undefined;
  const listed = s.ownProfessionalId
    ? or(eq(e.visibility, 'professionals'), eq(e.professionalId, s.ownProfessionalId))
    : eq(e.visibility, 'professionals');
  const branches = [
    s.managed.length ? inArray(e.territoryId, s.managed) : undefined,
    s.listedIn.length ? and(inArray(e.territoryId, s.listedIn), listed) : undefined,
  ].filter((b): b is SQL => b !== undefined);
  return branches.length === 0 ? sql`false` : or(...branches);
}

/** Words of the search box, folded like `search_text`; LIKE's wildcards typed by someone are literal. */
export const searchWords = (q: string) =>
  foldForSearch(q)
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map((w) => `%${w.replace(/[\\%_]/g, '\\$&')}%`);

const placesOf = sql<DirectoryPlace[]>`coalesce((select json_agg(json_build_object(
  'structureName', p.structure_name, 'address', p.address, 'postcode', p.postcode,
  'inseeCommune', p.insee_commune, 'communeName', p.commune_name, 'phone', p.phone,
  'email', p.email) order by p.position) from ${directoryPlaces} p where p.entry_id = ${e.id}), '[]'::json)`;

export type EntryCriteria = { id: string } | DirectorySearch;

/** The WHERE of a search (or of one entry), within what the actor may read. */
function criteriaWhere(actor: Actor, criteria: EntryCriteria): SQL | undefined {
  const where: (SQL | undefined)[] = [readableBy(actor)];
  if ('id' in criteria) return and(...where, eq(e.id, criteria.id));
  if (!criteria.gone) where.push(isNull(e.goneAt));
  for (const word of searchWords(criteria.q)) where.push(sql`${e.searchText} like ${word}`);
  if (criteria.profession) where.push(eq(e.professionCode, criteria.profession));
  if (criteria.specialty)
    where.push(sql`${e.specialtyCodes} @> array[${criteria.specialty}]::text[]`);
  if (criteria.commune)
    where.push(
      sql`exists (select 1 from ${directoryPlaces} c where c.entry_id = ${e.id} and c.insee_commune = ${criteria.commune})`,
    );
  return and(...where);
}

/**
 * By name: `search_text` starts with the folded last name, a space, the folded first name
 * (search-text.ts, pinned by schema.test.ts), and a space sorts before any letter, so its order is
 * (last name, first name) without accents, as French readers expect (« Émile » before « Zoé »;
 * PostgreSQL's collation on the raw names would not). Byte order ("C"): the same on every server.
 */
const byName = [sql`${e.searchText} collate "C"`, e.id];

/**
 * The page of entries (ids and the search's total) first, then their rows, territory and places:
 * the places are gathered for the 25 shown, not for every match. Exported for the benchmark's
 * EXPLAIN.
 */
export function directoryPageQuery(db: Queryable, actor: Actor, criteria: EntryCriteria) {
  const page = 'id' in criteria ? 1 : criteria.page;
  const matched = db.$with('matched').as(
    db
      .select({ id: e.id, total: sql<number>`(count(*) over ())::int`.as('total') })
      .from(e)
      .where(criteriaWhere(actor, criteria))
      .orderBy(...byName)
      .limit(directoryPageSize)
      .offset((page - 1) * directoryPageSize),
  );
  return db
    .with(matched)
    .select({ entry: e, places: placesOf, territoryName: territories.name, total: matched.total })
    .from(matched)
    .innerJoin(e, eq(e.id, matched.id))
    .innerJoin(territories, eq(territories.id, e.territoryId))
    .orderBy(...byName);
}

/**
 * The one read of the shared directory: a search (every word must appear in `search_text`,
 * matched through its trigram index; filters; 25 a page by name) or one entry by id, always
 * within what the actor may read. `total` counts the whole search, not the page.
 */
export async function directoryEntriesFor(
  db: Queryable,
  actor: Actor,
  criteria: EntryCriteria,
): Promise<{ total: number; entries: DirectoryEntryRow[] }> {
  const rows = await directoryPageQuery(db, actor, criteria);
  return {
    total: rows[0]?.total ?? 0,
    entries: rows.map((r) => ({ ...r.entry, places: r.places, territoryName: r.territoryName })),
  };
}

/** The communes where the entries the actor reads practise, by name (the search's filter). */
export async function directoryCommunesFor(
  db: Queryable,
  actor: Actor,
): Promise<{ code: string; name: string }[]> {
  const rows = await db
    .selectDistinct({ code: directoryPlaces.inseeCommune, name: directoryPlaces.communeName })
    .from(directoryPlaces)
    .innerJoin(e, eq(e.id, directoryPlaces.entryId))
    .where(and(readableBy(actor), sql`${directoryPlaces.inseeCommune} is not null`));
  const byCode = new Map<string, string>();
  for (const r of rows) if (r.code) byCode.set(r.code, r.name ?? byCode.get(r.code) ?? r.code);
  return [...byCode]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** The id of the entry of an on-call professional (their own, for /directory/me), if any. */
export async function entryIdOfProfessional(
  db: Queryable,
  professionalId: string,
): Promise<string | null> {
  const [row] = await db.select({ id: e.id }).from(e).where(eq(e.professionalId, professionalId));
  return row?.id ?? null;
}
