import type { Queryable } from '../../../db/client.js';
import {
  bookableSlots,
  consultationSlots,
  dutyDayOf,
  type ConsultationSlot,
} from '../../../rota/consultation-slots.js';
import { canManageTerritory, canReadTerritory, type Actor } from '../../access/actor.js';
import { forbidden, notFound } from '../../platform/http-errors.js';
import { isHiddenCaller, isMobile } from '../../platform/phone-numbers.js';
import {
  callForConsultation,
  effecteursOf,
  presenceShifts,
  type CallForConsultation,
  type EffecteurService,
} from './store.js';
import { activeBookingOfCall, bookingsBetween, loadsOf } from './booking-store.js';

/**
 * The call a consultation is booked from, if the actor may book from it: its régulateur (the
 * professional who took it) or a manager of its territory. Another territory's call is unknown
 * (404); a colleague's call of the same territory is refused (403).
 */
export async function callOfRegulator(
  db: Queryable,
  actor: Actor,
  callId: string,
): Promise<CallForConsultation> {
  const call = await callForConsultation(db, callId);
  if (!call?.territoryId || !canReadTerritory(actor, call.territoryId)) throw notFound('Appel');
  const regulator =
    actor.professionalId !== null && actor.professionalId === call.connectedProfessionalId;
  if (!regulator && !canManageTerritory(actor, call.territoryId))
    throw forbidden('Réservé au régulateur de cet appel et à la coordination du territoire.');
  return call;
}

/** A régulateur books for the call they are regulating, not for last week's call. */
const bookableForMs = 24 * 3600_000;

/**
 * Why no consultation may be booked from this call; null when one may. In centre15 mode the
 * territory's calls are regulated by the 15, not by a régulateur of the platform.
 */
export function bookingRefusalOf(
  call: Pick<CallForConsultation, 'startedAt' | 'regulationMode'>,
  now: Date,
): string | null {
  if (call.regulationMode === 'centre15')
    return 'Ce territoire est régulé par le centre 15 : la réservation se fait par le 15. This territory is regulated by the 15.';
  if (now.getTime() - call.startedAt.getTime() > bookableForMs)
    return 'Cet appel date de plus de 24 heures : on ne réserve plus de consultation depuis cet appel. This call is more than 24 hours old.';
  return null;
}

/** Can the caller get the booking SMS? A hidden number cannot; nor can a landline. */
export function smsReachOf(call: Pick<CallForConsultation, 'fromNumber' | 'callerHidden'>) {
  if (call.callerHidden || isHiddenCaller(call.fromNumber)) return 'hidden_number' as const;
  return isMobile(call.fromNumber) ? ('possible' as const) : ('not_mobile' as const);
}

/** The slots of a territory's effecteur services over the duty day of `now`. */
export async function slotsOfDutyDay(
  db: Queryable,
  territoryId: string,
  zone: string,
  now: Date,
  only?: string,
): Promise<{ day: string; services: EffecteurService[]; slots: ConsultationSlot[] }> {
  const { day, start, end } = dutyDayOf(now, zone);
  const services = (await effecteursOf(db, [territoryId])).filter((s) => !only || s.id === only);
  const ids = services.map((s) => s.id);
  const [shifts, bookings] = await Promise.all([
    presenceShifts(db, ids, start, end),
    bookingsBetween(db, ids, start, end),
  ]);
  const slots = consultationSlots({
    services: services.map((s) => ({
      id: s.id,
      slotMinutes: s.consultationSlotMinutes,
      capacity: s.consultationCapacity,
    })),
    shifts,
    bookings: loadsOf(bookings),
    from: start,
    to: end,
    now,
  });
  return { day, services, slots };
}

/** What the booking page and GET …/consultation-slots show: tonight's free slots for a call. */
export async function consultationOffer(db: Queryable, actor: Actor, callId: string, now: Date) {
  const call = await callOfRegulator(db, actor, callId);
  const { day, services, slots } = await slotsOfDutyDay(db, call.territoryId!, call.timeZone, now);
  return {
    call,
    day,
    services,
    slots: bookableSlots(slots),
    booking: await activeBookingOfCall(db, call.id),
    sms: smsReachOf(call),
  };
}
