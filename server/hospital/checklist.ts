import type { ReturnHomeItemKind } from '../../db/schema/index.js';

/** The standard return-home items, in the order the checklist shows them. */
export const standardItems: readonly Exclude<ReturnHomeItemKind, 'other'>[] = [
  'home_nursing',
  'meal_delivery',
  'discharge_prescription',
  'pharmacy',
  'prado',
];

export const itemLabels: Record<ReturnHomeItemKind, string> = {
  home_nursing: 'Soins infirmiers à domicile',
  meal_delivery: 'Portage de repas',
  discharge_prescription: 'Ordonnance de sortie reçue',
  pharmacy: 'Pharmacie',
  prado: 'PRADO (retour à domicile de l’Assurance maladie)',
  other: 'Autre',
};

export interface StayDates {
  status: string;
  expectedDischargeAt: Date | null;
  dischargedAt: Date | null;
}

/**
 * When the return home must be ready: the expected discharge, else the discharge itself (a patient
 * sent home without notice). Null: nothing to organise yet (no date, or the stay was cancelled).
 */
export function returnHomeDue(stay: StayDates): Date | null {
  if (stay.status === 'cancelled') return null;
  return stay.expectedDischargeAt ?? stay.dischargedAt;
}

export interface ItemState {
  dueAt: Date | null;
  doneAt: Date | null;
}

/** An item is late when it is not done by its due date. */
export const isLate = (item: ItemState, now: Date): boolean =>
  item.doneAt === null && item.dueAt !== null && item.dueAt.getTime() < now.getTime();

/** "3/5", for the GP's list and the coordination's. */
export function progressOf(items: ItemState[], now: Date) {
  return {
    done: items.filter((i) => i.doneAt !== null).length,
    total: items.length,
    late: items.filter((i) => isLate(i, now)).length,
  };
}
