import { z } from 'zod';
import { isMobile, toE164 } from '../../platform/phone-numbers.js';

/** Results per page of the shared directory. */
export const directoryPageSize = 25;
/** Pages one may walk (1,000 people): past that, a narrower search is the answer, not page 41. */
export const directoryMaxPage = 40;

/** What a person may agree to receive, with the label the form shows. */
export const directoryOptIns = {
  hospitalNotices: 'Avis d’hospitalisation et de sortie de mes patients',
  adviceBySms: 'Demandes d’avis de confrères par SMS',
} as const;
export type DirectoryOptIn = keyof typeof directoryOptIns;
export const optInKeys = Object.keys(directoryOptIns) as DirectoryOptIn[];

export const visibilities = ['professionals', 'hidden'] as const;

// NUL bytes are refused by PostgreSQL in text (a 500): nobody types one into a search box.
const noNul = (s: string) => !s.includes('\u0000');
// A form's empty select posts '': no filter.
const optionalCode = z
  .string()
  .trim()
  .max(12)
  .regex(/^[0-9A-Za-z]*$/, 'code invalide. Invalid code.')
  .transform((s) => (s === '' ? undefined : s.toUpperCase()))
  .optional();

/** A search of the shared directory, as a query string (page and API alike). */
export const directorySearch = z.object({
  q: z
    .string()
    .max(120, 'recherche trop longue (120 caractères au plus). Search too long.')
    .refine(noNul, 'caractère invalide. Invalid character.')
    .default(''),
  profession: optionalCode,
  specialty: optionalCode,
  commune: z
    .string()
    .trim()
    .regex(/^(\d[0-9AB]\d{3})?$/, 'code INSEE de commune invalide. Invalid commune code.')
    .transform((s) => (s === '' ? undefined : s))
    .optional(),
  /** '1': show those who no longer practise (n'exerce plus), marked. */
  gone: z
    .enum(['', '0', '1'])
    .transform((s) => s === '1')
    .default(false),
  page: z.coerce
    .number({ error: 'page invalide. Invalid page.' })
    .int('page invalide. Invalid page.')
    .min(1, 'page invalide. Invalid page.')
    .max(
      directoryMaxPage,
      `au-delà de la page ${directoryMaxPage}, précisez la recherche. Narrow the search.`,
    )
    .default(1),
});
export type DirectorySearch = z.infer<typeof directorySearch>;

/** A French number (+33), normalised to E.164; '' or null clears it. */
const frenchNumber = (what: string, mobileOnly: boolean) =>
  z
    .string()
    .max(40, `${what} : numéro trop long`)
    .nullable()
    .transform((value, ctx) => {
      if (value === null || value.trim() === '') return null;
      const e164 = toE164(value);
      if (!e164 || !e164.startsWith('+33')) {
        ctx.addIssue({
          code: 'custom',
          message: `${what} : « ${value} » n'est pas un numéro français valide (ex. 02 97 12 34 56)`,
        });
        return null;
      }
      if (mobileOnly && !isMobile(e164))
        ctx.addIssue({ code: 'custom', message: `${what} : « ${value} » n'est pas un mobile` });
      return e164;
    });

/**
 * An MSSanté address is an e-mail on an MSSanté operator's domain (…@medecin.mssante.fr,
 * …@ch-xxx.mssante.fr, or an operator's own domain listed in the ANS's national directory): the
 * list of operators' domains changes, so any valid e-mail is accepted and the person answers for it.
 */
const mssanteAddress = z
  .string()
  .max(200)
  .nullable()
  .transform((value, ctx) => {
    if (value === null || value.trim() === '') return null;
    const parsed = z.string().trim().toLowerCase().email().safeParse(value);
    if (!parsed.success)
      ctx.addIssue({
        code: 'custom',
        message: `Adresse MSSanté : « ${value} » n'est pas une adresse e-mail valide`,
      });
    return parsed.success ? parsed.data : null;
  });

const nationalField = z.never({
  error:
    'mis à jour par l’import de l’Annuaire Santé : non modifiable ici. Set by the national import.',
});

/**
 * The local fields of an entry (mobile, direct line, MSSanté, visibility, opt-ins): what its
 * person or the territory's managers change. A field left out is left as it is; national fields
 * are refused by name (the import owns them).
 */
export const entryLocalPatch = z
  .object({
    mobile: frenchNumber('Mobile', true),
    directLine: frenchNumber('Ligne directe', false),
    mssante: mssanteAddress,
    visibility: z.enum(visibilities, { error: 'visibilité : professionals ou hidden' }),
    optIns: z.partialRecord(z.enum(optInKeys), z.boolean()),
    /** The on-call professional (and so the login) this person is: set by the managers only. */
    professionalId: z.string().uuid('professionnel invalide. Invalid professional.').nullable(),
    // National fields, named so that sending one says why it is refused.
    civility: nationalField,
    lastName: nationalField,
    firstName: nationalField,
    rpps: nationalField,
    nationalId: nationalField,
    professionCode: nationalField,
    specialtyCodes: nationalField,
  })
  .partial()
  .strict();
export type EntryLocalPatch = z.infer<typeof entryLocalPatch>;
