import { z } from 'zod';

/**
 * The shapes of a shift write, once for every door: the JSON API (create, patch), the add and
 * edit forms. The command checks the rules that need the database (territory, membership,
 * overlaps) and those every door shares (1–9, end after start, 48 h, five years of now).
 */

export const shiftId = z.string().uuid('identifiant invalide');
const uuid = z.string().uuid('identifiant invalide');
const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue');
const instant = z
  .string()
  .datetime({ offset: true, message: 'instant ISO 8601 avec fuseau attendu' });
const levelRange = (n: z.ZodNumber) =>
  n.int('niveau entier attendu').min(1, 'niveau de 1 à 9').max(9, 'niveau de 1 à 9');

/** A level as JSON sends it (a number) and as a form sends it (text). */
export const level = levelRange(z.number({ error: 'niveau invalide' }));
const formLevel = levelRange(z.coerce.number({ error: 'niveau invalide' }));

/** ISO instants. */
export const instantTime = z.object({ startsAt: instant, endsAt: instant });
/** A local date and wall-clock times in the territory's zone; an end at or before the start is the next day. */
export const localTime = z.object({
  date: localDate,
  start: z.string().regex(hhmm, 'heure HH:MM attendue'),
  end: z.string().regex(hhmm, 'heure HH:MM attendue'),
  disambiguation: z.enum(['earlier', 'later']).optional(),
});
export const shiftTime = z.union([instantTime, localTime]);
export type ShiftTime = z.infer<typeof shiftTime>;

/** POST /api/shifts. */
export const shiftCreateBody = z
  .object({ serviceId: uuid, professionalId: uuid.nullable(), level: level.default(1) })
  .and(shiftTime);

/** PATCH /api/shifts/:id: any field; local times all three, instants one or both. */
export const shiftPatchBody = z
  .object({
    serviceId: uuid.optional(),
    professionalId: uuid.nullable().optional(),
    level: level.optional(),
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    date: localDate.optional(),
    start: z.string().regex(hhmm, 'heure HH:MM attendue').optional(),
    end: z.string().regex(hhmm, 'heure HH:MM attendue').optional(),
    disambiguation: z.enum(['earlier', 'later']).optional(),
  })
  .refine(
    (b) => [b.date, b.start, b.end].every((v) => v === undefined) || (b.date && b.start && b.end),
    {
      message: 'date, début et fin ensemble',
      path: ['date'],
    },
  );

/** The edit form (and, with the service, the add form): text fields of a browser. */
export const shiftFormBody = z.object({
  date: localDate,
  start: z.string().regex(hhmm, 'heure de début HH:MM attendue'),
  end: z.string().regex(hhmm, 'heure de fin HH:MM attendue'),
  level: formLevel,
  professionalId: z
    .union([z.literal(''), z.string().uuid('professionnel invalide')])
    .optional()
    .transform((v) => v || null),
});
export const shiftAddFormBody = shiftFormBody.extend({
  serviceId: z.string().uuid('service introuvable'),
  // The add form's level may be left empty: the primary.
  level: z.preprocess((v) => (v === '' || v === undefined ? 1 : v), formLevel),
});

export const assignFormBody = z.object({
  professionalId: z.union([z.literal(''), z.string().uuid('professionnel invalide')]),
});
