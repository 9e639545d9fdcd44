import { z } from 'zod';
import { returnHomeItemKinds } from '../../db/schema/index.js';
import { displayName, localDate } from '../platform/params.js';

const entryId = z
  .string()
  .trim()
  .uuid('choisissez une personne ou une structure de l’annuaire. Pick a directory entry.');
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** A new return-home item: its kind, words for an 'other', a due day (Paris), an assignee. */
export const newItem = z
  .object({
    kind: z.enum(returnHomeItemKinds, { message: 'type de tâche inconnu. Unknown item kind.' }),
    // No control characters: a NUL is refused by PostgreSQL, a line break would reach the e-mail.
    label: displayName(0, 200).default(''),
    due: optional(localDate),
    assignee: optional(entryId),
  })
  .refine((v) => v?.kind !== 'other' || (typeof v.label === 'string' && v.label.length > 0), {
    message: 'décrivez la tâche. Describe the item.',
    path: ['label'],
  });
export type NewItem = z.infer<typeof newItem>;

export const assignment = z.object({ assignee: entryId });

/** Ticked (done) or unticked: a form sends "true"/"false", the API a boolean. */
export const tick = z.object({
  done: z.preprocess(
    (v) => (v === 'true' ? true : v === 'false' ? false : v),
    z.boolean({ message: 'done attendu : true ou false. done must be true or false.' }),
  ),
});
