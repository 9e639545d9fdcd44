import type { Queryable } from '../../../db/client.js';
import { addDays, localDateOf } from '../../../rota/calendar/local-date.js';
import { territoryCalendar } from '../../../rota/calendar/territory-calendar.js';
import { expandTemplate } from '../../../rota/shift-template.js';
import { shiftKindOf } from '../../../rota/shift-kind.js';
import type { ShiftKind } from '../../../rota/types.js';
import { confirmedDays } from '../../territories/store.js';
import type { serviceWithTerritory } from './store.js';

type ServiceAndTerritory = NonNullable<Awaited<ReturnType<typeof serviceWithTerritory>>>;
type Calendar = ReturnType<typeof territoryCalendar>;

/**
 * Calendars already built in a transaction, by territory and year: a CSV import or an auto-fill
 * accept writes hundreds of shifts of one territory, and each would otherwise load the confirmed
 * days and compute three years of holidays again. Keyed on the transaction, so it goes with it.
 */
const calendarsOf = new WeakMap<Queryable, Map<string, Promise<Calendar>>>();

function calendarOf(q: Queryable, territory: ServiceAndTerritory['territory'], year: number) {
  const built = calendarsOf.get(q) ?? new Map<string, Promise<Calendar>>();
  calendarsOf.set(q, built);
  const key = `${territory.id}/${year}`;
  let calendar = built.get(key);
  if (!calendar) {
    calendar = confirmedDays(q, territory.id).then((days) =>
      territoryCalendar(
        { timeZone: territory.timeZone, ...territory.settings },
        days,
        year - 1,
        year + 1,
      ),
    );
    built.set(key, calendar);
  }
  return calendar;
}

/**
 * The weight class of a shift, as auto-fill gives it: the kind of the template slot starting at
 * the same instant (so a pont's daytime counts as the template says), else from the local day it
 * starts on (Sunday or holiday, Saturday, weeknight; Christmas and New Year).
 */
export async function weightClassOf(
  q: Queryable,
  { service, territory }: ServiceAndTerritory,
  startsAt: Date,
): Promise<ShiftKind> {
  const date = localDateOf(startsAt, territory.timeZone);
  const year = Number(date.slice(0, 4));
  const calendar = await calendarOf(q, territory, year);
  const slot = expandTemplate(service.id, service.template, addDays(date, -1), date, calendar).find(
    (s) => s.startsAt.getTime() === startsAt.getTime(),
  );
  return slot?.kind ?? shiftKindOf(startsAt, territory.timeZone, calendar.holidays);
}
