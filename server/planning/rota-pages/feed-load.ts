import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.js';
import {
  calendarDays,
  professionals,
  serviceMembers,
  services,
  territories,
} from '../../../db/schema/index.js';
import { defaultTerritorySettings } from '../../../db/schema/settings.js';
import type { Interval } from '../../../rota/types.js';
import { canManageTerritory, readableTerritories, type Actor } from '../../access/actor.js';
import type { RotaFeedInput } from './feed-events.js';
import { activeShiftsOf } from '../shifts/store.js';
import { leaveOf } from '../unavailability/store.js';
import { serviceHoursOf } from '../../territories/service-hours.js';

export type VisibleService = Awaited<ReturnType<typeof visibleServices>>[number];

/** The services an actor may see on the rota pages: every one for admins, their territories' otherwise. */
export async function visibleServices(db: Queryable, actor: Actor) {
  return db
    .select({ service: services, territory: territories })
    .from(services)
    .innerJoin(territories, eq(territories.id, services.territoryId))
    .where(readableTerritories(actor, services.territoryId))
    .orderBy(asc(services.name));
}

/** The members of a service, by name: those a shift can be given to. */
export async function membersOf(db: Queryable, serviceId: string) {
  return db
    .select({ id: professionals.id, name: professionals.name })
    .from(serviceMembers)
    .innerJoin(professionals, eq(professionals.id, serviceMembers.professionalId))
    .where(eq(serviceMembers.serviceId, serviceId))
    .orderBy(asc(professionals.name));
}

/** Loads what `rotaFeedEvents` needs for one visible service over a range of instants. */
export async function loadRotaFeed(
  db: Queryable,
  actor: Actor,
  chosen: VisibleService,
  range: Interval,
  now: Date,
): Promise<RotaFeedInput> {
  const { service, territory } = chosen;
  const [rows, members, days] = await Promise.all([
    activeShiftsOf(db, service.id, range.start, range.end),
    membersOf(db, service.id),
    db
      .select({ day: calendarDays.day, kind: calendarDays.kind, note: calendarDays.note })
      .from(calendarDays)
      .where(eq(calendarDays.territoryId, territory.id)),
  ]);
  // A shift's professional may have left the service since: name them all the same.
  const missing = [
    ...new Set(
      rows
        .map((r) => r.professionalId)
        .filter((id): id is string => !!id && !members.some((m) => m.id === id)),
    ),
  ];
  const others = missing.length
    ? await db
        .select({ id: professionals.id, name: professionals.name })
        .from(professionals)
        .where(inArray(professionals.id, missing))
    : [];
  const settings = { ...defaultTerritorySettings, ...territory.settings };
  const leave = await leaveOf(
    db,
    rows.map((r) => r.professionalId),
    range.start,
    range.end,
  );
  return {
    serviceId: service.id,
    range,
    timeZone: territory.timeZone,
    settings: {
      alsaceMoselle: settings.alsaceMoselle,
      overseas: settings.overseas,
      saturdayAfternoon: settings.saturdayAfternoon,
    },
    requiredLevels: service.requiredLevels,
    hours: serviceHoursOf(service),
    shifts: rows,
    names: new Map([...members, ...others].map((m) => [m.id, m.name])),
    leave,
    calendarDays: days,
    manage: canManageTerritory(actor, territory.id),
    me: actor.professionalId ?? null,
    now,
  };
}
