import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  calendarDays,
  pontRefusals,
  services,
  territories,
  territoryNumbers,
} from '../../db/schema/index.js';
import { defaultTerritorySettings, type TerritorySettings } from '../../db/schema/settings.js';
import { readableTerritories, type Actor } from '../access/actor.js';

export type TerritoryRow = typeof territories.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;

export interface TerritoryWithServices {
  territory: TerritoryRow & { settings: TerritorySettings };
  services: ServiceRow[];
  /** Ponts and extra holidays confirmed by a manager (local dates). */
  calendar: { day: string; kind: 'pont' | 'holiday' }[];
  /** Which line the number looked up is (findTerritoryByNumber only). */
  numberLine?: 'patient' | 'professional';
}

/** The territory a patient reached, by the number they dialled (E.164). */
export async function findTerritoryByNumber(
  db: Queryable,
  calledNumber: string,
): Promise<TerritoryWithServices | null> {
  const [row] = await db
    .select({ territory: territories, line: territoryNumbers.line })
    .from(territoryNumbers)
    .innerJoin(territories, eq(territories.id, territoryNumbers.territoryId))
    .where(eq(territoryNumbers.number, calledNumber))
    .limit(1);
  if (!row) return null;
  return { ...(await loadTerritory(db, row.territory)), numberLine: row.line };
}

/**
 * The number the platform calls and texts from: the territory's first public number, so that
 * a patient or a doctor sees the line they know. Null when the territory has none yet.
 */
export async function platformNumberOf(db: Queryable, territoryId: string): Promise<string | null> {
  const [row] = await db
    .select({ number: territoryNumbers.number })
    .from(territoryNumbers)
    // The professionals' line is never the sender patients and doctors see.
    .where(and(eq(territoryNumbers.territoryId, territoryId), eq(territoryNumbers.line, 'patient')))
    .orderBy(asc(territoryNumbers.number))
    .limit(1);
  return row?.number ?? null;
}

/** The ponts and extra holidays a manager confirmed for a territory. */
export function confirmedDays(
  db: Queryable,
  territoryId: string,
): Promise<{ day: string; kind: 'pont' | 'holiday' }[]> {
  return db
    .select({ day: calendarDays.day, kind: calendarDays.kind })
    .from(calendarDays)
    .where(eq(calendarDays.territoryId, territoryId));
}

/** The proposed ponts a territory's managers refused (local dates). */
export async function refusedPonts(db: Queryable, territoryId: string): Promise<string[]> {
  const rows = await db
    .select({ day: pontRefusals.day })
    .from(pontRefusals)
    .where(eq(pontRefusals.territoryId, territoryId));
  return rows.map((r) => r.day);
}

export async function findTerritoryById(
  db: Queryable,
  id: string,
): Promise<TerritoryWithServices | null> {
  const [territory] = await db.select().from(territories).where(eq(territories.id, id)).limit(1);
  return territory ? loadTerritory(db, territory) : null;
}

async function loadTerritory(
  db: Queryable,
  territory: TerritoryRow,
): Promise<TerritoryWithServices> {
  const [serviceRows, calendar] = await Promise.all([
    db
      .select()
      .from(services)
      .where(and(eq(services.territoryId, territory.id), eq(services.active, true))),
    confirmedDays(db, territory.id),
  ]);
  return {
    territory: { ...territory, settings: { ...defaultTerritorySettings, ...territory.settings } },
    services: serviceRows,
    calendar,
  };
}

/** Id and name of the territories the actor reads, by name. */
export function territoriesReadableBy(
  db: Queryable,
  actor: Actor,
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: territories.id, name: territories.name })
    .from(territories)
    .where(readableTerritories(actor, territories.id))
    .orderBy(asc(territories.name));
}

/** Every service (active or not) of these territories, by name. */
export function servicesOfTerritories(
  db: Queryable,
  territoryIds: string[],
): Promise<ServiceRow[]> {
  if (territoryIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(services)
    .where(inArray(services.territoryId, territoryIds))
    .orderBy(asc(services.name));
}

/** The territories the actor reads, whole rows. */
export function territoryRowsReadableBy(db: Queryable, actor: Actor): Promise<TerritoryRow[]> {
  return db
    .select()
    .from(territories)
    .where(readableTerritories(actor, territories.id))
    .orderBy(asc(territories.name));
}

export async function territoryById(db: Queryable, id: string): Promise<TerritoryRow | null> {
  const [row] = await db.select().from(territories).where(eq(territories.id, id));
  return row ?? null;
}

export async function serviceById(db: Queryable, id: string): Promise<ServiceRow | null> {
  const [row] = await db.select().from(services).where(eq(services.id, id));
  return row ?? null;
}

/** Every service of the territories the actor reads, with its territory. */
export function servicesReadableBy(
  db: Queryable,
  actor: Actor,
): Promise<{ service: ServiceRow; territory: TerritoryRow }[]> {
  return db
    .select({ service: services, territory: territories })
    .from(services)
    .innerJoin(territories, eq(territories.id, services.territoryId))
    .where(readableTerritories(actor, services.territoryId));
}

/** What of a new territory is already taken: its slug, and which of its numbers (unique). */
export async function takenBy(
  db: Queryable,
  slug: string,
  numbers: string[],
): Promise<{ slug: boolean; numbers: string[] }> {
  const [bySlug] = await db
    .select({ id: territories.id })
    .from(territories)
    .where(eq(territories.slug, slug))
    .limit(1);
  const byNumber = numbers.length
    ? await db
        .select({ number: territoryNumbers.number })
        .from(territoryNumbers)
        .where(inArray(territoryNumbers.number, numbers))
    : [];
  return { slug: Boolean(bySlug), numbers: byNumber.map((r) => r.number) };
}
