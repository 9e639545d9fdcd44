import { z } from 'zod';
import type { RegulationDecision } from '../../../db/schema/regulation.js';
import { instant, uuidParam } from '../../platform/params.js';
import {
  decisionLabels,
  decisions,
  reasonCodes,
  type Decision,
  type ReasonCode,
} from './catalogue-fr.js';

// The catalogue names exactly the decisions the table stores.
const _sameDecisions: Record<RegulationDecision, string> = decisionLabels;
void _sameDecisions;

/** What a régulateur records on a fiche, whichever door it came by (the page, the API). */
export interface FicheInput {
  reasonCode: ReasonCode;
  reasonText: string | null;
  decision: Decision;
  prescription: boolean;
  prescriptionText: string | null;
  decidedAt: Date;
}

// Free text keeps its line breaks; other control characters (a NUL byte PostgreSQL refuses) do not pass.
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const noControls = 'caractères de contrôle interdits. No control characters.';
const freeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${max} caractères au plus. At most ${max} characters.`)
    .refine((s) => !controls.test(s), noControls)
    .transform((s) => s || null);
const reasonCode = z.enum(reasonCodes, { error: 'motif inconnu. Unknown reason.' });
const decision = z.enum(decisions, { error: 'décision inconnue. Unknown decision.' });

/** PUT /api/fiches/:id: the whole fiche; `decidedAt` defaults to now. */
export const ficheApiBody = z
  .object({
    reasonCode,
    reasonText: freeText(500).nullish(),
    decision,
    prescription: z.boolean({ error: 'true ou false attendu. Boolean expected.' }),
    prescriptionText: freeText(500).nullish(),
    decidedAt: instant.optional(),
  })
  .strict();

/** The fiche page's form: strings; the time of the decision in the territory's wall-clock time. */
export const ficheFormBody = z.object({
  reasonCode,
  reasonText: freeText(500).default(''),
  decision,
  prescription: z.enum(['oui', 'non'], {
    error: 'ordonnance : oui ou non. Prescription: yes or no.',
  }),
  prescriptionText: freeText(500).default(''),
  decidedAt: z
    .string({ error: 'heure de la décision attendue.' })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'heure de la décision : jj/mm/aaaa hh:mm attendu.'),
});

/** POST …/addenda: one correction, appended. */
export const addendumBody = z.object({
  text: z
    .string({ error: 'texte de l’addendum attendu. Text expected.' })
    .trim()
    .min(1, 'L’addendum est vide. Empty addendum.')
    .max(2000, '2000 caractères au plus. At most 2000 characters.')
    .refine((s) => !controls.test(s), noControls),
});

export const ficheIdParam = uuidParam;

/**
 * A call in a fiche URL: the record's id (uuid) or Twilio's CallSid. Anything else names no call
 * (a 404 without a query).
 */
export const callRefParam = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
