import { localDateOf, localHourMinute } from '../../../rota/calendar/local-date.js';

/** An instant as the territory reads it: « mardi 24 novembre 2026 à 22:15 ». */
export const spokenTime = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);

/** An instant as a datetime-local field's value (AAAA-MM-JJTHH:MM) in the territory's zone. */
export function localInputValue(at: Date, timeZone: string): string {
  const minutes = localHourMinute(at, timeZone);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${localDateOf(at, timeZone)}T${hh}:${mm}`;
}
