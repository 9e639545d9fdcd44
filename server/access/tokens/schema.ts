import { z } from 'zod';

export const newToken = z.object({
  name: z.string().trim().min(2, 'nom requis (ex. « export tableur »)').max(80),
  territoryId: z.string().uuid('territoire invalide'),
});
export type NewToken = z.infer<typeof newToken>;
