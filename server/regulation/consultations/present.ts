import type { ConsultationSlot } from '../../../rota/consultation-slots.js';
import type { EffecteurService } from './store.js';
import { frenchTime, offsetName } from './when.js';

/** A free slot as the API and the page show it: local time, the MMG and the places left. */
export function slotView(
  slot: ConsultationSlot,
  services: readonly EffecteurService[],
  zone: string,
  territoryName: string,
) {
  const service = services.find((s) => s.id === slot.serviceId);
  return {
    serviceId: slot.serviceId,
    serviceName: service?.name ?? '',
    place: service?.place ?? territoryName,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    localTime: frenchTime(slot.startsAt, zone),
    /** "UTC+2" / "UTC+1": the two 02:15 of the October night differ by it. */
    offset: offsetName(slot.startsAt, zone),
    free: slot.free,
    capacity: slot.capacity,
  };
}
export type SlotView = ReturnType<typeof slotView>;

/** The page's and the API's words for what happens to the booking SMS. */
export const smsNotes = {
  possible:
    'Le patient recevra par SMS l’heure et l’adresse, et pourra annuler en répondant ANNULER.',
  queued: 'SMS en cours d’envoi au patient : heure, adresse, et ANNULER pour annuler.',
  kept: 'SMS enregistré, envoi dès que possible : heure, adresse, et ANNULER pour annuler. Si le patient est encore en ligne, donnez-lui l’heure et l’adresse.',
  hidden_number:
    'Numéro masqué : aucun SMS ne peut être envoyé. Donnez l’heure et l’adresse au patient de vive voix.',
  not_mobile:
    'Le patient a appelé d’un fixe : aucun SMS ne peut être envoyé. Donnez l’heure et l’adresse de vive voix.',
} as const;
