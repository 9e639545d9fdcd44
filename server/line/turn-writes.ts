import { z } from 'zod';

/**
 * Every write a webhook turn owes, as plain data: planned from the flow's effects once, then
 * committed to PostgreSQL or, when it cannot answer, kept in the durable outbox and committed
 * later from there. Each write is idempotent (dedupe keys, first-wins updates, one open callback
 * per patient), so committing the same turn twice records it once. The schema parses an entry
 * read back from the outbox (an edge like any other).
 */
const outgoingSms = z.object({
  territoryId: z.string().nullable(),
  to: z.string(),
  from: z.string(),
  body: z.string(),
  kind: z.string(),
  dedupeKey: z.string(),
});
export type PlannedSms = z.infer<typeof outgoingSms>;

const callParties = z.object({
  territoryId: z.string().nullable(),
  fromNumber: z.string(),
  toNumber: z.string(),
  callerHidden: z.boolean(),
});

export const turnWritesSchema = z.object({
  /** The turn's idempotency key (Twilio's idempotency token when it sent one). */
  key: z.string().min(1).max(200),
  callSid: z.string(),
  at: z.coerce.date(),
  /** The call's record and first visit (the greeting turn only). */
  opening: z.object({ call: callParties, node: z.string() }).optional(),
  /** Who the patient call is between: the record is created from it if its opening is late. */
  parties: callParties.optional(),
  events: z.array(
    z.object({
      kind: z.string(),
      node: z.string().nullable().optional(),
      professionalId: z.string().nullable().optional(),
      detail: z.record(z.string(), z.unknown()).optional(),
      dedupeKey: z.string(),
    }),
  ),
  lang: z.enum(['fr', 'en']).optional(),
  connected: z
    .object({
      professionalId: z.string().nullable(),
      /** The territory's permanence (fallback line) answered, not a professional. */
      fallback: z.boolean().optional(),
      /** When a person answered, if this turn knows it (an unscreened call centre). */
      answeredAt: z.coerce.date().optional(),
    })
    .optional(),
  outcome: z
    .enum([
      'connected',
      'callback',
      'closed_hours',
      'hung_up_after_warning',
      'abandoned',
      'call_15_first',
      'pharmacy_info',
      'fallback',
    ])
    .optional(),
  callback: z
    .object({
      territoryId: z.string(),
      serviceId: z.string().nullable(),
      patientNumber: z.string(),
      lang: z.string(),
      reason: z.string(),
      dueBy: z.coerce.date(),
      confirmation: outgoingSms.nullable(),
    })
    .optional(),
  sms: z.array(outgoingSms),
  followUp: z.object({ delayMs: z.number().int().min(0) }).optional(),
  /** The call ended (its status callback): final status and duration. */
  ended: z
    .object({ status: z.string(), durationSeconds: z.number().int().min(0).nullable() })
    .optional(),
});
export type TurnWrites = z.infer<typeof turnWritesSchema>;

/** Does the turn owe anything to PostgreSQL? */
export const hasWrites = (w: TurnWrites): boolean =>
  Boolean(
    w.opening ||
    w.events.length ||
    w.lang ||
    w.connected ||
    w.outcome ||
    w.callback ||
    w.sms.length ||
    w.followUp ||
    w.ended,
  );
