import { addDays, localDateOf } from './calendar/local-date.js';
import { wallClockToInstant } from './local-time.js';

/**
 * Consultation slots at the maison médicale de garde: the effecteur rota (level-1 shifts held by
 * a doctor) cut into slots of the service's length, each taking the service's capacity of
 * patients, less the bookings that hold a place. Pure: `now` and the zone are arguments.
 */

/** An effecteur service: how long a slot lasts and how many patients it takes. */
export interface ConsultationService {
  id: string;
  slotMinutes: number;
  capacity: number;
}

/** A shift of an effecteur service, as the rota stores it. */
export interface ConsultationShift {
  serviceId: string;
  professionalId: string | null;
  startsAt: Date;
  endsAt: Date;
  level: number;
  status: 'active' | 'cancelled';
}

export type ConsultationStatus = 'booked' | 'cancelled' | 'honoured' | 'no_show';

/** A booking, reduced to what fills a place. */
export interface ConsultationLoad {
  serviceId: string;
  slotStartsAt: Date;
  status: ConsultationStatus;
}

export interface ConsultationSlot {
  serviceId: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  /** Places held (booked, honoured or no-show: a no-show still held the place). */
  taken: number;
  free: number;
  /** Started already: never offered, never bookable. */
  past: boolean;
}

/** A cancelled booking gives its place back; every other status holds it. */
export const holdsPlace = (status: ConsultationStatus): boolean => status !== 'cancelled';

/** The duty day starts at 08:00 local, when the PDSA night ends. */
const dutyDayStart = '08:00';

/**
 * The duty day containing `now`: from 08:00 local to 08:00 the next day, so that a night's slots
 * after midnight belong to the evening they started in. 23, 24 or 25 hours long around DST.
 * `day` is the local date it starts on.
 */
export function dutyDayOf(now: Date, timeZone: string): { day: string; start: Date; end: Date } {
  let day = localDateOf(now, timeZone);
  if (now < wallClockToInstant(day, dutyDayStart, timeZone)) day = addDays(day, -1);
  return dutyDayStarting(day, timeZone);
}

/** The duty day starting at 08:00 local on `day` (YYYY-MM-DD). */
export function dutyDayStarting(
  day: string,
  timeZone: string,
): { day: string; start: Date; end: Date } {
  return {
    day,
    start: wallClockToInstant(day, dutyDayStart, timeZone),
    end: wallClockToInstant(addDays(day, 1), dutyDayStart, timeZone),
  };
}

/** A doctor is at the MMG: an active level-1 shift that someone holds. */
const staffed = (s: ConsultationShift) =>
  s.status === 'active' && s.level === 1 && s.professionalId !== null;

/** Overlapping or touching intervals merged, so a handover at midnight does not restart the cut. */
function mergedIntervals(shifts: readonly ConsultationShift[]): { start: number; end: number }[] {
  const sorted = shifts
    .map((s) => ({ start: s.startsAt.getTime(), end: s.endsAt.getTime() }))
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const i of sorted) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/**
 * The slots starting within `[from, to)` of each service, in order of time then service. A slot
 * is cut in elapsed minutes from the start of the doctor's presence, so a DST night has its real
 * number of slots (52 quarter-hours on the 13-hour October night, 44 on the March one); a tail
 * shorter than a slot is no slot. Bookings of a slot that no longer exists are ignored here.
 */
export function consultationSlots(input: {
  services: readonly ConsultationService[];
  shifts: readonly ConsultationShift[];
  bookings: readonly ConsultationLoad[];
  from: Date;
  to: Date;
  now: Date;
}): ConsultationSlot[] {
  const taken = new Map<string, number>();
  for (const b of input.bookings)
    if (holdsPlace(b.status)) {
      const key = `${b.serviceId}@${b.slotStartsAt.getTime()}`;
      taken.set(key, (taken.get(key) ?? 0) + 1);
    }
  const slots: ConsultationSlot[] = [];
  for (const service of input.services) {
    if (service.slotMinutes < 1 || service.capacity < 1) continue;
    const length = service.slotMinutes * 60_000;
    const present = input.shifts.filter((s) => s.serviceId === service.id && staffed(s));
    for (const interval of mergedIntervals(present))
      for (let t = interval.start; t + length <= interval.end; t += length) {
        if (t < input.from.getTime() || t >= input.to.getTime()) continue;
        const held = taken.get(`${service.id}@${t}`) ?? 0;
        slots.push({
          serviceId: service.id,
          startsAt: new Date(t),
          endsAt: new Date(t + length),
          capacity: service.capacity,
          taken: held,
          free: Math.max(0, service.capacity - held),
          past: t <= input.now.getTime(),
        });
      }
  }
  return slots.sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.serviceId < b.serviceId ? -1 : 1),
  );
}

/** The slots a régulateur may still offer: not started, a place left. */
export const bookableSlots = (slots: readonly ConsultationSlot[]) =>
  slots.filter((s) => !s.past && s.free > 0);

/**
 * Why a slot cannot be booked, or null when it can: the command asks this again inside its
 * transaction, with the bookings read under the service's lock.
 */
export function slotRefusal(
  slots: readonly ConsultationSlot[],
  serviceId: string,
  startsAt: Date,
): 'no_such_slot' | 'past' | 'full' | null {
  const slot = slots.find(
    (s) => s.serviceId === serviceId && s.startsAt.getTime() === startsAt.getTime(),
  );
  if (!slot) return 'no_such_slot';
  if (slot.past) return 'past';
  return slot.free > 0 ? null : 'full';
}
