import { slotSpan, type SlotDay, type TemplateSlot } from './shift-template.js';

/**
 * Template checks and the usual grids. A template is edited by a coordinator in a form: the
 * API refuses it with French messages rather than expanding nonsense (overlapping slots on the
 * same day would ring two primaries at once).
 */

export interface TemplateError {
  /** Index of the slot in the template, or null for the template as a whole. */
  slot: number | null;
  message: string;
}

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const allDays: SlotDay[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday', 'pont'];

/**
 * Every problem of a template: bad times, levels outside 1–9, duplicate names, unknown day
 * tags, slots longer than 24 h, and two slots listing the same day whose hours overlap.
 * An empty list means the template can be expanded.
 */
export function validateTemplate(slots: TemplateSlot[]): TemplateError[] {
  const errors: TemplateError[] = [];
  const names = new Set<string>();
  slots.forEach((slot, i) => {
    const fail = (message: string) =>
      errors.push({ slot: i, message: `créneau « ${slot.name} » : ${message}` });
    if (!slot.name || slot.name.includes('|')) fail('nom vide ou contenant « | »');
    if (names.has(slot.name)) fail('nom déjà utilisé');
    names.add(slot.name);
    if (!hhmm.test(slot.start)) fail(`heure de début invalide « ${slot.start} »`);
    if (!hhmm.test(slot.end) && slot.end !== '24:00') fail(`heure de fin invalide « ${slot.end} »`);
    if (!Number.isInteger(slot.levels) || slot.levels < 1 || slot.levels > 9)
      fail(`nombre de niveaux invalide « ${slot.levels} » (1 à 9)`);
    if (slot.days.length === 0) fail('aucun jour');
    for (const day of slot.days) if (!allDays.includes(day)) fail(`jour inconnu « ${day} »`);
  });
  if (errors.length > 0) return errors;
  for (let i = 0; i < slots.length; i += 1) {
    for (let j = i + 1; j < slots.length; j += 1) {
      const [a, b] = [slots[i]!, slots[j]!];
      const shared = a.days.filter((d) => b.days.includes(d));
      const [x, y] = [slotSpan(a), slotSpan(b)];
      if (shared.length > 0 && x.from < y.to && y.from < x.to) {
        errors.push({
          slot: j,
          message: `créneaux « ${a.name} » et « ${b.name} » se chevauchent (${shared.join(', ')})`,
        });
      }
    }
  }
  return errors;
}

const everyDay: SlotDay[] = [...allDays];

/** The usual MMG grid: nights 20–08 every day, Saturday 12–20, Sunday/holiday/pont 08–20. */
export function defaultGrid(levels = 1): TemplateSlot[] {
  return [
    { name: 'nuit', days: everyDay, start: '20:00', end: '08:00', levels, kind: 'weeknight' },
    { name: 'samedi', days: ['sat'], start: '12:00', end: '20:00', levels, kind: 'saturday' },
    {
      name: 'jour',
      days: ['sun', 'holiday', 'pont'],
      start: '08:00',
      end: '20:00',
      levels,
      kind: 'sunday_holiday',
    },
  ];
}

/**
 * The split-night variant: 20–24 then 00–08, so the late evening and the deep night can go
 * to different people. The 00–08 slot on date D ends the night that began on D − 1.
 */
export function splitNightGrid(levels = 1): TemplateSlot[] {
  return [
    { name: 'soir', days: everyDay, start: '20:00', end: '24:00', levels, kind: 'weeknight' },
    {
      name: 'nuit-profonde',
      days: everyDay,
      start: '00:00',
      end: '08:00',
      levels,
      kind: 'weeknight',
    },
    { name: 'samedi', days: ['sat'], start: '12:00', end: '20:00', levels, kind: 'saturday' },
    {
      name: 'jour',
      days: ['sun', 'holiday', 'pont'],
      start: '08:00',
      end: '20:00',
      levels,
      kind: 'sunday_holiday',
    },
  ];
}
