import { z } from 'zod';
import { instant, localDate, uuidParam } from '../../platform/params.js';

/** POST /api/calls/:callId/consultations: which slot, named by its service and start. */
export const bookingBody = z.object({
  serviceId: uuidParam,
  startsAt: instant,
});

/** The page's slot buttons post `serviceId@ISO instant` in one field. */
export const slotChoice = z
  .string({ error: 'Choisissez un créneau. Choose a slot.' })
  .max(100)
  .transform((value, ctx) => {
    const [serviceId = '', startsAt = ''] = value.split('@');
    const parsed = bookingBody.safeParse({ serviceId, startsAt });
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: 'custom', message: 'Créneau illisible. Unreadable slot.' });
    return z.NEVER;
  });

export const consultationOutcome = z.enum(['honoured', 'no_show'], {
  error: 'honoured ou no_show attendu. honoured or no_show expected.',
});

/** POST /api/consultations/:id/outcome. */
export const outcomeBody = z.object({ outcome: consultationOutcome });

/** ?jour=AAAA-MM-JJ on /consultations: the duty day starting that date (default: the current one). */
export const dayQuery = z.object({
  jour: z.preprocess((v) => (v === '' ? undefined : v), localDate.optional()),
});
