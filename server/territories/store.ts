import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { calendarDays, services, territories, territoryNumbers } from '../../db/schema/index.js';
import { defaultTerritorySettings, type TerritorySettings } from '../../db/schema/settings.js';

export type TerritoryRow = typeof territories.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;

export interface TerritoryWithServices {
  territory: TerritoryRow & { settings: TerritorySettings };
  services: ServiceRow[];
  /** Ponts and extra holidays confirmed by a manager (local dates). */
  calendar: { day: string; kind: 'pont' | 'holiday' }[];
}

/** The territory a patient reached, by the number they dialled (E.164). */
export async function findTerritoryByNumber(
  db: Queryable,
  calledNumber: string,
): Promise<TerritoryWithServices | null> {
  const [row] = await db
    .select({ territory: territories })
    .from(territoryNumbers)
    .innerJoin(territories, eq(territories.id, territoryNumbers.territoryId))
    .where(eq(territoryNumbers.number, calledNumber))
    .limit(1);
  if (!row) return null;
  return loadTerritory(db, row.territory);
}

/**
 * The number the platform calls and texts from: the territory's first public number, so that
 * a patient or a doctor sees the line they know. Null when the territory has none yet.
 */
export async function platformNumberOf(db: Queryable, territoryId: string): Promise<string | null> {
  const [row] = await db
    .select({ number: territoryNumbers.number })
    .from(territoryNumbers)
    .where(eq(territoryNumbers.territoryId, territoryId))
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
