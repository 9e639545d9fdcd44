import type { CalendarEvent } from '../../../rota/ical.js';
import { shiftParts, type ShiftPart } from '../../../rota/overrides.js';
import type { Queryable } from '../../../db/client.js';
import { activeShiftsOfProfessional, activeShiftsOfService, overridesOfShifts } from './store.js';

/**
 * The events of the iCal feeds: load the shifts and their overrides, cut each shift into the
 * parts people actually hold (rota/overrides.ts), name them. An override moves its part from the
 * replaced doctor's feed to the replacing one's, and renames it in the service's feed; the feed
 * cache sees new events and renders again, so no invalidation is needed on the write side.
 */

type Window = { since: Date; until: Date };
type ShiftRow = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  version: number;
  professionalId: string | null;
};

/** Overrides are only ever added (or go with their shift), so version + count only grows. */
const eventOf = (
  part: ShiftPart,
  shift: ShiftRow,
  overrideCount: number,
  summary: string,
): CalendarEvent => ({
  uid: `${part.key}@gardeline`,
  start: part.startsAt,
  end: part.endsAt,
  summary,
  sequence: shift.version + overrideCount,
});

async function partsOf(q: Queryable, rows: ShiftRow[]) {
  const found = await overridesOfShifts(
    q,
    rows.map((s) => s.id),
  );
  const names = new Map(found.map((r) => [r.o.id, r.name]));
  const count = new Map<string, number>();
  for (const r of found) count.set(r.o.shiftId, (count.get(r.o.shiftId) ?? 0) + 1);
  const all = found.map((r) => r.o);
  return (shift: ShiftRow) => ({
    parts: shiftParts(shift, all),
    overrideCount: count.get(shift.id) ?? 0,
    replacing: (part: ShiftPart) => (part.overrideId ? names.get(part.overrideId) : undefined),
  });
}

/** A professional's feed: the parts of shifts they hold, or take over, that are theirs. */
export async function professionalFeedEvents(
  q: Queryable,
  professionalId: string,
  window: Window,
): Promise<CalendarEvent[]> {
  const rows = await activeShiftsOfProfessional(q, professionalId, window);
  const cut = await partsOf(
    q,
    rows.map((r) => r.s),
  );
  return rows.flatMap((r) => {
    const { parts, overrideCount } = cut(r.s);
    const base = `Garde ${r.service}${r.s.level > 1 ? ` (renfort ${r.s.level})` : ''}`;
    return parts
      .filter((p) => p.professionalId === professionalId)
      .map((p) =>
        eventOf(
          p,
          r.s,
          overrideCount,
          p.overrideId && r.name ? `${base} · remplace ${r.name}` : base,
        ),
      );
  });
}

/** A service's feed: every part, under the name of whoever actually holds it. */
export async function serviceFeedEvents(
  q: Queryable,
  serviceId: string,
  window: Window,
): Promise<CalendarEvent[]> {
  const rows = await activeShiftsOfService(q, serviceId, window);
  const cut = await partsOf(
    q,
    rows.map((r) => r.s),
  );
  return rows.flatMap((r) => {
    const { parts, overrideCount, replacing } = cut(r.s);
    return parts.map((p) => {
      const name = p.overrideId ? replacing(p) : r.name;
      const replaced = p.overrideId && r.name ? ` (remplace ${r.name})` : '';
      return eventOf(p, r.s, overrideCount, `N${r.s.level} · ${name ?? 'À POURVOIR'}${replaced}`);
    });
  });
}
