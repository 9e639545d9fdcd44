import { z } from 'zod';

/**
 * An INSEE commune code: 5 characters, the département first (2A/2B for Corsica, 971–976
 * overseas): 56007 Auray, 2A004 Ajaccio. Not a postcode (Auray's is 56400).
 */
export const inseeCommune = z
  .string()
  .trim()
  .regex(
    /^(\d{5}|2[AB]\d{3})$/,
    'code INSEE de 5 caractères attendu (56007, 2A004). INSEE code expected.',
  );

export const inseeCommunesInput = z.object({
  communes: z
    .array(inseeCommune)
    .max(2000, '2 000 communes au plus. At most 2,000 communes.')
    .transform((codes) => [...new Set(codes)].sort()),
});

const path = z.string().trim().min(1).max(500);
const url = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) => URL.canParse(value) && /^https?:\/\//.test(value),
    'URL http(s) attendue. http(s) URL expected.',
  );

/** One file by path or by URL; the activity file is required, the savoir-faire one optional. */
export const directoryImportInput = z
  .object({
    personPath: path.optional(),
    personUrl: url.optional(),
    savoirFairePath: path.optional(),
    savoirFaireUrl: url.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (Boolean(input.personPath) === Boolean(input.personUrl))
      ctx.addIssue({
        code: 'custom',
        path: ['personPath'],
        message: 'personPath ou personUrl, l’un des deux. One of personPath or personUrl.',
      });
    if (input.savoirFairePath && input.savoirFaireUrl)
      ctx.addIssue({
        code: 'custom',
        path: ['savoirFairePath'],
        message: 'savoirFairePath ou savoirFaireUrl, pas les deux. Not both.',
      });
  });
export type DirectoryImportInput = z.infer<typeof directoryImportInput>;
