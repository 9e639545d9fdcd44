import type { Queryable } from '../../../db/client.js';
import { dutyDayOf, dutyDayStarting } from '../../../rota/consultation-slots.js';
import { canManageTerritory, type Actor } from '../../access/actor.js';
import { territoryRowsReadableBy } from '../../territories/store.js';
import { effecteursOf, servicesStaffedBy, type EffecteurService } from './store.js';
import { bookingsBetween, type BookingRow } from './booking-store.js';

export type StatusCounts = Record<BookingRow['status'], number>;
const noCounts = (): StatusCounts => ({ booked: 0, cancelled: 0, honoured: 0, no_show: 0 });

export function countsOf(rows: readonly { status: BookingRow['status'] }[]): StatusCounts {
  const counts = noCounts();
  for (const r of rows) counts[r.status] += 1;
  return counts;
}

/** One MMG's evening: its bookings for its doctor, or only counts per slot for the managers. */
export interface ServiceEvening {
  service: EffecteurService;
  zone: string;
  territoryName: string;
  /** The doctor at the MMG that day: every booking with the patient's number (to call a late one). */
  bookings: BookingRow[] | null;
  /** Managers: counts per slot start (ms), and in total. No number. */
  perSlot: { startsAt: Date; counts: StatusCounts }[];
  totals: StatusCounts;
}

/**
 * The evening of consultations an actor may see on `day` (default: the current duty day of each
 * territory): the services they are the doctor of that day, with the bookings in full; and, for
 * the territories they manage, every effecteur service's counts. Nothing for anyone else.
 */
export async function eveningsFor(
  db: Queryable,
  actor: Actor,
  now: Date,
  day?: string,
): Promise<{ day: string; evenings: ServiceEvening[] }> {
  const evenings: ServiceEvening[] = [];
  let shownDay = day ?? '';
  for (const territory of await territoryRowsReadableBy(db, actor)) {
    const zone = territory.timeZone;
    const window = day ? dutyDayStarting(day, zone) : dutyDayOf(now, zone);
    shownDay ||= window.day;
    const services = await effecteursOf(db, [territory.id]);
    const staffed = actor.professionalId
      ? await servicesStaffedBy(db, actor.professionalId, window.start, window.end)
      : [];
    const manages = canManageTerritory(actor, territory.id);
    for (const service of services) {
      const doctor = staffed.includes(service.id);
      if (!doctor && !manages) continue;
      const rows = await bookingsBetween(db, [service.id], window.start, window.end);
      const bySlot = new Map<number, BookingRow[]>();
      for (const r of rows)
        bySlot.set(r.slotStartsAt.getTime(), [...(bySlot.get(r.slotStartsAt.getTime()) ?? []), r]);
      evenings.push({
        service,
        zone,
        territoryName: territory.name,
        bookings: doctor ? rows : null,
        perSlot: [...bySlot].map(([t, list]) => ({
          startsAt: new Date(t),
          counts: countsOf(list),
        })),
        totals: countsOf(rows),
      });
    }
  }
  // No territory to read: the day shown is the platform's default zone's.
  return { day: shownDay || dutyDayOf(now, 'Europe/Paris').day, evenings };
}
