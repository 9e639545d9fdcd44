import { z } from 'zod';
import { periodProblem } from '../../../rota/tableau.js';
import { localDate, uuidParam } from '../../platform/params.js';

/** A tableau's service and period: at least three months (R6315-2), the end after the start. */
export const tableauSpan = z
  .object({ service: uuidParam, du: localDate, au: localDate })
  .superRefine((r, ctx) => {
    // zod runs this even when a date failed above: compare only two real days.
    if (!localDate.safeParse(r.du).success || !localDate.safeParse(r.au).success) return;
    if (Date.parse(r.au) - Date.parse(r.du) > 400 * 86_400_000)
      return void ctx.addIssue({
        code: 'custom',
        path: ['au'],
        message: 'période de 400 jours au plus',
      });
    const problem = periodProblem(r.du, r.au);
    if (problem) ctx.addIssue({ code: 'custom', path: ['au'], message: problem });
  });
export type TableauSpan = z.infer<typeof tableauSpan>;

/** "Marquer envoyé le …": the span, and the day it went to the Ordre. */
export const sentMark = z.object({ envoyeLe: localDate }).and(tableauSpan);

/** The printable month of a service's rota. */
export const printQuery = z.object({
  service: uuidParam,
  mois: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'mois AAAA-MM attendu')
    .refine((m) => localDate.safeParse(`${m}-01`).success, 'mois inexistant'),
});
