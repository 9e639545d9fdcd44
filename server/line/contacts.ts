import { resolveOnDuty } from '../../rota/on-duty.js';
import type { Contact } from '../../rota/types.js';
import type { RotaWindow } from '../planning/rota-window.js';
import type { LineContext } from './line-context.js';

/** The ordered numbers to ring for one service at `at`, the territory's fallback line last. */
export function contactsFrom(
  rota: RotaWindow,
  serviceId: string,
  at: Date,
  fallbackNumber: string | null,
): Contact[] {
  return resolveOnDuty({
    serviceId,
    at,
    shifts: rota.shifts,
    overrides: rota.overrides,
    professionals: rota.professionals,
    leave: rota.leave ?? [],
    fallback: fallbackNumber ? { name: 'Permanence', phone: fallbackNumber } : null,
  });
}

/** The doctors to ring for a patient on this line now. */
export function doctorContacts(context: LineContext, at: Date): Contact[] {
  const fallback = context.territory.territory.fallbackNumber;
  if (!context.doctorService) return fallback ? [fallbackContact(fallback)] : [];
  return contactsFrom(context.doctorRota, context.doctorService.id, at, fallback);
}

export function fallbackContact(phone: string): Contact {
  return {
    professionalId: null,
    name: 'Permanence',
    phone,
    level: 99,
    source: 'fallback',
    shiftId: null,
  };
}
