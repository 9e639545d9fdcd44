/**
 * How a slot's time is written to a patient and on the pages: local wall time of the territory,
 * "21 h 15", and the day in words ("mardi 24 novembre"). Around the October change the same wall
 * time happens twice: the pages add the UTC offset to tell the two apart.
 */
const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, zone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: zone, ...options })));
  return f;
}

/** "21 h 15" in the zone. */
export function frenchTime(at: Date, zone: string): string {
  const parts = formatter('fr-FR', zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.hour} h ${parts.minute}`;
}

/** "mardi 24 novembre" / "Tuesday 24 November". */
export function dayInWords(at: Date, zone: string, lang: 'fr' | 'en' = 'fr'): string {
  return formatter(lang === 'en' ? 'en-GB' : 'fr-FR', zone, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(at);
}

/** "GMT+1" / "UTC+02:00"-like offset name, to tell apart the two 02:15 of the October night. */
export function offsetName(at: Date, zone: string): string {
  return (
    formatter('fr-FR', zone, { timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? ''
  );
}
