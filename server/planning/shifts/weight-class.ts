import type { Queryable } from '../../../db/client.js';
import { localDateOf } from '../../../rota/calendar/local-date.js';
import { territoryCalendar } from '../../../rota/calendar/territory-calendar.js';
import { classifySlot, shiftKindOfSlot } from '../../../rota/slot-weights.js';
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
 * The weight class of a shift, whatever door it comes by (API, CSV, template, auto-fill): the
 * coarse kind of the period it starts in, from its times and the territory's calendar (public
 * and confirmed holidays, confirmed ponts), by the one classifier of rota/slot-weights.ts.
 */
export async function weightClassOf(
  q: Queryable,
  { territory }: ServiceAndTerritory,
  startsAt: Date,
): Promise<ShiftKind> {
  const date = localDateOf(startsAt, territory.timeZone);
  const calendar = await calendarOf(q, territory, Number(date.slice(0, 4)));
  return shiftKindOfSlot(classifySlot(startsAt, startsAt, calendar).kind);
}
