import { z } from 'zod';
import { displayName } from '../platform/params.js';
import { toE164 } from '../platform/phone-numbers.js';

/** Languages a professional may speak with a patient (the IVR's catalogues and then some). */
export const professionalLanguages = ['fr', 'en', 'de', 'es', 'it', 'br'] as const;

/** A French or international number, normalised to E.164; the message is shown as is in the web app. */
export const mobileNumber = z.string().transform((value, ctx) => {
  const e164 = toE164(value);
  if (!e164)
    ctx.addIssue({
      code: 'custom',
      message: `« ${value} » n'est pas un numéro valide (ex. 06 12 34 56 78)`,
    });
  return e164 ?? '';
});

export const newProfessional = z.object({
  territoryId: z.string().uuid('territoire invalide'),
  name: displayName(2, 120),
  profession: z.string().trim().min(2, 'profession requise').max(80),
  mobile: mobileNumber,
  email: z.string().email('e-mail invalide').nullable().default(null),
  languages: z.array(z.enum(professionalLanguages)).min(1, 'au moins une langue').default(['fr']),
  serviceIds: z.array(z.string().uuid()).default([]),
});
export type NewProfessional = z.infer<typeof newProfessional>;

// No defaults here: a field left out of a patch is left as it is.
export const professionalPatch = z
  .object({
    name: displayName(2, 120),
    profession: z.string().trim().min(2, 'profession requise').max(80),
    mobile: mobileNumber,
    email: z.string().email('e-mail invalide').nullable(),
    languages: z.array(z.enum(professionalLanguages)).min(1, 'au moins une langue'),
  })
  .partial();
export type ProfessionalPatch = z.infer<typeof professionalPatch>;
