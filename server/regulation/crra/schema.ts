import { z } from 'zod';

/**
 * A call in a URL: its record's id (a uuid, as the fiche de régulation names it) or Twilio's
 * call sid. Anything else names no call: a 404, never a query.
 */
export const callRef = z.union([
  z
    .string()
    .uuid()
    .transform((id) => ({ id })),
  z
    .string()
    .regex(/^CA[A-Za-z0-9]{1,62}$/)
    .transform((sid) => ({ sid })),
]);
export type CallRef = z.infer<typeof callRef>;

/** The page's confirmation: the box must be ticked. */
export const handoffConfirmation = z.object({
  confirm: z.literal('oui', { message: 'Cochez la case pour confirmer le transfert au 15.' }),
});
