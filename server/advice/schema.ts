import { z } from 'zod';
import { toE164 } from '../platform/phone-numbers.js';

const weekdays = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
/** A weekday's French name, ISO numbering (1 lundi … 7 dimanche). */
export const weekdayName = (weekday: number) => weekdays[weekday - 1] ?? String(weekday);

const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'heure au format HH:MM (00:00 à 24:00)');

export const adviceWindow = z
  .object({ weekday: z.number().int().min(1).max(7), start: time, end: time })
  .refine((w) => w.start < w.end, {
    message: 'la fin du créneau doit suivre son début',
    path: ['end'],
  });
export type AdviceWindowInput = z.infer<typeof adviceWindow>;

/** « mardi 12:30–13:30 » (or 12h30-13h30), one per line, as the page's form takes them. */
export function parseWindowLines(text: string): AdviceWindowInput[] | string {
  const windows: AdviceWindowInput[] = [];
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(\p{L}+)\s+(\d{1,2})[:h](\d{2})\s*[-–à]+\s*(\d{1,2})[:h](\d{2})$/iu.exec(line);
    const weekday = m ? weekdays.indexOf(m[1]!.toLowerCase()) + 1 : 0;
    const pad = (s: string) => s.padStart(2, '0');
    const parsed =
      m && weekday > 0
        ? adviceWindow.safeParse({
            weekday,
            start: `${pad(m[2]!)}:${m[3]}`,
            end: `${pad(m[4]!)}:${m[5]}`,
          })
        : null;
    if (!parsed?.success)
      return `Créneau non compris : « ${line.slice(0, 40)} » (ex. mardi 12:30–13:30)`;
    windows.push(parsed.data);
  }
  return windows;
}

const phone = z
  .string()
  .max(30)
  .transform((s, ctx) => {
    const e164 = toE164(s);
    if (!e164) ctx.addIssue({ code: 'custom', message: 'numéro de téléphone invalide' });
    return e164 ?? '';
  });

/** An advice offer, from the API or the page (the page turns its text lines into windows). */
export const adviceOfferInput = z.object({
  /** The specialist's directory entry: a professional's own by default; managers name one. */
  entryId: z.string().uuid('fiche d’annuaire invalide').optional(),
  specialty: z.string().regex(/^[A-Z0-9]{2,8}$/, 'code de spécialité invalide'),
  windows: z.array(adviceWindow).min(1, 'au moins un créneau').max(28),
  directLine: phone.nullable().optional(),
  deadlineHours: z
    .number()
    .int()
    .min(1, 'au moins 1 heure')
    .max(336, '14 jours au plus')
    .default(48),
});
export type AdviceOfferInput = z.infer<typeof adviceOfferInput>;

export const idParam = z.string().uuid('identifiant invalide');
