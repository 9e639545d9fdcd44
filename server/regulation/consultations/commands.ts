import { smsBody } from '../../../ivr-flows/prompts/sms.js';
import { dutyDayOf, slotRefusal } from '../../../rota/consultation-slots.js';
import { auditActorOf, canReadTerritory, type Actor } from '../../access/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppDeps } from '../../platform/deps.js';
import { enqueue } from '../../platform/enqueue.js';
import { conflict, forbidden, notFound } from '../../platform/http-errors.js';
import { maskPhone } from '../../platform/logger.js';
import { recordOutgoingSms } from '../../sms/store.js';
import { bookingRefusalOf, callOfRegulator, slotsOfDutyDay, smsReachOf } from './offer.js';
import { lockCall, lockEffecteur, servicesStaffedBy } from './store.js';
import {
  activeBookingOfCall,
  bookingForUpdate,
  insertBooking,
  nextBookingOf,
  setBookingStatus,
  type BookingRow,
} from './booking-store.js';
import { dayInWords, frenchTime } from './when.js';

type ConsultationDeps = Pick<AppDeps, 'db' | 'jobs' | 'logger' | 'now'>;

const refusals = {
  no_such_slot:
    "Ce créneau n'est pas (ou plus) au planning de la maison médicale de garde. This slot is not on the rota.",
  past: 'Ce créneau a déjà commencé : choisissez-en un autre. This slot has already started.',
  full: "Ce créneau vient d'être pris : choisissez-en un autre. This slot was just taken.",
};

/** What a booking is written as in the audit log: never the patient's number. */
const audited = (b: BookingRow) => ({
  serviceId: b.serviceId,
  callId: b.callId,
  slotStartsAt: b.slotStartsAt,
  status: b.status,
});

/** Hands a committed SMS row to the queue; a queue out of reach keeps it as a row. */
/** True when the queue took the SMS; false when only its row is kept (the outbox sweep sends it). */
async function handOver(deps: ConsultationDeps, smsId: string | null): Promise<boolean> {
  if (!smsId) return true;
  try {
    await enqueue(deps.jobs, 'send-sms', { smsId }, { jobId: `sms-${smsId}` });
    return true;
  } catch (err) {
    deps.logger.warn({ err, smsId }, 'SMS kept in the outbox: queue unavailable');
    return false;
  }
}

/**
 * The régulateur books a slot of tonight for the caller of a call: one transaction that locks the
 * call (one booking per call) and the service (places counted one booking at a time, so two
 * régulateurs racing for the last place get one booking and one 409), re-cuts the slots, writes
 * the booking, its audit entry and the patient's SMS (time and address, no health detail) unless
 * the number cannot take one. The SMS is queued after the commit.
 */
export async function bookConsultation(
  deps: ConsultationDeps,
  actor: Actor,
  input: { callId: string; serviceId: string; startsAt: Date },
) {
  const { booking, smsId, sms, place, zone } = await deps.db.db.transaction(async (tx) => {
    const call = await callOfRegulator(tx, actor, input.callId);
    const tooLate = bookingRefusalOf(call, deps.now());
    if (tooLate) throw conflict(tooLate);
    const territoryId = call.territoryId!;
    await lockCall(tx, call.id);
    const held = await activeBookingOfCall(tx, call.id);
    if (held)
      throw conflict(
        `Une consultation est déjà réservée pour cet appel (${frenchTime(held.slotStartsAt, call.timeZone)}). A consultation is already booked for this call.`,
      );
    const service = await lockEffecteur(tx, territoryId, input.serviceId);
    if (!service) throw conflict(refusals.no_such_slot, { serviceId: 'inconnu' });
    const now = deps.now();
    const { slots } = await slotsOfDutyDay(tx, territoryId, call.timeZone, now, service.id);
    const refusal = slotRefusal(slots, service.id, input.startsAt);
    if (refusal) throw conflict(refusals[refusal], { startsAt: refusal });
    const booking = await insertBooking(tx, {
      territoryId,
      serviceId: service.id,
      callId: call.id,
      slotStartsAt: input.startsAt,
      patientNumber: call.fromNumber,
      bookedBy: actor.professionalId ?? call.connectedProfessionalId ?? (await noRegulator()),
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: 'consultation.book',
      entity: 'consultation_booking',
      entityId: booking.id,
      territoryId,
      after: audited(booking),
    });
    const place = service.place ?? call.territoryName;
    const sms = smsReachOf(call);
    let smsId: string | null = null;
    if (sms === 'possible') {
      const when = { time: frenchTime(booking.slotStartsAt, call.timeZone) };
      const written = await recordOutgoingSms(tx, {
        territoryId,
        kind: 'consultation_booked',
        toNumber: call.fromNumber,
        fromNumber: call.toNumber,
        body: smsBody('consultation_booked', call.lang, {
          territory: call.territoryName,
          day: `le ${dayInWords(booking.slotStartsAt, call.timeZone)}`,
          dayEn: `on ${dayInWords(booking.slotStartsAt, call.timeZone, 'en')}`,
          ...when,
          place,
        }),
        callSid: null,
        dedupeKey: `consultation-booked:${booking.id}`,
      });
      smsId = written.created ? written.id : null;
    }
    return { booking, smsId, sms, place, zone: call.timeZone };
  });
  const queued = await handOver(deps, smsId);
  // 'kept': the row is written but the queue was down; the page must not say it went out.
  const smsOutcome = sms !== 'possible' ? sms : queued ? ('queued' as const) : ('kept' as const);
  return { booking, sms: smsOutcome, place, zone };
}

/** bookedBy is a professional: a manager without a directory entry books as the call's régulateur. */
async function noRegulator(): Promise<never> {
  throw forbidden(
    "Cet appel n'a pas de régulateur et votre compte n'est pas lié à un professionnel. This call has no régulateur.",
  );
}

/**
 * "ANNULER" by SMS: the number's next consultation (slot not over) is cancelled and its place
 * freed, audited under the masked number. Returns the reply to send, French then English when the
 * call was in English.
 */
export async function cancelConsultationBySms(
  deps: ConsultationDeps,
  message: { from: string; territoryId: string | null },
): Promise<string> {
  return deps.db.db.transaction(async (tx) => {
    const next = await nextBookingOf(tx, message.from, message.territoryId, deps.now());
    if (!next) return smsBody('consultation_none', 'fr', {});
    const after = await setBookingStatus(tx, next.booking.id, 'cancelled', deps.now());
    await recordAudit(
      tx,
      { userId: null, label: `sms:${maskPhone(message.from)}` },
      {
        action: 'consultation.cancel',
        entity: 'consultation_booking',
        entityId: after.id,
        territoryId: after.territoryId,
        before: audited(next.booking),
        after: audited(after),
      },
    );
    const at = after.slotStartsAt;
    return smsBody('consultation_cancelled', next.lang ?? 'fr', {
      territory: next.territoryName,
      day: `du ${dayInWords(at, next.timeZone)}`,
      dayEn: `on ${dayInWords(at, next.timeZone, 'en')}`,
      time: frenchTime(at, next.timeZone),
    });
  });
}

/**
 * The MMG's doctor records whether a booked patient came: honoured, or no-show once the slot has
 * started. Only a doctor at that service on the booking's duty day; audited; a cancelled booking
 * stays cancelled. Marking again corrects the earlier mark.
 */
export async function markConsultation(
  deps: ConsultationDeps,
  actor: Actor,
  bookingId: string,
  outcome: 'honoured' | 'no_show',
): Promise<BookingRow> {
  return deps.db.db.transaction(async (tx) => {
    const row = await bookingForUpdate(tx, bookingId);
    if (!row || !canReadTerritory(actor, row.booking.territoryId)) throw notFound('Rendez-vous');
    const day = dutyDayOf(row.booking.slotStartsAt, row.timeZone);
    const staffed = actor.professionalId
      ? await servicesStaffedBy(tx, actor.professionalId, day.start, day.end)
      : [];
    if (!staffed.includes(row.booking.serviceId))
      throw forbidden('Réservé au médecin de la maison médicale de garde ce jour-là.');
    if (row.booking.status === 'cancelled')
      throw conflict('Ce rendez-vous a été annulé. This appointment was cancelled.');
    if (outcome === 'no_show' && row.booking.slotStartsAt > deps.now())
      throw conflict("Ce créneau n'a pas encore commencé. This slot has not started yet.");
    if (row.booking.status === outcome) return row.booking;
    const after = await setBookingStatus(tx, row.booking.id, outcome, deps.now());
    await recordAudit(tx, auditActorOf(actor), {
      action: `consultation.${outcome}`,
      entity: 'consultation_booking',
      entityId: after.id,
      territoryId: after.territoryId,
      before: audited(row.booking),
      after: audited(after),
    });
    return after;
  });
}
