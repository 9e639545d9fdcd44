import { weekdayOf } from '../../../rota/calendar/local-date.js';

/** How the tableau's files say dates and names (French, as the Ordre and the ARS read them). */

const weekdayLabel = {
  mon: 'lundi',
  tue: 'mardi',
  wed: 'mercredi',
  thu: 'jeudi',
  fri: 'vendredi',
  sat: 'samedi',
  sun: 'dimanche',
} as const;

/** 2027-01-04 → 04/01/2027. */
export const frenchDate = (date: string) =>
  `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** 2027-01-04 → lundi 04/01/2027. */
export const dayLabel = (date: string) => `${weekdayLabel[weekdayOf(date)]} ${frenchDate(date)}`;

/** 20:00–08:00, with the end day when the slot lasts beyond the next morning. */
export const hoursLabel = (slot: { date: string; start: string; end: string; endDate: string }) =>
  `${slot.start}–${slot.end}`;

/** An open slot on paper. */
export const openSlot = 'à pourvoir';

/** The file name of a tableau: tableau-de-garde-<service>-<du>-<au>. */
export const fileStem = (kind: string, serviceName: string, du: string, au: string) =>
  `${kind}-${serviceName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase()}-${du}-${au}`;
